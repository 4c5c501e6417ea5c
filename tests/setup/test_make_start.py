"""`make start`, the README's first command, serves the course on 127.0.0.1 and opens the start page."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code  # 403 without the token: the server is up and guarded
    except OSError:
        return None


def test_make_start_serves_the_start_page(tmp_path):
    port = free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "BROWSER": "true"}  # no real browser
    log = (tmp_path / "start.log").open("w")
    process = subprocess.Popen(["make", "start", f"LAB_PORT={port}"], cwd=REPO, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while (code := status(port)) is None:
            assert process.poll() is None, (tmp_path / "start.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "make start did not serve within 180 s"
            time.sleep(0.5)
        assert code in (200, 403)
        opened = " ".join(p.read_text() for p in tmp_path.glob("jpserver-file-to-run-*-open.html"))
        assert f"http://127.0.0.1:{port}/lab/tree/notebooks/00_start_here.ipynb" in opened
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()

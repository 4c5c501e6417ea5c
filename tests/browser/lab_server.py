"""Fixtures for the browser tests: a real JupyterLab server and headless Chromium.

Registered by tests/browser/conftest.py. Nothing here runs unless a
test asks for one of the fixtures, so the other test modules do not pay for it.

The server serves a temporary copy of notebooks/, quizzes/ and assets/ (the kernel
finds it through BONEMETS_ROOT), so running cells can never write outputs into the
committed notebooks. JUPYTER_CONFIG_DIR, JUPYTER_DATA_DIR, JUPYTER_RUNTIME_DIR and
IPYTHONDIR are temporary too, so the user's own settings and workspaces stay out.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
COURSE_DIRS = ("notebooks", "quizzes", "assets")
OUTPUT_DIR = REPO_ROOT / "test-output" / "browser"
CHROMIUM = Path(os.environ.get("BONEMETS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
SERVER_START_TIMEOUT_S = 90
# Default for every Playwright wait; the slow steps (first page load, running all
# cells) pass their own, longer timeout.
ACTION_TIMEOUT_MS = 60_000


@dataclass
class LabServer:
    base_url: str
    token: str
    root: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def url(self, path: str) -> str:
        """The browser URL of a JupyterLab path such as 'lab/tree/notebooks/x.ipynb'."""
        return f"{self.base_url}/{path.lstrip('/')}?{urlencode({'token': self.token})}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copy_course(target: Path) -> None:
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name in COURSE_DIRS:
        source = REPO_ROOT / name
        if not source.is_dir():
            pytest.fail(f"{source} is missing; the browser tests serve a copy of {', '.join(COURSE_DIRS)}")
        shutil.copytree(source, target / name, ignore=ignore)
    _add_practice_notebook(target)


PRACTICE_NOTEBOOK = "90_every_item_type.ipynb"


def _add_practice_notebook(course: Path) -> None:
    """A self-check of every item type (tests/fixtures/90_item_types.yaml) for the keyboard and axe tests.

    Only in the served copy: the fixture's items become self-check items citing a real reference key.
    """
    import nbformat
    import yaml
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    bank = yaml.safe_load((REPO_ROOT / "tests" / "fixtures" / "90_item_types.yaml").read_text())
    for item in bank["items"]:
        item["use"] = ["self_check"]
        item["references"] = ["coleman2006"]
    (course / "quizzes" / "90_item_types.yaml").write_text(yaml.safe_dump(bank, sort_keys=False))
    nb = new_notebook(cells=[
        new_markdown_cell("# Practice: every question type\n\nTest page with one question of each type."),
        new_code_cell('from bonemets.learner.quiz import show_quiz\n\nshow_quiz("90")'),
    ], metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    nbformat.write(nb, course / "notebooks" / PRACTICE_NOTEBOOK)


def _server_env(scratch: Path, course: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        path = scratch / name.lower()
        path.mkdir()
        env[name] = str(path)
    env["BONEMETS_ROOT"] = str(course)
    # Quiet the "frozen modules" note the debugger prints on kernel start.
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _wait_until_up(server: LabServer, timeout_s: float) -> None:
    status_url = f"{server.base_url}/api/status?{urlencode({'token': server.token})}"
    deadline = time.monotonic() + timeout_s
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {server.process.returncode} before answering "
                        f"{server.base_url}/api/status. Its log:\n{server.log()}")
        try:
            with urllib.request.urlopen(status_url, timeout=5) as response:
                json.load(response)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError) as exc:
            last_error = repr(exc)
        time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer {server.base_url}/api/status within {timeout_s:.0f} s "
                f"(last error: {last_error}). Its log:\n{server.log()}")


def _stop(process: subprocess.Popen) -> None:
    """Terminate the server (it shuts its kernels down), then kill it if it hangs.

    A kernel whose server was killed exits by itself: ipykernel watches its parent.
    """
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of the course."""
    scratch = tmp_path_factory.mktemp("jupyterlab")
    course = scratch / "course"
    course.mkdir()
    _copy_course(course)
    env = _server_env(scratch, course)
    # The course's quiet settings (no news pop-up, no update check) live in
    # sys.prefix/share/jupyter/lab/settings/overrides.json; writing them is idempotent.
    subprocess.run([sys.executable, "-m", "bonemets.labsetup"], check=True, env=env,
                   capture_output=True, text=True)
    port, token = _free_port(), secrets.token_hex(24)
    log_path = scratch / "jupyterlab.log"
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # fail loudly rather than move to a port nobody polls
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={course}",
    ]
    with log_path.open("w", encoding="utf-8") as log:
        # Output goes to a file, not a pipe nobody reads: a full pipe would stall the server.
        process = subprocess.Popen(command, cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = LabServer(f"http://127.0.0.1:{port}", token, course, log_path, process)
    try:
        _wait_until_up(server, SERVER_START_TIMEOUT_S)
        yield server
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no downloaded browser)."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}. The browser tests need it: run "
                    "`make chromium` (apt-get install chromium) or set BONEMETS_CHROMIUM to its path.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"Playwright is not installed ({exc}); run `make install-test`.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser context and page; on failure, a screenshot and the console go to test-output/."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    new_page = context.new_page()
    console: list[str] = []
    new_page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    new_page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    try:
        yield new_page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
            shot = OUTPUT_DIR / f"{request.node.name}-failure.png"
            try:
                new_page.screenshot(path=shot, full_page=True)
                print(f"failure screenshot: {shot}")
            except Exception as exc:  # the page may be gone; the console still helps
                print(f"no failure screenshot: {exc}")
            print("browser console:\n" + "\n".join(console[-200:]))
            if "jupyterlab" in request.fixturenames:
                server = request.getfixturevalue("jupyterlab")
                print(f"JupyterLab log ({server.log_path}), last lines:\n" + "\n".join(server.log().splitlines()[-80:]))
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keep each phase's report on the item so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report

"""Benchmark: a fresh set-up (`make start` in a new clone until JupyterLab answers) and the test suite (`make test`).

Set-up: `git clone` of this repository into a temporary folder (read-only for the repository), then
`make start LAB_PORT=<free port>` there with BROWSER=true (no browser opens), which creates the virtual
environment inside the clone, installs the pinned packages (pip uses its local cache and the package registry)
and starts JupyterLab. The clock runs from the start of `make start` until http://127.0.0.1:<port>/api/status
answers (any HTTP status from the server counts, 403 included); then the process group is stopped. The time at
which the install step finished (the .venv/.course-installed stamp appears) is reported too.
Test suite: wall time of `make test` in this repository after its set-up (the environment already installed),
with the exit status; the benchmark reports it and does not fail when a test fails.
Writes bench/results/setup.json and bench/results/setup.md.

Targets (2 cores): set-up <= 90 s; test suite <= 6 minutes.

Run: make bench   (or .venv/bin/python bench/bench_setup.py [--skip-setup] [--skip-tests] [--keep DIR])
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget import REPO, machine, table, verdict, write_results  # noqa: E402

SETUP_TARGET_S, TESTS_TARGET_S = 90.0, 360.0
SETUP_TIMEOUT_S, TESTS_TIMEOUT_S = 900.0, 3600.0
SLOWEST = 15  # slowest tests listed in the report
# Not passed on to the make that is measured: a surrounding `make bench` must not change what it does.
NOT_INHERITED = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "VIRTUAL_ENV", "MPLBACKEND")


def clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_status(port: int) -> int | None:
    """The HTTP status of /api/status, or None while nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code  # 403 without the token: the server is up
    except OSError:
        return None


def stop(process: subprocess.Popen) -> None:
    """Stop the process group that this benchmark started (make, pip or jupyter lab and its children)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def measure_setup(work: Path) -> dict:
    clone = work / "course"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    port = free_port()
    runtime = work / "runtime"
    runtime.mkdir()
    env = clean_env()
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(REPO)))
    env.update(BROWSER="true", JUPYTER_RUNTIME_DIR=str(runtime))
    log_path = work / "make-start.log"
    stamp = clone / ".venv" / ".course-installed"
    installed_at, answered, code = None, None, None
    commands: list[tuple[float, str]] = []  # when make echoed each recipe line: the steps of the set-up
    recipe = re.compile(r"^(test -x|python3 |\.venv/|touch )")
    with log_path.open("w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(["make", "start", f"LAB_PORT={port}"], cwd=clone, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True, text=True, errors="replace")

        def read_output() -> None:
            for line in process.stdout:
                offset = time.perf_counter() - started
                log.write(f"[{offset:7.1f} s] {line}")
                if recipe.match(line):
                    commands.append((offset, line.strip()))

        reader = threading.Thread(target=read_output, daemon=True)
        reader.start()
        try:
            while time.perf_counter() - started < SETUP_TIMEOUT_S:
                if installed_at is None and stamp.exists():
                    installed_at = time.perf_counter() - started
                code = lab_status(port)
                if code is not None:
                    answered = time.perf_counter() - started
                    break
                if process.poll() is not None:
                    break
                time.sleep(0.25)
        finally:
            stop(process)
            reader.join(timeout=10)
    ends = [t for t, _ in commands[1:]] + [answered or time.perf_counter() - started]
    steps = [{"step": command[:100], "seconds": round(end - begin, 1)}
             for (begin, command), end in zip(commands, ends, strict=True)]
    result = {"seconds": round(answered, 1) if answered else None, "http_status": code, "port": port,
              "install_done_s": round(installed_at, 1) if installed_at else None, "steps": steps}
    if answered is None:
        result["error"] = ("make start exited before JupyterLab answered" if process.returncode is not None
                           else f"JupyterLab did not answer within {SETUP_TIMEOUT_S:.0f} s")
        result["log_tail"] = log_path.read_text(errors="replace")[-3000:]
    return result


def run_make_test(log_path: Path, *flags: str) -> tuple[float, int | None, str]:
    """Seconds, exit status and output of `make [flags] test` in this repository."""
    with log_path.open("w") as log:
        started = time.perf_counter()
        env = clean_env()
        # pytest also lists its slowest tests (what costs the time); this does not change what runs
        env["PYTEST_ADDOPTS"] = f"{env.get('PYTEST_ADDOPTS', '')} --durations={SLOWEST}".strip()
        process = subprocess.Popen(["make", *flags, "test"], cwd=REPO, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            process.wait(timeout=TESTS_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            stop(process)
        seconds = time.perf_counter() - started
    return seconds, process.returncode, log_path.read_text(errors="replace")


def pytest_summary(text: str) -> str | None:
    lines = [line.strip("= ") for line in text.splitlines()
             if re.match(r"^=+ .*\d+ (passed|failed|error|errors|skipped)\b.* in [\d.]+s", line)]
    return lines[-1] if lines else None


def slowest_tests(text: str) -> list[str]:
    """pytest's --durations lines ('12.34s call tests/test_x.py::test_y')."""
    return [line.strip() for line in text.splitlines() if re.match(r"^\d+\.\d+s (call|setup|teardown) ", line)]


def measure_tests(work: Path) -> dict:
    """`make test`; when it stops before pytest (the lint step failed), `make -i test` times the whole suite."""
    seconds, status, text = run_make_test(work / "make-test.log")
    result = {"seconds": round(seconds, 1), "exit_status": status, "pytest_summary": pytest_summary(text),
              "log_tail": text[-2000:] if status else ""}
    if status and result["pytest_summary"] is None:
        print(f"`make test` stopped after {seconds:.0f} s before the tests ran (exit status {status}); timing "
              "`make -i test` (errors ignored) for the whole suite ...", flush=True)
        seconds, _status, text = run_make_test(work / "make-i-test.log", "-i")
        result["stopped_early"] = {"seconds": result["seconds"], "why": text_before_tests(result["log_tail"])}
        result.update(seconds=round(seconds, 1), ran_as="make -i test", pytest_summary=pytest_summary(text))
    result["slowest_tests"] = slowest_tests(text)
    return result


def text_before_tests(log_tail: str) -> str:
    lines = [line for line in log_tail.splitlines() if re.match(r"^(Found \d+ error|make: \*\*\*)", line)]
    return "; ".join(lines) or log_tail[-300:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-setup", action="store_true", help="do not measure a fresh `make start`")
    parser.add_argument("--skip-tests", action="store_true", help="do not measure `make test` (several minutes)")
    parser.add_argument("--keep", help="keep the clone and the logs in this folder")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-setup-"))
    work.mkdir(parents=True, exist_ok=True)

    report: dict = {**machine(), "targets_s": {"setup": SETUP_TARGET_S, "tests": TESTS_TARGET_S}}
    rows, targets = [], {}
    if not args.skip_setup:
        print("Measuring a fresh `make start` in a new clone ...", flush=True)
        setup = measure_setup(work)
        report["setup"] = setup
        ok = setup["seconds"] is not None and setup["seconds"] <= SETUP_TARGET_S
        targets[f"set-up: fresh make start until JupyterLab answers <= {SETUP_TARGET_S:.0f} s"] = ok
        shown = f"{setup['seconds']}" if setup["seconds"] is not None else f"no answer ({setup['error']})"
        rows.append(["set-up: fresh clone, `make start` until JupyterLab answers", shown, f"{SETUP_TARGET_S:.0f}",
                     f"{setup['seconds'] / SETUP_TARGET_S:.2f}" if setup["seconds"] else "", verdict(ok)])
        rows += [[f"  step: `{step['step']}`", step["seconds"], "", "", ""] for step in setup["steps"]]
    if not args.skip_tests:
        print("Measuring `make test` (several minutes) ...", flush=True)
        tests = measure_tests(work)
        report["tests"] = tests
        ok = tests["seconds"] <= TESTS_TARGET_S
        targets[f"test suite: make test <= {TESTS_TARGET_S / 60:.0f} minutes"] = ok
        how = (f"`make test` exit status {tests['exit_status']}" if "stopped_early" not in tests else
               f"`make test` stopped after {tests['stopped_early']['seconds']} s with exit status "
               f"{tests['exit_status']} ({tests['stopped_early']['why']}), so timed as `make -i test`")
        rows.append([f"test suite ({how}; pytest: {tests['pytest_summary']})",
                     tests["seconds"], f"{TESTS_TARGET_S:.0f}", f"{tests['seconds'] / TESTS_TARGET_S:.2f}",
                     verdict(ok)])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    report["targets_met"] = targets
    lines = [f"# Set-up and test suite ({report['cores']} cores, load average {report['load_average_1min']})", "",
             *table(["what", "seconds", "target s", "x target", "target"], rows), "",
             "No floor is defined for these two: each figure is given as a share of its target.", "",
             *(f"- {target}: {verdict(ok)}" for target, ok in targets.items())]
    if report.get("tests", {}).get("slowest_tests"):
        lines += ["", "Slowest tests (pytest --durations):", "",
                  *(f"- `{line}`" for line in report["tests"]["slowest_tests"])]
    if not rows:
        lines.append("Nothing measured (--skip-setup and --skip-tests).")
    write_results("setup", report, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())

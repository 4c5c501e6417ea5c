"""A throw-away JupyterHub classroom made with deploy/provision.py: real Linux accounts, a temporary exchange.

Used by tests/setup/test_classroom.py and bench/bench_classroom.py. Needs root. The software comes from the
provisioning script's `software` step at PREFIX (made by `make install-test`); everything else (accounts,
groups, exchange, nbgrader config, hub config and state) is made here under a temporary folder and a random
tag, and `Classroom.remove()` takes it all away again.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
PREFIX = Path(os.environ.get("BONEMETS_CLASSROOM_PREFIX", "/opt/bonemets-test"))
PROVISION = REPO / "deploy" / "provision.py"
COURSE_DIR = "breast-cancer-in-bone"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def provision(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["/usr/bin/python3", str(PROVISION), *args], capture_output=True, text=True,
                            timeout=900)
    if result.returncode:
        raise AssertionError(f"provision {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def software_problem() -> str | None:
    """Why the classroom cannot be built here, or None."""
    if os.geteuid() != 0:
        return "needs root (creates Linux accounts)"
    if not (PREFIX / "venv" / "bin" / "jupyterhub").exists():
        return f"no classroom software at {PREFIX}: run `make install-test` as root"
    return None


@dataclass
class Classroom:
    root: Path
    students: list[str]
    tag: str = field(default_factory=lambda: "bm" + secrets.token_hex(3))
    port: int = field(default_factory=free_port)
    hub: subprocess.Popen | None = None

    @property
    def instructor(self) -> str:
        return f"{self.tag}teach"

    @property
    def accounts(self) -> list[str]:
        return [self.instructor, *self.students]

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def config_dir(self) -> Path:
        return self.root / "etc-jupyter"

    @property
    def hub_dir(self) -> Path:
        return self.root / "hub"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    @property
    def course(self) -> Path:
        return self.home(self.instructor) / COURSE_DIR

    # ---- making and removing --------------------------------------------------------------------------

    def create(self) -> Classroom:
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)
        roster = self.root / "roster.txt"
        roster.write_text("\n".join(self.students) + "\n")
        provision("software", "--prefix", str(PREFIX))  # up to date: only refreshes the course package
        provision("exchange", "--exchange", str(self.exchange), "--config-dir", str(self.config_dir))
        provision("accounts", "--instructor", self.instructor, "--students", str(roster),
                  "--group-prefix", self.tag, "--passwords", str(self.root / "passwords.csv"))
        provision("hub", "--prefix", str(PREFIX), "--hub-dir", str(self.hub_dir), "--state-dir",
                  str(self.root / "hub-state"), "--unit-dir", "", "--port", str(self.port),
                  "--instructor", self.instructor, "--group-prefix", self.tag, "--config-dir", str(self.config_dir))
        lines = (self.root / "passwords.csv").read_text().splitlines()
        self.passwords = dict(line.split(",", 1) for line in lines)  # the first passwords provision.py set
        return self

    def remove(self) -> None:
        """Stop the hub and every process of the throw-away accounts; delete accounts, groups and files."""
        self.stop_hub()
        for user in self.accounts:
            try:
                uid = pwd.getpwnam(user).pw_uid
            except KeyError:
                continue
            for pid in pids_of(uid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            subprocess.run(["userdel", "--remove", user], capture_output=True)
        for group in (f"{self.tag}-students", f"{self.tag}-instructors"):
            subprocess.run(["groupdel", group], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    # ---- the hub ----------------------------------------------------------------------------------------

    def start_hub(self, timeout: float = 90) -> None:
        import requests

        state = self.root / "hub-state"
        env = {"PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C.UTF-8",
               "BONEMETS_HUB_SETTINGS": str(self.hub_dir / "classroom.json")}
        self.hub_log = (self.root / "hub.log").open("w")
        self.hub = subprocess.Popen([str(PREFIX / "venv" / "bin" / "jupyterhub"), "-f",
                                     str(self.hub_dir / "jupyterhub_config.py")], cwd=state, env=env,
                                    stdout=self.hub_log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            assert self.hub.poll() is None, "the hub stopped:\n" + self.log()
            try:
                if requests.get(f"{self.url}/hub/api", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the hub did not answer in time:\n" + self.log()
            time.sleep(0.5)

    def log(self) -> str:
        path = self.root / "hub.log"
        return path.read_text()[-4000:] if path.exists() else ""

    def stop_hub(self) -> None:
        if self.hub and self.hub.poll() is None:
            os.killpg(self.hub.pid, signal.SIGTERM)
            try:
                self.hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.hub.pid, signal.SIGKILL)
                self.hub.wait()
        self.hub = None

    def login(self, user: str, password: str | None = None):
        """Log in through the hub's login form (PAM: the account's password), as a browser does."""
        import requests

        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=30)
        form = {"username": user, "password": password or self.passwords[user],
                "_xsrf": session.cookies.get("_xsrf", "")}
        reply = session.post(f"{self.url}/hub/login", data=form, allow_redirects=False, timeout=30)
        session.login_status = reply.status_code
        return session

    def open_lab(self, session, user: str, timeout: float = 150) -> float:
        """Start the user's JupyterLab (the hub spawns it) and wait until it serves; seconds taken."""
        start = time.monotonic()
        session.get(f"{self.url}/hub/spawn/{user}", timeout=60)
        lab = f"{self.url}/user/{user}/lab"
        while True:  # until then the hub shows its spawn-pending page; then OAuth sets the server's cookie
            reply = session.get(lab, timeout=60)
            if reply.status_code == 200 and reply.url.startswith(lab):
                return time.monotonic() - start
            assert time.monotonic() - start < timeout, f"{user}'s server did not start:\n" + self.log()
            time.sleep(0.5)

    # ---- commands as an account -----------------------------------------------------------------------

    def env(self, user: str) -> dict[str, str]:
        return {"HOME": str(self.home(user)), "USER": user, "PATH": f"{PREFIX / 'venv' / 'bin'}:/usr/bin:/bin",
                "LANG": "C.UTF-8", "BONEMETS_ROOT": str(PREFIX / "course"),
                "JUPYTER_CONFIG_PATH": str(self.config_dir)}

    def run_as(self, user: str, *command: str, cwd: Path | None = None, check: bool = True,
               timeout: int = 600) -> subprocess.CompletedProcess:
        """Run a command as `user` (runuser), in their home unless told, with the classroom's environment."""
        env_args = [f"{k}={v}" for k, v in self.env(user).items()]
        result = subprocess.run(["runuser", "-u", user, "--", "env", "-i", *env_args, *command],
                                cwd=cwd or self.home(user), capture_output=True, text=True, timeout=timeout)
        if check and result.returncode:
            raise AssertionError(f"{user}: {' '.join(command)} failed ({result.returncode}):\n"
                                 f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result

    def nbgrader_as(self, user: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.run_as(user, str(PREFIX / "venv" / "bin" / "nbgrader"), *args, **kwargs)

    def answer_as(self, user: str, notebook: Path, answers: dict[str, str]) -> None:
        """The student edits their own notebook: each answer cell (by grade_id) gets the given text."""
        script = ("import json, sys, nbformat\n"
                  "path, answers = sys.argv[1], json.loads(sys.argv[2])\n"
                  "nb = nbformat.read(path, as_version=4)\n"
                  "for cell in nb.cells:\n"
                  "    gid = cell.metadata.get('nbgrader', {}).get('grade_id')\n"
                  "    if gid in answers:\n"
                  "        cell.source = answers[gid]\n"
                  "nbformat.write(nb, path)\n")
        self.run_as(user, str(PREFIX / "venv" / "bin" / "python"), "-c", script, str(notebook), json.dumps(answers))


def pids_of(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except FileNotFoundError:
                continue
    return found


def answer_cells(path: Path) -> list[tuple[str, str, float]]:
    """(grade_id, solution text, points) of each answer cell of an instructor notebook, in order."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if str(meta.get("grade_id", "")).endswith("-answer"):
            match = re.search(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION", cell.source, re.S)
            cells.append((meta["grade_id"], match.group(1) if match else cell.source, float(meta.get("points", 0))))
    return cells


def class_answers(assignment: str, right: str, partly: str, broken: str) -> dict[str, tuple[dict[str, str], float]]:
    """Worked by hand from the instructor's notebook: each student's answer cells and their expected total.

    `right` types every solution (full marks). `partly` types the first half right, one single-letter question
    after it with a wrong letter, and leaves the rest as given (unanswered): the first half's points. `broken`
    types the first answer right and a Python syntax error in every other answer cell: the first answer's points.
    """
    cells = answer_cells(REPO / "source" / assignment / f"{assignment}.ipynb")
    assert len(cells) >= 4, "the quiz needs at least four answer cells for this test"
    half = len(cells) // 2
    every = {gid: solution for gid, solution, _ in cells}
    some = {gid: solution for gid, solution, _ in cells[:half]}
    for gid, solution, _ in cells[half:]:
        letter = re.fullmatch(r'(q\d+) = "([A-F])"', solution.strip())
        if letter:
            wrong = "A" if letter.group(2) != "A" else "B"
            some[gid] = f'{letter.group(1)} = "{wrong}"'
            break
    damaged = {gid: f"{solution.split('=')[0].strip()} = {{\"A\", " for gid, solution, _ in cells[1:]}
    damaged[cells[0][0]] = cells[0][1]
    return {right: (every, sum(p for *_, p in cells)),
            partly: (some, sum(p for *_, p in cells[:half])),
            broken: (damaged, cells[0][2])}


if __name__ == "__main__":  # pragma: no cover - a manual check: python tests/setup/classroom_kit.py
    print(software_problem() or f"classroom software ready at {PREFIX}", file=sys.stderr)

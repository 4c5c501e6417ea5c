"""Set up a JupyterHub classroom for the course on one Debian/Ubuntu machine. Run as root; safe to run again.

    sudo /usr/bin/python3 deploy/provision.py all --instructor teacher --students roster.txt

Steps (each can be run alone; `all` runs them in this order):
  software   the course and JupyterHub in a venv at PREFIX (default /opt/bonemets) built from /usr/bin/python3,
             the course's files at PREFIX/course, configurable-http-proxy (npm) at PREFIX/node; world-readable
  exchange   nbgrader's exchange folder (chmod 1777) and /etc/jupyter/nbgrader_config.py naming it
  accounts   Linux accounts and groups for the instructor and each student in the roster, homes chmod 0700,
             new accounts get a random first password (listed in a root-only file), everyone gets the
             modules in ~/notebooks, the instructor the nbgrader course folder ~/breast-cancer-in-bone,
             students a JupyterLab without nbgrader's instructor tools
  hub        /etc/jupyterhub/: jupyterhub_config.py and classroom.json, and a systemd unit (not started)
Running a step again changes only what is missing or out of date; it never deletes an account or a file.
"""

from __future__ import annotations

import argparse
import grp
import hashlib
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
COURSE_ID = "breast-cancer-in-bone"
CHP_VERSION = "5.3.0"  # configurable-http-proxy, from npm
COURSE_FILES = ("assets", "quizzes", "notebooks")  # what learners' notebooks read (BONEMETS_ROOT)
INSTRUCTOR_FILES = ("nbgrader_config.py", "quizzes", "source")  # an nbgrader course root


def say(message: str) -> None:
    print(f"provision: {message}", flush=True)


def run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)


# ---- software -----------------------------------------------------------------------------------------

def fingerprint() -> str:
    """Changes whenever the pins or the course package change, so a re-run reinstalls only then."""
    digest = hashlib.sha256()
    for path in [REPO / "requirements.txt", HERE / "requirements-hub.txt", REPO / "pyproject.toml",
                 *sorted((REPO / "src").rglob("*.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def install_software(prefix: Path, python: str) -> None:
    if python == "/usr/bin/python3" and shutil.which("apt-get") and subprocess.run(
            [python, "-c", "import ensurepip"], capture_output=True).returncode:
        apt_install("python3-venv")  # Debian and Ubuntu ship venv's pip separately
    check = subprocess.run([python, str(REPO / "tools" / "check_python.py")])
    if check.returncode:
        raise SystemExit(1)
    venv = prefix / "venv"
    stamp = prefix / ".installed"
    if stamp.exists() and stamp.read_text() == fingerprint():
        say(f"software at {prefix} is up to date")
    else:
        if not (venv / "bin" / "python").exists():
            run(python, "-m", "venv", str(venv))
        pip = str(venv / "bin" / "pip")
        run(pip, "install", "-q", "--upgrade", "pip")
        run(pip, "install", "-q", "-r", str(REPO / "requirements.txt"), "-r", str(HERE / "requirements-hub.txt"))
        # Not editable: the course package is copied into the venv. Built from a copy, so the checkout
        # stays untouched (setuptools would leave build/ and *.egg-info in it).
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("pyproject.toml", "README.md"):
                shutil.copy(REPO / name, Path(tmp) / name)
            shutil.copytree(REPO / "src", Path(tmp) / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
            run(pip, "install", "-q", "--no-deps", "--force-reinstall", tmp)
        run(str(venv / "bin" / "python"), "-m", "bonemets.labsetup", stdout=subprocess.DEVNULL)
        stamp.write_text(fingerprint())
        say(f"installed the course and JupyterHub into {venv}")
    for name in COURSE_FILES:
        target = prefix / "course" / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(REPO / name, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    install_proxy(prefix)
    run("chmod", "-R", "a+rX,go-w", str(prefix))
    say(f"course files at {prefix / 'course'}; everything under {prefix} is world-readable")


def install_proxy(prefix: Path) -> None:
    proxy = prefix / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if proxy.exists():
        return
    if not shutil.which("npm"):
        apt_install("nodejs", "npm")
    run("npm", "install", "--silent", "--no-fund", "--no-audit", "--prefix", str(prefix / "node"),
        f"configurable-http-proxy@{CHP_VERSION}")
    say(f"configurable-http-proxy {CHP_VERSION} at {proxy}")


def apt_install(*packages: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", *packages, env=env)


# ---- exchange -----------------------------------------------------------------------------------------

NBGRADER_SYSTEM_CONFIG = '''"""Written by deploy/provision.py: nbgrader settings for every account on this machine."""
c = get_config()  # noqa: F821
# Set explicitly: nbgrader 0.9.6 defaults to /usr/local/share/nbgrader/exchange, and every exchange
# command fails when the instructor's and the students' settings disagree.
c.Exchange.root = {root!r}
c.CourseDirectory.course_id = {course!r}
'''


def setup_exchange(root: Path, config_dir: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o1777)  # everyone may write; only a file's owner may delete it (sticky bit)
    config_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(config_dir, 0o755)
    config = config_dir / "nbgrader_config.py"
    config.write_text(NBGRADER_SYSTEM_CONFIG.format(root=str(root), course=COURSE_ID))
    os.chmod(config, 0o644)
    say(f"exchange {root} (1777); {config} names it")


# ---- accounts -----------------------------------------------------------------------------------------

def ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        run("groupadd", name)


def ensure_user(name: str, group: str, passwords: dict[str, str]) -> bool:
    """Create the account if missing (with a random password, recorded in `passwords`); True if created."""
    try:
        pwd.getpwnam(name)
        created = False
    except KeyError:
        run("useradd", "--create-home", "--shell", "/bin/bash", "--user-group", "--groups", group, name)
        password = secrets.token_urlsafe(12)
        run("chpasswd", input=f"{name}:{password}\n", text=True)
        passwords[name] = password
        created = True
    run("usermod", "--append", "--groups", group, name)
    home = Path(pwd.getpwnam(name).pw_dir)
    os.chmod(home, 0o700)  # Debian creates homes 0755: classmates could read each other's work
    return created


def as_user(name: str, *command: str) -> None:
    run("runuser", "-u", name, "--", *command)


def write_as(name: str, path: Path, text: str) -> None:
    """Write a file in a user's home as that user (so it is theirs), creating folders."""
    as_user(name, "mkdir", "-p", str(path.parent))
    subprocess.run(["runuser", "-u", name, "--", "tee", str(path)], input=text, text=True, check=True,
                   stdout=subprocess.DEVNULL)


def give_notebooks(user: str) -> None:
    """The learner modules in ~/notebooks, the account's own copy to run and save (kept if already there)."""
    home = Path(pwd.getpwnam(user).pw_dir)
    if (home / "notebooks").exists():
        return
    staging = home / ".notebooks.new"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(REPO / "notebooks", staging, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    run("chown", "-R", f"{user}:{user}", str(staging))
    staging.rename(home / "notebooks")


STUDENT_PAGE_CONFIG = {"disabledExtensions": {
    "@jupyter/nbgrader:formgrader": True, "@jupyter/nbgrader:create-assignment": True,
    "@jupyter/nbgrader:course-list": True}}
STUDENT_SERVER_CONFIG = {"ServerApp": {"jpserver_extensions": {
    "nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.course_list": False}}}


def setup_accounts(instructor: str, students: list[str], group_prefix: str, password_file: Path) -> None:
    instructors, learners = f"{group_prefix}-instructors", f"{group_prefix}-students"
    ensure_group(instructors)
    ensure_group(learners)
    passwords: dict[str, str] = {}
    ensure_user(instructor, instructors, passwords)
    course = Path(pwd.getpwnam(instructor).pw_dir) / COURSE_ID
    if not course.exists():
        staging = Path(pwd.getpwnam(instructor).pw_dir) / f".{COURSE_ID}.new"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for name in INSTRUCTOR_FILES:
            (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, staging / name)
        run("chown", "-R", f"{instructor}:{instructor}", str(staging))
        staging.rename(course)
        say(f"course folder {course} (the nbgrader course root; the gradebook lives here)")
    home = Path(pwd.getpwnam(instructor).pw_dir)
    write_as(instructor, home / ".jupyter" / "nbgrader_config.py",
             f"c = get_config()  # noqa: F821\nc.CourseDirectory.root = {str(course)!r}\n")
    give_notebooks(instructor)
    for student in students:
        ensure_user(student, learners, passwords)
        give_notebooks(student)
        home = Path(pwd.getpwnam(student).pw_dir)
        write_as(student, home / ".jupyter" / "labconfig" / "page_config.json", json.dumps(STUDENT_PAGE_CONFIG))
        write_as(student, home / ".jupyter" / "jupyter_server_config.json", json.dumps(STUDENT_SERVER_CONFIG))
    if passwords:
        password_file.parent.mkdir(parents=True, exist_ok=True)
        old = os.umask(0o077)
        with password_file.open("a") as out:
            out.writelines(f"{name},{password}\n" for name, password in passwords.items())
        os.umask(old)
        say(f"{len(passwords)} new account(s); their first passwords are in {password_file} (root only)")
    say(f"instructor {instructor}; {len(students)} student account(s); homes 0700")


# ---- hub ----------------------------------------------------------------------------------------------

UNIT = """[Unit]
Description=JupyterHub for the course Breast cancer in bone
After=network.target

[Service]
WorkingDirectory={state}
ExecStart={prefix}/venv/bin/jupyterhub -f {hub_dir}/jupyterhub_config.py
Environment=BONEMETS_HUB_SETTINGS={hub_dir}/classroom.json
Restart=on-failure

[Install]
WantedBy=multi-user.target
"""


def setup_hub(settings: dict, hub_dir: Path, state: Path, unit_dir: Path | None) -> None:
    hub_dir.mkdir(parents=True, exist_ok=True)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o700)  # the hub's database and cookie secret
    shutil.copy(HERE / "jupyterhub_config.py", hub_dir / "jupyterhub_config.py")
    (hub_dir / "classroom.json").write_text(json.dumps(settings, indent=2) + "\n")
    if unit_dir:
        (unit_dir / "bonemets-hub.service").write_text(UNIT.format(state=state, prefix=settings["prefix"],
                                                                    hub_dir=hub_dir))
        say("systemd unit bonemets-hub.service written: `systemctl daemon-reload && systemctl enable --now "
            "bonemets-hub`")
    say(f"hub configuration in {hub_dir}; it listens on {settings['ip']}:{settings['port']} (put TLS in front)")


# ---- command line -------------------------------------------------------------------------------------

def roster(path: str | None) -> list[str]:
    if not path:
        return []
    names = [line.split("#")[0].strip() for line in Path(path).read_text().splitlines()]
    return [name for name in names if name]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("steps", nargs="+", choices=["software", "exchange", "accounts", "hub", "all"])
    p.add_argument("--prefix", default="/opt/bonemets", help="where the course software goes")
    p.add_argument("--python", default="/usr/bin/python3", help="the Python the venv is built from")
    p.add_argument("--exchange", default="/srv/nbgrader/exchange", help="nbgrader's exchange folder")
    p.add_argument("--config-dir", default="/etc/jupyter", help="where the system-wide nbgrader_config.py goes")
    p.add_argument("--instructor", help="the instructor's account name")
    p.add_argument("--students", help="a file with one student account name a line")
    p.add_argument("--group-prefix", default="bonemets", help="groups PREFIX-instructors and PREFIX-students")
    p.add_argument("--passwords", default="/root/bonemets-passwords.csv", help="new accounts' first passwords")
    p.add_argument("--hub-dir", default="/etc/jupyterhub")
    p.add_argument("--state-dir", default="/var/lib/bonemets-hub", help="the hub's database and secrets")
    p.add_argument("--unit-dir", default="/etc/systemd/system", help="'' to write no systemd unit")
    p.add_argument("--ip", default="127.0.0.1", help="the hub listens here; a reverse proxy adds TLS")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--authenticator", default="pam", choices=["pam", "native"],
                   help="pam: the machine's accounts and passwords (default); native: NativeAuthenticator")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if os.geteuid() != 0:
        print("provision: run as root (it creates accounts and system folders).", file=sys.stderr)
        return 1
    steps = ["software", "exchange", "accounts", "hub"] if "all" in args.steps else args.steps
    prefix = Path(args.prefix)
    if "software" in steps:
        install_software(prefix, args.python)
    if "exchange" in steps:
        setup_exchange(Path(args.exchange), Path(args.config_dir))
    if "accounts" in steps:
        if not args.instructor:
            print("provision: accounts needs --instructor NAME (and --students FILE).", file=sys.stderr)
            return 1
        setup_accounts(args.instructor, roster(args.students), args.group_prefix, Path(args.passwords))
    if "hub" in steps:
        settings = {"prefix": str(prefix), "ip": args.ip, "port": args.port, "authenticator": args.authenticator,
                    "instructor": args.instructor, "group_prefix": args.group_prefix,
                    "nbgrader_config_dir": args.config_dir}
        setup_hub(settings, Path(args.hub_dir), Path(args.state_dir), Path(args.unit_dir) if args.unit_dir else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A class on one machine, end to end, as a nursing school runs it (deploy/: JupyterHub, real accounts).

Three throw-away student accounts and an instructor (made by deploy/provision.py, removed afterwards even
when a test fails) log in through the hub. The instructor releases the module 01 quiz through nbgrader's
exchange; each student fetches it, answers (all right, partly right, broken) and submits as their own user;
the instructor collects, runs `bonemets grade` and returns feedback; each student fetches only their own.
Grades are checked against scores worked out by hand, and no student can read another's work.
Needs root (CI runs as root) and the classroom software from `make install-test`.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from classroom_kit import PREFIX, Classroom, class_answers, provision, software_problem

pytestmark = pytest.mark.classroom
ASSIGNMENT = "01_overview"
RIGHT, PARTLY, BROKEN = "ann", "ben", "cat"
problem = software_problem()


@pytest.fixture(scope="module")
def classroom():
    if problem:
        pytest.skip(problem)
    room = Classroom(Path(tempfile.mkdtemp(prefix="bonemets-classroom-")), students=[])
    room.students = [f"{room.tag}{name}" for name in (RIGHT, PARTLY, BROKEN)]
    try:  # removed even when creating it or a test fails
        room.create()
        room.start_hub()
        yield room
    finally:
        room.remove()


class Stopwatch:
    def __init__(self):
        self.last, self.laps = time.monotonic(), []

    def lap(self, what: str) -> None:
        now = time.monotonic()
        self.laps.append(f"{what}: {now - self.last:.1f} s")
        self.last = now

    def __str__(self) -> str:
        return "; ".join(self.laps)


def student(room: Classroom, name: str) -> str:
    return f"{room.tag}{name}"


@pytest.fixture(scope="module")
def graded(classroom: Classroom):
    """The whole round: release, fetch, answer, submit, collect, grade, feedback. Returns the hand-worked scores."""
    room = classroom
    clock = Stopwatch()
    room.sessions = {name: room.login(student(room, name)) for name in (RIGHT, PARTLY, BROKEN)}
    with ThreadPoolExecutor(3) as pool:  # the class logs in and opens JupyterLab at the same time
        seconds = pool.map(lambda name: room.open_lab(room.sessions[name], student(room, name)), room.sessions)
        room.spawn_seconds = dict(zip(room.sessions, seconds, strict=True))
    clock.lap("log in and start 3 servers")
    course = room.course
    room.nbgrader_as(room.instructor, "generate_assignment", ASSIGNMENT, "--force", cwd=course)
    room.nbgrader_as(room.instructor, "release_assignment", ASSIGNMENT, cwd=course)
    clock.lap("generate and release")
    plan = class_answers(ASSIGNMENT, RIGHT, PARTLY, BROKEN)

    def work(name: str) -> None:
        user = student(room, name)
        room.nbgrader_as(user, "fetch_assignment", ASSIGNMENT)
        room.answer_as(user, room.home(user) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", plan[name][0])
        room.nbgrader_as(user, "submit", ASSIGNMENT)

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(work, plan))
    clock.lap("students fetch, answer, submit")
    room.nbgrader_as(room.instructor, "collect", ASSIGNMENT, cwd=course)
    clock.lap("collect")
    room.grade = room.run_as(room.instructor, str(PREFIX / "venv" / "bin" / "bonemets"), "grade", ASSIGNMENT,
                             "--quiet", cwd=course, check=False)
    clock.lap("bonemets grade")
    room.nbgrader_as(room.instructor, "generate_feedback", ASSIGNMENT, cwd=course)
    room.nbgrader_as(room.instructor, "release_feedback", ASSIGNMENT, cwd=course)
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda name: room.nbgrader_as(student(room, name), "fetch_feedback", ASSIGNMENT), plan))
    clock.lap("feedback")
    print(clock)
    return {student(room, name): expected for name, (_, expected) in plan.items()}


def test_students_log_in_through_the_hub_and_get_jupyterlab_as_themselves(classroom, graded):
    room = classroom
    for name, session in room.sessions.items():
        user = student(room, name)
        assert room.sessions[name].login_status == 302, room.log()
        reply = session.get(f"{room.url}/user/{user}/api/contents", timeout=30)
        assert reply.status_code == 200
        assert {ASSIGNMENT, "notebooks"} <= {item["name"] for item in reply.json()["content"]}  # their home
        lab = session.get(f"{room.url}/user/{user}/lab", timeout=30)
        assert lab.status_code == 200
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', lab.text, re.S).group(1))
        assert "@jupyter/nbgrader:formgrader" in config["disabledExtensions"]  # instructor tools hidden
        assert session.get(f"{room.url}/user/{user}/formgrader", timeout=30).status_code == 404


def test_a_wrong_password_is_refused_and_one_student_cannot_open_anothers_server(classroom, graded):
    room = classroom
    assert room.login(student(room, RIGHT), password="not-the-password").login_status != 302  # PAM said no
    other = student(room, PARTLY)
    reply = room.sessions[RIGHT].get(f"{room.url}/user/{other}/api/contents", timeout=30,
                                     allow_redirects=True)
    assert reply.status_code == 403 or "api/contents" not in reply.url


def test_the_gradebook_holds_the_hand_worked_scores(classroom, graded):
    from nbgrader.api import Gradebook

    assert classroom.grade.returncode in (0, 2), classroom.grade.stdout + classroom.grade.stderr
    with Gradebook(f"sqlite:///{classroom.course / 'gradebook.db'}") as gradebook:
        scores = {s.student.id: s.score for s in gradebook.assignment_submissions(ASSIGNMENT)}
    assert scores == pytest.approx(graded)


def test_each_student_fetches_only_their_own_feedback(classroom, graded):
    room = classroom
    for user, expected in graded.items():
        files = sorted((room.home(user) / ASSIGNMENT / "feedback").rglob("*.html"))
        assert len(files) == 1, files
        text = files[0].read_text()
        score = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", text)
        assert score and float(score.group(1)) == pytest.approx(expected), (user, score and score.group(0))


def test_an_account_outside_the_course_groups_cannot_log_in(classroom, graded):
    room = classroom
    outsider, password = f"{room.tag}out", secrets.token_urlsafe(12)
    try:
        subprocess.run(["useradd", "--no-create-home", outsider], check=True)
        subprocess.run(["chpasswd"], input=f"{outsider}:{password}\n", text=True, check=True)
        assert room.login(outsider, password=password).login_status != 302
    finally:
        subprocess.run(["userdel", outsider], capture_output=True)


def test_homes_are_private_and_the_exchange_hides_submissions_and_feedback(classroom, graded):
    room = classroom
    ann, ben = student(room, RIGHT), student(room, PARTLY)
    assert oct(room.home(ann).stat().st_mode & 0o777) == "0o700"
    assert oct(room.exchange.stat().st_mode & 0o7777) == "0o1777"
    tries = {
        "another student's home": ["ls", str(room.home(ann))],
        "another student's notebook": ["cat", str(room.home(ann) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")],
        "the submissions inbox": ["ls", str(room.exchange / "breast-cancer-in-bone" / "inbound")],
        "the returned feedback": ["ls", str(room.exchange / "breast-cancer-in-bone" / "feedback")],
        "the instructor's gradebook": ["cat", str(room.course / "gradebook.db")],
    }
    for what, command in tries.items():
        result = room.run_as(ben, *command, check=False)
        assert result.returncode != 0 and "Permission denied" in result.stderr, f"{ben} could read {what}"
    listed = room.nbgrader_as(ben, "list", "--inbound", check=False)
    assert ann not in listed.stdout + listed.stderr


def test_formgrader_opens_in_its_own_tab_for_the_instructor(classroom, graded):
    """JupyterHub >= 4.1 forbids framing (frame-ancestors 'none'), so the panel inside JupyterLab stays blank
    with nbgrader 0.9.6 (jupyter/nbgrader#1870): the guide tells instructors to open /formgrader in a tab."""
    room = classroom
    session = room.login(room.instructor)
    room.open_lab(session, room.instructor)
    reply = session.get(f"{room.url}/user/{room.instructor}/formgrader", timeout=60)
    assert reply.status_code == 200 and "formgrader" in reply.text.lower()
    assert "frame-ancestors 'none'" in reply.headers.get("Content-Security-Policy", "")


def test_provisioning_again_keeps_accounts_passwords_work_and_the_exchange(classroom, graded):
    room = classroom
    before = (room.root / "passwords.csv").read_text()
    inbound = sorted(p.name for p in (room.exchange / "breast-cancer-in-bone" / "inbound").iterdir())
    roster = room.root / "roster.txt"
    room_args = ["--instructor", room.instructor, "--students", str(roster), "--group-prefix", room.tag,
                 "--passwords", str(room.root / "passwords.csv")]
    provision("exchange", "--exchange", str(room.exchange), "--config-dir", str(room.config_dir))
    provision("accounts", *room_args)
    assert (room.root / "passwords.csv").read_text() == before  # no account made or password changed again
    assert sorted(p.name for p in (room.exchange / "breast-cancer-in-bone" / "inbound").iterdir()) == inbound
    ann = student(room, RIGHT)
    assert (room.home(ann) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    assert oct(room.home(ann).stat().st_mode & 0o777) == "0o700"
    assert (room.course / "gradebook.db").exists()
    assert room.login(ann).login_status == 302  # the first password still works

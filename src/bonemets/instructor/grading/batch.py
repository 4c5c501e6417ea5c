"""`bonemets grade ASSIGNMENT`: autograde a whole class in parallel; one student's failure never stops the rest.

nbgrader itself grades each submission (its API, the course's nbgrader_config.py, the same gradebook.db
formgrader reads). This module adds what instructors need around it:
- imports are paid once, and submissions are graded by several worker processes at once;
- each submission is first checked for what nbgrader handles badly or silently (not a notebook, a renamed
  notebook, a copied answer cell nbgrader would quietly drop);
- a student who cannot be autograded is still recorded in the gradebook, every answer at 0 and flagged
  for manual grading, with the reason as the comment, so nobody is lost from formgrader;
- a progress bar, and a summary of who was graded, who was not, and why.
It refuses to run when the trusted grader (bonemets.trusted.TrustedScoring) is not active in the config.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sqlite3
import sys
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from bonemets.errors import GradingSetupError

OK, MANUAL = "graded", "NOT AUTOGRADED"


@dataclass
class Outcome:
    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    message: str = ""


def expected_notebooks(course: Path, assignment: str) -> list[str]:
    return sorted(p.name for p in (course / "release" / assignment).glob("*.ipynb")) or sorted(
        p.name for p in (course / "source" / assignment).glob("*.ipynb"))


def check_submission(folder: Path, expected: list[str]) -> str | None:
    """A plain message saying why this submission cannot be autograded as handed in, or None."""
    found = sorted(p.name for p in folder.glob("*.ipynb"))
    missing = [name for name in expected if name not in found]
    if missing:
        extra = [name for name in found if name not in expected]
        hint = f"; found {', '.join(extra)} instead (was the file renamed?)" if extra else ""
        return f"notebook {', '.join(missing)} is missing from the submission{hint}"
    for name in expected:
        try:
            nb = nbformat.read(folder / name, as_version=4)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not raised
            first_line = str(exc).strip().splitlines()[0][:200]
            return f"{name} is not a readable notebook (damaged or not JSON): {first_line}"
        ids = Counter(c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells
                      if "nbgrader" in c.metadata)
        repeated = sorted(i for i, n in ids.items() if i and n > 1)
        if repeated:
            return (f"{name}: cell {', '.join(repeated)} appears more than once (a copied cell); "
                    "nbgrader would keep only one copy and could drop the student's answer. "
                    "Grade by hand, or ask the student to delete the extra copy and resubmit.")
    return None


# ---- nbgrader's configuration and API ---------------------------------------------------------------

def load_config(course: Path, cell_timeout: int | None = None):
    """The course's nbgrader configuration, loaded the way nbgrader's own commands load it."""
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.coursedir import CourseDirectory

    app = NbGrader()
    app.config_file_paths.append(str(course))
    app.coursedir = CourseDirectory(parent=app, root=str(course))
    app.load_config_file()
    if cell_timeout is not None:
        app.config.Execute.timeout = cell_timeout
    return app.config


def require_trusted_scoring(config) -> None:
    """Refuse to grade when scores would not come from the trusted grader."""
    from bonemets.instructor.grading.trusted_scoring import TrustedScoring

    steps = config.Autograde.get("autograde_preprocessors", [])
    if not any(isinstance(step, type) and issubclass(step, TrustedScoring) for step in steps):
        raise GradingSetupError("The trusted grader is not set up: nbgrader_config.py must list "
                         "bonemets.trusted.TrustedScoring in c.Autograde.autograde_preprocessors "
                         "(see the repository's nbgrader_config.py). Nothing was graded.")
    if config.TrustedScoring.get("enabled", True) is False:
        raise GradingSetupError("The trusted grader is disabled (c.TrustedScoring.enabled = False in "
                         "nbgrader_config.py). Nothing was graded.")


def _api(course: Path, config):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    return NbGraderAPI(coursedir=CourseDirectory(config=config, root=str(course)), config=config)


def _gradebook(course: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def _require_assignment(course: Path, assignment: str) -> None:
    from nbgrader.api import MissingEntry

    with _gradebook(course) as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise GradingSetupError(f"'{assignment}' is not in {course / 'gradebook.db'}: run "
                             f"`nbgrader generate_assignment {assignment}` first.") from None


def _scores(course: Path, assignment: str, student: str) -> tuple[float, float]:
    with _gradebook(course) as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return submission.score, submission.max_score


def record_for_manual_grading(course: Path, assignment: str, student: str, reason: str) -> None:
    """Keep a student who could not be autograded in the gradebook: every answer 0, flagged, with the reason."""
    with _gradebook(course) as gradebook:
        gradebook.update_or_create_student(student)
        submission = gradebook.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = True
            for comment in notebook.comments:
                comment.auto_comment = f"Not autograded: {reason}"
        gradebook.db.commit()


def _failure_reason(result: dict) -> str:
    """The most specific error line of nbgrader's log, not its closing 'see above'."""
    text = (result.get("log") or "") + (result.get("error") or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r"(Error|Exception|Missing\w*): ", line)
              and "Please see the" not in line]
    return (errors[-1] if errors else (lines[-1] if lines else "unknown error"))[:300]


def _notes(folder: Path) -> str:
    """What the instructor should know about a graded notebook: cells stopped at the time limit, a dead kernel."""
    notes = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        stopped = [f"{path.name} cell {i}" for i, c in enumerate(nb.cells, start=1)
                   if any(o.get("ename") == "CellTimeoutError" for o in c.get("outputs", []))]
        if stopped:
            notes.append(f"stopped at the time limit: {', '.join(stopped)}")
        if reason := nb.metadata.get("bonemets", {}).get("kernel_stopped"):
            notes.append(f"{path.name}: {reason} before the end; answers were still marked")
    return "; ".join(notes)


# ---- workers ---------------------------------------------------------------------------------------

_WORKER: dict = {}
RETRIES = 3  # a student whose grading hit a locked gradebook is graded again, from scratch


def _serialise_gradebook(lock) -> None:
    """Let one worker at a time use gradebook.db: SQLite refuses a second writer instead of waiting.

    Only nbgrader's short database steps take the lock; running the notebooks stays parallel.
    """
    from nbgrader.api import Gradebook

    enter, leave = Gradebook.__enter__, Gradebook.__exit__

    def locked_enter(self):
        lock.acquire()
        try:
            return enter(self)
        except BaseException:
            lock.release()
            raise

    def locked_exit(self, *exc):
        try:
            return leave(self, *exc)
        finally:
            lock.release()

    Gradebook.__enter__, Gradebook.__exit__ = locked_enter, locked_exit


def _start_worker(course: str, cell_timeout: int | None, lock) -> None:
    warnings.simplefilter("ignore")  # nbgrader's harmless SQLAlchemy session warnings
    _serialise_gradebook(lock)
    _WORKER["course"] = Path(course)
    _WORKER["api"] = _api(Path(course), load_config(Path(course), cell_timeout))


def _autograde(api, assignment: str, student: str) -> dict:
    result: dict = {}
    for _attempt in range(RETRIES):
        try:
            result = api.autograde(assignment, student)
        except Exception as exc:  # noqa: BLE001 - one student's failure must not stop the class
            result = {"success": False, "error": f"{type(exc).__name__}: {exc}"}
        text = (result.get("log") or "") + (result.get("error") or "")
        if result["success"] or "database is locked" not in text:
            break
    return result


def _grade_one(assignment: str, student: str) -> Outcome:
    course, api = _WORKER["course"], _WORKER["api"]
    result = _autograde(api, assignment, student)
    if result["success"]:
        notes = _notes(course / "autograded" / student / assignment)
        return Outcome(student, OK, *_scores(course, assignment, student), message=notes)
    reason = f"nbgrader could not grade it: {_failure_reason(result)}"
    record_for_manual_grading(course, assignment, student, reason)
    return Outcome(student, MANUAL, message=reason)


def _use_wal(course: Path) -> None:
    """Several workers write the gradebook: SQLite's write-ahead log lets them wait for each other briefly."""
    with sqlite3.connect(course / "gradebook.db") as connection:
        connection.execute("PRAGMA journal_mode=WAL")


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", file=sys.stderr, disable=not enabled,
                dynamic_ncols=True)


def default_jobs() -> int:
    """One worker per core, plus one: a worker spends part of its time waiting for its student's kernel."""
    return (os.cpu_count() or 1) + 1


def grade_class(course: Path, assignment: str, cell_timeout: int | None = None, jobs: int | None = None,
                progress: bool = True) -> list[Outcome]:
    """Autograde every submission of `assignment` under course/submitted/, `jobs` at a time."""
    submitted = sorted(p for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())
    expected = expected_notebooks(course, assignment)
    if not expected:
        raise GradingSetupError(f"No notebooks for '{assignment}' in {course / 'release'} or {course / 'source'}: "
                         "check the assignment name and run the command from the course folder (or use --course).")
    require_trusted_scoring(load_config(course, cell_timeout))
    _require_assignment(course, assignment)
    _use_wal(course)
    outcomes, to_grade = [], []
    for folder in submitted:
        student = folder.parent.name
        if problem := check_submission(folder, expected):
            record_for_manual_grading(course, assignment, student, problem)
            outcomes.append(Outcome(student, MANUAL, message=problem))
        else:
            to_grade.append(student)
    jobs = max(1, min(jobs or default_jobs(), len(to_grade) or 1))
    with _progress(len(submitted), progress) as bar:
        bar.update(len(outcomes))
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(str(course), cell_timeout, context.RLock())) as pool:
            futures = {pool.submit(_grade_one, assignment, student): student for student in to_grade}
            for future in as_completed(futures):
                try:
                    outcomes.append(future.result())
                except Exception as exc:  # noqa: BLE001 - a worker that died takes only its student with it
                    student = futures[future]
                    reason = f"the grading worker stopped: {type(exc).__name__}: {exc}"[:300]
                    record_for_manual_grading(course, assignment, student, reason)
                    outcomes.append(Outcome(student, MANUAL, message=reason))
                bar.update(1)
    return sorted(outcomes, key=lambda o: o.student)


def summary(outcomes: list[Outcome]) -> str:
    graded = [o for o in outcomes if o.status == OK]
    failed = [o for o in outcomes if o.status != OK]
    lines = [f"{len(graded)} graded, {len(failed)} not autograded, {len(outcomes)} submissions"]
    for o in outcomes:
        detail = f"{o.score:g}/{o.max_score:g} {o.message}".strip() if o.status == OK else o.message
        lines.append(f"  {o.student:<20} {o.status:<15} {detail}")
    if failed:
        lines.append("Students NOT AUTOGRADED are in the gradebook with every answer at 0 and flagged for "
                     "manual grading, with the reason as the comment: grade them by hand in formgrader, or fix "
                     "the submission and run the command again.")
    return "\n".join(lines)

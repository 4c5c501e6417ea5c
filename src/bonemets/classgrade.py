"""`bonemets grade ASSIGNMENT`: autograde every submission, one student's failure never stopping the rest.

Each submission is first checked for what nbgrader handles badly or silently (a file that
is not a notebook, a renamed notebook, a duplicated cell that nbgrader would quietly drop).
Those students are reported with a plain message and left out of the gradebook instead of
receiving a misleading 0. Every other student is autograded by nbgrader itself, in this one
process, into the same gradebook.db that formgrader reads.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat

OK, FAILED = "graded", "NOT GRADED"


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
    """A plain message saying why this submission cannot be graded as handed in, or None."""
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
                    "Ask the student to delete the extra copy and resubmit.")
    return None


def _api(course: Path, cell_timeout: int | None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.coursedir import CourseDirectory

    app = NbGrader()
    app.config_file_paths.append(str(course))
    app.coursedir = CourseDirectory(parent=app, root=str(course))
    app.load_config_file()
    if cell_timeout is not None:
        app.config.Execute.timeout = cell_timeout
    coursedir = CourseDirectory(config=app.config, root=str(course))
    return NbGraderAPI(coursedir=coursedir, config=app.config)


def _scores(course: Path, assignment: str, student: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return submission.score, submission.max_score


def _failure_reason(result: dict) -> str:
    """The most specific error line of nbgrader's log, not its closing 'see above'."""
    text = (result.get("log") or "") + (result.get("error") or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r"(Error|Exception|Missing\w*): ", line)
              and "Please see the" not in line]
    return (errors[-1] if errors else (lines[-1] if lines else "unknown error"))[:300]


def _timeouts(folder: Path) -> str:
    """A note when a cell was stopped at the time limit (it scored 0; the student sees why)."""
    stopped = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        stopped += [f"{path.name} cell {i}" for i, c in enumerate(nb.cells, start=1)
                    if any(o.get("ename") == "CellTimeoutError" for o in c.get("outputs", []))]
    return f"stopped at the time limit: {', '.join(stopped)}" if stopped else ""


def _require_assignment(course: Path, assignment: str) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise SystemExit(f"'{assignment}' is not in {course / 'gradebook.db'}: run "
                             f"`nbgrader generate_assignment {assignment}` first.") from None


def grade_class(course: Path, assignment: str, cell_timeout: int | None = None,
                progress: bool = True) -> list[Outcome]:
    """Autograde every submission of `assignment` under course/submitted/."""
    submitted = sorted(p for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())
    expected = expected_notebooks(course, assignment)
    if not expected:
        raise FileNotFoundError(f"no notebooks for '{assignment}' in release/ or source/")
    _require_assignment(course, assignment)
    api = _api(course, cell_timeout)
    outcomes = []
    for index, folder in enumerate(submitted, start=1):
        student = folder.parent.name
        if progress:
            print(f"[{index}/{len(submitted)}] {student}", file=sys.stderr, flush=True)
        problem = check_submission(folder, expected)
        if problem:
            outcomes.append(Outcome(student, FAILED, message=problem))
            continue
        with warnings.catch_warnings():  # nbgrader's own harmless SQLAlchemy session warnings
            warnings.simplefilter("ignore")
            result = api.autograde(assignment, student)
        if result["success"]:
            notes = _timeouts(course / "autograded" / student / assignment)
            outcomes.append(Outcome(student, OK, *_scores(course, assignment, student), message=notes))
        else:
            outcomes.append(Outcome(student, FAILED, message=f"nbgrader failed: {_failure_reason(result)}"))
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    graded = [o for o in outcomes if o.status == OK]
    failed = [o for o in outcomes if o.status != OK]
    lines = [f"{len(graded)} graded, {len(failed)} not graded, {len(outcomes)} submissions"]
    for o in outcomes:
        detail = f"{o.score:g}/{o.max_score:g} {o.message}".strip() if o.status == OK else o.message
        lines.append(f"  {o.student:<20} {o.status:<11} {detail}")
    if failed:
        lines.append("Students NOT GRADED have no score in the gradebook; fix or ask for a resubmission, "
                     "then run the command again.")
    return "\n".join(lines)

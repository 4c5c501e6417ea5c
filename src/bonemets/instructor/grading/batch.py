"""`bonemets grade ASSIGNMENT`: grade a whole class from the submitted files, with a summary at the end.

The grading itself is static (static_grader.py): no kernel starts and no student code runs, so there is
nothing to run in parallel and nothing a submission can do to the grader, the gradebook, the keys or other
students' work. This module checks the course is set up to grade safely, shows a progress bar, and writes
the summary of who was graded, who was not, and why.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bonemets.errors import GradingSetupError
from bonemets.instructor.grading.static_grader import MANUAL, OK, Outcome
from bonemets.instructor.grading.static_grader import grade_class as _grade_static

__all__ = ["MANUAL", "OK", "Outcome", "grade_class", "load_config", "require_trusted_scoring", "summary"]


def load_config(course: Path):
    """The course's nbgrader configuration, loaded the way nbgrader's own commands load it."""
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.coursedir import CourseDirectory

    app = NbGrader()
    app.config_file_paths.append(str(course))
    app.coursedir = CourseDirectory(parent=app, root=str(course))
    app.load_config_file()
    return app.config


def require_trusted_scoring(config) -> None:
    """Refuse to grade when plain nbgrader would score differently: the course's config must be in force."""
    from bonemets.instructor.grading.trusted_scoring import TrustedScoring

    steps = config.Autograde.get("autograde_preprocessors", [])
    if not any(isinstance(step, type) and issubclass(step, TrustedScoring) for step in steps):
        raise GradingSetupError("The trusted grader is not set up: nbgrader_config.py must list "
                                "bonemets.trusted.TrustedScoring in c.Autograde.autograde_preprocessors "
                                "(see the repository's nbgrader_config.py). Nothing was graded.")
    if config.TrustedScoring.get("enabled", True) is False:
        raise GradingSetupError("The trusted grader is disabled (c.TrustedScoring.enabled = False in "
                                "nbgrader_config.py). Nothing was graded.")


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", file=sys.stderr, disable=not enabled,
                dynamic_ncols=True)


def grade_class(course: Path, assignment: str, progress: bool = True) -> list[Outcome]:
    """Grade every submission of `assignment` under course/submitted/."""
    require_trusted_scoring(load_config(course))
    total = sum(1 for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())
    with _progress(total, progress) as bar:
        return _grade_static(course, assignment, progress=bar)


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

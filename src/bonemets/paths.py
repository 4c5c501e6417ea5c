"""Where the course's files live: found from the installed package or the working directory."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def _is_course_root(path: Path) -> bool:
    return (path / "quizzes").is_dir() and (path / "assets").is_dir()


@cache
def course_root() -> Path:
    """The repository root holding quizzes/ and assets/ (BONEMETS_ROOT overrides)."""
    if env := os.environ.get("BONEMETS_ROOT"):
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for candidate in [*here.parents, Path.cwd(), *Path.cwd().parents]:
        if _is_course_root(candidate):
            return candidate
    raise FileNotFoundError(
        "Cannot find the course folder (one holding quizzes/ and assets/). "
        "Set BONEMETS_ROOT to the repository folder."
    )


def quizzes_dir() -> Path:
    return course_root() / "quizzes"


def assets_dir() -> Path:
    return course_root() / "assets"


def notebooks_dir() -> Path:
    return course_root() / "notebooks"

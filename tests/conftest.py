"""Shared fixtures. Browser fixtures live in tests/browser_fixtures.py (see pytest_plugins)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# Not "jupyterlab_server.py": tests/ is on sys.path, and that name would shadow the real package.
pytest_plugins = ["browser_fixtures"]

REPO = Path(__file__).resolve().parents[1]


def clear_caches() -> None:
    from bonemets import bank, paths, references

    paths.course_root.cache_clear()
    bank.load_bank.cache_clear()
    references.load_registry.cache_clear()


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away copy of quizzes/ and assets/ that the package reads instead of the repository's."""
    root = tmp_path / "course"
    for folder in ("quizzes", "assets", "notebooks"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.setenv("BONEMETS_ROOT", str(root))
    clear_caches()
    yield root
    clear_caches()

"""Shared fixtures for every tier. Browser fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def clear_caches() -> None:
    from bonemets import paths
    from bonemets.content import (
        bank,
        figures,
        imaging_accuracy,
        pain_diary,
        plain_language,
        references,
        remodelling_parameters,
        skeletal_sites,
        trials,
        vicious_cycle,
        vignettes,
    )

    paths.course_root.cache_clear()
    bank.load_bank.cache_clear()
    references.load_registry.cache_clear()
    for accessor in (figures.course_figures, imaging_accuracy.course_accuracy_table,
                     remodelling_parameters.course_parameter_sets, skeletal_sites.course_sites,
                     skeletal_sites.skeleton_svg, trials.course_trials, vicious_cycle.course_cycle,
                     vignettes.course_vignettes, pain_diary.course_diary, plain_language.course_terms):
        accessor.cache_clear()


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

"""The package's rooms and the trust boundary between them (DESIGN.md, "Package layout").

Each rule reads the import statements of every module with `ast`, so a forbidden import fails here,
in the fast tier, whatever the module does at run time.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import bonemets

PACKAGE = Path(bonemets.__file__).resolve().parent
STDLIB = sys.stdlib_module_names


def imports_of(path: Path) -> set[str]:
    """Every module name a file imports, absolute, at any depth of the file (lazy imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def room_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


MODULES = sorted(PACKAGE.rglob("*.py"))

# room -> the rooms of ours it must not import (as dotted prefixes), and third-party packages it must not import.
FORBIDDEN = {
    "assessment": (("bonemets.content", "bonemets.clinical", "bonemets.models", "bonemets.learner",
                    "bonemets.instructor", "bonemets.paths", "bonemets.cli"), ("ipywidgets", "nbgrader", "yaml")),
    "content": (("bonemets.clinical", "bonemets.models", "bonemets.learner", "bonemets.instructor"),
                ("ipywidgets", "nbgrader")),
    "clinical": (("bonemets.learner", "bonemets.instructor", "bonemets.models"), ("ipywidgets", "nbgrader")),
    "models": (("bonemets.learner", "bonemets.instructor"), ("ipywidgets", "nbgrader")),
    "learner": (("bonemets.instructor", "bonemets.cli", "bonemets.trusted"), ("nbgrader", "pandas")),
    "instructor": (("bonemets.learner",), ("ipywidgets",)),
}


def _hits(names: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_room_imports_only_what_its_rules_allow(path: Path) -> None:
    room = room_of(path)
    if room not in FORBIDDEN:
        return
    ours, theirs = FORBIDDEN[room]
    names = imports_of(path)
    assert not _hits(names, ours), f"{path.name} ({room}) imports {_hits(names, ours)}"
    assert not _hits(names, theirs), f"{path.name} ({room}) imports {_hits(names, theirs)}"


@pytest.mark.parametrize("name", ["assessment/answers.py", "assessment/format_check.py", "errors.py", "grading.py"])
def test_kernel_side_modules_use_the_standard_library_only(name: str) -> None:
    allowed = {"bonemets", "bonemets.errors", "bonemets.assessment", "bonemets.assessment.answers",
               "bonemets.assessment.format_check"}
    outside = sorted(n for n in imports_of(PACKAGE / name)
                     if n.split(".")[0] not in STDLIB and n.split(".")[0] != "__future__"
                     and not any(n == a or n.startswith(a + ".") and a != "bonemets" for a in allowed)
                     and n not in allowed)
    assert not outside, f"{name} runs in a student's kernel and must stay standard-library only: {outside}"


def test_the_rule_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from bonemets.instructor.grading import batch\n    import nbgrader.api\n")
    assert _hits(imports_of(bad), FORBIDDEN["learner"][0]) == ["bonemets.instructor.grading",
                                                               "bonemets.instructor.grading.batch"]
    assert _hits(imports_of(bad), FORBIDDEN["learner"][1]) == ["nbgrader.api"]


LEARNER_SURFACE = {
    "BMASafetyChecker", "CalciumCalculator", "FiguresExplorer", "ImagingAccuracyExplorer", "MirelsCalculator",
    "OpioidTeachingCalculator", "PainDiaryExplorer", "RemodellingExplorer", "SinsCalculator", "SkeletonExplorer",
    "TeachBackPractice", "TriageTrainer", "TrialForest", "ViciousCycleExplorer", "accuracy_table", "assess_calcium",
    "assess_percent", "assess_renal_dose", "answer_sheet", "course_root", "show_progress", "show_quiz",
    # module 09 research and evidence, module 10 case study
    "ClaimChecker", "HazardRatioReader", "CaseRecord",
}


def test_the_learner_surface_is_exactly_the_declared_names() -> None:
    assert set(bonemets.__all__) == LEARNER_SURFACE


@pytest.mark.parametrize("name", sorted(LEARNER_SURFACE))
def test_every_surface_name_resolves(name: str) -> None:
    assert getattr(bonemets, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        bonemets.nonsense  # noqa: B018


def test_importing_bonemets_loads_no_widget_or_heavy_library() -> None:
    code = ("import sys, bonemets; heavy = sorted(m for m in ('ipywidgets', 'pandas', 'numpy', 'pydantic', "
            "'yaml', 'nbgrader', 'matplotlib') if m in sys.modules); print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_notebooks_import_only_the_learner_surface() -> None:
    import json

    notebooks = sorted((PACKAGE.parents[1] / "notebooks").glob("*.ipynb"))
    assert notebooks
    for nb in notebooks:
        for cell in json.loads(nb.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bonemets"):
                    assert node.module == "bonemets", f"{nb.name} imports from {node.module}"
                    assert {a.name for a in node.names} <= LEARNER_SURFACE


@pytest.mark.parametrize(("shim", "names"), [
    ("bonemets.trusted", ["TrustedScoring", "SafeExecute", "RestoreMissingCells"]),
    ("bonemets.grading", ["check_format", "normalise", "AnswerFormatError", "example"]),
])
def test_published_names_keep_working_through_their_shims(shim: str, names: list[str]) -> None:
    module = importlib.import_module(shim)
    for name in names:
        assert getattr(module, name) is not None, f"{shim}.{name}"


def test_the_trusted_shim_gives_the_very_classes_the_grader_checks_for() -> None:
    from bonemets import trusted
    from bonemets.instructor.grading import trusted_scoring

    assert trusted.TrustedScoring is trusted_scoring.TrustedScoring

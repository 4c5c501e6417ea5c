"""pyproject.toml declares what the package imports: a third-party import in src/bonemets is a direct
dependency, an `instructor` extra (instructor/ only), or comes with one of those (checked in its metadata)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import requires
from pathlib import Path

import bonemets

PACKAGE = Path(bonemets.__file__).resolve().parent
PYPROJECT = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DISTRIBUTION = {"yaml": "pyyaml", "PIL": "pillow", "IPython": "ipython"}  # import name -> distribution
COMES_WITH = {"ipython": "ipywidgets", "nbclient": "nbgrader", "jupyter-client": "nbgrader", "jupyter-core": "nbformat"}


def _name(requirement: str) -> str:
    """A requirement's distribution name, normalised ('jupyter_client>=8' -> 'jupyter-client')."""
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def third_party_imports() -> dict[str, set[str]]:
    """Distribution name -> the rooms (top-level folders or modules) that import it."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        room = path.relative_to(PACKAGE).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for root in {name.split(".")[0] for name in names} - set(sys.stdlib_module_names) - {"bonemets"}:
                found.setdefault(_name(DISTRIBUTION.get(root, root)), set()).add(room)
    return found


def test_every_third_party_import_is_declared():
    direct = {_name(r) for r in PYPROJECT["dependencies"]}
    instructor = {_name(r) for r in PYPROJECT["optional-dependencies"]["instructor"]}
    for distribution, rooms in third_party_imports().items():
        if distribution in direct:
            continue
        if distribution in instructor:
            assert rooms == {"instructor"}, f"{distribution} is an instructor extra but {rooms} import it"
            continue
        parent = COMES_WITH.get(distribution)
        assert parent in direct, f"{distribution} ({rooms}) is imported but not declared in pyproject.toml"
        assert distribution in {_name(r) for r in requires(parent) or []}, f"{parent} does not bring {distribution}"


def test_pandas_is_not_a_dependency_of_the_course_package():
    assert "pandas" not in third_party_imports()
    assert "pandas" not in {_name(r) for r in PYPROJECT["dependencies"]}

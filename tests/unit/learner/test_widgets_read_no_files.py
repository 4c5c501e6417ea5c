"""Widgets render; the course's files are read by bonemets.content (DESIGN.md). A widget module that opens a
file, parses CSV or YAML, or finds the course folder itself fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bonemets.learner.widgets as widgets_package

WIDGETS = sorted(Path(widgets_package.__file__).parent.glob("[a-z]*.py"))
READERS = {"csv", "yaml", "pandas", "bonemets.paths", "bonemets.content.tables"}
FILE_CALLS = {"open", "read_text", "read_bytes"}


@pytest.mark.parametrize("path", WIDGETS, ids=lambda p: p.name)
def test_a_widget_module_reads_no_file_itself(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & READERS, f"{path.name} imports {sorted(imported & READERS)}: read data in bonemets.content"
    calls = {node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
             for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert not calls & FILE_CALLS, f"{path.name} calls {sorted(calls & FILE_CALLS)}: read files in bonemets.content"

"""The one reader of the course's data tables (bonemets.content.tables): its error format and its source keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonemets.content import tables
from bonemets.content.references import load_registry
from bonemets.content.tables import Number, Row, SourceKey, Text
from bonemets.errors import ContentError


class Sample(Row):
    name: Text
    size: Number
    source: SourceKey
    note: str = ""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_source_keys_are_the_registry_keys_unless_a_test_gives_its_own():
    assert tables.source_keys() == frozenset(load_registry())
    assert tables.source_keys({"a"}) == frozenset({"a"})


def test_every_bad_cell_is_named_as_file_line_field_message(tmp_path):
    path = write(tmp_path / "t.csv", "name,size,source,note\n,12,a,\nx,big,b,\n")
    with pytest.raises(ContentError) as error:
        tables.read_csv(path, Sample, "sample table", known_sources={"a"})
    assert isinstance(error.value, ValueError)
    assert str(error.value).splitlines() == [
        "t.csv: line 2: name: is empty",
        "t.csv: line 3: size: 'big' is not a number",
        "t.csv: line 3: source: unknown source 'b' (not a key in assets/references.yaml)"]


def test_good_rows_come_back_with_their_line_and_stripped_text(tmp_path):
    path = write(tmp_path / "t.csv", "name,size,source,note\n x ,1.5,a,\n")
    [(where, row)] = tables.read_csv(path, Sample, "sample table", known_sources={"a"})
    assert where == "t.csv: line 2" and row == Sample(name="x", size=1.5, source="a")


def test_a_yaml_entry_that_is_not_a_mapping_or_has_a_stray_field_is_named(tmp_path):
    path = write(tmp_path / "t.yaml", "items:\n- just text\n- {name: x, size: 1, source: a, colour: red}\n")
    entries = tables.yaml_sections(path, "sample file", ("items",))["items"]
    assert [line for line, _ in entries] == [2, 3]
    rows, problems = tables.validate_rows(Sample, [(f"line {n}", raw) for n, raw in entries], {"a"})
    assert rows == []
    assert problems == ["line 2: each entry must be a mapping with the fields name, size, source, note",
                        "line 3: colour: unexpected field; allowed: name, size, source, note"]


def test_a_yaml_file_without_its_list_is_named(tmp_path):
    with pytest.raises(ContentError, match="t.yaml: the key 'items' is missing"):
        tables.yaml_sections(write(tmp_path / "t.yaml", "other: []\n"), "sample file", ("items",))
    with pytest.raises(ContentError, match="t.yaml: line 1: 'items' must be a non-empty list"):
        tables.yaml_sections(write(tmp_path / "t.yaml", "items: []\n"), "sample file", ("items",))

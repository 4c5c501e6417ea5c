"""The published-figures table (bonemets.content.figures): the course's file, and bad files named precisely."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bonemets.content import figures as cf
from bonemets.content.references import load_registry

HEADER = list(cf.COLUMNS)
GOOD_ROW = ["How often bone is involved", "Group A", "65.1", "%", "Who was studied", "gong2018", ""]


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def figures():
    return cf.load_figures()


def test_the_course_csv_loads_with_the_exact_columns_and_numeric_values(figures):
    assert HEADER == ["measure", "group", "value", "unit", "population", "source", "note"]
    assert len(figures) > 0
    assert all(isinstance(row.value, float) for row in figures)


def test_every_source_is_a_key_of_the_reference_registry(figures):
    assert {row.source for row in figures} <= set(load_registry())


def test_every_row_names_its_population_precisely(figures):
    # "Who was studied" must say more than a label: at least a few words each.
    assert all(len(row.population.split()) >= 5 for row in figures)


def test_percentages_stay_within_0_and_100(figures):
    assert all(0 <= row.value <= 100 for row in figures if row.unit == "%")


def test_the_course_accessor_reads_the_file_once():
    assert cf.course_figures() is cf.course_figures()
    assert cf.course_figures() == cf.load_figures()


def test_a_missing_column_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [c for c in HEADER if c != "population"], GOOD_ROW[:4] + GOOD_ROW[5:])
    with pytest.raises(ValueError, match=r"bad\.csv: missing column\(s\) \['population'\]"):
        cf.load_figures(path, known_sources={"gong2018"})


def test_an_unknown_source_is_named_with_its_line(tmp_path):
    row = GOOD_ROW[:5] + ["smith2099"] + GOOD_ROW[6:]
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, row)
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: source: unknown source 'smith2099'"):
        cf.load_figures(path, known_sources={"gong2018"})


def test_a_value_that_is_not_a_number_is_named(tmp_path):
    row = GOOD_ROW[:2] + ["about 70"] + GOOD_ROW[3:]
    path = write_csv(tmp_path / "bad.csv", HEADER, row)
    with pytest.raises(ValueError, match=r"bad\.csv: line 2: value: 'about 70' is not a number"):
        cf.load_figures(path, known_sources={"gong2018"})


def test_an_empty_population_is_named(tmp_path):
    row = GOOD_ROW[:4] + [""] + GOOD_ROW[5:]
    path = write_csv(tmp_path / "bad.csv", HEADER, row)
    with pytest.raises(ValueError, match=r"bad\.csv: line 2: population: is empty"):
        cf.load_figures(path, known_sources={"gong2018"})


def test_mixed_units_in_one_measure_are_refused(tmp_path):
    row = ["How often bone is involved", "Group B", "24", "months", "Who was studied", "gong2018", ""]
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, row)
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: unit: measure 'How often bone is involved' mixes units"):
        cf.load_figures(path, known_sources={"gong2018"})


def test_the_default_check_uses_the_reference_registry(tmp_path):
    row = GOOD_ROW[:5] + ["notakey"] + GOOD_ROW[6:]
    path = write_csv(tmp_path / "bad.csv", HEADER, row)
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        cf.load_figures(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="missing.csv: the figures table is missing"):
        cf.load_figures(tmp_path / "missing.csv", known_sources=set())

"""The pivotal-trials table (bonemets.content.trials): the course's file, and bad files named precisely."""

from __future__ import annotations

import pytest
from trial_rows import GOOD_ROW, HEADER, with_value, write_csv

from bonemets.content import trials as ct
from bonemets.content.references import load_registry
from bonemets.errors import ContentError

X_MIN, X_MAX = 0.15, 1.6  # the forest plot's axis (bonemets.learner.widgets.trial_forest)




@pytest.fixture(scope="module")
def trials():
    return ct.load_trials()


# ---------------------------------------------------------------- the course data file


def test_the_course_csv_loads_with_numeric_fields(trials):
    assert len(trials) == 11
    assert all(isinstance(row.hr, float) and isinstance(row.n, int) for row in trials)
    assert tuple(ct.TrialRow.model_fields) == ct.COLUMNS


def test_every_source_is_a_key_of_the_reference_registry(trials):
    assert {row.source for row in trials} <= set(load_registry())


def test_every_hazard_ratio_lies_in_its_interval_and_on_the_plotted_axis(trials):
    assert all(row.ci_low <= row.hr <= row.ci_high for row in trials)
    assert all(row.ci_low >= X_MIN and row.ci_high <= X_MAX for row in trials)


def test_the_verified_published_figures_are_present(trials):
    def row(source, endpoint):
        rows = [row for row in trials if row.source == source and row.endpoint == endpoint]
        assert len(rows) == 1, (source, endpoint)
        return rows[0].hr, rows[0].ci_low, rows[0].ci_high, rows[0].n

    assert row("stopeck2010", "time to first on-study SRE") == (0.82, 0.71, 0.95, 2046)
    assert row("martin2012", "time to first radiation to bone") == (0.74, 0.59, 0.94, 2046)
    assert row("hortobagyi2022", "overall survival") == (0.76, 0.63, 0.93, 668)
    assert row("swain2015", "overall survival") == (0.68, 0.56, 0.84, 808)
    assert row("cortes2022db03", "progression-free survival") == (0.28, 0.22, 0.37, 524)
    assert row("cortes2022kn355", "overall survival") == (0.73, 0.55, 0.95, 323)
    assert row("bardia2021", "overall survival") == (0.48, 0.38, 0.59, 468)
    # first-line landscape as of late 2026 (clinical review of November 2026, section 3)
    assert row("bardia2024db06", "progression-free survival") == (0.62, 0.52, 0.75, 713)
    assert row("tolaney2025db09", "progression-free survival") == (0.56, 0.44, 0.71, 770)
    assert row("tolaney2026ascent04", "progression-free survival") == (0.65, 0.51, 0.84, 443)


def test_every_row_says_who_was_studied(trials):
    assert all(len(row.population.split()) >= 5 for row in trials)


# ---------------------------------------------------------------- malformed files name file, line and problem


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"nothere\.csv: the trials table is missing"):
        ct.load_trials(tmp_path / "nothere.csv", known_sources=set())


def test_a_missing_column_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [c for c in HEADER if c != "ci_low"],
                     [v for c, v in zip(HEADER, GOOD_ROW, strict=True) if c != "ci_low"])
    with pytest.raises(ValueError, match=r"bad\.csv: missing column\(s\) \['ci_low'\]"):
        ct.load_trials(path, known_sources={"stopeck2010"})


def test_an_extra_column_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [*HEADER, "p_value"], [*GOOD_ROW, "0.01"])
    with pytest.raises(ValueError, match=r"unexpected column\(s\) \['p_value'\]"):
        ct.load_trials(path, known_sources={"stopeck2010"})


def test_a_row_with_missing_fields_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, GOOD_ROW[:5])
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: the row has 5 values instead of the header's 12"):
        ct.load_trials(path, known_sources={"stopeck2010"})


def test_an_empty_table_is_refused(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER)
    with pytest.raises(ValueError, match="the table has no rows"):
        ct.load_trials(path, known_sources={"stopeck2010"})


@pytest.mark.parametrize("column, value, words", [
    ("hr", "about 0.8", r"line 3: hr: 'about 0.8' is not a number"),
    ("ci_low", "0", r"line 3: ci_low: 0 must be above 0"),
    ("ci_high", "0.80", r"line 3: hr: the hazard ratio 0.82 must lie inside its interval 0.71-0.8"),
    ("n", "many", r"line 3: n: 'many' must be a whole number"),
    ("source", "smith2099", r"line 3: source: unknown source 'smith2099'"),
    ("endpoint", "", r"line 3: endpoint: is empty"),
    ("group", "Lung", r"line 3: group: 'Lung' is not one of"),
])
def test_a_bad_value_is_named_with_its_line(tmp_path, column, value, words):
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, with_value(column, value))
    with pytest.raises(ValueError, match=rf"bad\.csv: {words}"):
        ct.load_trials(path, known_sources={"stopeck2010"})


def test_every_problem_of_a_file_is_reported_at_once_as_a_content_error(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, with_value("hr", "x"), with_value("source", "smith2099"))
    with pytest.raises(ContentError) as error:
        ct.load_trials(path, known_sources={"stopeck2010"})
    assert str(error.value).splitlines() == [
        "bad.csv: line 2: hr: 'x' is not a number",
        "bad.csv: line 3: source: unknown source 'smith2099' (not a key in assets/references.yaml)"]


def test_the_course_accessor_reads_the_file_once():
    assert ct.course_trials() is ct.course_trials()

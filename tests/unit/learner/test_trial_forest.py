"""The pivotal-trials forest plot: its data file, its pure helpers and its widget."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import ipywidgets as widgets
import pytest

from bonemets.content.references import load_registry
from bonemets.learner.widgets import trial_forest as tf

HEADER = list(tf.COLUMNS)
GOOD_ROW = ["Stopeck 2010", "Trial", "Bone-modifying agents", "denosumab vs zoledronic acid",
            "time to first on-study SRE", "0.82", "0.71", "0.95", "2046", "Who was studied", "stopeck2010", ""]
SVG = "{http://www.w3.org/2000/svg}"


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def with_value(column: str, value: str) -> list[str]:
    row = list(GOOD_ROW)
    row[HEADER.index(column)] = value
    return row


@pytest.fixture(scope="module")
def trials():
    return tf.load_trials()


# ---------------------------------------------------------------- the course data file


def test_the_course_csv_loads_with_numeric_fields(trials):
    assert len(trials) == 11
    assert all(isinstance(row.hr, float) and isinstance(row.n, int) for row in trials)
    assert tuple(tf.TrialRow.__dataclass_fields__) == tf.COLUMNS


def test_every_source_is_a_key_of_the_reference_registry(trials):
    assert {row.source for row in trials} <= set(load_registry())


def test_every_hazard_ratio_lies_in_its_interval_and_on_the_plotted_axis(trials):
    assert all(row.ci_low <= row.hr <= row.ci_high for row in trials)
    assert all(row.ci_low >= tf._X_MIN and row.ci_high <= tf._X_MAX for row in trials)


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


# ---------------------------------------------------------------- text summary and table


def test_summary_lists_every_row_in_the_required_form(trials):
    text = tf.summary_text(tf.ALL_TRIALS, trials)
    assert "Stopeck 2010, denosumab vs zoledronic acid, time to first on-study SRE: HR 0.82 (0.71-0.95)" in text
    for row in trials:
        assert tf.row_text(row) in text
    assert "logarithmic x axis" in text and "HR 1" in text
    assert "11 of 11 intervals lie wholly below 1" in text


def test_summary_reports_intervals_that_cross_or_exceed_one(tmp_path):
    crossing = with_value("ci_high", "1.10")
    above = with_value("hr", "1.30")
    above[HEADER.index("ci_low")], above[HEADER.index("ci_high")] = "1.10", "1.50"
    path = write_csv(tmp_path / "t.csv", HEADER, GOOD_ROW, crossing, above)
    text = tf.summary_text(tf.ALL_TRIALS, tf.load_trials(path, known_sources={"stopeck2010"}))
    assert "1 of 3 intervals lie wholly below 1" in text
    assert "1 lie wholly above 1" in text and "1 cross 1" in text


@pytest.mark.parametrize("group", ["Bone-modifying agents", "Hormone receptor-positive HER2-negative", "HER2-positive",
                                   "Triple-negative"])
def test_each_group_shows_only_its_rows(trials, group):
    rows = tf.rows_for(group, trials)
    assert len(rows) >= 1 and {row.group for row in rows} == {group}
    assert f"{len(rows)} hazard ratios" in tf.summary_text(group, trials)


def test_unknown_group_names_the_choices(trials):
    with pytest.raises(ValueError, match="unknown group 'Lung'"):
        tf.rows_for("Lung", trials)


def test_table_gives_population_note_and_full_citation(trials):
    html = tf.table_html("Triple-negative", trials)
    assert '<th scope="col"' in html
    assert "Bardia A, Hurvitz SA" in html
    assert "0.48 (0.38-0.59)" in html
    assert "323 of the 847 patients" in html


# ---------------------------------------------------------------- the SVG plot


@pytest.mark.parametrize("group", tf.groups())
def test_the_plot_is_valid_svg_with_title_description_and_one_row_per_trial(trials, group):
    svg = tf.forest_svg(group, trials)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("Forest plot")
    assert root.find(f"{SVG}desc").text == tf.summary_text(group, trials)
    rows = tf.rows_for(group, trials)
    texts = "".join(root.itertext())
    for row in rows:
        assert f"{row.hr:.2f} ({row.ci_low:.2f}-{row.ci_high:.2f})" in texts


def test_the_reference_line_sits_at_one_on_a_log_axis():
    # equal ratios are equal distances: 0.15 -> 0.3 spans as far as 0.3 -> 0.6
    assert tf._x(0.3) - tf._x(0.15) == pytest.approx(tf._x(0.6) - tf._x(0.3))
    svg = tf.forest_svg(tf.ALL_TRIALS)
    assert tf._x(tf._X_MIN) == tf._LEFT and tf._x(tf._X_MAX) == pytest.approx(tf._LEFT + tf._PLOT)
    assert tf._x(0.01) == tf._x(tf._X_MIN)  # values off the axis are clipped to its edge
    assert f'x1="{tf._x(1.0):.1f}"' in svg and 'stroke-dasharray="6 4"' in svg


def test_groups_are_told_by_shape_as_well_as_colour(trials):
    svg = tf.forest_svg(tf.ALL_TRIALS, trials)
    assert "<rect x=" in svg and "<circle" in svg and "<polygon" in svg
    assert len({style[1] for style in tf.GROUP_STYLE.values()}) == len(tf.GROUP_STYLE)
    for name, (_colour, _marker, shape) in tf.GROUP_STYLE.items():
        assert f"{name} ({shape})" in svg


# ---------------------------------------------------------------- the widget


def test_widget_builds_a_labelled_vbox(trials):
    forest = tf.TrialForest(trials)
    assert isinstance(forest.widget, widgets.VBox)
    assert forest.dropdown.description == "Show trials:"
    assert forest.dropdown.options[0] == tf.ALL_TRIALS
    assert "<svg" in forest.chart.value
    assert hasattr(forest, "_ipython_display_")


def test_switching_the_group_updates_summary_plot_and_table(trials):
    forest = tf.TrialForest(trials)
    before = forest.chart.value, forest.table.value
    forest.dropdown.value = "HER2-positive"
    assert forest.chart.value != before[0] and forest.table.value != before[1]
    assert "CLEOPATRA" in forest.summary.value and "Stopeck" not in forest.summary.value
    assert 'role="status"' in forest.summary.value


# ---------------------------------------------------------------- malformed files name file, line and problem


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"nothere\.csv: the trials table is missing"):
        tf.load_trials(tmp_path / "nothere.csv", known_sources=set())


def test_a_missing_column_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [c for c in HEADER if c != "ci_low"],
                     [v for c, v in zip(HEADER, GOOD_ROW, strict=True) if c != "ci_low"])
    with pytest.raises(ValueError, match=r"bad\.csv: missing column\(s\) \['ci_low'\]"):
        tf.load_trials(path, known_sources={"stopeck2010"})


def test_an_extra_column_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [*HEADER, "p_value"], [*GOOD_ROW, "0.01"])
    with pytest.raises(ValueError, match=r"unexpected column\(s\) \['p_value'\]"):
        tf.load_trials(path, known_sources={"stopeck2010"})


def test_a_row_with_missing_fields_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, GOOD_ROW[:5])
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: the row does not have the header's 12 fields"):
        tf.load_trials(path, known_sources={"stopeck2010"})


def test_an_empty_table_is_refused(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER)
    with pytest.raises(ValueError, match="the table has no rows"):
        tf.load_trials(path, known_sources={"stopeck2010"})


@pytest.mark.parametrize("column, value, words", [
    ("hr", "about 0.8", r"line 3: hr 'about 0.8' is not a number"),
    ("ci_low", "0", r"line 3: ci_low 0 must be above 0"),
    ("ci_high", "0.80", r"line 3: the hazard ratio 0.82 must lie inside its interval 0.71-0.80"),
    ("n", "many", r"line 3: n 'many' must be a whole number"),
    ("source", "smith2099", r"line 3: unknown source 'smith2099'"),
    ("endpoint", "", r"line 3: 'endpoint' is empty"),
    ("group", "Lung", r"line 3: group 'Lung' is not one of"),
])
def test_a_bad_value_is_named_with_its_line(tmp_path, column, value, words):
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, with_value(column, value))
    with pytest.raises(ValueError, match=rf"bad\.csv: {words}"):
        tf.load_trials(path, known_sources={"stopeck2010"})

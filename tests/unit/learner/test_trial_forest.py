"""The pivotal-trials forest plot: its data file, its pure helpers and its widget."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import ipywidgets as widgets
import pytest
from trial_rows import GOOD_ROW, HEADER, with_value, write_csv

from bonemets.content.trials import GROUPS, course_trials, load_trials
from bonemets.learner.widgets import trial_forest as tf

SVG = "{http://www.w3.org/2000/svg}"




@pytest.fixture(scope="module")
def trials():
    return course_trials()


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
    text = tf.summary_text(tf.ALL_TRIALS, load_trials(path, known_sources={"stopeck2010"}))
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
    assert tuple(tf.GROUP_STYLE) == GROUPS  # every group the table allows has a style
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
    assert "CLEOPATRA" in forest.status.value and "Stopeck" not in forest.status.value
    assert 'role="status"' in forest.status.value

"""The test-accuracy explorer: its words, its picture, its widget (the data file: tests/unit/content)."""

from __future__ import annotations

import re
import time

import ipywidgets as widgets
import pytest

from bonemets.clinical import diagnostic_accuracy as ta
from bonemets.content.imaging_accuracy import course_accuracy_table
from bonemets.learner.widgets import imaging_accuracy as tae


@pytest.fixture(scope="module")
def table():
    return course_accuracy_table()


def by_label(table, label):
    return next(r for r in table if r.label == label)


# ---------------------------------------------------------------------------------------------- the table


def test_the_table_html_lists_every_row_with_its_citation(table):
    html = tae.table_html(table)
    assert html.count("<tr>") == 13  # header + 12 rows
    assert "<caption" in html and 'scope="col"' in html
    assert html.count("not verified (left blank)") == 2
    assert "Eur Radiol 2011;21(12):2604-17" in html and "J Imaging 2023;9(12):274" in html


# ---------------------------------------------------------------------------------------------- words and picture


def test_result_text_gives_post_test_values_and_the_100_people(table):
    text = tae.result_text(by_label(table, "Bone scan | Zamanian et al. 2023 | breast cancer"), 30)
    assert "After a POSITIVE result the chance of bone metastases is 81.1% (positive predictive value, PPV 81.1%)." \
        in text
    assert "After a NEGATIVE result the chance of bone metastases is 4.5% (negative predictive value, NPV 95.5%)." \
        in text
    assert "Of 100 patients like this, 30 have bone metastases; the bone scan finds 27 of them and misses 3." in text
    assert "not a published figure" in text
    assert "Counts: true positives (circles) 27; false negatives (crosses) 3; false positives (triangles) 6; " \
           "true negatives (squares) 64." in text


def test_a_row_without_a_verified_specificity_says_so_and_invents_nothing(table):
    text = tae.result_text(by_label(table, "MRI | Liu et al. 2011 | breast cancer"), 30)
    assert "Post-test probabilities cannot be worked out for this row" in text
    assert "PPV" not in text and "NPV" not in text and "%)" not in text.split("\n", 1)[1]
    assert "about 97 in every 100 patients who had bone metastases" in text


def test_the_picture_has_100_shapes_one_shape_per_outcome_and_a_labelled_legend():
    freq = ta.natural_frequencies(0.90, 0.91, 0.30)
    svg = tae.icon_array_svg(freq)
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-label=" in svg
    grid = {c.key: len(re.findall(f'data-outcome="{c.key}"', svg)) - 1 for c in tae.CATEGORIES}  # minus the legend
    assert grid == {"true positive": 27, "false negative": 3, "false positive": 6, "true negative": 64}
    tags = {c.key: re.search(f'<(\\w+) data-outcome="{c.key}"', svg).group(1) for c in tae.CATEGORIES}
    assert tags == {"true positive": "circle", "false negative": "polygon", "false positive": "polygon",
                    "true negative": "rect"}
    for c in tae.CATEGORIES:
        assert f'fill="{c.colour}"' in svg
        assert f"{c.key.capitalize()}: {freq.as_dict()[c.key]}" in svg
    assert "Each shape is one person" in svg


def test_the_four_outcomes_differ_in_shape_and_in_okabe_ito_colour():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert len({c.shape for c in tae.CATEGORIES}) == 4
    assert len({c.colour for c in tae.CATEGORIES}) == 4 and {c.colour for c in tae.CATEGORIES} <= okabe_ito


def test_the_aria_label_repeats_the_text_summary():
    freq = ta.natural_frequencies(0.93, 0.99, 0.30)
    svg = tae.icon_array_svg(freq)
    assert "Counts: true positives (circles) 28; false negatives (crosses) 2; false positives (triangles) 1" in svg


# ---------------------------------------------------------------------------------------------- the widget


def test_widget_has_labelled_controls_and_a_status_region(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.row.description == "Imaging test and source:"
    assert [label for label, _ in explorer.row.options] == [r.label for r in table]
    assert explorer.pretest.description == "Pre-test probability of bone metastases (%, 1 to 99):"
    assert (explorer.pretest.min, explorer.pretest.max, explorer.pretest.value) == (1, 99, 30)
    assert 'role="status"' in explorer.status.value and 'aria-live="polite"' in explorer.status.value


def test_changing_the_pretest_probability_updates_the_words_and_the_picture(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    explorer.choose("Bone scan | Zamanian et al. 2023 | breast cancer")
    assert "81.1%" in explorer.text
    explorer.pretest.value = 5
    assert "After a POSITIVE result the chance of bone metastases is 34.5%" in explorer.text
    assert "34.5%" in explorer.status.value
    # below 10% the picture counts 1,000 people, so the 5 missed cases are not rounded away (review E9)
    assert explorer.picture.value.count('data-outcome="false positive"') == 86 + 1  # 86 people + the legend
    assert explorer.picture.value.count('data-outcome="false negative"') == 5 + 1
    assert "As 1,000 people:" in explorer.text and "misses 5" in explorer.text


def test_a_missed_case_that_rounds_to_zero_is_named_in_words(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    explorer.choose("Bone scan | Zamanian et al. 2023 | breast cancer")
    explorer.pretest.value = 30
    assert "The counts are rounded to whole people out of 100" in explorer.text
    assert "only because of rounding" not in explorer.text


def test_typing_in_the_number_box_updates_the_words(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    assert explorer.pretest.description == "Pre-test probability of bone metastases (%, 1 to 99):"
    explorer.choose("CT | Yang et al. 2011 | all cancers")
    explorer.pretest.value = 20
    assert explorer.pretest.value == 20
    assert "After a POSITIVE result the chance of bone metastases is 77.8%" in explorer.text
    explorer.pretest.value = 60
    assert explorer.pretest.value == 60


def test_choosing_an_unverified_row_hides_the_picture_and_says_why(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    explorer.choose("Bone scan | Liu et al. 2011 | breast cancer")
    assert explorer.picture.value == ""
    assert "cannot be worked out" in explorer.status.value
    explorer.choose("FDG-PET/CT | Rong et al. 2013 | breast cancer")
    assert explorer.picture.value.startswith("<svg")
    assert "97.6%" in explorer.text


def test_the_same_test_from_two_meta_analyses_gives_two_answers(table):
    explorer = tae.ImagingAccuracyExplorer(table, pretest_percent=30)
    explorer.choose("Bone scan | Yang et al. 2011 | all cancers")
    yang = explorer.text
    explorer.choose("Bone scan | Rong et al. 2013 | breast cancer")
    # PPV by hand: Yang 0.86 x 0.3 / (0.258 + 0.186 x 0.7) = 0.258 / 0.3882 = 66.5%;
    # Rong 0.81 x 0.3 / (0.243 + 0.04 x 0.7) = 0.243 / 0.271 = 89.7%
    assert "66.5%" in yang and "89.7%" in explorer.text


def test_an_unknown_row_label_is_refused(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    with pytest.raises(ValueError, match="'X-ray | Nobody 2099 | dogs' is not in the list"):
        explorer.choose("X-ray | Nobody 2099 | dogs")


def test_an_empty_table_is_refused():
    with pytest.raises(ValueError, match="needs at least one row"):
        tae.ImagingAccuracyExplorer([])


def test_an_update_is_fast(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    start = time.perf_counter()
    for value in range(1, 100, 4):
        explorer.pretest.value = value
    per_update = (time.perf_counter() - start) / len(range(1, 100, 4))
    assert per_update < 0.1, f"an update took {per_update * 1000:.0f} ms"

"""The pain-diary explorer widget and the teach-back widget, driven from Python."""

from __future__ import annotations

import ipywidgets as widgets

from bonemets.clinical import pain_diary as pd
from bonemets.learner.widgets import pain_diary as pdw
from bonemets.learner.widgets import teach_back as tb


def test_explorer_has_labelled_controls_a_status_region_and_the_teaching_label():
    explorer = pdw.PainDiaryExplorer()
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.case.description == "Choose a day:" and explorer.choice.description
    assert [label for label, _ in explorer.choice.options] == list(pd.DECISIONS.values())
    assert 'role="status"' in explorer.status.value
    assert "never a prescribing aid" in explorer.widget.children[0].value
    assert "Fictional patient." in explorer.story.value


def test_chart_is_okabe_ito_svg_with_the_same_numbers_in_words_and_a_table():
    explorer = pdw.PainDiaryExplorer()
    svg = explorer.chart.value
    assert "<svg" in svg and "#0072B2" in svg and "#E69F00" in svg and "<title" in svg
    assert "day 3 usual 5, worst 7" in svg
    table = explorer.widget.children[-1].value
    assert "<caption>" in table and "110 mg" in table


def test_checking_a_day_gives_feedback_and_counts_it():
    explorer = pdw.PainDiaryExplorer()
    assert explorer.check().startswith("Choose what the nurse should do first")
    explorer.case.value = 6
    explorer.choice.value = "continue"
    assert explorer.check().startswith("Not quite")
    assert "Emergency: get medical help now" in explorer.status.value
    explorer.case.value = 1
    assert explorer.choice.value is None and "Not quite" not in explorer.status.value
    explorer.choice.value = "continue"
    explorer.button.click()
    assert explorer.score_text() == "Days checked: 2 of 7; matched the guidance: 1."


def test_teach_back_opens_on_a_jargon_heavy_draft_and_rechecks_a_revision():
    practice = tb.TeachBackPractice()
    assert practice.explanation.description == "Your explanation:" and practice.task.description
    assert "Medical words still in your text" in practice.text
    assert 'role="status"' in practice.status.value
    practice.explanation.value = ("The cancer has spread to some of your bones. A drip every few weeks helps keep your "
                           "bones strong. Call us at once if your back hurts in a new way.")
    practice.button.click()
    assert "No words from the course" in practice.status.value and "jargon list were found" in practice.status.value


def test_teach_back_explains_text_too_short_to_measure_and_shows_each_task():
    practice = tb.TeachBackPractice(text="Too short.")
    assert practice.text.startswith("Cannot check yet: Write at least 15 words")
    practice.task.value = "exercise"
    assert "Fictional patient." in practice.question.value and "exercises" in practice.question.value

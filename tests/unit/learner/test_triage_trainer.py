"""The red-flag triage trainer: its feedback logic and its widget, driven from Python (the file: tests/unit/content)."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from bonemets.content.vignettes import URGENCY_LEVELS, course_vignettes
from bonemets.learner.widgets import triage_trainer as tt


@pytest.fixture(scope="module")
def vignettes():
    return course_vignettes()


# ---------------------------------------------------------------- feedback logic


def test_every_urgency_level_of_the_file_has_a_label():
    assert tuple(tt.URGENCY) == URGENCY_LEVELS


def test_a_right_choice_says_correct_and_gives_the_rationale_and_sources(vignettes):
    first = vignettes[0]
    feedback = tt.check_answer(first, first.answer)
    assert feedback.correct
    assert feedback.text.startswith("Correct: you chose")
    assert first.rationale in feedback.text
    assert "Sources: " in feedback.text and "NICE guideline NG234" in feedback.text


def test_a_wrong_choice_says_not_quite_and_names_the_supported_level(vignettes):
    case = next(v for v in vignettes if v.answer == "emergency")
    feedback = tt.check_answer(case, "routine")
    assert not feedback.correct
    assert feedback.text.startswith("Not quite: you chose 'Routine")
    assert "The guidance supports 'Emergency: act now and escalate immediately'." in feedback.text


def test_no_choice_asks_for_one(vignettes):
    feedback = tt.check_answer(vignettes[0], None)
    assert not feedback.correct and feedback.text.startswith("Choose an urgency level first")


def test_an_unknown_urgency_is_refused(vignettes):
    with pytest.raises(ValueError, match="unknown urgency 'soon'"):
        tt.check_answer(vignettes[0], "soon")


# ---------------------------------------------------------------- the widget


def test_widget_has_labelled_controls_and_a_status_region(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    assert isinstance(trainer.widget, widgets.VBox)
    assert trainer.case.description == "Choose a case:"
    assert trainer.choice.description == "How urgent is this?"
    assert [label for label, _ in trainer.choice.options] == list(tt.URGENCY.values())
    assert trainer.button.description == "Check"
    assert 'role="status"' in trainer.status.value
    assert "Fictional patient." in trainer.story.value


def test_checking_without_a_choice_asks_for_one(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    assert trainer.check().startswith("Choose an urgency level first")
    assert trainer.results == {}


def test_choosing_and_checking_shows_feedback_and_updates_the_score(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    trainer.choice.value = trainer.current.answer
    text = trainer.check()
    assert text.startswith("Correct")
    assert "Correct: you chose" in trainer.status.value
    assert trainer.score_text() == f"Cases checked: 1 of {len(vignettes)}; matched the guidance: 1."
    trainer.case.value = vignettes[1].id
    wrong = next(key for key in tt.URGENCY if key != vignettes[1].answer)
    trainer.choice.value = wrong
    assert trainer.check().startswith("Not quite")
    assert "matched the guidance: 1." in trainer.score.value


def test_changing_case_clears_the_choice_and_feedback(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    trainer.choice.value = "routine"
    trainer.check()
    trainer.case.value = vignettes[2].id
    assert trainer.choice.value is None
    assert "Not quite" not in trainer.status.value and "Correct" not in trainer.status.value
    assert vignettes[2].title in trainer.story.value


def test_the_button_click_runs_the_check(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    trainer.choice.value = trainer.current.answer
    trainer.button.click()
    assert "Correct: you chose" in trainer.status.value


def test_default_trainer_uses_the_course_file():
    trainer = tt.TriageTrainer()
    assert trainer.vignettes == course_vignettes()
    assert hasattr(trainer, "_ipython_display_")

"""The vicious-cycle step-through: its text logic and its widget (the data file: tests/unit/content)."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from bonemets.content.vicious_cycle import course_cycle
from bonemets.learner.widgets import vicious_cycle as vc


@pytest.fixture(scope="module")
def cycle():
    return course_cycle()


# --- text logic -------------------------------------------------------------------------------------------------

def test_the_effect_spreads_from_the_blocked_step_once_round_the_cycle(cycle):
    order = [s.id for s in vc.effect_order(cycle, "denosumab")]
    assert order == ["osteoclasts", "resorption", "release", "tumour_growth", "tumour_signals", "rankl"]
    assert vc.effect_order(cycle, "none") == []


@pytest.mark.parametrize("index, status", [
    (0, "reduced next turn"), (1, "reduced next turn"), (2, "reduced next turn"),
    (3, "drug acts here"), (4, "reduced"), (5, "reduced")])
def test_step_status_for_a_bisphosphonate(cycle, index, status):
    assert vc.step_status(cycle, index, "bisphosphonate") == status


def test_with_no_drug_every_step_is_unchanged(cycle):
    assert {vc.step_status(cycle, n, "none") for n in range(len(cycle.steps))} == {"unchanged"}


def test_step_text_gives_title_text_source_and_drug_effect(cycle):
    text = vc.step_text(cycle, 4, "denosumab")
    assert text.startswith("Step 5 of 6: Dissolved bone sets free growth factors and calcium.")
    assert "Source: Clines GA, Guise TA." in text
    assert "With denosumab: less TGF-beta, fewer IGFs and less calcium are set free" in text
    assert "at step 3" in text


def test_step_text_at_the_blocked_step_explains_how_the_drug_works(cycle):
    text = vc.step_text(cycle, 3, "bisphosphonate")
    assert "the drug acts at this step" in text
    assert "Osteoclasts take the drug up" in text


def test_step_text_refuses_a_step_that_does_not_exist(cycle):
    with pytest.raises(ValueError, match="there is no step 7; choose a step from 1 to 6"):
        vc.step_text(cycle, 6)


def test_drug_effect_text_names_the_step_and_the_downstream_chain_in_order(cycle):
    text = vc.drug_effect_text(cycle, "denosumab")
    assert text.startswith("Denosumab acts at step 3")
    chain = text.split("What follows, in order round the cycle:")[1]
    assert chain.index("(step 3)") < chain.index("(step 4)") < chain.index("(step 5)") < chain.index("(step 1)")
    assert "bone side of the cycle" in text
    assert vc.drug_effect_text(cycle, "none").startswith("No bone-targeted drug: nothing breaks the cycle")


def test_the_text_map_marks_the_current_step_and_the_drug_in_words(cycle):
    lines = vc.overview_text(cycle, 2, "denosumab")
    assert lines[2].endswith("[you are here; drug acts here]")
    assert lines[3].endswith("[reduced]")
    assert lines[0].endswith("[reduced next turn]")
    assert lines[-1] == "After step 6 the cycle starts again at step 1."


def test_an_unknown_drug_is_named(cycle):
    with pytest.raises(ValueError, match="unknown drug 'aspirin'"):
        vc.drug_effect_text(cycle, "aspirin")


# --- the widget -------------------------------------------------------------------------------------------------

def test_the_widget_has_labelled_controls(cycle):
    explorer = vc.ViciousCycleExplorer(cycle)
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.step.description == "Step of the cycle:"
    assert explorer.drug.description == "Drug:"
    assert explorer.previous_button.description == "Previous step"
    assert explorer.next_button.description == "Next step"
    assert [label for label, _ in explorer.drug.options][1].startswith("A bisphosphonate")
    assert 'aria-live="polite"' in explorer.status.value


def test_next_and_previous_walk_round_the_cycle(cycle):
    explorer = vc.ViciousCycleExplorer(cycle)
    assert explorer.next().startswith("Step 2 of 6")
    explorer.previous()
    assert explorer.previous().startswith("Step 6 of 6")  # before step 1 comes step 6: it is a cycle
    assert explorer.next().startswith("Step 1 of 6")
    explorer.next_button.click()
    assert explorer.step.value == 1


def test_choosing_a_drug_updates_every_text_area(cycle):
    explorer = vc.ViciousCycleExplorer(cycle, step=3)
    before = (explorer.status.value, explorer.effect.value, explorer.overview.value)
    explorer.drug.value = "bisphosphonate"
    assert "the drug acts at this step" in explorer.text
    after = (explorer.status.value, explorer.effect.value, explorer.overview.value)
    assert all(b != a for b, a in zip(before, after, strict=True))
    assert "drug acts here" in explorer.overview.value


@pytest.mark.parametrize("drug", ["bisphosphonate", "denosumab"])
def test_the_drug_effect_never_implies_the_drug_slows_the_cancer(drug):
    """Clinical review S2: bone-modifying agents protect the skeleton; no effect on the cancer or survival
    has been shown (Ross 2003; Theriault 1999). The tumour steps after the drug are labelled as laboratory ideas."""
    cycle = course_cycle()
    text = vc.drug_effect_text(cycle, drug)
    assert "have not been shown to slow the cancer or lengthen life" in text
    for step_id in ("tumour_growth", "tumour_signals", "rankl"):
        step = cycle.steps[cycle.index(step_id)]
        assert "laboratory" in step.when_reduced and "patients" in step.when_reduced, step_id

"""Module 09's interactives: the claim checker and the hazard-ratio reader, as a learner uses them."""

import ipywidgets as widgets

from bonemets.content.trials import course_trials
from bonemets.learner.widgets.evidence_tools import ClaimChecker, HazardRatioReader, population_of


def test_the_claim_checker_asks_for_a_class_then_gives_the_evidence_and_sources():
    checker = ClaimChecker()
    assert isinstance(checker.choice, widgets.RadioButtons) and checker.choice.description == "This claim is:"
    assert checker.check() == "Choose a class for the claim first, then press Check."
    checker.picker.value = "denosumab-longer-life"
    assert "live longer than zoledronic acid" in checker.claim.value
    checker.choice.value = "supported"
    text = checker.check()
    assert text.startswith("Not quite: you chose 'Supported as stated', but the evidence says 'Unsupported")
    assert "pooled hazard ratio 0.98" in text and "Sources: Stopeck AT" in text
    assert 'role="status"' in checker.status.value
    score = checker.score_text()
    assert score.startswith("Claims checked: 1 of") and "as the evidence does: 0." in score


def test_choosing_another_claim_clears_the_choice_and_feedback():
    checker = ClaimChecker()
    checker.choice.value = "outdated"
    checker.check()
    checker.picker.value = checker.claims[1].id
    assert checker.choice.value is None and "Not quite" not in checker.status.value


def test_a_row_that_borrows_its_population_reads_in_full():
    trials = course_trials()
    martin = next(r for r in trials if r.study == "Martin 2012")
    assert population_of(martin, trials).startswith("patients with advanced breast cancer and bone metastases")


def test_the_reader_shows_what_each_hazard_ratio_does_and_does_not_mean():
    reader = HazardRatioReader()
    assert reader.picker.description == "Choose a result:"
    first = reader.status.value
    assert "What it does not mean:" in first and "about 18% lower" in first and 'role="status"' in first
    destiny = next(i for _, i in reader.picker.options if "DESTINY" in reader.trials[i].study)
    reader.picker.value = destiny
    assert "does not by itself show longer life" in reader.status.value
    assert "Alive without progression at 12 months" in reader.status.value  # the absolute numbers, from the note

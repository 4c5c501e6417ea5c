"""The teaching opioid calculator (bonemets.clinical.opioids), checked against its published sources."""

from __future__ import annotations

import pytest

from bonemets.clinical import opioids as op


@pytest.mark.parametrize(("opioid", "table_mg"), [("oral oxycodone", 6.6), ("oral hydromorphone", 2.0)])
def test_the_table_equivalent_of_10_mg_oral_morphine_matches_opioids_aware(opioid, table_mg):
    # Opioids Aware prints the dose equivalent to 10 mg oral morphine: oxycodone 6.6 mg, hydromorphone 2 mg.
    result = op.switch(10, "oral morphine", opioid)
    assert result.equivalent_mg == pytest.approx(table_mg, abs=0.11)  # 10 / 1.5 = 6.67, printed as 6.6
    assert op.morphine_equivalent(table_mg, opioid) == pytest.approx(10, abs=0.15)


def test_a_standard_switch_is_reduced_by_25_to_50_percent():
    result = op.switch(60, "oral morphine", "oral oxycodone")
    assert result.equivalent_mg == 40.0
    assert (result.start_low_mg, result.start_high_mg) == (20.0, 30.0)  # 50% and 25% below 40 mg
    assert "25% to 50%" in result.reduction and op.TEACHING_LABEL in result.summary()


def test_a_high_risk_switch_is_reduced_by_at_least_half():
    result = op.switch(60, "oral morphine", "oral oxycodone", high_risk=True)
    assert result.start_low_mg is None and result.start_high_mg == 20.0
    assert "at most 20 mg" in result.summary() and "elderly or frail" in result.reduction


def test_a_dose_of_500_mg_oral_morphine_or_more_is_reduced_by_at_least_half_without_the_tick():
    below, at = op.switch(499, "oral morphine", "oral oxycodone"), op.switch(500, "oral morphine", "oral oxycodone")
    assert below.start_low_mg is not None
    assert at.start_low_mg is None and at.start_high_mg == pytest.approx(500 / 1.5 / 2, abs=0.05)
    assert "500 mg oral morphine or more" in at.reduction


def test_switching_back_uses_the_same_table():
    result = op.switch(20, "oral hydromorphone", "oral morphine")
    assert result.morphine_equivalent_mg == 100.0 and result.equivalent_mg == 100.0


def test_rescue_range_is_10_to_20_percent_of_the_daily_dose():
    assert op.rescue_dose_range(60) == (6.0, 12.0)
    assert "3 to 6 mg" in op.switch(60, "oral morphine", "oral oxycodone").summary()  # 10-20% of the 30 mg start


@pytest.mark.parametrize(("args", "message"), [
    ((0, "oral morphine", "oral oxycodone"), "must be more than 0 mg"),
    ((-5, "oral morphine", "oral oxycodone"), "must be more than 0 mg"),
    (("60", "oral morphine", "oral oxycodone"), "must be a number"),
    ((float("nan"), "oral morphine", "oral oxycodone"), "ordinary number"),
    ((60, "oral morphine", "oral morphine"), "choose two different opioids"),
    ((60, "aspirin", "oral oxycodone"), "must be one of oral morphine, oral oxycodone, oral hydromorphone"),
    ((60, "oral methadone", "oral morphine"), "methadone is not converted by this table"),
    ((60, "oral morphine", "transdermal fentanyl"), "specialist advice"),
    ((1500, "oral oxycodone", "oral morphine"), "above the 2000 mg this teaching tool handles"),
])
def test_impossible_or_unsafe_input_is_refused_with_a_message(args, message):
    with pytest.raises(ValueError, match=message):
        op.switch(*args)


def test_high_risk_must_be_a_yes_or_no():
    with pytest.raises(ValueError, match="high_risk must be True or False"):
        op.switch(60, "oral morphine", "oral oxycodone", high_risk="yes")


def test_the_widget_shows_the_label_the_result_and_explains_bad_input():
    from bonemets.learner.widgets.opioid_calculator import OpioidTeachingCalculator

    calc = OpioidTeachingCalculator()
    assert "NOT a prescribing aid" in calc.widget.children[0].value
    assert "20 to 30 mg of oral oxycodone" in calc.text and 'role="status"' in calc.status.value
    for control in (calc.dose, calc.from_opioid, calc.to_opioid, calc.high_risk):
        assert control.description.strip()
    calc.to_opioid.value = "oral morphine"
    assert calc.text.startswith("Cannot calculate:") and "different opioids" in calc.text
    calc.to_opioid.value = "oral hydromorphone"
    calc.high_risk.value = True
    assert "at most 6 mg of oral hydromorphone" in calc.text

"""The hazard-ratio reader: what a published HR with its 95% CI does and does not say, in words."""

import pytest

from bonemets.clinical.hazard_ratio import event_of, read_hazard_ratio

SRE = dict(endpoint="time to first on-study SRE", treatment="denosumab", comparator="zoledronic acid",
           population="patients with advanced breast cancer and bone metastases")


def test_a_ratio_below_one_with_its_interval_below_one_is_read_as_a_relative_reduction():
    reading = read_hazard_ratio(0.82, 0.71, 0.95, **SRE)  # Stopeck 2010
    text = reading.summary()
    assert reading.verdict == "favours treatment"
    assert "the rate of first on-study SRE among patients on denosumab was about 18% lower" in text
    assert "a true reduction anywhere from about 5% to 29%" in text
    assert "It does not mean that 18% fewer patients had the event" in text
    assert "It says nothing about survival" in text
    assert "wide" not in text  # 0.95 / 0.71 is well under 2


def test_an_interval_that_crosses_one_is_no_clear_difference_and_not_proof_of_equality():
    reading = read_hazard_ratio(0.98, 0.90, 1.07, endpoint="overall survival", treatment="denosumab",
                                comparator="zoledronic acid", population="patients with bone metastases")
    assert reading.verdict == "no clear difference"
    assert "did not show a clear difference" in reading.summary()
    assert "does not prove the treatments are equal" in reading.summary()
    assert "says nothing about survival" not in reading.summary()  # it is the survival endpoint


def test_a_ratio_above_one_with_its_interval_above_one_favours_the_comparator():
    reading = read_hazard_ratio(1.5, 1.2, 1.9, **SRE)
    assert reading.verdict == "favours comparator"
    assert "about 50% higher" in reading.summary() and "anywhere from about 20% to 90%" in reading.summary()
    assert "50% more patients had the event" in reading.summary()


def test_progression_free_survival_is_not_read_as_longer_life_and_a_wide_interval_is_flagged():
    reading = read_hazard_ratio(0.5, 0.3, 0.8, endpoint="progression-free survival", treatment="drug A",
                                comparator="drug B", population="a trial population")
    assert "cancer growth (progression) or death" in reading.summary()
    assert "does not by itself show longer life" in reading.summary()
    assert "The interval is wide" in reading.summary()  # 0.8 / 0.3 > 2


@pytest.mark.parametrize("numbers, message", [
    ((0, 0.5, 1.2), "each must be above 0"),
    ((-0.8, 0.5, 0.9), "each must be above 0"),
    ((0.8, 0.9, 0.7), "must be below its upper end"),
    ((1.3, 0.7, 0.95), "must lie inside its interval"),
    (("0.8", 0.7, 0.9), "must be a number"),
])
def test_impossible_numbers_are_refused_with_what_is_allowed(numbers, message):
    with pytest.raises(ValueError, match=message):
        read_hazard_ratio(*numbers, **SRE)


def test_a_hazard_ratio_without_its_population_is_refused():
    with pytest.raises(ValueError, match="Name the population"):
        read_hazard_ratio(0.8, 0.7, 0.9, **{**SRE, "population": " "})


@pytest.mark.parametrize("endpoint, event", [
    ("overall survival", "death"), ("Progression-free survival", "cancer growth (progression) or death"),
    ("time to first radiation to bone", "first radiation to bone"),
    ("quality of life", "the event counted by 'quality of life'"),
])
def test_the_event_of_each_endpoint(endpoint, event):
    assert event_of(endpoint) == event

"""Bayes for a diagnostic test (bonemets.clinical.diagnostic_accuracy): predictive values and natural frequencies.

Hand-worked examples (the arithmetic is written out in each test's docstring), using published pooled accuracy
figures as inputs:
- Zamanian et al. 2023 (J Imaging 9:274), breast cancer, bone scan: sensitivity 90%, specificity 91%.
- Yang et al. 2011 (Eur Radiol 21:2604-17), all cancers, per patient, CT: sensitivity 72.9%, specificity 94.8%.
- Rong et al. 2013 (Surg Oncol 22:86-91), breast cancer, FDG-PET/CT: sensitivity 0.93, specificity 0.99.
The pre-test probabilities (30%, 20%, 5%, 50%) are teaching assumptions, not published figures.
"""

from __future__ import annotations

import math

import pytest

from bonemets.clinical import diagnostic_accuracy as ta

# ---------------------------------------------------------------------------------------------- worked examples


def test_bone_scan_at_30_percent_worked_by_hand():
    """Zamanian 2023 bone scan, pre-test 30%.

    Of 100: 30 with metastases -> 0.90 x 30 = 27 true positives, 3 false negatives;
    70 without -> 0.09 x 70 = 6.3 false positives, 0.91 x 70 = 63.7 true negatives.
    PPV = 27 / (27 + 6.3) = 0.8108; NPV = 63.7 / (63.7 + 3) = 0.9550; P(disease | negative) = 3 / 66.7 = 0.0450.
    """
    result = ta.assess_fractions(0.90, 0.91, 0.30)
    assert result.positive_predictive_value == pytest.approx(27 / 33.3)
    assert result.negative_predictive_value == pytest.approx(63.7 / 66.7)
    assert result.post_test_after_positive == pytest.approx(0.8108, abs=1e-4)
    assert result.post_test_after_negative == pytest.approx(3 / 66.7)
    assert ta.percent_text(result.positive_predictive_value) == "81.1%"
    assert ta.percent_text(result.post_test_after_negative) == "4.5%"


def test_ct_at_20_percent_worked_by_hand():
    """Yang 2011 CT, pre-test 20%.

    Of 100: 20 with -> 0.729 x 20 = 14.58 TP; 80 without -> 0.052 x 80 = 4.16 FP.
    PPV = 14.58 / 18.74 = 0.7780. Negatives: FN 5.42, TN 75.84 -> NPV = 75.84 / 81.26 = 0.9333.
    """
    result = ta.assess_percent(72.9, 94.8, 20)
    assert result.positive_predictive_value == pytest.approx(14.58 / 18.74)
    assert result.negative_predictive_value == pytest.approx(75.84 / 81.26)
    assert ta.percent_text(result.positive_predictive_value) == "77.8%"


def test_pet_ct_at_50_percent_worked_by_hand():
    """Rong 2013 FDG-PET/CT, pre-test 50%.

    Of 100: 50 with -> 46.5 TP, 3.5 FN; 50 without -> 0.5 FP, 49.5 TN.
    PPV = 46.5 / 47 = 0.9894; P(disease | negative) = 3.5 / 53 = 0.0660; NPV = 49.5 / 53 = 0.9340.
    """
    result = ta.assess_fractions(0.93, 0.99, 0.50)
    assert result.positive_predictive_value == pytest.approx(46.5 / 47)
    assert result.post_test_after_negative == pytest.approx(3.5 / 53)
    assert ta.percent_text(result.post_test_after_negative) == "6.6%"


def test_the_same_test_means_less_when_the_pre_test_probability_is_low():
    """Zamanian 2023 bone scan at 5%: TP 0.9 x 5 = 4.5, FP 0.09 x 95 = 8.55 -> PPV = 4.5 / 13.05 = 0.3448."""
    high = ta.assess_percent(90, 91, 30)
    low = ta.assess_percent(90, 91, 5)
    assert low.positive_predictive_value == pytest.approx(4.5 / 13.05)
    assert low.positive_predictive_value < high.positive_predictive_value
    assert low.negative_predictive_value > high.negative_predictive_value
    assert ta.percent_text(low.negative_predictive_value) == "99.4%"


def test_percent_and_fraction_entry_agree():
    by_percent = ta.assess_percent(86.0, 81.4, 40)
    by_fraction = ta.assess_fractions(0.86, 0.814, 0.40)
    assert by_percent.positive_predictive_value == pytest.approx(by_fraction.positive_predictive_value)
    assert by_percent.negative_predictive_value == pytest.approx(by_fraction.negative_predictive_value)
    assert by_percent.frequencies() == by_fraction.frequencies()


def test_a_perfect_test_gives_certainty_both_ways():
    result = ta.assess_fractions(1, 1, 0.3)
    assert result.positive_predictive_value == 1
    assert result.negative_predictive_value == 1


def test_a_test_no_better_than_chance_leaves_the_probability_unchanged():
    """Sensitivity + specificity = 1 (here 0.6 and 0.4): the result carries no information, so PPV = pre-test."""
    result = ta.assess_fractions(0.6, 0.4, 0.25)
    assert result.post_test_after_positive == pytest.approx(0.25)
    assert result.post_test_after_negative == pytest.approx(0.25)


def test_the_summary_names_every_value_in_words():
    text = ta.assess_percent(90, 91, 30).summary()
    for piece in ("sensitivity 90.0%", "specificity 91.0%", "pre-test probability of 30.0%", "81.1%",
                  "positive predictive value, PPV", "4.5%", "negative predictive value (NPV) is 95.5%"):
        assert piece in text


# ---------------------------------------------------------------------------------------------- natural frequencies


def test_natural_frequencies_match_the_worked_example_and_add_to_100():
    """Zamanian bone scan, 30%: 30 split 27/3; 70 split 6.3/63.7 -> floors 6/63, the spare person goes to 63.7."""
    freq = ta.natural_frequencies(0.90, 0.91, 0.30)
    assert (freq.true_positive, freq.false_negative, freq.false_positive, freq.true_negative) == (27, 3, 6, 64)
    assert freq.total == 100 and freq.with_disease == 30 and freq.test_positive == 33


def test_the_sentence_tells_the_same_story_as_the_counts():
    sentence = ta.natural_frequencies(0.90, 0.91, 0.30).sentence("the bone scan")
    assert sentence.startswith("Of 100 patients like this, 30 have bone metastases; the bone scan finds 27 of "
                               "them and misses 3. Of the 70 without bone metastases, 6 test positive anyway")
    assert "So 33 of the 100 have a positive result, and 27 of those 33 really have bone metastases." in sentence
    assert "67 have a negative result, and 3 of those 67 have bone metastases all the same." in sentence


def test_the_sentence_uses_the_singular_for_one_person():
    """Rong 2013 PET/CT at 30%: 70 without x 0.01 = 0.7 false positives -> rounds to 1 person."""
    sentence = ta.natural_frequencies(0.93, 0.99, 0.30).sentence()
    assert "1 tests positive anyway (false positive)" in sentence


@pytest.mark.parametrize("pretest", [0.01, 0.05, 0.125, 0.3, 0.333, 0.5, 0.667, 0.99])
@pytest.mark.parametrize("sens, spec", [(0.90, 0.91), (0.729, 0.948), (0.93, 0.99), (0.96, 0.81), (1, 1)])
def test_the_100_icons_always_add_up_and_stay_within_half_a_person_of_the_exact_split(pretest, sens, spec):
    freq = ta.natural_frequencies(sens, spec, pretest)
    assert freq.total == 100
    assert abs(freq.with_disease - 100 * pretest) <= 0.5 + 1e-9
    assert abs(freq.true_positive - freq.with_disease * sens) <= 0.5 + 1e-9
    assert abs(freq.false_positive - freq.without_disease * (1 - spec)) <= 0.5 + 1e-9
    assert min(freq.as_dict().values()) >= 0


def test_largest_remainder_examples():
    assert ta.largest_remainder([0.3, 0.7], 100) == [30, 70]
    assert ta.largest_remainder([6.3, 63.7], 70) == [6, 64]
    assert ta.largest_remainder([1, 1, 1], 100) == [34, 33, 33]  # tie: the spare goes to the first share
    assert ta.largest_remainder([0.5, 0.5], 1) == [1, 0]
    assert ta.largest_remainder([0.0, 1.0], 5) == [0, 5]
    assert sum(ta.largest_remainder([0.1] * 7, 10)) == 10


def test_float_noise_does_not_move_a_person():
    """0.29 x 100 is 28.999999999999996 in floating point; the split must still be 29 and 71."""
    assert 0.29 * 100 != 29 and math.floor(0.29 * 100) == 28
    assert ta.largest_remainder([0.29, 0.71], 100) == [29, 71]
    freq = ta.natural_frequencies(0.9, 0.91, 0.29)
    assert (freq.with_disease, freq.without_disease) == (29, 71)


def test_another_population_size_is_allowed():
    freq = ta.natural_frequencies(0.90, 0.91, 0.30, population=1000)
    assert (freq.true_positive, freq.false_negative, freq.false_positive, freq.true_negative) == (270, 30, 63, 637)


# ---------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("pretest, words", [
    (0, "Pre-test probability must be more than 0 and less than 1; you entered 0."),
    (1, "you entered 1. If you meant 1%, enter 0.01."),
    (-0.2, "you entered -0.2"),
])
def test_a_pre_test_probability_of_0_or_1_is_refused_with_the_reason(pretest, words):
    with pytest.raises(ValueError) as error:
        ta.assess_fractions(0.9, 0.9, pretest)
    assert words in str(error.value)
    assert "no test result could change it" in str(error.value)


@pytest.mark.parametrize("pretest", [0, 100, 120])
def test_a_pre_test_percentage_of_0_or_100_is_refused_in_percent_words(pretest):
    with pytest.raises(ValueError, match=rf"less than 100 percent; you entered {pretest}%\. At 0 the disease"):
        ta.assess_percent(90, 91, pretest)


def test_a_sensitivity_above_1_is_refused_with_a_percent_hint():
    with pytest.raises(ValueError, match=r"Sensitivity must be a fraction between 0 and 1; you entered 97.1\. "
                                         r"Did you mean 97.1% \(0.971\)\?"):
        ta.assess_fractions(97.1, 0.9, 0.3)


def test_a_specificity_above_100_is_refused():
    with pytest.raises(ValueError, match="Specificity must be more than 0 and up to 1; you entered 181.4"):
        ta.assess_fractions(0.9, 181.4, 0.3)
    with pytest.raises(ValueError, match="Specificity must be more than 0 and up to 100 percent; you entered 181.4%"):
        ta.assess_percent(90, 181.4, 30)


@pytest.mark.parametrize("bad", [0, -0.1])
def test_a_sensitivity_of_zero_or_less_is_refused(bad):
    with pytest.raises(ValueError, match="Sensitivity must be more than 0 and up to 1"):
        ta.assess_fractions(bad, 0.9, 0.3)


@pytest.mark.parametrize("bad, words", [
    ("90", "Sensitivity must be a number; you entered '90'."),
    (None, "Sensitivity must be a number; you entered None."),
    (True, "Sensitivity must be a number; you entered True."),
    (float("nan"), "Sensitivity must be an ordinary number"),
])
def test_values_that_are_not_numbers_are_refused(bad, words):
    with pytest.raises(ValueError) as error:
        ta.assess_fractions(bad, 0.9, 0.3)
    assert words in str(error.value)


def test_the_single_value_helpers_check_their_input_too():
    with pytest.raises(ValueError, match="Pre-test probability"):
        ta.positive_predictive_value_fraction(0.9, 0.9, 0)
    with pytest.raises(ValueError, match="Specificity"):
        ta.negative_predictive_value_fraction(0.9, 0, 0.3)
    with pytest.raises(ValueError, match="Sensitivity"):
        ta.natural_frequencies(2, 0.9, 0.3)


@pytest.mark.parametrize("population", [0, -5, 2.5, True])
def test_a_bad_number_of_people_is_refused(population):
    with pytest.raises(ValueError, match="number of people must be a whole number of 1 or more"):
        ta.natural_frequencies(0.9, 0.9, 0.3, population=population)


@pytest.mark.parametrize("shares, total, words", [
    ([], 10, "Shares must be 0 or more and not all 0"),
    ([0, 0], 10, "Shares must be 0 or more and not all 0"),
    ([-1, 2], 10, "Shares must be 0 or more and not all 0"),
    ([1, 1], -1, "The total must be a whole number of people"),
    ([1, 1], 2.0, "The total must be a whole number of people"),
])
def test_largest_remainder_refuses_bad_input(shares, total, words):
    with pytest.raises(ValueError, match=words):
        ta.largest_remainder(shares, total)


# ---------------------------------------------------------------------------------------------- clinical review E9


def test_low_pretest_probability_does_not_hide_false_negatives():
    # The review's input: sensitivity 90%, specificity 91%, pre-test 5%. Out of 100 people the old rounding gave
    # "finds 5 of them and misses 0"; the true chance of metastases after a negative scan is 0.6%.
    result = ta.assess_percent(90, 91, 5)
    freq = result.frequencies()
    assert freq.total == 1000
    assert (freq.true_positive, freq.false_negative, freq.false_positive, freq.true_negative) == (45, 5, 86, 864)
    assert "misses 5" in freq.sentence()
    assert freq.false_negative / freq.test_negative == pytest.approx(result.post_test_after_negative, abs=0.001)
    assert freq.true_positive / freq.test_positive == pytest.approx(result.positive_predictive_value, abs=0.002)


def test_a_tie_between_found_and_missed_goes_to_missed():
    # 5 people with metastases at sensitivity 90% is 4.5 found and 0.5 missed: the spare person is shown missed.
    freq = ta.natural_frequencies(0.90, 0.91, 0.05, population=100)
    assert (freq.true_positive, freq.false_negative) == (4, 1)


def test_from_ten_percent_the_picture_stays_at_100_people():
    assert ta.assess_percent(90, 91, 10).frequencies().total == 100
    assert ta.assess_percent(90, 91, 9).frequencies().total == 1000


def test_the_rounding_note_names_missed_cases_rounded_to_zero():
    result = ta.assess_percent(97.1, 91, 1)
    freq = result.frequencies()
    assert freq.false_negative == 0
    note = ta.rounding_note(result, freq)
    assert "shows 0 only because of rounding" in note and "does not make it zero" in note

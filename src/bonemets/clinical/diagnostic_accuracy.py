"""What a test result means: Bayes' theorem for a diagnostic test, as probabilities and as natural frequencies.

From a test's sensitivity, its specificity and the pre-test probability (how likely the disease is before the
test, for the patient in front of you), this module works out:

    P(positive)                         = sens x p + (1 - spec) x (1 - p)
    PPV = P(disease | positive)         = sens x p / P(positive)                 (post-test probability after +)
    NPV = P(no disease | negative)      = spec x (1 - p) / P(negative)
    P(disease | negative)               = (1 - sens) x p / P(negative) = 1 - NPV  (post-test probability after -)

and the same numbers as whole people out of 100 ("natural frequencies"), which most readers find easier to follow
than conditional probabilities. The 100 people are split in two steps, each rounded by the largest-remainder method
so the counts always add up: first into people with and without the disease, then each group into those the test
calls positive and negative. So the sentence "30 have bone metastases; the scan finds 27 and misses 3" always adds up.
Rounding must never hide a missed case (clinical review E9, November 2026: at 5% pre-test probability, sensitivity
90% and specificity 91%, 100 people showed "misses 0", which teaches that a negative scan rules metastases out).
So ties between finding and missing go to the missed (false-negative) cell, below 10% pre-test probability the
picture counts 1,000 people instead of 100, and `rounding_note` says when a count of 0 is only rounding.

The formulas are the standard definitions of predictive values (Bayes' theorem); the sensitivities and
specificities the course uses come from published meta-analyses in assets/data/imaging_accuracy.csv.

Units are explicit in every name: `_fraction` means 0 to 1, `_percent` means 0 to 100. Impossible input raises
ValueError with a message that says what was wrong and what is allowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bonemets.clinical.inputs import fmt as _fmt
from bonemets.clinical.inputs import number as _number

POPULATION = 100  # the natural-frequency picture shows 100 people ...
LARGE_POPULATION = 1000  # ... or 1,000 when the pre-test probability is below LOW_PRETEST_FRACTION
LOW_PRETEST_FRACTION = 0.10
PRETEST_REASON = ("At 0 the disease is already ruled out and at 100% it is certain, so no test result could "
                  "change it; use a value in between (1% to 99% in the explorer).")


# ---------------------------------------------------------------------------------------------- input checks


def _check_fraction(value: object, what: str, *, zero_allowed: bool, one_allowed: bool, why: str) -> float:
    number = _number(value, what)
    if 1 < number <= 100:
        raise ValueError(f"{what} must be a fraction between 0 and 1; you entered {_fmt(number)}. "
                         f"Did you mean {_fmt(number)}% ({_fmt(number / 100)})?")
    low_ok = number > 0 or (zero_allowed and number == 0)
    high_ok = number < 1 or (one_allowed and number == 1)
    if not (low_ok and high_ok):
        low = "from 0" if zero_allowed else "more than 0"
        high = "up to 1" if one_allowed else "less than 1"
        hint = " If you meant 1%, enter 0.01." if number == 1 and not one_allowed else ""
        raise ValueError(f"{what} must be {low} and {high}; you entered {_fmt(number)}.{hint} {why}")
    return number


def check_sensitivity_fraction(sensitivity_fraction: object) -> float:
    """Sensitivity as a fraction: more than 0 (a test that is never positive tells nothing) and up to 1."""
    return _check_fraction(sensitivity_fraction, "Sensitivity", zero_allowed=False, one_allowed=True,
                           why="Sensitivity is the share of people WITH the disease whom the test calls positive.")


def check_specificity_fraction(specificity_fraction: object) -> float:
    """Specificity as a fraction: more than 0 and up to 1."""
    return _check_fraction(specificity_fraction, "Specificity", zero_allowed=False, one_allowed=True,
                           why="Specificity is the share of people WITHOUT the disease whom the test calls negative.")


def check_pretest_fraction(pretest_fraction: object) -> float:
    """Pre-test probability as a fraction, strictly between 0 and 1."""
    return _check_fraction(pretest_fraction, "Pre-test probability", zero_allowed=False, one_allowed=False,
                           why=PRETEST_REASON)


def _percent_to_fraction(value: object, what: str, *, hundred_allowed: bool) -> float:
    """A percentage checked in percent words (so the message repeats what the student typed)."""
    number = _number(value, what)
    high_ok = number < 100 or (hundred_allowed and number == 100)
    if number <= 0 or not high_ok:
        high = "up to 100" if hundred_allowed else "less than 100"
        why = "" if hundred_allowed else f" {PRETEST_REASON}"
        raise ValueError(f"{what} must be more than 0 and {high} percent; you entered {_fmt(number)}%.{why}")
    return number / 100


# ---------------------------------------------------------------------------------------------- probabilities


def probability_of_positive_fraction(sensitivity_fraction: float, specificity_fraction: float,
                                     pretest_fraction: float) -> float:
    """Share of all tested people whose result is positive: true positives plus false positives."""
    sens = check_sensitivity_fraction(sensitivity_fraction)
    spec = check_specificity_fraction(specificity_fraction)
    p = check_pretest_fraction(pretest_fraction)
    return sens * p + (1 - spec) * (1 - p)


def positive_predictive_value_fraction(sensitivity_fraction: float, specificity_fraction: float,
                                       pretest_fraction: float) -> float:
    """PPV: the chance that a person with a POSITIVE result has the disease (post-test probability after +)."""
    positive = probability_of_positive_fraction(sensitivity_fraction, specificity_fraction, pretest_fraction)
    return sensitivity_fraction * pretest_fraction / positive


def negative_predictive_value_fraction(sensitivity_fraction: float, specificity_fraction: float,
                                       pretest_fraction: float) -> float:
    """NPV: the chance that a person with a NEGATIVE result does not have the disease."""
    negative = 1 - probability_of_positive_fraction(sensitivity_fraction, specificity_fraction, pretest_fraction)
    return specificity_fraction * (1 - pretest_fraction) / negative


@dataclass(frozen=True)
class AccuracyResult:
    """What one test result means for one pre-test probability; all values are fractions (0 to 1)."""

    sensitivity_fraction: float
    specificity_fraction: float
    pretest_fraction: float
    positive_predictive_value: float
    negative_predictive_value: float

    @property
    def post_test_after_positive(self) -> float:
        """The chance of disease after a positive result (= PPV)."""
        return self.positive_predictive_value

    @property
    def post_test_after_negative(self) -> float:
        """The chance of disease after a negative result (= 1 - NPV)."""
        return 1 - self.negative_predictive_value

    def frequencies(self, population: int | None = None) -> NaturalFrequencies:
        """Whole people; by default 100, or 1,000 below a 10% pre-test probability (see `picture_population`)."""
        return natural_frequencies(self.sensitivity_fraction, self.specificity_fraction, self.pretest_fraction,
                                   population or picture_population(self.pretest_fraction))

    def summary(self) -> str:
        """Plain-text result, read the same way by a screen reader as on screen."""
        return (f"With sensitivity {percent_text(self.sensitivity_fraction)}, specificity "
                f"{percent_text(self.specificity_fraction)} and a pre-test probability of "
                f"{percent_text(self.pretest_fraction)}: after a positive result the chance of disease is "
                f"{percent_text(self.post_test_after_positive)} (the positive predictive value, PPV). After a "
                f"negative result it is {percent_text(self.post_test_after_negative)}, so the negative predictive "
                f"value (NPV) is {percent_text(self.negative_predictive_value)}.")


def assess_fractions(sensitivity_fraction: float, specificity_fraction: float, pretest_fraction: float
                     ) -> AccuracyResult:
    """PPV, NPV and both post-test probabilities from fractions (0 to 1)."""
    sens = check_sensitivity_fraction(sensitivity_fraction)
    spec = check_specificity_fraction(specificity_fraction)
    p = check_pretest_fraction(pretest_fraction)
    return AccuracyResult(sens, spec, p, positive_predictive_value_fraction(sens, spec, p),
                          negative_predictive_value_fraction(sens, spec, p))


def assess_percent(sensitivity_percent: float, specificity_percent: float, pretest_percent: float
                   ) -> AccuracyResult:
    """The same from percentages (0 to 100), as published tables and the explorer give them."""
    return assess_fractions(_percent_to_fraction(sensitivity_percent, "Sensitivity", hundred_allowed=True),
                            _percent_to_fraction(specificity_percent, "Specificity", hundred_allowed=True),
                            _percent_to_fraction(pretest_percent, "Pre-test probability", hundred_allowed=False))


def percent_text(fraction: float) -> str:
    """0.8108 -> '81.1%' (one decimal place, as the course prints predictive values)."""
    return f"{fraction * 100:.1f}%"


# ---------------------------------------------------------------------------------------------- natural frequencies


def largest_remainder(shares: list[float], total: int) -> list[int]:
    """Whole numbers proportional to `shares` that add up to exactly `total` (largest-remainder method).

    Each share first gets the whole part of its exact count; the people left over go one each to the shares
    with the largest fractional parts (ties go to the earlier share, so the result is always the same).
    """
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError(f"The total must be a whole number of people, 0 or more; you entered {total!r}.")
    values = [_number(share, "A share") for share in shares]
    if not values or any(v < 0 for v in values) or sum(values) <= 0:
        raise ValueError(f"Shares must be 0 or more and not all 0; you entered {shares!r}.")
    scale = total / sum(values)
    exact = [v * scale for v in values]
    # round(..., 9) keeps float noise (e.g. 27.000000000000004) from being read as a remainder
    counts = [math.floor(round(x, 9)) for x in exact]
    remainders = [round(x - c, 9) for x, c in zip(exact, counts, strict=True)]
    for index in sorted(range(len(values)), key=lambda i: (-remainders[i], i))[: total - sum(counts)]:
        counts[index] += 1
    return counts


@dataclass(frozen=True)
class NaturalFrequencies:
    """The four outcomes of a test among a whole number of people."""

    true_positive: int
    false_negative: int
    false_positive: int
    true_negative: int

    @property
    def with_disease(self) -> int:
        return self.true_positive + self.false_negative

    @property
    def without_disease(self) -> int:
        return self.false_positive + self.true_negative

    @property
    def test_positive(self) -> int:
        return self.true_positive + self.false_positive

    @property
    def test_negative(self) -> int:
        return self.false_negative + self.true_negative

    @property
    def total(self) -> int:
        return self.with_disease + self.without_disease

    def as_dict(self) -> dict[str, int]:
        return {"true positive": self.true_positive, "false negative": self.false_negative,
                "false positive": self.false_positive, "true negative": self.true_negative}

    def sentence(self, test_name: str = "the test", disease: str = "bone metastases") -> str:
        """The counts as plain sentences, e.g. 'Of 100 patients like this, 30 have bone metastases; ...'."""
        n = self.total
        text = (f"Of {n} patients like this, {self.with_disease} {_have(self.with_disease)} {disease}; "
                f"{test_name} finds {self.true_positive} of them and misses {self.false_negative}. "
                f"Of the {self.without_disease} without {disease}, {self.false_positive} "
                f"{_test(self.false_positive)} positive anyway (false {_plural(self.false_positive, 'positive')}) and "
                f"{self.true_negative} "
                f"correctly {_test(self.true_negative)} negative. ")
        if self.test_positive:
            text += (f"So {self.test_positive} of the {n} {_have(self.test_positive)} a positive result, and "
                     f"{self.true_positive} of those {self.test_positive} really {_have(self.true_positive)} "
                     f"{disease}. ")
        else:
            text += f"So none of the {n} has a positive result. "
        if self.test_negative:
            text += (f"{self.test_negative} {_have(self.test_negative)} a negative result, and "
                     f"{self.false_negative} of those {self.test_negative} {_have(self.false_negative)} "
                     f"{disease} all the same.")
        else:
            text += f"None of the {n} has a negative result."
        return text


def _have(count: int) -> str:
    return "has" if count == 1 else "have"


def _test(count: int) -> str:
    return "tests" if count == 1 else "test"


def picture_population(pretest_fraction: float) -> int:
    """100 people, or 1,000 when the pre-test probability is below 10%, so that few missed cases still show."""
    return LARGE_POPULATION if check_pretest_fraction(pretest_fraction) < LOW_PRETEST_FRACTION else POPULATION


def rounding_note(result: AccuracyResult, freq: NaturalFrequencies) -> str:
    """Says that counts are rounded, and warns when rounding shows 0 missed cases that are really there."""
    exact_missed = (1 - result.sensitivity_fraction) * result.pretest_fraction * freq.total
    note = (f"The counts are rounded to whole people out of {freq.total:,}; the percentages above are exact.")
    if freq.false_negative == 0 and exact_missed > 0:
        note += (f" The count of missed cases shows 0 only because of rounding: about {exact_missed:.2g} of "
                 f"{freq.total:,} people would have metastases that the test misses: a negative result lowers the "
                 f"chance but does not make it zero.")
    return note


def natural_frequencies(sensitivity_fraction: float, specificity_fraction: float, pretest_fraction: float,
                        population: int = POPULATION) -> NaturalFrequencies:
    """Whole people out of `population`: split by disease first, then by test result within each group."""
    sens = check_sensitivity_fraction(sensitivity_fraction)
    spec = check_specificity_fraction(specificity_fraction)
    p = check_pretest_fraction(pretest_fraction)
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise ValueError(f"The number of people must be a whole number of 1 or more; you entered {population!r}.")
    with_disease, without_disease = largest_remainder([p, 1 - p], population)
    # [missed, found]: a tie goes to the first share, so rounding favours showing a missed case (review E9)
    false_negative, true_positive = (largest_remainder([1 - sens, sens], with_disease)
                                     if with_disease else (0, 0))
    false_positive, true_negative = (largest_remainder([1 - spec, spec], without_disease)
                                     if without_disease else (0, 0))
    return NaturalFrequencies(true_positive, false_negative, false_positive, true_negative)


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"

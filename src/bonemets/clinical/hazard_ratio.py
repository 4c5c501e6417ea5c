"""A published hazard ratio with its 95% confidence interval, read out in words: what it does and does not mean.

Pure and unit-tested; the HazardRatioReader widget (module 09) shows it for each row of
assets/data/pivotal_trials.csv. Impossible input (a ratio at or below 0, an interval that does not
contain its ratio) raises ValueError saying what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bonemets.clinical.inputs import number

# A ratio of the interval's ends at or above this is called wide: the size of the effect is uncertain.
WIDE_INTERVAL = 2.0


@dataclass(frozen=True)
class HazardRatioReading:
    """The reading of one hazard ratio: its verdict and two lists of plain sentences."""

    hr: float
    ci_low: float
    ci_high: float
    verdict: str  # "favours treatment", "favours comparator" or "no clear difference"
    means: list[str]
    does_not_mean: list[str]

    def summary(self) -> str:
        """Both lists as plain text, for a screen reader, a printout or a test."""
        return ("What it means: " + " ".join(self.means) + " What it does not mean: "
                + " ".join(f"{n}) {line}" for n, line in enumerate(self.does_not_mean, 1)))


def event_of(endpoint: str) -> str:
    """The event an endpoint counts: 'overall survival' counts death, 'time to first X' counts first X."""
    text = endpoint.strip()
    lowered = text.lower()
    if lowered == "overall survival":
        return "death"
    if lowered == "progression-free survival":
        return "cancer growth (progression) or death"
    if lowered.startswith("time to first "):
        return "first " + text[len("time to first "):]
    return f"the event counted by '{text}'"


def _percent(share: float) -> str:
    return f"{round(abs(share) * 100)}%"


def read_hazard_ratio(hr: float, ci_low: float, ci_high: float, *, endpoint: str, treatment: str,
                      comparator: str, population: str) -> HazardRatioReading:
    """What a hazard ratio (treatment vs comparator) with its 95% CI does and does not say, in words."""
    hr, ci_low, ci_high = (number(v, name) for v, name in ((hr, "The hazard ratio"),
                                                             (ci_low, "The lower end of the interval"),
                                                             (ci_high, "The upper end of the interval")))
    if min(hr, ci_low, ci_high) <= 0:
        raise ValueError("A hazard ratio and its interval are ratios of rates, so each must be above 0; "
                         f"you entered HR {hr:g} ({ci_low:g} to {ci_high:g}).")
    if not ci_low < ci_high:
        raise ValueError(f"The interval's lower end ({ci_low:g}) must be below its upper end ({ci_high:g}).")
    if not ci_low <= hr <= ci_high:
        raise ValueError(f"The hazard ratio {hr:g} must lie inside its interval {ci_low:g} to {ci_high:g}.")
    for text, what in ((endpoint, "endpoint"), (treatment, "treatment"), (comparator, "comparator"),
                       (population, "population")):
        if not text.strip():
            raise ValueError(f"Name the {what}: a hazard ratio means nothing without it.")
    event = event_of(endpoint)
    hr_text = f"HR {hr:.2f} (95% CI {ci_low:.2f} to {ci_high:.2f})"
    means = [f"The trial compared {treatment} with {comparator} in {population}, for {endpoint}."]
    if hr < 1:
        means.append(f"{hr_text}: over the follow-up, the rate of {event} among patients on {treatment} was "
                     f"about {_percent(1 - hr)} lower than among patients on {comparator}.")
    elif hr > 1:
        means.append(f"{hr_text}: over the follow-up, the rate of {event} among patients on {treatment} was "
                     f"about {_percent(hr - 1)} higher than among patients on {comparator}.")
    else:
        means.append(f"{hr_text}: the rate of {event} was the same in both groups in this trial.")
    if ci_high < 1:
        verdict = "favours treatment"
        means.append(f"The whole interval lies below 1: the results fit a true reduction anywhere from about "
                     f"{_percent(1 - ci_high)} to {_percent(1 - ci_low)}, so chance alone is an unlikely "
                     "explanation.")
    elif ci_low > 1:
        verdict = "favours comparator"
        means.append(f"The whole interval lies above 1: the results fit a true increase anywhere from about "
                     f"{_percent(ci_low - 1)} to {_percent(ci_high - 1)}, so chance alone is an unlikely "
                     "explanation.")
    else:
        verdict = "no clear difference"
        means.append("The interval crosses 1 (no difference): the results fit a lower rate, no difference or "
                     "a higher rate, so this trial did not show a clear difference.")
    if ci_high / ci_low >= WIDE_INTERVAL:
        means.append("The interval is wide (its upper end is at least twice its lower end): the size of the "
                     "effect is uncertain.")
    fewer = f"{_percent(1 - hr)} fewer" if hr <= 1 else f"{_percent(hr - 1)} more"
    does_not = [
        f"It does not mean that {fewer} patients had the event ({event}): a hazard ratio compares rates, it is "
        "relative. How many patients gain depends on how often the event happens (the absolute difference), "
        "which the trial reports separately.",
        "It does not say how much later the event came: a difference in median times is a separate result.",
        f"It applies to people like those studied ({population}); it may not hold for people the trial left out.",
        "It cannot be set beside a hazard ratio from another trial: different patients, comparators and "
        "endpoints make the numbers incomparable.",
    ]
    lowered = endpoint.strip().lower()
    if lowered == "progression-free survival":
        does_not.append("Longer progression-free survival does not by itself show longer life or better "
                        "quality of life: those are separate endpoints.")
    elif lowered != "overall survival":
        does_not.append(f"It says nothing about survival: {endpoint} is a different endpoint from overall "
                        "survival.")
    if verdict == "no clear difference":
        does_not.append("It does not prove the treatments are equal: showing that needs a trial designed for "
                        "it (a non-inferiority or equivalence trial with a margin set in advance).")
    return HazardRatioReading(hr, ci_low, ci_high, verdict, means, does_not)

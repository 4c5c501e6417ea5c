"""A fictional patient's pain diary for one week, and the decision a nurse makes about each day.

The week lives in assets/data/pain_diary_week.csv: one row per day with the pain scores (0-10), the regular
opioid dose per 24 hours, the rescue dose and how many were taken, bowels, drowsiness, the diary entry (it starts
"Fictional patient."), the decision the cited guidance supports, why, and the `source` keys of the clinical rules
the answer relies on (assets/references.yaml). bonemets.content.pain_diary reads and checks the file, naming the
file, line and field.

The rescue-dose check uses the Oncology Nursing Society evidence summary: a rescue dose of 10%-20% of the total
daily basal opioid dose (not for rapid-onset fentanyl products). A teaching tool, never a prescribing aid.
"""

from __future__ import annotations

from dataclasses import dataclass

from bonemets.content.pain_diary import DiaryDay

DECISIONS = {
    "continue": "Continue the plan: record the scores and reassess at the next contact",
    "review": "Report to the prescriber or team today for a review of the plan",
    "emergency": "Emergency: get medical help now",
}
RESCUE_FRACTION = (0.10, 0.20)  # Oncology Nursing Society PEP: 10%-20% of the total daily basal dose
RESCUE_SOURCE = "Oncology Nursing Society evidence summary: 10-20% of the total daily dose"
TEACHING_NOTE = ("Teaching tool for a fictional patient, never a prescribing aid: doses are set by the prescriber "
                 "under local policy and the product label.")


@dataclass(frozen=True)
class Feedback:
    correct: bool
    text: str


def _mg(value: float) -> str:
    return f"{value:g}"


def rescue_dose_range_mg(daily_dose_mg: float) -> tuple[float, float]:
    """The 10%-20% rescue-dose range for a total daily basal opioid dose in mg (ONS evidence summary)."""
    if isinstance(daily_dose_mg, bool) or not isinstance(daily_dose_mg, int | float):
        raise ValueError(f"The daily opioid dose must be a number of mg; you entered {daily_dose_mg!r}.")
    if not 0 < daily_dose_mg <= 2000:
        raise ValueError(f"The daily opioid dose must be more than 0 and at most 2000 mg of oral morphine for this "
                         f"teaching example; you entered {daily_dose_mg:g} mg.")
    low, high = RESCUE_FRACTION
    return round(daily_dose_mg * low, 2), round(daily_dose_mg * high, 2)


def rescue_dose_note(day: DiaryDay) -> str:
    """Whether the day's rescue dose lies in the published 10-20% range, in words."""
    low, high = rescue_dose_range_mg(day.regular_opioid_mg_24h)
    share = 100 * day.rescue_dose_mg / day.regular_opioid_mg_24h
    inside = "inside" if low <= day.rescue_dose_mg <= high else "outside"
    return (f"Rescue dose {_mg(day.rescue_dose_mg)} mg is {share:.0f}% of the regular {_mg(day.regular_opioid_mg_24h)} "
            f"mg a day, {inside} the range of {_mg(low)} to {_mg(high)} mg ({RESCUE_SOURCE}).")


def check_decision(day: DiaryDay, choice: str | None) -> Feedback:
    """Feedback on the student's decision for one day: a verdict, the supported decision, why, the sources."""
    if choice is None:
        return Feedback(False, "Choose what the nurse should do first, then press Check.")
    if choice not in DECISIONS:
        raise ValueError(f"unknown decision '{choice}'; choose one of {', '.join(DECISIONS)}")
    from bonemets.content.references import reference

    right = choice == day.answer
    lines = [f"{'Correct' if right else 'Not quite'}: you chose '{DECISIONS[choice]}'."]
    if not right:
        lines.append(f"The guidance supports '{DECISIONS[day.answer]}'.")
    lines += [f"Why: {day.rationale}", rescue_dose_note(day),
              "Sources: " + " ".join(reference(key).citation for key in day.sources)]
    return Feedback(right, "\n".join(lines))

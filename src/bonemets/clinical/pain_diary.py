"""A fictional patient's pain diary for one week, and the decision a nurse makes about each day.

The week lives in assets/data/pain_diary_week.csv: one row per day with the pain scores (0-10), the regular
opioid dose per 24 hours, the rescue dose and how many were taken, bowels, drowsiness, the diary entry (it starts
"Fictional patient."), the decision the cited guidance supports, why, and the `source` keys of the clinical rules
the answer relies on (assets/references.yaml). `load_diary` checks every row and names the file, line and field.

The rescue-dose check uses the Oncology Nursing Society evidence summary: a rescue dose of 10%-20% of the total
daily basal opioid dose (not for rapid-onset fentanyl products). A teaching tool, never a prescribing aid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bonemets.content.tables import read_csv_table, reference_keys
from bonemets.paths import assets_dir

DIARY_FILE = Path("data") / "pain_diary_week.csv"
COLUMNS = ("day", "title", "usual_pain", "worst_pain", "regular_opioid_mg_24h", "rescue_dose_mg", "rescue_doses",
           "bowels_opened", "drowsiness", "entry", "answer", "rationale", "source")
DECISIONS = {
    "continue": "Continue the plan: record the scores and reassess at the next contact",
    "review": "Report to the prescriber or team today for a review of the plan",
    "emergency": "Emergency: get medical help now",
}
DROWSINESS = ("none", "mild", "marked")
RESCUE_FRACTION = (0.10, 0.20)  # Oncology Nursing Society PEP: 10%-20% of the total daily basal dose
RESCUE_SOURCE = "Oncology Nursing Society evidence summary: 10-20% of the total daily dose"
TEACHING_NOTE = ("Teaching tool for a fictional patient, never a prescribing aid: doses are set by the prescriber "
                 "under local policy and the product label.")


@dataclass(frozen=True)
class DiaryDay:
    """One day of the fictional patient's diary, with the decision the guidance supports."""

    day: int
    title: str
    usual_pain: int
    worst_pain: int
    regular_opioid_mg_24h: float
    rescue_dose_mg: float
    rescue_doses: int
    bowels_opened: bool
    drowsiness: str
    entry: str
    answer: str
    rationale: str
    sources: tuple[str, ...]

    @property
    def total_opioid_mg_24h(self) -> float:
        """Regular dose plus every rescue dose taken that day (oral morphine, mg)."""
        return self.regular_opioid_mg_24h + self.rescue_dose_mg * self.rescue_doses

    def summary(self) -> str:
        """The day's numbers in one sentence (what the chart shows, in words)."""
        bowels = "bowels opened" if self.bowels_opened else "bowels not opened"
        doses = "rescue dose" if self.rescue_doses == 1 else "rescue doses"
        return (f"Day {self.day}: usual pain {self.usual_pain}/10, worst {self.worst_pain}/10; "
                f"{self.rescue_doses} {doses} of {_mg(self.rescue_dose_mg)} mg on a regular "
                f"{_mg(self.regular_opioid_mg_24h)} mg a day (total {_mg(self.total_opioid_mg_24h)} mg oral morphine "
                f"in 24 hours); {bowels}; drowsiness {self.drowsiness}.")


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


def diary_path() -> Path:
    return assets_dir() / DIARY_FILE


def _whole(raw: str, field: str, low: int, high: int, where: str) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: '{field}' must be a whole number from {low} to {high}; got {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{where}: '{field}' must be from {low} to {high}; got {value}")
    return value


def _dose(raw: str, field: str, where: str) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: '{field}' must be a dose in mg; got {raw!r}") from None
    if not 0 < value <= 2000:
        raise ValueError(f"{where}: '{field}' must be more than 0 and at most 2000 mg; got {value:g}")
    return value


def _day(line: int, row: dict, name: str, known: set[str]) -> DiaryDay:
    where = f"{name}: line {line}"
    usual = _whole(row["usual_pain"], "usual_pain", 0, 10, where)
    worst = _whole(row["worst_pain"], "worst_pain", 0, 10, where)
    if worst < usual:
        raise ValueError(f"{where}: 'worst_pain' ({worst}) cannot be lower than 'usual_pain' ({usual})")
    if row["bowels_opened"] not in ("yes", "no"):
        raise ValueError(f"{where}: 'bowels_opened' must be yes or no; got {row['bowels_opened']!r}")
    if row["drowsiness"] not in DROWSINESS:
        raise ValueError(f"{where}: 'drowsiness' must be one of {', '.join(DROWSINESS)}; got {row['drowsiness']!r}")
    if row["answer"] not in DECISIONS:
        raise ValueError(f"{where}: 'answer' must be one of {', '.join(DECISIONS)}; got {row['answer']!r}")
    entry = " ".join(row["entry"].split())
    if not entry.startswith("Fictional patient."):
        raise ValueError(f"{where}: 'entry' must start with 'Fictional patient.' so the case is labelled fictional")
    for field in ("title", "rationale"):
        if not row[field].strip():
            raise ValueError(f"{where}: '{field}' must be non-empty text")
    sources = tuple(row["source"].split())
    if not sources:
        raise ValueError(f"{where}: 'source' must name at least one reference key")
    unknown = [key for key in sources if key not in known]
    if unknown:
        raise ValueError(f"{where}: unknown source {unknown} (not a key in assets/references.yaml)")
    return DiaryDay(_whole(row["day"], "day", 1, 31, where), row["title"].strip(), usual, worst,
                    _dose(row["regular_opioid_mg_24h"], "regular_opioid_mg_24h", where),
                    _dose(row["rescue_dose_mg"], "rescue_dose_mg", where),
                    _whole(row["rescue_doses"], "rescue_doses", 0, 24, where), row["bowels_opened"] == "yes",
                    row["drowsiness"], entry, row["answer"], " ".join(row["rationale"].split()), sources)


def load_diary(path: Path | None = None, known_sources: set[str] | None = None) -> list[DiaryDay]:
    """Read and check the diary; a bad file raises ValueError naming the file, line and field."""
    path = diary_path() if path is None else Path(path)
    rows = read_csv_table(path, COLUMNS, "pain diary")
    known = reference_keys(known_sources)
    days = [_day(line, row, path.name, known) for line, row in rows]
    numbers = [d.day for d in days]
    if numbers != list(range(1, len(days) + 1)):
        raise ValueError(f"{path.name}: days must run 1, 2, 3, ... in order; got {numbers}")
    return days


@cache
def course_diary() -> tuple[DiaryDay, ...]:
    """The course's fictional week, loaded once per kernel."""
    return tuple(load_diary())


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

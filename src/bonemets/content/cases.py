"""Unfolding case files (assets/cases/<id>.yaml): one fictional patient, phase by phase.

Each phase reveals new nurse's notes, vital signs, laboratory results, charted measurements, imaging
reports and orders, and names the clinical rules it relies on; every rule carries its sources. A
malformed file raises ContentError naming the file and the field (e.g. `phases.2.vitals.0.heart_rate`).
`record_up_to` gathers what a nurse could see at a phase; `trend_words` reads a series out in words.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bonemets.errors import ContentError
from bonemets.paths import assets_dir

TIME = re.compile(r"^Day (\d+) ([01]\d|2[0-3]):([0-5]\d)$")


def time_key(stamp: str) -> tuple[int, int, int]:
    """'Day 7 08:00' -> (7, 8, 0), so stamps sort in time order."""
    match = TIME.match(stamp)
    if not match:
        raise ValueError(f"time '{stamp}' must look like 'Day 7 08:00'")
    return tuple(int(g) for g in match.groups())  # type: ignore[return-value]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Timed(_Strict):
    time: str

    @field_validator("time")
    @classmethod
    def _stamp(cls, value: str) -> str:
        time_key(value)
        return value


class Note(_Timed):
    author: str = Field(min_length=3)
    text: str = Field(min_length=20)


# Plausible limits for an adult's vital signs: a typing error outside them is refused.
VITAL_LIMITS = {"temperature_c": (30.0, 43.0), "heart_rate": (20, 250), "systolic": (50, 260),
                "diastolic": (20, 160), "resp_rate": (4, 60), "spo2": (50, 100), "pain": (0, 10)}
VITAL_LABELS = {"temperature_c": "Temperature (°C)", "heart_rate": "Heart rate (beats/min)",
                "systolic": "Blood pressure, systolic (mmHg)", "diastolic": "Blood pressure, diastolic (mmHg)",
                "resp_rate": "Respiratory rate (breaths/min)", "spo2": "Oxygen saturation (%)",
                "pain": "Pain score (0-10)"}


class Vitals(_Timed):
    temperature_c: float
    heart_rate: int
    systolic: int
    diastolic: int
    resp_rate: int
    spo2: int
    pain: int | None = None

    @model_validator(mode="after")
    def _plausible(self) -> Vitals:
        for name, (low, high) in VITAL_LIMITS.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name} {value} is outside {low}-{high}")
        if self.diastolic >= self.systolic:
            raise ValueError(f"diastolic {self.diastolic} must be below systolic {self.systolic}")
        return self


class Lab(_Timed):
    test: str = Field(min_length=2)
    value: float
    unit: str = Field(min_length=1)
    reference: str = Field(min_length=3, description="the laboratory's reference range")

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value) or value < 0:
            raise ValueError("must be an ordinary number, 0 or above")
        return value


class Reading(_Timed):
    value: float


class Series(_Strict):
    """A charted measurement over time (urine output, glucose, a score)."""

    name: str = Field(min_length=3)
    unit: str = ""
    readings: list[Reading] = Field(min_length=1)


class Imaging(_Timed):
    study: str = Field(min_length=3)
    report: str = Field(min_length=20)


class Order(_Timed):
    order: str = Field(min_length=5)
    status: str = Field(min_length=3)


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    text: str = Field(min_length=30)
    sources: list[str] = Field(min_length=1)


class Patient(_Strict):
    name: str = Field(pattern=r"\(fictional\)$", description="ends with '(fictional)'")
    age: int = Field(ge=18, le=110)
    sex: Literal["female", "male"]
    weight_kg: float = Field(gt=20, lt=300)
    background: str = Field(min_length=20)


class Phase(_Strict):
    number: int = Field(ge=1)
    title: str = Field(min_length=5)
    setting: str = Field(min_length=3)
    summary: str = Field(min_length=20)
    rules: list[str] = Field(min_length=1)
    notes: list[Note] = Field(min_length=1)
    vitals: list[Vitals] = []
    labs: list[Lab] = []
    charts: list[Series] = []
    imaging: list[Imaging] = []
    orders: list[Order] = []


class Case(_Strict):
    id: str = Field(pattern=r"^case_\d\d$")
    fictional: Literal[True] = Field(description="every case patient is fictional and says so")
    title: str = Field(min_length=5)
    patient: Patient
    rules: list[Rule] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=2)

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def phase(self, number: int) -> Phase:
        for phase in self.phases:
            if phase.number == number:
                return phase
        raise ValueError(f"case {self.id} has phases 1 to {len(self.phases)}; there is no phase {number}")


def _cross_checks(case: Case, source: str, known_sources: set[str] | None) -> list[str]:
    problems = []
    numbers = [p.number for p in case.phases]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"{source}: field 'phases': numbers must run 1, 2, 3, ... in order; got {numbers}")
    rule_ids = [r.id for r in case.rules]
    if len(set(rule_ids)) != len(rule_ids):
        problems.append(f"{source}: field 'rules': a rule id is used twice")
    used = set()
    for index, phase in enumerate(case.phases):
        for rule_id in phase.rules:
            used.add(rule_id)
            if rule_id not in rule_ids:
                problems.append(f"{source}: field 'phases.{index}.rules': unknown rule '{rule_id}'")
    problems += [f"{source}: field 'rules': rule '{r}' is not used by any phase" for r in rule_ids if r not in used]
    if known_sources is not None:
        for index, rule in enumerate(case.rules):
            problems += [f"{source}: field 'rules.{index}.sources': unknown reference '{key}'"
                         for key in rule.sources if key not in known_sources]
    return problems


def parse_case(text: str, source: str, known_sources: set[str] | None = None) -> Case:
    """Validate a case file's text; every problem names the file and the field."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ContentError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ContentError(f"{source}: expected a mapping with id, fictional, title, patient, rules, phases")
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{source}: field '{'.'.join(str(p) for p in e['loc']) or '(case)'}': "
                 f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors()]
        raise ContentError("\n".join(lines)) from None
    if problems := _cross_checks(case, source, known_sources):
        raise ContentError("\n".join(problems))
    return case


def cases_dir() -> Path:
    return assets_dir() / "cases"


def load_case(case_id: str = "case_01", path: Path | None = None, known_sources: set[str] | None = None) -> Case:
    """Read assets/cases/<case_id>.yaml, checking every rule's sources against the reference registry."""
    from bonemets.content.references import load_registry

    path = cases_dir() / f"{case_id}.yaml" if path is None else Path(path)
    if not path.is_file():
        raise ContentError(f"{path.name}: no such case file (looked for {path})")
    known = set(load_registry()) if known_sources is None else known_sources
    return parse_case(path.read_text(encoding="utf-8"), f"cases/{path.name}", known)


class Record(_Strict):
    """Everything in the record up to a phase, each list in time order."""

    notes: list[Note]
    vitals: list[Vitals]
    labs: list[Lab]
    charts: list[Series]
    imaging: list[Imaging]
    orders: list[Order]
    rules: list[Rule]


def record_up_to(case: Case, number: int) -> Record:
    """What a nurse could read in the record at the end of phase `number` (earlier phases included)."""
    case.phase(number)  # raises for an unknown phase
    phases = [p for p in case.phases if p.number <= number]
    series: dict[tuple[str, str], list[Reading]] = {}
    for phase in phases:
        for chart in phase.charts:
            series.setdefault((chart.name, chart.unit), []).extend(chart.readings)
    rule_ids = list(dict.fromkeys(r for p in phases for r in p.rules))

    def ordered(items):
        return sorted(items, key=lambda item: time_key(item.time))

    return Record(
        notes=ordered(n for p in phases for n in p.notes), vitals=ordered(v for p in phases for v in p.vitals),
        labs=ordered(x for p in phases for x in p.labs),
        charts=[Series(name=n, unit=u, readings=ordered(r)) for (n, u), r in series.items()],
        imaging=ordered(i for p in phases for i in p.imaging), orders=ordered(o for p in phases for o in p.orders),
        rules=[case.rule(r) for r in rule_ids])


def lab_series(labs: list[Lab]) -> list[Series]:
    """Laboratory results grouped by test, in order of first appearance."""
    grouped: dict[tuple[str, str], list[Reading]] = {}
    for lab in labs:
        grouped.setdefault((lab.test, lab.unit), []).append(Reading(time=lab.time, value=lab.value))
    return [Series(name=t, unit=u, readings=r) for (t, u), r in grouped.items()]


def vital_series(vitals: list[Vitals]) -> list[Series]:
    """Vital signs as one series per measurement (pain only where it was scored)."""
    result = []
    for name, label in VITAL_LABELS.items():
        readings = [Reading(time=v.time, value=getattr(v, name)) for v in vitals if getattr(v, name) is not None]
        if readings:
            result.append(Series(name=label, unit="", readings=readings))
    return result


def _number(value: float) -> str:
    return f"{value:g}"


def trend_words(series: Series, steady_within: float = 0.05) -> str:
    """A series in words: every reading in time order, then whether it rose, fell or held steady overall."""
    unit = f" {series.unit}" if series.unit else ""
    readings = [f"{_number(r.value)}{unit} at {r.time}" for r in series.readings]
    text = f"{series.name}: {', then '.join(readings)}."
    if len(series.readings) < 2:
        return text
    values = [r.value for r in series.readings]
    first, last = values[0], values[-1]
    change = last - first
    base = abs(first) if first else 1.0
    if abs(change) <= steady_within * base:
        words = f"{text} From first to last, about the same."
    else:
        direction = "up" if change > 0 else "down"
        words = f"{text} From first to last, {direction} by {_number(round(abs(change), 2))}{unit}."
    inner = values[1:-1]
    if inner and max(inner) > max(first, last):
        peak = series.readings[values.index(max(inner), 1)]
        words += (f" It was highest, {_number(peak.value)}{unit}, at {peak.time}, and has fallen by "
                  f"{_number(round(peak.value - last, 2))}{unit} since.")
    elif inner and min(inner) < min(first, last):
        low = series.readings[values.index(min(inner), 1)]
        words += (f" It was lowest, {_number(low.value)}{unit}, at {low.time}, and has risen by "
                  f"{_number(round(last - low.value, 2))}{unit} since.")
    return words

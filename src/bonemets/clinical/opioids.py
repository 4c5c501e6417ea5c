"""Teaching opioid arithmetic: rescue-dose range and a switch between oral strong opioids. NEVER a prescribing aid.

Sources (assets/references.yaml):
- Rescue (breakthrough) dose: 10%-20% of the total daily basal opioid dose (Oncology Nursing Society evidence
  summary, `onsbreakthroughpain`; not for rapid-onset fentanyl products).
- Switching: Faculty of Pain Medicine, Opioids Aware, "Dose equivalents and changing opioids" (`opioidsaware`,
  reviewed August 2020 against the BNF). Approximate oral potencies relative to oral morphine: oxycodone 1.5
  (6.6 mg = 10 mg oral morphine), hydromorphone 5 (2 mg = 10 mg oral morphine). The calculated equivalent is then
  reduced by about 25%-50% for incomplete cross-tolerance, and by at least 50% at high doses (oral morphine
  equivalent of 500 mg or more in 24 hours), in elderly or frail patients, or when switching because of
  intolerable side effects. Methadone and transdermal fentanyl are specialist conversions and are refused here.
Every impossible or unsafe input raises ValueError with a message saying what is wrong and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bonemets.clinical.inputs import fmt, number

TEACHING_LABEL = ("Teaching tool for fictional patients, NOT a prescribing aid: conversion tables are approximate, "
                  "people vary widely, and switching is decided and supervised by an experienced prescriber.")
# Oral potency relative to oral morphine (Opioids Aware, BNF figures reviewed August 2020).
ORAL_POTENCY = {"oral morphine": 1.0, "oral oxycodone": 1.5, "oral hydromorphone": 5.0}
SPECIALIST_ONLY = {
    "methadone": "its potency depends on the dose and how long it has been taken",
    "transdermal fentanyl": "patch strengths are converted with the product's own table",
    "fentanyl": "rapid-onset and patch forms are converted with the product's own tables",
}
RESCUE_FRACTION = (0.10, 0.20)
STANDARD_REDUCTION = (0.25, 0.50)
HIGH_RISK_REDUCTION = 0.50
HIGH_DOSE_MORPHINE_MG = 500.0
MAX_TEACHING_MORPHINE_MG = 2000.0
SWITCH_SOURCE = "Opioids Aware, Faculty of Pain Medicine (BNF figures, reviewed 2020)"
RESCUE_SOURCE = "Oncology Nursing Society evidence summary"


@dataclass(frozen=True)
class SwitchResult:
    """A teaching switch between two oral opioids, with the reduced starting range and its rescue-dose range."""

    from_opioid: str
    to_opioid: str
    daily_dose_mg: float
    morphine_equivalent_mg: float
    equivalent_mg: float
    start_low_mg: float | None
    start_high_mg: float
    reduction: str

    def summary(self) -> str:
        start = (f"{fmt(self.start_low_mg)} to {fmt(self.start_high_mg)} mg" if self.start_low_mg is not None
                 else f"at most {fmt(self.start_high_mg)} mg")
        rescue_low, rescue_high = rescue_dose_range(self.start_high_mg)
        morphine = ("" if self.from_opioid == "oral morphine"
                    else f" is about {fmt(self.morphine_equivalent_mg)} mg of oral morphine, and")
        return (f"{fmt(self.daily_dose_mg)} mg of {self.from_opioid} in 24 hours{morphine} is about "
                f"{fmt(self.equivalent_mg)} mg of {self.to_opioid} by the table. {self.reduction} "
                f"That gives a starting total of {start} of "
                f"{self.to_opioid} in 24 hours ({SWITCH_SOURCE}). At {fmt(self.start_high_mg)} mg a day, a rescue "
                f"dose of 10-20% would be {fmt(rescue_low)} to {fmt(rescue_high)} mg ({RESCUE_SOURCE}). "
                f"{TEACHING_LABEL}")


def _opioid(name: object, role: str) -> str:
    if not isinstance(name, str):
        raise ValueError(f"The {role} opioid must be one of {', '.join(ORAL_POTENCY)}; you entered {name!r}.")
    key = name.strip().lower()
    for special, why in SPECIALIST_ONLY.items():
        if special in key:
            raise ValueError(f"{name} is not converted by this table: {why}. Conversions to or from it need "
                             "specialist advice.")
    if key not in ORAL_POTENCY:
        raise ValueError(f"The {role} opioid must be one of {', '.join(ORAL_POTENCY)}; you entered {name!r}.")
    return key


def _daily_dose(value: object, opioid: str) -> float:
    dose = number(value, "The total dose in 24 hours")
    if dose <= 0:
        raise ValueError(f"The total dose in 24 hours must be more than 0 mg; you entered {fmt(dose)} mg.")
    morphine = dose * ORAL_POTENCY[opioid]
    if morphine > MAX_TEACHING_MORPHINE_MG:
        raise ValueError(f"{fmt(dose)} mg of {opioid} is about {fmt(round(morphine))} mg of oral morphine in 24 "
                         f"hours, above the {fmt(MAX_TEACHING_MORPHINE_MG)} mg this teaching tool handles: doses "
                         "this high are converted only with specialist advice. Check the number and the unit.")
    return dose


def rescue_dose_range(daily_dose_mg: float) -> tuple[float, float]:
    """10%-20% of a total daily basal opioid dose in mg (ONS), rounded to 0.1 mg."""
    dose = number(daily_dose_mg, "The total dose in 24 hours")
    if dose <= 0:
        raise ValueError(f"The total dose in 24 hours must be more than 0 mg; you entered {fmt(dose)} mg.")
    low, high = RESCUE_FRACTION
    return round(dose * low, 1), round(dose * high, 1)


def morphine_equivalent(daily_dose_mg: float, opioid: str) -> float:
    """Oral morphine equivalent in mg per 24 hours of a daily dose of an oral opioid (Opioids Aware table)."""
    key = _opioid(opioid, "current")
    return round(_daily_dose(daily_dose_mg, key) * ORAL_POTENCY[key], 1)


def switch(daily_dose_mg: float, from_opioid: str, to_opioid: str, high_risk: bool = False) -> SwitchResult:
    """The table equivalent of a daily dose in another oral opioid, then the published dose reduction.

    `high_risk`: an elderly or frail patient, or a switch because of intolerable side effects (reduce by at least 50%).
    """
    source, target = _opioid(from_opioid, "current"), _opioid(to_opioid, "new")
    if source == target:
        raise ValueError(f"The current and the new opioid are both {source}; choose two different opioids.")
    if not isinstance(high_risk, bool):
        raise ValueError(f"high_risk must be True or False; you entered {high_risk!r}.")
    dose = _daily_dose(daily_dose_mg, source)
    morphine = dose * ORAL_POTENCY[source]
    equivalent = morphine / ORAL_POTENCY[target]
    if high_risk or morphine >= HIGH_DOSE_MORPHINE_MG:
        why = ("a high dose (500 mg oral morphine or more in 24 hours)" if morphine >= HIGH_DOSE_MORPHINE_MG
               else "an elderly or frail patient, or a switch for intolerable side effects")
        reduction = f"Reduce by at least 50% because of {why}."
        low, high = None, equivalent * (1 - HIGH_RISK_REDUCTION)
    else:
        reduction = "Reduce by about 25% to 50% for incomplete cross-tolerance."
        low, high = equivalent * (1 - STANDARD_REDUCTION[1]), equivalent * (1 - STANDARD_REDUCTION[0])
    return SwitchResult(source, target, dose, round(morphine, 1), round(equivalent, 1),
                        None if low is None else round(low, 1), round(high, 1), reduction)

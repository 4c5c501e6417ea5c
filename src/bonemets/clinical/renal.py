"""Cockcroft-Gault creatinine clearance and the zoledronic acid dose for bone metastases from the label's renal table.

Formula (Cockcroft DW, Gault MH. Nephron 1976;16:31-41, abstract and equation 1):
    CrCl (mL/min) = (140 - age in years) x weight in kg / (72 x serum creatinine in mg/dL), x 0.85 for women
Cockcroft and Gault used the patient's body weight in kg; this calculator uses the weight typed in, i.e. the actual
body weight. The zoledronic acid label asks for creatinine clearance "calculated using the Cockcroft-Gault formula";
the label text checked for this course does not name an adjusted or ideal weight, so none is applied here.
Unit conversion: serum creatinine 1 mg/dL = 88.4 micromol/L.

Zoledronic acid dose for multiple myeloma and bone metastases of solid tumours (US label, section 2, Table 1 of
reduced doses by baseline creatinine clearance): baseline CrCl > 60 mL/min 4.0 mg; 50-60 3.5 mg;
40-49 3.3 mg; 30-39 3.0 mg; below 30 mL/min the drug is not recommended.

Fractional clearances. The label's bands are written in whole numbers, which leaves gaps (what dose for 49.5?).
This calculator applies the bands to the unrounded clearance and reads each one as running from its lower edge up
to, but not including, the next band's lower edge: above 60 mL/min (the label's "> 60") is 4.0 mg; 50 up to and
including 60 is 3.5 mg (so 60 exactly is 3.5 mg and 60.01 is 4.0 mg); 40 up to (not including) 50 is 3.3 mg, so
49.5 and 49.99 get 3.3 mg; 30 up to (not including) 40 is 3.0 mg; below 30 (29.99 included) is "not recommended".
In every gap this is the reading that gives the lower dose: a clearance is never rounded up into a higher-dose band.

Withholding rule (same label section): serum creatinine is checked before each dose; treatment is withheld after a
rise of 0.5 mg/dL when the baseline creatinine was normal, or of 1.0 mg/dL when it was abnormal, and restarted at
the same dose only when creatinine is back within 10% of the baseline value. This calculator withholds at a rise
of the threshold or more (0.5 mg/dL exactly counts). Whether the baseline was normal is taken from the laboratory's
own reference range, which the user states.

Hypercalcaemia of malignancy is different: the label gives 4 mg with no renal dose reduction while serum creatinine
is below 4.5 mg/dL (clinical review, November 2026), so every result says that the table above is for bone
metastases only.

A teaching calculator for fictional patients: the dose is prescribed by the medical team and checked by a
pharmacist; follow local protocols and current orders. Every impossible input raises ValueError with a message
that says what was wrong and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bonemets.clinical.inputs import check_unit, fmt, measured_value, number

CREATININE_UMOL_L_PER_MG_DL = 88.4
CREATININE_UNITS = ("mg/dL", "micromol/L")
SEXES = ("female", "male")
FEMALE_FACTOR = 0.85  # Cockcroft & Gault 1976: "15% less in females"

# Plausibility limits. Age: the formula is for adults (derived in patients aged 18-92); 120 years is beyond any
# recorded lifespan. Weight: 25 to 300 kg covers very low and very high adult weights; outside it the value is almost
# always a typing slip (or pounds typed as kg). Creatinine: 0.2 to 20 mg/dL (about 18 to 1,770 micromol/L) spans
# very low muscle mass to severe kidney failure; outside it the value is almost certainly a slip or the wrong unit.
AGE_RANGE_YEARS = (18.0, 120.0)
WEIGHT_RANGE_KG = (25.0, 300.0)
CREATININE_RANGE = {"mg/dL": (0.2, 20.0), "micromol/L": (17.7, 1768.0)}
_OTHER_UNIT = {"mg/dL": "micromol/L", "micromol/L": "mg/dL"}

FORMULA_SOURCE = "Cockcroft and Gault 1976 (actual body weight, x 0.85 for women)"
TABLE_SOURCE = "zoledronic acid US label, Table 1 (bone metastases and multiple myeloma)"


@dataclass(frozen=True)
class DoseBand:
    """One row of the label's renal table and the exact range this calculator gives it."""

    label_text: str
    range_text: str
    dose_mg: float | None  # None = not recommended

    @property
    def dose_text(self) -> str:
        return "not recommended" if self.dose_mg is None else f"{self.dose_mg:.1f} mg"


# Label Table 1, highest clearance first, with the range each row covers here (see the module docstring).
DOSE_BANDS = (
    DoseBand("> 60 mL/min", "above 60 mL/min", 4.0),
    DoseBand("50-60 mL/min", "50 up to and including 60 mL/min", 3.5),
    DoseBand("40-49 mL/min", "40 up to (not including) 50 mL/min", 3.3),
    DoseBand("30-39 mL/min", "30 up to (not including) 40 mL/min", 3.0),
    DoseBand("< 30 mL/min", "below 30 mL/min", None),
)


def check_age(age_years: object) -> float:
    """Validate an adult age in years (18 to 120); returns it as a float."""
    low, high = AGE_RANGE_YEARS
    age = number(age_years, "Age")
    if not low <= age <= high:
        raise ValueError(f"Age must be between {low:g} and {high:g} years; you entered {fmt(age)}. "
                         "The Cockcroft-Gault formula is for adults.")
    return age


def check_weight(weight_kg: object) -> float:
    """Validate a body weight in kg (25 to 300), hinting at pounds typed as kg; returns it as a float."""
    low, high = WEIGHT_RANGE_KG
    weight = number(weight_kg, "Weight")
    if weight <= 0:
        raise ValueError(f"Weight cannot be zero or negative; you entered {fmt(weight)} kg. "
                         f"Enter the body weight, between {low:g} and {high:g} kg.")
    if not low <= weight <= high:
        hint = ""
        if high < weight <= high * 2.2046:
            hint = f" Did you type pounds? {fmt(weight)} lb is {weight / 2.2046:.1f} kg."
        raise ValueError(f"Weight must be between {low:g} and {high:g} kg; you entered {fmt(weight)} kg.{hint}")
    return weight


def check_sex(sex: object) -> str:
    """'female' or 'male' (any case, spaces ignored): the formula's 0.85 factor applies to women."""
    if not isinstance(sex, str) or sex.strip().lower() not in SEXES:
        raise ValueError(f"Choose the sex used by the formula: 'female' or 'male'; you entered {sex!r}.")
    return sex.strip().lower()


def check_creatinine(value: object, unit: str) -> float:
    """Validate a serum creatinine in `unit`; returns it as a float in that unit."""
    check_unit(unit, CREATININE_UNITS, "The creatinine")
    return measured_value(value, unit, what="Serum creatinine", ranges=CREATININE_RANGE, other_unit=_OTHER_UNIT,
                          enter="the measured value", note=" (1 mg/dL = 88.4 micromol/L.)")


def creatinine_mg_dl(value: object, unit: str) -> float:
    """A serum creatinine in any allowed unit, converted to mg/dL (micromol/L divided by 88.4)."""
    creatinine = check_creatinine(value, unit)
    return creatinine if unit == "mg/dL" else creatinine / CREATININE_UMOL_L_PER_MG_DL


def cockcroft_gault_ml_min(age_years: float, weight_kg: float, serum_creatinine_mg_dl: float, sex: str) -> float:
    """(140 - age) x weight / (72 x creatinine mg/dL), x 0.85 for women (Cockcroft & Gault 1976)."""
    age = check_age(age_years)
    weight = check_weight(weight_kg)
    creatinine = check_creatinine(serum_creatinine_mg_dl, "mg/dL")
    factor = FEMALE_FACTOR if check_sex(sex) == "female" else 1.0
    return (140.0 - age) * weight / (72.0 * creatinine) * factor


def dose_band(crcl_ml_min: float) -> DoseBand:
    """The label band of an unrounded creatinine clearance (see the module docstring for fractional values).

    Float noise below 1e-6 mL/min is ignored, so a clearance that is 60 on paper is never pushed over the edge.
    """
    value = round(number(crcl_ml_min, "Creatinine clearance"), 6)
    if value < 0:
        raise ValueError(f"Creatinine clearance cannot be negative; got {fmt(value)} mL/min.")
    above_60, band_50_60, band_40_49, band_30_39, below_30 = DOSE_BANDS
    if value > 60:
        return above_60
    if value >= 50:
        return band_50_60
    if value >= 40:
        return band_40_49
    if value >= 30:
        return band_30_39
    return below_30


def zoledronic_acid_dose_mg(crcl_ml_min: float) -> float | None:
    """The label dose in mg for bone metastases, or None when the label does not recommend the drug (< 30)."""
    return dose_band(crcl_ml_min).dose_mg


HYPERCALCAEMIA_NOTE = (
    "This table is for bone metastases and myeloma only. Do not use it for hypercalcaemia of malignancy: there the "
    "label dose is 4 mg with no reduction for kidney function while serum creatinine is below 4.5 mg/dL "
    "(about 400 micromol/L).")


@dataclass(frozen=True)
class RenalResult:
    """Clearance, band and dose for one set of inputs, with the inputs in words."""

    crcl_ml_min: float
    band: DoseBand
    inputs_text: str

    def summary(self) -> str:
        if self.band.dose_mg is None:
            dose = ("zoledronic acid is not recommended at this clearance (label: below 30 mL/min); tell the "
                    "prescriber, who may choose another option.")
        elif self.band.dose_mg == 4.0:
            dose = "the label dose for bone metastases is 4.0 mg (no reduction)."
        else:
            dose = f"the label's reduced dose for bone metastases is {self.band.dose_text}."
        return (f"Creatinine clearance (Cockcroft-Gault): {self.crcl_ml_min:.1f} mL/min, from {self.inputs_text}. "
                f"Label band {self.band.label_text}: {dose} {HYPERCALCAEMIA_NOTE}")


def assess_renal_dose(age_years: float, weight_kg: float, sex: str, creatinine: float, unit: str) -> RenalResult:
    """Clearance and zoledronic acid dose from age, weight, sex and a creatinine in mg/dL or micromol/L."""
    age = check_age(age_years)
    weight = check_weight(weight_kg)
    sex_word = check_sex(sex)
    value = check_creatinine(creatinine, unit)
    creatinine_in_mg_dl = creatinine_mg_dl(value, unit)
    crcl = cockcroft_gault_ml_min(age, weight, creatinine_in_mg_dl, sex_word)
    conversion = "" if unit == "mg/dL" else f" (= {creatinine_in_mg_dl:.2f} mg/dL)"
    inputs = (f"age {fmt(age)} years, weight {fmt(weight)} kg, {sex_word}, "
              f"serum creatinine {fmt(value)} {unit}{conversion}")
    return RenalResult(crcl, dose_band(crcl), inputs)


@dataclass(frozen=True)
class WithholdResult:
    """Whether a creatinine rise since baseline means the next zoledronic acid dose is withheld.

    The rise is shown with 3 decimals in mg/dL, and in the unit typed when that was micromol/L, so the number on
    screen never looks equal to the threshold while the rule says it is below it (clinical review E8: a rise of
    44 micromol/L is 0.498 mg/dL, which printed as "0.50 mg/dL ... does not meet the rule").
    """

    rise_mg_dl: float
    threshold_mg_dl: float
    withhold: bool
    restart_below_mg_dl: float
    unit: str = "mg/dL"

    def _in_unit(self, mg_dl: float, signed: bool = False) -> str:
        sign = "+" if signed else ""
        text = f"{mg_dl:{sign}.3f} mg/dL"
        if self.unit == "micromol/L":
            text += f" ({mg_dl * CREATININE_UMOL_L_PER_MG_DL:{sign}.1f} micromol/L)"
        return text

    def summary(self) -> str:
        rise = f"Creatinine has risen by {self._in_unit(self.rise_mg_dl)} since baseline"
        if self.rise_mg_dl <= 0:
            rise = f"Creatinine has not risen since baseline (change {self._in_unit(self.rise_mg_dl, signed=True)})"
        threshold = self._in_unit(self.threshold_mg_dl)
        if self.withhold:
            return (f"{rise}, which reaches the label's rise of {threshold}: withhold the dose and tell the "
                    f"prescriber. Restart at the same dose only when creatinine is back within 10% of baseline "
                    f"(at or below {self._in_unit(self.restart_below_mg_dl)}).")
        text = (f"{rise}; the label withholds after a rise of {threshold}, so this rise alone does not meet the "
                f"withholding rule. Still report any rise.")
        if self.threshold_mg_dl - self.rise_mg_dl < NEAR_THRESHOLD_MG_DL:
            text += (" The rise is within 0.05 mg/dL of the threshold: ask the prescriber and pharmacist before the "
                     "dose is given.")
        return text


NEAR_THRESHOLD_MG_DL = 0.05  # a teaching flag, not a label rule: close enough that lab variation could decide it


def withholding_check(baseline: float, current: float, unit: str, baseline_normal: bool) -> WithholdResult:
    """Label rule: withhold after a rise of 0.5 mg/dL (normal baseline) or 1.0 mg/dL (abnormal baseline)."""
    if not isinstance(baseline_normal, bool):
        raise ValueError("Say whether the baseline creatinine was within the laboratory's normal range (True/False).")
    base = creatinine_mg_dl(baseline, unit)
    now = creatinine_mg_dl(current, unit)
    threshold = 0.5 if baseline_normal else 1.0
    rise = now - base
    return WithholdResult(rise, threshold, round(rise, 6) >= threshold, base * 1.10, unit)

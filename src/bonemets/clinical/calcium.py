"""Albumin-corrected calcium and the severity band of hypercalcaemia, in US (mg/dL) or SI (mmol/L) units.

Formula (StatPearls "Resistant Hypercalcemia", 2023; the zoledronic acid US label, section 1.1, prints the
mg/dL form only):
    corrected Ca (mg/dL)  = measured Ca (mg/dL)  + 0.8  x (4.0 - albumin g/dL)
    corrected Ca (mmol/L) = measured Ca (mmol/L) + 0.02 x (40  - albumin g/L)
The 0.8 coefficient is NOT Payne's 1973 original: Payne et al. (BMJ 1973;4:643-6) derived
"calcium - albumin + 4.0" (mg/100 mL, g/100 mL), a coefficient of 1.0. `payne_1973_adjusted_calcium_mg_dl`
keeps that original for comparison only.

Severity bands in mg/dL (StatPearls 2023): mild 10.5-11.9, moderate 12-13.9, crisis 14 or more. A corrected value
is banded on its unrounded mg/dL value with half-open bands (mild 10.5 up to but not including 12.0, and so on), so
no value falls in the gap between 11.9 and 12.0. The mg/dL edges divided by 4.008 are 2.620, 2.994 and 3.493 mmol/L,
so the mmol/L value is shown with 3 decimals: with 2 decimals, 14.0 mg/dL (crisis) would print as 3.49 mmol/L, the
same number that a typed 3.49 mmol/L (moderate) gives (clinical review E7, November 2026). A typed 2-decimal mmol/L
result is mild from 2.62, moderate from 3.00 and crisis from 3.50.
Unit conversions: calcium 1 mmol/L = 4.008 mg/dL (molar mass 40.08 g/mol); albumin 1 g/dL = 10 g/L.

Every impossible input raises ValueError with a message saying what was wrong and what is allowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bonemets.clinical.inputs import check_unit, fmt, measured_value, number

CALCIUM_MG_DL_PER_MMOL_L = 4.008
ALBUMIN_G_L_PER_G_DL = 10.0

CALCIUM_UNITS = ("mg/dL", "mmol/L")
ALBUMIN_UNITS = ("g/dL", "g/L")

# Range of a total serum calcium result the calculator accepts. It is deliberately wide: about 40% of the usual
# lower reference limit (about 9 mg/dL, StatPearls 2023) up to more than twice the 10.5 mg/dL upper limit and well
# above the 14 mg/dL crisis threshold. A total calcium outside it is not a plausible blood result in a living patient;
# it is almost always a typing slip or the wrong unit.
CALCIUM_RANGE = {"mg/dL": (4.0, 24.0), "mmol/L": (1.0, 6.0)}
# Albumin range: 0.5-6.0 g/dL (5-60 g/L) covers the lowest values seen in severe illness and dehydration.
ALBUMIN_RANGE = {"g/dL": (0.5, 6.0), "g/L": (5.0, 60.0)}
_OTHER_CALCIUM_UNIT = {"mg/dL": "mmol/L", "mmol/L": "mg/dL"}
_OTHER_ALBUMIN_UNIT = {"g/dL": "g/L", "g/L": "g/dL"}

BAND_SOURCE = "StatPearls, Resistant Hypercalcemia (2023)"
FORMULA_SOURCE = ("mg/dL form: zoledronic acid US label and StatPearls (2023); SI form: StatPearls (2023); "
                  "not Payne's 1973 original (coefficient 1.0)")


@dataclass(frozen=True)
class Band:
    """One severity band of corrected calcium, in mg/dL (upper bound exclusive; None = no upper bound)."""

    name: str
    lower_mg_dl: float
    upper_mg_dl: float | None
    meaning: str


BANDS = (
    Band("below the hypercalcaemia range", 0.0, 10.5,
         "Not hypercalcaemia by this formula. Compare with your laboratory's own reference range."),
    Band("mild hypercalcaemia", 10.5, 12.0, "Mild: corrected calcium 10.5 to 11.9 mg/dL (below 12.0)."),
    Band("moderate hypercalcaemia", 12.0, 14.0, "Moderate: corrected calcium 12.0 to 13.9 mg/dL (below 14.0)."),
    Band("hypercalcaemic crisis", 14.0, None, "Crisis: corrected calcium 14.0 mg/dL or more."),
)

EGFR_REMINDER = (
    "Limits: the albumin correction is an estimate. When eGFR is below 60 mL/min/1.73 m2, unadjusted total calcium "
    "matched ionised (free) calcium better than adjusted formulas did (Lian and Åsberg 2018), so ask for an ionised "
    "calcium when kidney function is reduced or the result does not fit the patient."
)
SYMPTOM_REMINDER = (
    "Symptoms count as much as the number: a patient with symptoms such as confusion, drowsiness, vomiting or "
    "dehydration needs urgent medical review whatever the band. Follow local protocols and current orders."
)


@dataclass(frozen=True)
class CalciumResult:
    """A corrected calcium in both unit systems, its band, and what the inputs were."""

    corrected_mg_dl: float
    corrected_mmol_l: float
    band: Band
    measured_text: str

    def summary(self) -> str:
        """Plain-text result, read the same way by a screen reader as on screen."""
        return (f"Corrected calcium: {self.corrected_mg_dl:.2f} mg/dL ({self.corrected_mmol_l:.3f} mmol/L), "
                f"from {self.measured_text}. Band: {self.band.name}. {self.band.meaning} "
                f"(Bands: {BAND_SOURCE}.)")


def _limit(value: float) -> str:
    """Range limits are written with one decimal, as on a laboratory report (4.0, not 4)."""
    return f"{value:.1f}"


def check_calcium(value: object, unit: str) -> float:
    """Validate a measured total calcium in `unit`; returns it as a float."""
    check_unit(unit, CALCIUM_UNITS, "The calcium")
    return measured_value(value, unit, what="Calcium", ranges=CALCIUM_RANGE, other_unit=_OTHER_CALCIUM_UNIT,
                          enter="the measured total calcium", show=_limit)


def check_albumin(value: object, unit: str) -> float:
    """Validate a measured serum albumin in `unit`; returns it as a float."""
    check_unit(unit, ALBUMIN_UNITS, "The albumin")
    return measured_value(value, unit, what="Albumin", ranges=ALBUMIN_RANGE, other_unit=_OTHER_ALBUMIN_UNIT,
                          enter="the measured serum albumin", show=_limit)


def mmol_l_to_mg_dl(calcium_mmol_l: float) -> float:
    """Calcium mmol/L -> mg/dL (x 4.008)."""
    return calcium_mmol_l * CALCIUM_MG_DL_PER_MMOL_L


def mg_dl_to_mmol_l(calcium_mg_dl: float) -> float:
    """Calcium mg/dL -> mmol/L (/ 4.008)."""
    return calcium_mg_dl / CALCIUM_MG_DL_PER_MMOL_L


def corrected_calcium_mg_dl(calcium_mg_dl: float, albumin_g_dl: float) -> float:
    """Ca + 0.8 x (4.0 - albumin), all in mg/dL and g/dL (StatPearls 2023; zoledronic acid label 1.1)."""
    calcium = check_calcium(calcium_mg_dl, "mg/dL")
    albumin = check_albumin(albumin_g_dl, "g/dL")
    return calcium + 0.8 * (4.0 - albumin)


def corrected_calcium_mmol_l(calcium_mmol_l: float, albumin_g_l: float) -> float:
    """Ca + 0.02 x (40 - albumin), in mmol/L and g/L (the SI form given by StatPearls 2023)."""
    calcium = check_calcium(calcium_mmol_l, "mmol/L")
    albumin = check_albumin(albumin_g_l, "g/L")
    return calcium + 0.02 * (40.0 - albumin)


def payne_1973_adjusted_calcium_mg_dl(calcium_mg_dl: float, albumin_g_dl: float) -> float:
    """Payne et al. 1973, abstract: adjusted calcium = calcium - albumin + 4.0 (mg/100 mL, g/100 mL)."""
    calcium = check_calcium(calcium_mg_dl, "mg/dL")
    albumin = check_albumin(albumin_g_dl, "g/dL")
    return calcium - albumin + 4.0


def severity_band(corrected_mg_dl: float) -> Band:
    """The StatPearls band of a corrected calcium in mg/dL (half-open bands; float noise below 1e-6 ignored)."""
    value = round(number(corrected_mg_dl, "Corrected calcium"), 6)
    for band in BANDS:
        if value >= band.lower_mg_dl and (band.upper_mg_dl is None or value < band.upper_mg_dl):
            return band
    raise ValueError(f"Corrected calcium must be a positive number of mg/dL; got {corrected_mg_dl!r}.")


def band_edges_mmol_l() -> list[tuple[str, float]]:
    """The lowest 2-decimal mmol/L value in each band (mg/dL edge / 4.008, rounded up), for a text table."""
    return [(band.name, math.ceil(round(mg_dl_to_mmol_l(band.lower_mg_dl) * 100, 6)) / 100) for band in BANDS[1:]]


def display_edges_mmol_l() -> list[tuple[str, float]]:
    """The mg/dL band edges divided by 4.008, to the 3 decimals the result shows (2.620, 2.994, 3.493)."""
    return [(band.name, round(mg_dl_to_mmol_l(band.lower_mg_dl), 3)) for band in BANDS[1:]]


def assess_calcium(calcium: float, calcium_unit: str, albumin: float, albumin_unit: str) -> CalciumResult:
    """Corrected calcium from a measured total calcium and albumin in any allowed units.

    mg/dL calcium uses the mg/dL formula and mmol/L calcium the SI formula (each as published); albumin is
    converted to the unit that formula needs. The result is given in both units and banded in mg/dL.
    """
    calcium_value = check_calcium(calcium, calcium_unit)
    albumin_value = check_albumin(albumin, albumin_unit)
    measured = f"measured calcium {fmt(calcium_value)} {calcium_unit} and albumin {fmt(albumin_value)} {albumin_unit}"
    if calcium_unit == "mg/dL":
        albumin_g_dl = albumin_value if albumin_unit == "g/dL" else albumin_value / ALBUMIN_G_L_PER_G_DL
        corrected_mg = corrected_calcium_mg_dl(calcium_value, albumin_g_dl)
        corrected_mmol = mg_dl_to_mmol_l(corrected_mg)
    else:
        albumin_g_l = albumin_value if albumin_unit == "g/L" else albumin_value * ALBUMIN_G_L_PER_G_DL
        corrected_mmol = corrected_calcium_mmol_l(calcium_value, albumin_g_l)
        corrected_mg = mmol_l_to_mg_dl(corrected_mmol)
    return CalciumResult(corrected_mg, corrected_mmol, severity_band(corrected_mg), measured)

"""Corrected-calcium calculator widget: labelled unit choice, two number boxes, a symptom tick box, a text result.

All arithmetic and checking live in bonemets.clinical.calcium; this module only wires labelled controls to it and
shows the result (or the plain-language error message) as text in a role="status" region. No plot: the result is
a number, a band and two reminders, all given in words.
"""

from __future__ import annotations

from html import escape

from bonemets.clinical import calcium as ca
from bonemets.learner.ui import LABEL_STYLE, CourseWidget

UNIT_SYSTEMS = {
    "US units: calcium mg/dL, albumin g/dL": ("mg/dL", "g/dL"),
    "SI units: calcium mmol/L, albumin g/L": ("mmol/L", "g/L"),
}
# A teaching default (not a real patient): measured calcium looks mildly raised, corrected calcium is moderate.
DEFAULT_MG_DL = (11.6, 2.6)


def result_text(calcium: float, calcium_unit: str, albumin: float, albumin_unit: str, symptoms: bool) -> str:
    """The words the widget shows: the result and its reminders, or the error message that explains the input."""
    try:
        result = ca.assess_calcium(calcium, calcium_unit, albumin, albumin_unit)
    except ValueError as error:
        return f"Cannot calculate: {error}"
    lines = [result.summary()]
    if symptoms:
        lines.append("Symptoms reported: " + ca.SYMPTOM_REMINDER)
    else:
        lines.append(ca.SYMPTOM_REMINDER)
    lines.append(ca.EGFR_REMINDER)
    lines.append(f"Formula: {ca.FORMULA_SOURCE}.")
    return "\n".join(lines)


def _mg_dl_range(band: ca.Band) -> str:
    """'mild 10.5 to 11.9 mg/dL': the band's severity word and its range at one decimal (upper bound exclusive)."""
    severity = band.name.replace("hypercalcaemia", "").replace("hypercalcaemic", "").strip()
    if band.upper_mg_dl is None:
        return f"{severity} {band.lower_mg_dl:.1f} mg/dL or more"
    return f"{severity} {band.lower_mg_dl:.1f} to {band.upper_mg_dl - 0.1:.1f} mg/dL"


def band_table_text() -> str:
    """The bands in both unit systems, as one line of text (the calculator's reference table in words)."""
    ranges = ", ".join(_mg_dl_range(band) for band in ca.BANDS[1:])
    edges = ", ".join(f"{name} from {value:.3f} mmol/L" for name, value in ca.display_edges_mmol_l())
    typed = ", ".join(f"{value:.2f}" for _, value in ca.band_edges_mmol_l())
    return (f"Bands (StatPearls 2023): {ranges}. The same edges in mmol/L (divided by 4.008): {edges}; so a result "
            f"typed in mmol/L with 2 decimals is mild, moderate or crisis from {typed} mmol/L. UK emergency guidance "
            "uses almost the same edges: below 3.0, 3.0 to 3.5 and above 3.5 mmol/L (Walsh et al. 2016).")


class CalciumCalculator(CourseWidget):
    """Labelled controls for calcium and albumin with selectable units; the result updates on every change."""

    def __init__(self, unit_system: str | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        style = LABEL_STYLE
        self.units = widgets.Dropdown(options=list(UNIT_SYSTEMS), value=unit_system or next(iter(UNIT_SYSTEMS)),
                                      description="Units:", style=style, layout=widgets.Layout(width="30em"))
        self.calcium = widgets.FloatText(description="", style=style, step=0.1)
        self.albumin = widgets.FloatText(description="", style=style, step=0.1)
        self.symptoms = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="100%"),
                                         description="The patient has symptoms (for example confusion or vomiting)")
        self._converting = False
        calcium_mg, albumin_g_dl = DEFAULT_MG_DL
        self._set_labels()
        if self.calcium_unit == "mg/dL":
            self.calcium.value, self.albumin.value = calcium_mg, albumin_g_dl
        else:
            self.calcium.value = round(ca.mg_dl_to_mmol_l(calcium_mg), 2)
            self.albumin.value = albumin_g_dl * ca.ALBUMIN_G_L_PER_G_DL
        self.units.observe(self._on_units, names="value")
        for control in (self.calcium, self.albumin, self.symptoms):
            control.observe(self._on_change, names="value")
        intro = widgets.HTML(
            "<p>Type the measured total calcium and the serum albumin from the same blood sample. "
            "The result, its band and any problem with what you typed appear as text below.</p>")
        bands = widgets.HTML(f"<p>{escape(band_table_text())}</p>")
        self.widget = widgets.VBox([intro, self.units, self.calcium, self.albumin, self.symptoms,
                                    self.status, bands])
        self.widget.add_class("bonemets-calcium-calculator")
        self.update()

    @property
    def calcium_unit(self) -> str:
        return UNIT_SYSTEMS[self.units.value][0]

    @property
    def albumin_unit(self) -> str:
        return UNIT_SYSTEMS[self.units.value][1]

    def _set_labels(self) -> None:
        self.calcium.description = f"Measured total calcium ({self.calcium_unit}):"
        self.albumin.description = f"Serum albumin ({self.albumin_unit}):"

    def update(self) -> str:
        """Recompute from the controls and show the text; returns it."""
        self.show_status(result_text(self.calcium.value, self.calcium_unit, self.albumin.value, self.albumin_unit,
                                     self.symptoms.value))
        return self.text

    def _on_units(self, change: dict) -> None:
        """Switching units converts the typed values, so the same sample is shown in the new units."""
        old_calcium_unit, old_albumin_unit = UNIT_SYSTEMS[change["old"]]
        self._converting = True
        try:
            self._set_labels()
            if old_calcium_unit != self.calcium_unit:
                convert = ca.mmol_l_to_mg_dl if self.calcium_unit == "mg/dL" else ca.mg_dl_to_mmol_l
                self.calcium.value = round(convert(self.calcium.value), 2 if self.calcium_unit == "mmol/L" else 1)
            if old_albumin_unit != self.albumin_unit:
                factor = ca.ALBUMIN_G_L_PER_G_DL
                self.albumin.value = round(self.albumin.value * factor if self.albumin_unit == "g/L"
                                           else self.albumin.value / factor, 1 if self.albumin_unit == "g/L" else 2)
        finally:
            self._converting = False
        self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._converting:
            self.update()

"""Bone-modifying agent safety checker: creatinine clearance, the zoledronic acid label dose and the pre-dose checks.

Labelled number boxes (age, weight, creatinine), drop-down lists (sex, creatinine unit) and an optional baseline
creatinine feed bonemets.clinical.renal. The result is text in a role="status" region: the clearance, the label
band and dose, the withholding rule when a baseline is given, or the plain-language message that explains an
impossible input. The label's renal table and the pre-dose checklist are shown as text, with their sources.
No plot: everything the widget teaches is a number, a band or a check, all given in words.
"""

from __future__ import annotations

from html import escape

from bonemets.clinical import renal
from bonemets.learner.ui import LABEL_STYLE, PLACEHOLDER, CourseWidget

# A teaching default (a fictional patient, not a real one): a clearance in the 40-49 mL/min band.
DEFAULTS = {"age": 66.0, "weight": 58.0, "sex": "female", "creatinine": 1.1, "unit": "mg/dL", "baseline": 0.9}
TEACHING_NOTE = ("A teaching calculator for fictional patients. The dose is prescribed by the medical team and checked "
                 "by a pharmacist; follow local protocols, current orders and the product label.")

# Pre-dose checks, each with the source that supports it (keys of assets/references.yaml in brackets for tests).
CHECKLIST = (
    ("Dental review before the first dose: a dental examination, with any needed dental treatment done first, and "
     "no invasive dental work during treatment if it can be avoided.",
     "ASCO-CCO 2017; MASCC/ISOO/ASCO 2019; MHRA 2015", ("vanpoznak2017", "yarom2019", "mhra2015")),
    ("Calcium and vitamin D: the zoledronic acid label asks for an oral calcium supplement of 500 mg and a "
     "multivitamin with 400 IU of vitamin D every day; low calcium and low vitamin D are corrected before starting.",
     "zoledronic acid US label; Saylor et al. 2013", ("zoledronicacidlabelbone", "saylor2013")),
    ("Serum creatinine before every zoledronic acid dose, compared with the baseline: withhold after a rise of "
     "0.5 mg/dL (normal baseline) or 1.0 mg/dL (abnormal baseline).",
     "zoledronic acid US label", ("zoledronicacidlabelbone",)),
    ("Hydration: check the patient is well hydrated before the infusion; the dose is diluted in 100 mL and given "
     "over no less than 15 minutes.",
     "zoledronic acid US label", ("zoledronicacidlabelbone", "zoledronicacidlabel")),
    ("At every visit ask about jaw pain, loose teeth, swelling or exposed bone in the mouth, and about tingling "
     "around the mouth or muscle cramps (signs of low calcium).",
     "MHRA 2015; Saylor et al. 2013", ("mhra2015", "saylor2013")),
)


def checklist_items() -> list[str]:
    """The pre-dose checks in order, each with its sources: the words the widget's numbered list shows."""
    return [f"{text} ({sources})" for text, sources, _keys in CHECKLIST]


def checklist_text() -> str:
    """The pre-dose checklist as numbered lines of plain text, each with its sources."""
    return "\n".join(f"{number}. {item}" for number, item in enumerate(checklist_items(), start=1))


def band_table_html(current: renal.DoseBand | None = None) -> str:
    """The label's renal table as an HTML table; the patient's row is marked in words, not by colour alone."""
    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>'
                   for h in ("Baseline CrCl (label)", "Range used here", "Zoledronic acid dose", "This patient"))
    rows = []
    for band in renal.DOSE_BANDS:
        mark = "this patient's band" if band is current else ""
        cells = (band.label_text, band.range_text, band.dose_text, mark)
        style = ' style="font-weight:bold"' if band is current else ""
        rows.append(f"<tr{style}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return ('<table class="bonemets-renal-table"><caption style="text-align:left"><strong>Zoledronic acid for bone '
            f"metastases: dose by creatinine clearance ({escape(renal.TABLE_SOURCE)})</strong></caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def result_text(age: object, weight: object, sex: object, creatinine: object, unit: str,
                baseline: object = None, baseline_normal: bool | None = None) -> str:
    """The words the widget shows: clearance, band, dose and withholding rule, or the message explaining the input."""
    return assess(age, weight, sex, creatinine, unit, baseline, baseline_normal)[1]


def assess(age: object, weight: object, sex: object, creatinine: object, unit: str, baseline: object = None,
           baseline_normal: bool | None = None) -> tuple[renal.RenalResult | None, str]:
    """One computation per update: the result (None when it cannot be worked out) and the words to show."""
    if sex is None:
        return None, "Not complete yet: choose the sex used by the formula (female or male)."
    try:
        result = renal.assess_renal_dose(age, weight, sex, creatinine, unit)
    except ValueError as error:
        return None, f"Cannot calculate: {error}"
    lines = [result.summary(), f"Formula: {renal.FORMULA_SOURCE}. Dose table: {renal.TABLE_SOURCE}."]
    if baseline is not None:
        try:
            if baseline_normal is None:
                raise ValueError("Say whether the baseline creatinine was within the laboratory's normal range.")
            lines.append(renal.withholding_check(baseline, creatinine, unit, baseline_normal).summary())
        except ValueError as error:
            lines.append(f"Cannot compare with the baseline: {error}")
    lines.append("Follow local protocols and current orders; the prescriber and pharmacist confirm every dose.")
    return result, "\n".join(lines)


class BMASafetyChecker(CourseWidget):
    """Labelled inputs for the Cockcroft-Gault clearance and a text result that updates on every change."""

    def __init__(self, **values: object) -> None:
        import ipywidgets as widgets

        super().__init__()
        style = LABEL_STYLE
        wide = widgets.Layout(width="32em")
        self.age = widgets.FloatText(description="Age (years):", style=style, layout=wide)
        self.weight = widgets.FloatText(description="Weight (kg, actual body weight):", style=style, layout=wide)
        self.sex = widgets.Dropdown(options=[(PLACEHOLDER, None), ("Female", "female"), ("Male", "male")],
                                    description="Sex used by the formula:", style=style, layout=wide)
        self.creatinine = widgets.FloatText(description="Serum creatinine:", style=style, layout=wide, step=0.1)
        self.unit = widgets.Dropdown(options=list(renal.CREATININE_UNITS), description="Creatinine unit:",
                                     style=style, layout=wide)
        self.compare = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="100%"),
                                        description="Compare with the baseline creatinine (before the first dose)")
        self.baseline = widgets.FloatText(description="Baseline creatinine (same unit):", style=style, layout=wide,
                                          step=0.1)
        self.baseline_normal = widgets.RadioButtons(
            options=[("Yes, within the laboratory's normal range", True), ("No, it was already raised", False)],
            value=True, description="Was the baseline normal?", style=style, layout=widgets.Layout(width="40em"))
        self.table = widgets.HTML()
        self.set(**{**DEFAULTS, **values})
        for control in (self.age, self.weight, self.sex, self.creatinine, self.unit, self.compare, self.baseline,
                        self.baseline_normal):
            control.observe(self._on_change, names="value")
        intro = widgets.HTML(
            f"<p>{escape(TEACHING_NOTE)}</p><p>Type the patient's age, weight and serum creatinine, and choose the "
            "unit your laboratory report uses. The clearance, the label dose and any problem with what you typed "
            "appear as text below. Tick the box to check the creatinine rule for withholding a dose.</p>")
        items = "".join(f"<li>{escape(item)}</li>" for item in checklist_items())
        checklist = widgets.HTML(f"<p><strong>Before every zoledronic acid dose</strong></p><ol>{items}</ol>")
        self.widget = widgets.VBox([intro, self.age, self.weight, self.sex, self.creatinine, self.unit, self.compare,
                                    self.baseline, self.baseline_normal, self.status, self.table, checklist])
        self.widget.add_class("bonemets-bma-safety")
        self.update()

    def set(self, **values: object) -> None:
        """Set controls by name (used by tests and demonstrations); an unknown name raises ValueError."""
        controls = {"age": self.age, "weight": self.weight, "sex": self.sex, "creatinine": self.creatinine,
                    "unit": self.unit, "compare": self.compare, "baseline": self.baseline,
                    "baseline_normal": self.baseline_normal}
        for name, value in values.items():
            if name not in controls:
                raise ValueError(f"'{name}' is not a control of this checker; controls: {', '.join(controls)}")
            controls[name].value = value

    def update(self) -> str:
        """Recompute from the controls, show the text and mark the patient's band in the table; returns the text."""
        self.baseline.disabled = self.baseline_normal.disabled = not self.compare.value
        baseline = self.baseline.value if self.compare.value else None
        result, text = assess(self.age.value, self.weight.value, self.sex.value, self.creatinine.value,
                              self.unit.value, baseline, self.baseline_normal.value)
        self.show_status(text)
        self.table.value = band_table_html(None if result is None else result.band)
        return self.text

    def _on_change(self, _change: dict) -> None:
        self.update()

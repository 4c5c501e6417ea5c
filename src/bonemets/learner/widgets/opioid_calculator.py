"""Teaching opioid calculator: rescue-dose range and a switch between oral strong opioids, labelled NOT for prescribing.

All arithmetic and checking live in bonemets.clinical.opioids. Labelled drop-downs for the two opioids, a number
box for the total dose in 24 hours, a tick box for a high-risk switch, and the result (or the message that explains
the input) as text in a role="status" region.
"""

from __future__ import annotations

from html import escape

from bonemets.clinical import opioids as op
from bonemets.learner.ui import LABEL_STYLE, CourseWidget

# Teaching default (a fictional patient): oral morphine 60 mg a day, switching to oral oxycodone.
DEFAULT = (60.0, "oral morphine", "oral oxycodone")


class OpioidTeachingCalculator(CourseWidget):
    """Type the total daily dose, choose the opioids; the teaching result updates on every change."""

    def __init__(self) -> None:
        import ipywidgets as widgets

        super().__init__()
        style = LABEL_STYLE
        dose, source, target = DEFAULT
        options = list(op.ORAL_POTENCY)
        self.dose = widgets.FloatText(value=dose, step=5, description="Total dose of the current opioid in 24 hours "
                                      "(mg):", style=style, layout=widgets.Layout(width="32em"))
        self.from_opioid = widgets.Dropdown(options=options, value=source, description="Current opioid:", style=style)
        self.to_opioid = widgets.Dropdown(options=options, value=target, description="New opioid:", style=style)
        self.high_risk = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="100%"),
                                          description="Elderly or frail patient, or switching because of "
                                                      "intolerable side effects")
        for control in (self.dose, self.from_opioid, self.to_opioid, self.high_risk):
            control.observe(self._on_change, names="value")
        label = widgets.HTML(f"<p><strong>{escape(op.TEACHING_LABEL)}</strong></p>")
        self.widget = widgets.VBox([label, self.from_opioid, self.dose, self.to_opioid, self.high_risk, self.status])
        self.widget.add_class("bonemets-opioid-calculator")
        self.update()

    def update(self) -> str:
        try:
            low, high = op.rescue_dose_range(self.dose.value)
            rescue = (f"Rescue dose on the current opioid: {low:g} to {high:g} mg, 10-20% of "
                      f"{self.dose.value:g} mg a day ({op.RESCUE_SOURCE}).")
            text = rescue + "\n" + op.switch(self.dose.value, self.from_opioid.value, self.to_opioid.value,
                                             self.high_risk.value).summary()
        except ValueError as error:
            text = f"Cannot calculate: {error}"
        self.show_status(text)
        return text

    def _on_change(self, _change: dict) -> None:
        self.update()

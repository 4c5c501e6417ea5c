"""Teach-back practice: the student writes a plain-language explanation and reads its grade and remaining jargon.

All measuring lives in bonemets.content.plain_language. The widget is a drop-down of teaching tasks (each a
fictional patient's question), a labelled text area, a Check button and a role="status" region with the result
in words. It opens with a jargon-heavy first draft to revise.
"""

from __future__ import annotations

from html import escape

from bonemets.content import plain_language as pl
from bonemets.learner.ui import LABEL_STYLE, CourseWidget

TASKS = {
    "bone-drug": ("Fictional patient. Mr Tomasz Nowak, 66, has breast cancer that has spread to his spine. "
                  "He asks: 'Why do I need this drip every few weeks, and what should I watch out for?'"),
    "red-flags": ("Fictional patient. Ms Amara Mensah, 48, has cancer in her spine. She asks: "
                  "'Which problems should make me call you straight away?'"),
    "exercise": ("Fictional patient. Ms Ines Duarte, 71, has cancer in her pelvis. She asks: "
                 "'Is it safe for me to keep walking and doing my exercises?'"),
}
FIRST_DRAFT = ("Zoledronic acid is an intravenous bisphosphonate that reduces skeletal-related events from your "
               "bone metastases. Report osteonecrosis of the jaw and symptoms of hypocalcaemia, and maintain "
               "dental hygiene because of the risk of adverse effects.")


class TeachBackPractice(CourseWidget):
    """Write, check, revise: the reading grade and the medical words still in the text, after each Check."""

    def __init__(self, text: str = FIRST_DRAFT) -> None:
        import ipywidgets as widgets

        super().__init__()
        style = LABEL_STYLE
        self.task = widgets.Dropdown(options=[(f"Task {n}: {key.replace('-', ' ')}", key)
                                              for n, key in enumerate(TASKS, start=1)],
                                     description="Choose a teaching task:", style=style,
                                     layout=widgets.Layout(width="max-content"))
        self.question = widgets.HTML()
        self.explanation = widgets.Textarea(value=text, description="Your explanation:", style=style,
                                     layout=widgets.Layout(width="95%", height="9em"))
        self.button = widgets.Button(description="Check", tooltip="Measure the reading grade and find jargon")
        self.task.observe(self._on_task, names="value")
        self.button.on_click(self.check)
        self.widget = widgets.VBox([self.task, self.question, self.explanation, self.button, self.status])
        self.widget.add_class("bonemets-teach-back")
        self._show_task()
        self.check()

    def check(self, _button: object = None) -> str:
        """Measure the text now in the box; show and return the result (or what is wrong with the input)."""
        try:
            text = pl.assess_explanation(self.explanation.value).summary()
        except ValueError as error:
            text = f"Cannot check yet: {error}"
        self.show_status(text)
        return text

    def _show_task(self) -> None:
        self.question.value = f"<p>{escape(TASKS[self.task.value])}</p>"

    def _on_task(self, _change: dict) -> None:
        self._show_task()

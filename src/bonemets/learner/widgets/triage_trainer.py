"""Red-flag triage trainer: fictional vignettes, a choice of urgency, and a rationale that cites the guidance.

The vignettes live in assets/data/triage_vignettes.yaml (each labelled fictional, with its answer, rationale and
source keys); bonemets.content.vignettes checks the file and names the file, line and field when something is wrong.
`check_answer` is plain Python, so the feedback a student reads is tested without a display. The widget is a
labelled Dropdown of cases, labelled RadioButtons for the urgency, a Check button and a role="status" feedback text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bonemets.content.vignettes import Vignette, course_vignettes
from bonemets.learner.ui import LABEL_STYLE, CourseWidget

URGENCY = {
    "emergency": "Emergency: act now and escalate immediately",
    "urgent": "Urgent: report to the team the same day",
    "routine": "Routine: record it and review at the next planned contact",
}


@dataclass(frozen=True)
class Feedback:
    correct: bool
    text: str


def source_text(keys: tuple[str, ...]) -> str:
    from bonemets.content.references import reference

    return "Sources: " + " ".join(reference(key).citation for key in keys)


def check_answer(vignette: Vignette, choice: str | None) -> Feedback:
    """The feedback for one choice: a verdict in words, the guideline-based rationale and the full sources."""
    if choice is None:
        return Feedback(False, "Choose an urgency level first, then press Check.")
    if choice not in URGENCY:
        raise ValueError(f"unknown urgency '{choice}'; choose one of {', '.join(URGENCY)}")
    right = choice == vignette.answer
    verdict = "Correct" if right else "Not quite"
    lines = [f"{verdict}: you chose '{URGENCY[choice]}'."]
    if not right:
        lines.append(f"The guidance supports '{URGENCY[vignette.answer]}'.")
    lines += [f"Why: {vignette.rationale}", source_text(vignette.sources)]
    return Feedback(right, "\n".join(lines))


class TriageTrainer(CourseWidget):
    """Choose a fictional case, choose how urgently to escalate it, press Check, read why."""

    def __init__(self, vignettes: tuple[Vignette, ...] | list[Vignette] | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.vignettes = tuple(course_vignettes() if vignettes is None else vignettes)
        self._by_id = {v.id: v for v in self.vignettes}
        self.case = widgets.Dropdown(
            options=[(f"Case {n}: {v.title}", v.id) for n, v in enumerate(self.vignettes, start=1)],
            description="Choose a case:", style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
        self.story = widgets.HTML()
        self.choice = widgets.RadioButtons(options=[(label, key) for key, label in URGENCY.items()], value=None,
                                           description="How urgent is this?", style=LABEL_STYLE,
                                           layout=widgets.Layout(width="100%"))
        self.button = widgets.Button(description="Check", tooltip="Check your choice and read the rationale")
        self.score = widgets.HTML()
        self.results: dict[str, bool] = {}
        self.case.observe(self._on_case, names="value")
        self.button.on_click(self.check)
        self.widget = widgets.VBox([self.case, self.story, self.choice, self.button, self.status, self.score])
        self.widget.add_class("bonemets-triage-trainer")
        self.show(self.case.value)

    @property
    def current(self) -> Vignette:
        return self._by_id[self.case.value]

    def show(self, vignette_id: str) -> None:
        """Show a case, clear the previous choice and feedback."""
        vignette = self._by_id[vignette_id]
        self.story.value = f"<p><strong>{escape(vignette.title)}</strong></p><p>{escape(vignette.text)}</p>"
        self.choice.value = None
        self.show_status("")
        self._show_score()

    def check(self, _button: object = None) -> str:
        """Score the current choice, show the feedback, and return its text."""
        result = check_answer(self.current, self.choice.value)
        if self.choice.value is not None:
            self.results[self.current.id] = result.correct
        self.show_status(result.text)
        self._show_score()
        return result.text

    def score_text(self) -> str:
        done, right = len(self.results), sum(self.results.values())
        return f"Cases checked: {done} of {len(self.vignettes)}; matched the guidance: {right}."

    def _show_score(self) -> None:
        self.score.value = f"<p>{escape(self.score_text())}</p>"

    def _on_case(self, change: dict) -> None:
        self.show(change["new"])

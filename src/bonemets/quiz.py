"""Self-check widgets: labelled, keyboard-usable controls with text feedback and rationales.

Feedback is words ("Correct" / "Not quite"), never colour alone, and gives the
rationale of every option the student chose and of every key. Scoring is the
same NCSBN rule the graded assignments use (`ChoiceItem.score`).
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
from IPython.display import display

from bonemets.bank import ChoiceItem, load_bank
from bonemets.feedback import feedback_text, instructions

# Long option labels must wrap, not be cut off with an ellipsis.
_CSS = (
    "<style>.bonemets-quiz .widget-label-basic span, .bonemets-quiz .widget-radio-box label"
    "{white-space: normal !important; overflow: visible !important; text-overflow: clip !important;"
    " height: auto !important; line-height: 1.4;}"
    ".bonemets-quiz .widget-radio-box label {margin-bottom: 4px;}"
    ".bonemets-quiz .widget-html-content {line-height: 1.5;}</style>"
)


def _feedback_html(text: str) -> str:
    parts, bullets = [], []
    for line in text.splitlines():
        if line.startswith("- "):
            bullets.append(f"<li>{escape(line[2:])}</li>")
            continue
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        parts.append(f"<p>{escape(line)}</p>")
    if bullets:
        parts.append(f"<ul>{''.join(bullets)}</ul>")
    return f'<div role="status" aria-live="polite">{"".join(parts)}</div>'


class ChoiceQuestion:
    """One self-check question: stem, labelled options, a Check button and feedback."""

    def __init__(self, item: ChoiceItem, number: int) -> None:
        self.item = item
        self.stem = widgets.HTML(
            f"<h4>Question {number}</h4><p>{escape(item.stem)}</p>"
            f"<p><em>{escape(instructions(item))}</em></p>"
        )
        labels = [(f"{o.id}. {o.text}", o.id) for o in item.options]
        if item.type == "multiple_choice":
            self.choices = widgets.RadioButtons(
                options=labels, value=None, description=f"Question {number}",
                style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
            controls = [self.choices]
        else:
            self.boxes = {oid: widgets.Checkbox(value=False, description=label, indent=False,
                                                layout=widgets.Layout(width="100%"))
                          for label, oid in labels}
            controls = list(self.boxes.values())
        self.button = widgets.Button(description="Check answer", button_style="",
                                     tooltip=f"Check your answer to question {number}")
        self.feedback = widgets.HTML(_feedback_html(""))
        self.button.on_click(self.check)
        self.widget = widgets.VBox([self.stem, *controls, self.button, self.feedback],
                                   layout=widgets.Layout(margin="0 0 1.5em 0"))

    def selected(self) -> set[str]:
        if self.item.type == "multiple_choice":
            return {self.choices.value} if self.choices.value else set()
        return {oid for oid, box in self.boxes.items() if box.value}

    def select(self, *option_ids: str) -> None:
        """Set the selection (used by tests and demonstrations)."""
        if self.item.type == "multiple_choice":
            self.choices.value = option_ids[0] if option_ids else None
        else:
            for oid, box in self.boxes.items():
                box.value = oid in option_ids

    def check(self, _button: widgets.Button | None = None) -> str:
        text = feedback_text(self.item, self.selected())
        self.feedback.value = _feedback_html(text)
        return text


def build_quiz(module: str) -> list[ChoiceQuestion]:
    """The self-check questions of a module, numbered in bank order."""
    items = load_bank(module).for_use("self_check")
    return [ChoiceQuestion(item, n) for n, item in enumerate(items, start=1)]


def show_quiz(module: str) -> None:
    """Display a module's self-check in the notebook."""
    questions = build_quiz(module)
    box = widgets.VBox([widgets.HTML(_CSS), *(q.widget for q in questions)])
    box.add_class("bonemets-quiz")
    display(box)

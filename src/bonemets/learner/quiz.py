"""Self-check widgets for every item type: labelled, keyboard-usable controls with text feedback.

Feedback is words ("Correct" / "Not quite"), never colour alone, with the rationale of every
option. Matrices, blanks, ordered positions and bow-tie slots are one labelled Dropdown,
RadioButtons or Checkbox group each (no button grids, no drag-only input). Scoring is the same
NCSBN rule the trusted grader uses (`item.score`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import ipywidgets as widgets
from IPython.display import display

from bonemets.assessment.answers import BOWTIE_GROUPS, AnswerFormatError, normalise
from bonemets.assessment.feedback import feedback_text
from bonemets.assessment.items import (
    BowtieItem,
    ChoiceItem,
    ClozeItem,
    HighlightItem,
    Item,
    MatrixItem,
    NumericItem,
    OrderedItem,
    TrendItem,
    WrittenItem,
)
from bonemets.content.bank import load_bank

# Long labels must wrap, not be cut off with an ellipsis.
_CSS = (
    "<style>.bonemets-quiz .widget-label-basic span, .bonemets-quiz .widget-radio-box label,"
    " .bonemets-quiz .widget-label {white-space: normal !important; overflow: visible !important;"
    " text-overflow: clip !important; height: auto !important; line-height: 1.4;}"
    ".bonemets-quiz .widget-radio-box label {margin-bottom: 4px;}"
    ".bonemets-quiz .widget-html-content {line-height: 1.5;}</style>"
)
_FULL = widgets.Layout(width="100%")
_LABEL = {"description_width": "initial"}
PLACEHOLDER = "Choose..."


# Called after each scored Check with the item and its score fraction (0 to 1); returns a note to add to the
# feedback (e.g. "progress is not being saved"), or None. bonemets.learner.progress.record_try is the course's.
Recorder = Callable[[Item, float], "str | None"]


def scored_fraction(item: Item, response) -> float | None:
    """The NCSBN score fraction of a complete response, or None when there is no score to keep.

    None for a written item (marked against a rubric), and for a choice answer that is empty or has too many
    options (the feedback asks for a new answer instead of scoring it).
    """
    if isinstance(item, WrittenItem):
        return None
    if isinstance(item, ChoiceItem) and (not response or (item.max_selections and len(response) > item.max_selections)):
        return None
    try:
        return item.score(response).fraction
    except ValueError:
        return None


class Incomplete(Exception):
    """The learner has not answered every part yet; the message says which."""


def _feedback_html(text: str) -> str:
    parts, bullets = [], []
    for line in text.splitlines():
        if line.startswith("- "):
            bullets.append(f"<li>{escape(line[2:])}</li>")
            continue
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        parts.append(f"<p>{escape(line.strip())}</p>")
    if bullets:
        parts.append(f"<ul>{''.join(bullets)}</ul>")
    return f'<div role="status" aria-live="polite">{"".join(parts)}</div>'


def _dropdown(label: str, options) -> widgets.Dropdown:
    choices = [(PLACEHOLDER, None), *((f"{o.id}. {o.text}", o.id) for o in options)]
    return widgets.Dropdown(options=choices, index=0, description=label, style=_LABEL, layout=_FULL)


def _listing(options) -> str:
    return "<ul>" + "".join(f"<li><b>{o.id}.</b> {escape(o.text)}</li>" for o in options) + "</ul>"


class Question:
    """Stem, controls, a Check button and a feedback region; subclasses build controls and read the response."""

    button_label = "Check answer"

    def __init__(self, item: Item, number: int, recorder: Recorder | None = None) -> None:
        self.item, self.number, self.recorder = item, number, recorder
        self.stem = widgets.HTML(f"<h4>Question {number}</h4><p>{escape(item.stem)}</p>{self.extra_html()}"
                                 f"<p><em>{escape(item.instructions)}</em></p>")
        self.controls = self.build()
        self.button = widgets.Button(description=self.button_label,
                                     tooltip=f"{self.button_label} for question {number}")
        self.feedback = widgets.HTML(_feedback_html(""))
        self.button.on_click(self.check)
        self.widget = widgets.VBox([self.stem, *self.controls, self.button, self.feedback],
                                   layout=widgets.Layout(margin="0 0 1.5em 0"))

    def extra_html(self) -> str:
        return ""

    def build(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def response(self):
        """The learner's answer in the scorer's shape; raises Incomplete when a part is unanswered."""
        raise NotImplementedError

    def set_response(self, response) -> None:
        """Set the controls from a response (used by tests and demonstrations)."""
        raise NotImplementedError

    def check(self, _button: widgets.Button | None = None) -> str:
        try:
            response = self.response()
            text = feedback_text(self.item, response)
        except (Incomplete, AnswerFormatError) as exc:
            text = str(exc)
        else:
            if self.recorder is not None and (fraction := scored_fraction(self.item, response)) is not None:
                if note := self.recorder(self.item, fraction):
                    text = f"{text}\n{note}"
        self.feedback.value = _feedback_html(text)
        return text


class ChoiceQuestion(Question):
    """Multiple choice (RadioButtons), select N and select all (one labelled Checkbox per option)."""

    item: ChoiceItem

    def build(self) -> list[widgets.Widget]:
        labels = [(f"{o.id}. {o.text}", o.id) for o in self.item.options]
        if self.item.type == "multiple_choice":
            self.choices = widgets.RadioButtons(options=labels, value=None, description=f"Question {self.number}",
                                                style=_LABEL, layout=_FULL)
            return [self.choices]
        self.boxes = {oid: widgets.Checkbox(value=False, description=label, indent=False, layout=_FULL)
                      for label, oid in labels}
        return list(self.boxes.values())

    def selected(self) -> set[str]:
        if self.item.type == "multiple_choice":
            return {self.choices.value} if self.choices.value else set()
        return {oid for oid, box in self.boxes.items() if box.value}

    def response(self) -> set[str]:
        chosen = self.selected()
        if not chosen:
            raise Incomplete("No answer yet: choose at least one option, then press Check answer.")
        if self.item.max_selections and len(chosen) > self.item.max_selections:
            raise Incomplete(f"Too many answers: this question asks for {self.item.max_selections}, "
                             f"you chose {len(chosen)}. Untick some, then press Check answer.")
        return chosen

    def set_response(self, response) -> None:
        self.select(*response)

    def select(self, *option_ids: str) -> None:
        """Set the selection (used by tests and demonstrations)."""
        if self.item.type == "multiple_choice":
            self.choices.value = option_ids[0] if option_ids else None
        else:
            for oid, box in self.boxes.items():
                box.value = oid in option_ids


class MatrixQuestion(Question):
    """One Dropdown per row (matrix multiple choice) or one row of labelled Checkboxes (multiple response)."""

    item: MatrixItem

    def extra_html(self) -> str:
        return f"<p>Columns:</p>{_listing(self.item.columns)}"

    def build(self) -> list[widgets.Widget]:
        self.rows: list = []
        controls = []
        for n, row in enumerate(self.item.rows, 1):
            label = f"Row {n}: {row.text}"
            if self.item.type == "matrix_mc":
                control = _dropdown(label, self.item.columns)
                self.rows.append(control)
                controls.append(control)
            else:
                boxes = {c.id: widgets.Checkbox(value=False, description=f"{c.id}. {c.text}", indent=False,
                                                layout=widgets.Layout(width="auto")) for c in self.item.columns}
                self.rows.append(boxes)
                group = widgets.VBox([widgets.HTML(f"<b>{escape(label)}</b>"),
                                      widgets.HBox(list(boxes.values()), layout=widgets.Layout(flex_flow="row wrap"))])
                controls.append(group)
        return controls

    def response(self) -> tuple:
        if self.item.type == "matrix_mc":
            missing = [str(n) for n, d in enumerate(self.rows, 1) if d.value is None]
            if missing:
                raise Incomplete(f"Choose a column for every row first (row {', '.join(missing)} not answered).")
            return tuple(d.value for d in self.rows)
        return tuple(frozenset(c for c, box in boxes.items() if box.value) for boxes in self.rows)

    def set_response(self, per_row) -> None:
        """Set the controls from a response (used by tests and demonstrations)."""
        for control, choice in zip(self.rows, per_row, strict=True):
            if self.item.type == "matrix_mc":
                control.value = choice
            else:
                for column, box in control.items():
                    box.value = column in choice


class DropdownsQuestion(Question):
    """Cloze and rationale blanks, ordered positions: one labelled Dropdown per target."""

    item: ClozeItem | OrderedItem

    def extra_html(self) -> str:
        if isinstance(self.item, ClozeItem):
            text = re.sub(r"\{(\d+)\}", r"[blank \1]", escape(self.item.text))
            return f"<blockquote>{text}</blockquote>"
        return f"<p>The steps:</p>{_listing(self.item.tokens)}"

    def build(self) -> list[widgets.Widget]:
        if isinstance(self.item, ClozeItem):
            self.targets = [_dropdown(f"Blank {n}", blank.options) for n, blank in enumerate(self.item.blanks, 1)]
        else:
            count = len(self.item.key)
            self.targets = [_dropdown(f"Position {n}" + (" (first)" if n == 1 else " (last)" if n == count else ""),
                                      self.item.tokens) for n in range(1, count + 1)]
        return self.targets

    def response(self) -> tuple[str, ...]:
        what = "blank" if isinstance(self.item, ClozeItem) else "position"
        missing = [str(n) for n, d in enumerate(self.targets, 1) if d.value is None]
        if missing:
            raise Incomplete(f"Make a choice for every {what} first ({what} {', '.join(missing)} is empty).")
        values = tuple(d.value for d in self.targets)
        if isinstance(self.item, OrderedItem):
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise Incomplete(f"Each step can be placed once; {', '.join(repeated)} is placed more than once.")
        return values

    def set_response(self, choices) -> None:
        for dropdown, choice in zip(self.targets, choices, strict=True):
            dropdown.value = choice


class BowtieQuestion(Question):
    """Five labelled Dropdowns: the condition, two actions, two parameters to monitor."""

    item: BowtieItem
    TITLES = {"condition": ["Condition most likely"], "actions": ["Action to take 1", "Action to take 2"],
              "parameters": ["Parameter to monitor 1", "Parameter to monitor 2"]}

    def build(self) -> list[widgets.Widget]:
        self.slots = {g: [_dropdown(title, self.item.group(g).options) for title in self.TITLES[g]]
                      for g in BOWTIE_GROUPS}
        return [d for g in BOWTIE_GROUPS for d in self.slots[g]]

    def response(self) -> dict[str, frozenset[str]]:
        result = {}
        for group in BOWTIE_GROUPS:
            values = [d.value for d in self.slots[group]]
            if None in values:
                raise Incomplete(f"Fill every box first: {group} is not complete.")
            if len(set(values)) != len(values):
                raise Incomplete(f"The two {group} must be different choices.")
            result[group] = frozenset(values)
        return result

    def set_response(self, response: dict) -> None:
        for group in BOWTIE_GROUPS:
            for dropdown, value in zip(self.slots[group], sorted(response[group]), strict=True):
                dropdown.value = value


class NumericQuestion(Question):
    """A Text box for the number and a Dropdown for its unit."""

    item: NumericItem

    def build(self) -> list[widgets.Widget]:
        self.value = widgets.Text(value="", description="Your answer", placeholder="a number", style=_LABEL)
        self.unit = widgets.Dropdown(options=list(self.item.units), value=self.item.unit, description="Unit",
                                     style=_LABEL)
        return [widgets.HBox([self.value, self.unit])]

    def response(self) -> tuple[float, str]:
        if not self.value.value.strip():
            raise Incomplete("Type a number first.")
        return normalise("Your answer", f"{self.value.value} {self.unit.value}", self.item.form())

    def set_response(self, response: tuple[float, str]) -> None:
        self.value.value, self.unit.value = f"{response[0]:g}", response[1]


class WrittenQuestion(Question):
    """A text area; the button shows the model answer and the rubric to compare with."""

    item: WrittenItem
    button_label = "Show model answer"

    def build(self) -> list[widgets.Widget]:
        self.text = widgets.Textarea(value="", description="Your answer", placeholder="Write a few sentences.",
                                     style=_LABEL, layout=widgets.Layout(width="100%", height="6em"))
        return [self.text]

    def set_response(self, response: str) -> None:
        self.text.value = response

    def response(self) -> str:
        if len(self.text.value.split()) < 3:
            raise Incomplete("Write your answer first (a few sentences), then compare it with the model answer.")
        return self.text.value


QUESTION_CLASSES: dict[type, type[Question]] = {
    ChoiceItem: ChoiceQuestion, MatrixItem: MatrixQuestion, ClozeItem: DropdownsQuestion,
    OrderedItem: DropdownsQuestion, BowtieItem: BowtieQuestion, NumericItem: NumericQuestion,
    WrittenItem: WrittenQuestion,
}


# ---- highlight and trend (issue 14) ------------------------------------------------------------------

def _table_html(caption: str, header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col" style="text-align:left">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + f'<th scope="row" style="text-align:left">{escape(r[0])}</th>'
                   + "".join(f"<td>{escape(c)}</td>" for c in r[1:]) + "</tr>" for r in rows)
    return (f'<table class="bonemets-exhibit"><caption style="text-align:left"><strong>{escape(caption)}'
            f"</strong></caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


class HighlightQuestion(Question):
    """The note (each phrase marked with its letter) or the table, then one labelled Checkbox per phrase or row,
    in reading order: Tab moves from box to box, Space ticks one, and a screen reader reads the phrase itself."""

    item: HighlightItem

    def extra_html(self) -> str:
        if self.item.text is not None:
            note = escape(self.item.passage()).replace("\n", "<br>")
            return f"<p><strong>{escape(self.item.exhibit)}</strong></p><blockquote>{note}</blockquote>"
        rows = [[p.id, *p.text.split(" | ")] for p in self.item.phrases]
        return _table_html(self.item.exhibit, ["Row", *self.item.header], rows)

    def build(self) -> list[widgets.Widget]:
        self.boxes = {p.id: widgets.Checkbox(value=False, description=f"{p.id}. {p.text.replace(' | ', '; ')}",
                                             indent=False, layout=_FULL) for p in self.item.phrases}
        return list(self.boxes.values())

    def response(self) -> frozenset[str]:
        chosen = frozenset(pid for pid, box in self.boxes.items() if box.value)
        if not chosen:
            raise Incomplete("Highlight at least one phrase first (tick its box), then press Check answer.")
        return chosen

    def set_response(self, response) -> None:
        for pid, box in self.boxes.items():
            box.value = pid in response


class TrendQuestion(Question):
    """The time-stamped table (and the same values in words), then the controls of the question's own type."""

    item: TrendItem

    @property
    def part(self) -> Question:
        """The question part, built with the controls of its type (no second stem, button or feedback)."""
        if not hasattr(self, "_part"):
            inner = self.item.inner
            self._part = QUESTION_CLASSES[type(inner)].__new__(QUESTION_CLASSES[type(inner)])
            self._part.item, self._part.number, self._part.recorder = inner, self.number, None
        return self._part

    def extra_html(self) -> str:
        table = self.item.table
        rows = [[f"{s.name} ({s.unit})" if s.unit else s.name, *(v or "not measured" for v in s.values)]
                for s in table.series]
        return (_table_html(table.caption, ["Measurement", *table.times], rows)
                + f"<p><em>In words:</em> {escape(table.in_words())}</p>" + self.part.extra_html())

    def build(self) -> list[widgets.Widget]:
        return self.part.build()

    def response(self):
        response = self.part.response()
        inner = self.item.inner
        if isinstance(inner, ChoiceItem):
            if not response:
                raise Incomplete("No answer yet: choose at least one option, then press Check answer.")
            if inner.max_selections and len(response) > inner.max_selections:
                raise Incomplete(f"Too many answers: this question asks for {inner.max_selections}, "
                                 f"you chose {len(response)}. Untick some, then press Check answer.")
            return frozenset(response)
        return response

    def set_response(self, response) -> None:
        self.part.set_response(response)


QUESTION_CLASSES.update({HighlightItem: HighlightQuestion, TrendItem: TrendQuestion})


def make_question(item: Item, number: int, recorder: Recorder | None = None) -> Question:
    return QUESTION_CLASSES[type(item)](item, number, recorder)


def build_quiz(module: str, recorder: Recorder | None = None) -> list[Question]:
    """The self-check questions of a module, numbered in bank order; `recorder` keeps each scored try."""
    items = load_bank(module).for_use("self_check")
    return [make_question(item, n, recorder) for n, item in enumerate(items, start=1)]


def show_quiz(module: str, record: bool = True) -> None:
    """Display a module's self-check in the notebook; each scored try goes to the learner's progress file."""
    recorder = None
    if record:
        from bonemets.learner.progress import record_try as recorder
    questions = build_quiz(module, recorder)
    box = widgets.VBox([widgets.HTML(_CSS), *(q.widget for q in questions)])
    box.add_class("bonemets-quiz")
    display(box)

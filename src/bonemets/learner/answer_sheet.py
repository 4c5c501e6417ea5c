"""Answer boxes for a graded quiz: the student clicks, and the answer is recorded in the saved notebook.

`answer_sheet(spec)` runs in the quiz's locked set-up cell and returns `ask` and `check_answers`. `ask("q1")`
in an answer cell shows the same kind of controls as the self-checks (radio buttons, tick boxes, drop-downs,
a number box with its unit) and records the choice as that cell's output: the plain line `q1 = "B"` the
grader reads from the file (assessment/answer_cells.py). Nothing here scores: the spec has no key.
A student who prefers typing writes `q1 = "B"` in the answer cell instead; a typed answer wins.
"""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from bonemets.assessment.answer_cells import RECORDED_KEY, recorded_answers, recorded_output
from bonemets.assessment.answers import AnswerFormatError, normalise
from bonemets.learner.ui import LABEL_STYLE, PLACEHOLDER, status_html, status_region

_FULL = widgets.Layout(width="100%")
_LABEL = LABEL_STYLE


def _dropdown(label: str, options: list) -> widgets.Dropdown:
    return widgets.Dropdown(options=[(PLACEHOLDER, None), *((f"{i}. {t}", i) for i, t in options)], index=0,
                            description=label, style=_LABEL, layout=_FULL)


def _ticks(options: list, label: str) -> dict[str, widgets.Checkbox]:
    return {i: widgets.Checkbox(value=False, description=f"{i}. {t}", indent=False, layout=_FULL,
                                tooltip=f"{label}: {i}") for i, t in options}


class AnswerBox:
    """The controls of one question and the value they make, in the typed form (`"B"`, `{"A", "C"}`, ...)."""

    def __init__(self, name: str, spec: dict) -> None:
        self.name, self.form, self.view = name, spec["form"], spec["view"]
        self.controls: list[widgets.Widget] = []
        self._parts: dict[str, Any] = {}
        build = getattr(self, f"_build_{self.form['type']}")
        build()

    # -- building ------------------------------------------------------------------------------------
    def _build_multiple_choice(self) -> None:
        radio = widgets.RadioButtons(options=[(f"{i}. {t}", i) for i, t in self.view["options"]], value=None,
                                     description=f"Your answer to {self.name}", style=_LABEL, layout=_FULL)
        self._parts["choice"] = radio
        self.controls = [radio]

    def _build_select_n(self) -> None:
        self._parts["ticks"] = _ticks(self.view["options"], self.name)
        self.controls = list(self._parts["ticks"].values())

    _build_select_all = _build_select_n

    def _build_matrix_mc(self) -> None:
        self._parts["rows"] = [_dropdown(f"Row {n}: {text}", self.view["columns"])
                               for n, text in enumerate(self.view["rows"], 1)]
        self.controls = self._parts["rows"]

    def _build_matrix_mr(self) -> None:
        self._parts["rows"] = [_ticks(self.view["columns"], f"row {n}") for n in range(1, len(self.view["rows"]) + 1)]
        self.controls = [widgets.VBox([widgets.HTML(f"<b>Row {n}: {escape(text)}</b>"), *ticks.values()])
                         for n, (text, ticks) in enumerate(zip(self.view["rows"], self._parts["rows"], strict=True), 1)]

    def _build_cloze(self) -> None:
        self._parts["rows"] = [_dropdown(f"Blank {n}", options) for n, options in enumerate(self.view["blanks"], 1)]
        self.controls = self._parts["rows"]

    _build_rationale = _build_cloze

    def _build_ordered(self) -> None:
        self._parts["rows"] = [_dropdown(f"Position {n}", self.view["tokens"])
                               for n in range(1, self.form["positions"] + 1)]
        self.controls = self._parts["rows"]

    def _build_bowtie(self) -> None:
        titles = {"condition": "Condition", "actions": "Action to take", "parameters": "Parameter to monitor"}
        groups: dict[str, list] = {}
        for group, options in self.view["groups"].items():
            count = self.form[group][1]
            groups[group] = [_dropdown(f"{titles[group]} {n}", options) for n in range(1, count + 1)]
        self._parts["groups"] = groups
        self.controls = [c for group in groups.values() for c in group]

    def _build_numeric(self) -> None:
        number = widgets.Text(value="", placeholder="a number", description=f"Your answer to {self.name}",
                              style=_LABEL)
        unit = widgets.Dropdown(options=self.form["units"], value=self.form["units"][0], description="Unit",
                                style=_LABEL)
        self._parts.update(number=number, unit=unit)
        self.controls = [widgets.HBox([number, unit])]

    # -- highlight and trend (issue 14) ---------------------------------------------------------------
    def _build_highlight(self) -> None:
        """One labelled tick box per phrase or row, in reading order; read and restored as select all."""
        self.view = {**self.view, "options": self.view.get("options") or [[i, ""] for i in self.form["options"]]}
        self.form = {**self.form, "type": "select_all"}  # the spec's own form still checks the answer
        self._build_select_n()

    def _build_trend(self) -> None:
        """The controls of the question's own type; the time-stamped table is in the question cell."""
        self.form = self.form["ask"]
        self.view = self.view.get("ask") or _fallback_view(self.form)
        getattr(self, f"_build_{self.form['type']}")()

    # -- reading -------------------------------------------------------------------------------------
    def value(self) -> Any:
        """The typed-form value of the controls, or None while a part is unanswered."""
        kind, parts = self.form["type"], self._parts
        if kind == "multiple_choice":
            return parts["choice"].value
        if kind in ("select_n", "select_all"):
            chosen = {i for i, box in parts["ticks"].items() if box.value}
            return chosen or None
        if kind == "matrix_mr":
            return ["".join(sorted(i for i, box in ticks.items() if box.value)) for ticks in parts["rows"]]
        if kind in ("matrix_mc", "cloze", "rationale", "ordered"):
            values = [d.value for d in parts["rows"]]
            return None if None in values else values
        if kind == "bowtie":
            picked = {g: [d.value for d in ds] for g, ds in parts["groups"].items()}
            if any(None in v for v in picked.values()):
                return None
            return {"condition": picked["condition"][0], "actions": set(picked["actions"]),
                    "parameters": set(picked["parameters"])}
        if kind == "numeric":
            text = parts["number"].value.strip().replace(",", ".")
            return f"{text} {parts['unit'].value}" if text else None
        return None

    def set_value(self, value: Any) -> None:
        """Put a recorded value back into the controls (after the notebook is opened again)."""
        kind, parts = self.form["type"], self._parts
        if kind == "multiple_choice":
            parts["choice"].value = value
        elif kind in ("select_n", "select_all"):
            for i, box in parts["ticks"].items():
                box.value = i in value
        elif kind == "matrix_mr":
            for ticks, chosen in zip(parts["rows"], value, strict=True):
                for i, box in ticks.items():
                    box.value = i in chosen
        elif kind in ("matrix_mc", "cloze", "rationale", "ordered"):
            for dropdown, chosen in zip(parts["rows"], value, strict=True):
                dropdown.value = chosen
        elif kind == "bowtie":
            for group, dropdowns in parts["groups"].items():
                chosen = [value[group]] if isinstance(value[group], str) else sorted(value[group])
                for dropdown, letter in zip(dropdowns, chosen, strict=False):
                    dropdown.value = letter
        elif kind == "numeric":
            number, _, unit = str(value).partition(" ")
            parts["number"].value = number
            if unit in self.form["units"]:
                parts["unit"].value = unit

    def observe(self, callback) -> None:
        for widget in self._leaves():
            widget.observe(lambda _change: callback(), names="value")

    def _leaves(self) -> list[widgets.Widget]:
        found = []
        for part in self._parts.values():
            items = part if isinstance(part, list) else list(part.values()) if isinstance(part, dict) else [part]
            for entry in items:
                found += list(entry.values()) if isinstance(entry, dict) else entry if isinstance(entry, list) \
                    else [entry]
        return found


def _fallback_view(form: dict) -> dict:
    """Labels made from the form alone (letters, numbered rows) when a spec carries no view for a question."""
    letters = [[i, ""] for i in form.get("options", "")]
    if form["type"] in ("matrix_mc", "matrix_mr"):
        return {"rows": [str(n) for n in range(1, form["rows"] + 1)], "columns": letters}
    return {"options": letters}


def _saved_notebook() -> dict | None:
    """The quiz as last saved, if the kernel can tell which file it is (JupyterLab says so to the kernel)."""
    path = os.environ.get("JPY_SESSION_NAME")
    if not path or not path.endswith(".ipynb"):
        return None
    for candidate in (Path(path), Path.cwd() / Path(path).name):
        try:
            return json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def _saved_answers(nb: dict | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for cell in (nb or {}).get("cells", []):
        found.update(recorded_answers(cell))
    return found


class AnswerSheet:
    """All the answer boxes of one quiz, and what they have recorded."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self.boxes: dict[str, AnswerBox] = {}
        self.handles: dict[str, Any] = {}
        self.saved = _saved_answers(_saved_notebook())

    def ask(self, name: str) -> None:
        """Show the answer box of one question in the current cell, with its recorded answer if any."""
        if name not in self.spec["questions"]:
            raise ValueError(f"there is no question {name} in this quiz")
        first_time = name not in self.boxes
        box = self.boxes.get(name) or AnswerBox(name, self.spec["questions"][name])
        self.boxes[name] = box
        if first_time and name in self.saved:
            self._restore(box, self.saved[name])
        message = widgets.HTML(status_html(""))
        display(widgets.VBox(box.controls + [message], layout=widgets.Layout(margin="0 0 1em 0")))
        self.handles[name] = display(recorded_output(name, box.value())["data"], raw=True,
                                     metadata={RECORDED_KEY: name}, display_id=True)

        def record() -> None:
            value = box.value()
            problem = self._problem(name, value)
            message.value = status_html(problem or "Answer recorded.")
            output = recorded_output(name, None if problem else value)
            if self.handles[name] is not None:  # None outside a kernel (IPython prints instead)
                self.handles[name].update(output["data"], raw=True, metadata=output["metadata"])
            self._refresh()

        box.observe(record)

    def _problem(self, name: str, value: Any) -> str | None:
        if value is None:
            return "Not complete yet: answer every part to record it."
        try:
            normalise(name, value, self.spec["questions"][name]["form"])
        except AnswerFormatError as exc:
            return str(exc)
        return None

    def _restore(self, box: AnswerBox, line: str) -> None:
        import ast

        try:
            box.set_value(ast.literal_eval(line.split("=", 1)[1].strip()))
        except (ValueError, SyntaxError, KeyError, TypeError, IndexError):
            pass  # a damaged recorded line: the box starts empty

    def check_answers(self) -> None:
        """A list of the questions and what each has: it updates at every click; the button re-reads the file."""
        self._summary = widgets.HTML()
        again = widgets.Button(description="Check again", tooltip="Check again, after saving (Ctrl+S)")
        again.on_click(lambda _button: self._refresh())
        self._refresh()
        display(widgets.VBox([self._summary, again]))

    def _refresh(self) -> None:
        if getattr(self, "_summary", None) is None:
            return
        saved_nb = _saved_notebook()
        saved, typed = _saved_answers(saved_nb), _typed_answers(saved_nb)
        rows, missing = [], []
        for name in self.spec["questions"]:
            box = self.boxes.get(name)
            value = box.value() if box else None
            if name in typed:
                status = f"typed in its answer cell: {typed[name]} (a typed answer is the one marked)"
            elif value is None or self._problem(name, value):
                status = "no answer yet: answer in its box"
                missing.append(name)
            else:
                line = recorded_output(name, value)["data"]["text/plain"]
                status = f"recorded: {line}" + ("" if saved.get(name) == line else " (not saved yet: press Ctrl+S)")
            rows.append(f"<li><b>{escape(name)}</b>: {escape(status)}</li>")
        summary = (f"{len(missing)} question(s) without an answer: {', '.join(missing)}." if missing
                   else "Every question has an answer.")
        self._summary.value = status_region(f'<p>{escape(summary)}</p><ul>{"".join(rows)}</ul>')


def _typed_answers(nb: dict | None) -> dict[str, str]:
    """Answers typed as `qN = ...` in the saved file (read, never run), by name."""
    import ast
    import re

    found: dict[str, str] = {}
    for cell in (nb or {}).get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name) and re.fullmatch(r"q\d+", statement.targets[0].id):
                found[statement.targets[0].id] = ast.get_source_segment(source, statement) or ""
    return found


def answer_sheet(spec: dict | str) -> tuple:
    """Set up a quiz's answer boxes; returns (ask, check_answers) for the quiz's cells."""
    sheet = AnswerSheet(json.loads(spec) if isinstance(spec, str) else spec)
    return sheet.ask, sheet.check_answers

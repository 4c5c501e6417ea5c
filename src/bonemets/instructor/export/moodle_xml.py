"""Moodle XML: the one target that carries NCSBN +/- scoring exactly, through answer fractions.

Rules followed here come from Moodle's own importer (question/format/xml/format.php, question/format.php,
question/type/multianswer/questiontype.php): every answer fraction must lie within 0.00001 of a value
on Moodle's fixed list (`question_bank::fraction_options_full`), or the whole question is rejected;
embedded-answer (cloze) parts need at least two choices and one full-credit choice.

Mapping (NCSBN rule -> Moodle question type):
- multiple_choice -> multichoice (single): exact
- select_all -> multichoice (multi), keys +1/K, others -1/K, total floored at 0: exact
- select_n -> multichoice (multi), keys +1/N, others -1/N: differs (no limit of N ticks; +/- instead of 0/1)
- matrix_mc -> matching (rows to columns), 0/1 per row: exact
- matrix_mr -> multichoice (multi) over every row-column cell, +/-: differs (one floor, not one per column)
- cloze -> cloze (embedded drop-downs), 0/1 per blank: exact
- rationale -> cloze, 0/1 per blank: differs (NCSBN scores linked pairs)
- ordered -> cloze, one drop-down per position, 0/1 per position: differs only in allowing a repeat
- bowtie -> cloze: condition drop-down (weight 1), actions and parameters multi-response (weight 2 each)
- numeric -> numerical with units (unit required), tolerance: exact
- written -> essay, grader information = model answer and rubric: exact (marked by hand)
- highlight -> as select_all, one choice per phrase under the note: scoring exact
- trend -> its question's own type, with the table of values in words in the stem
- any other type -> not exported, with the reason in the notes
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from bonemets.errors import ExportError
from bonemets.instructor.export.base import (
    HIGHLIGHT_NOTE,
    TREND_NOTE,
    ItemNote,
    Written,
    cell_label,
    highlight_as_choices,
    para,
    points_note,
    trend_as_inner,
    unknown_type,
)

# question_bank::fraction_options_full(): 0, +/-1, and +/- each of these (lib/questionlib.php, question/engine/bank.php)
_RAW_FRACTIONS = (0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                  0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
MOODLE_FRACTIONS = tuple(sorted({0.0, 1.0, -1.0, *_RAW_FRACTIONS, *(-f for f in _RAW_FRACTIONS)}))
TOLERANCE = 0.00001  # match_grade_options(..., 'error'): abs(grade - value) < 0.00001


def on_moodle_list(fraction: float) -> bool:
    return any(abs(fraction - allowed) < TOLERANCE for allowed in MOODLE_FRACTIONS)


def percent(fraction: float, where: str = "") -> str:
    """The fraction as Moodle's percentage attribute ('33.33333'), checked as Moodle's importer checks it."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    if not on_moodle_list(float(text) / 100):
        raise ExportError(f"{where}: answer fraction {text}% is not one Moodle accepts "
                          "(allowed: 0, +/-100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, "
                          "20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5)")
    return text


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    element = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(element, "text", value)
    return element


def _question(kind: str, item: Any, body_html: str, feedback_html: str = "") -> ET.Element:
    question = ET.Element("question", {"type": kind})
    _text(question, "name", f"{item.id}", fmt=None)
    _text(question, "questiontext", body_html)
    _text(question, "generalfeedback", feedback_html)
    if kind != "cloze":
        _sub(question, "defaultgrade", f"{item.points:g}")
    _sub(question, "penalty", "0")
    _sub(question, "hidden", "0")
    _sub(question, "idnumber", item.id)
    return question


def _answer(question: ET.Element, fraction: float, text: str, feedback: str, where: str,
            fmt: str = "html") -> None:
    answer = _sub(question, "answer", fraction=percent(fraction, where), format=fmt)
    _sub(answer, "text", text)
    _text(answer, "feedback", feedback)


def _multichoice(item: Any, body: str, choices: list[tuple[str, float, str]], single: bool) -> ET.Element:
    question = _question("multichoice", item, body)
    _sub(question, "single", "true" if single else "false")
    _sub(question, "shuffleanswers", "false")
    _sub(question, "answernumbering", "ABCD")
    _sub(question, "showstandardinstruction", "0")
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(question, tag, "")
    _sub(question, "shownumcorrect")
    for number, (text, fraction, feedback) in enumerate(choices, 1):
        _answer(question, fraction, para(text), para(feedback), f"{item.id} choice {number}")
    return question


def _escape_cloze(text: str) -> str:
    """Text inside an embedded answer: Moodle decodes entities once, so the HTML-escaped text is escaped again
    and the characters the cloze syntax uses (# ~ } and backslash) become entities."""
    escaped = html.escape(text, quote=True).replace("&", "&amp;").replace("#", "&#35;")
    return escaped.replace("~", "&#126;").replace("}", "&#125;").replace("\\", "&#92;")


def cloze_part(weight: int, kind: str, choices: list[tuple[str, float, str]], where: str) -> str:
    """One embedded answer, e.g. {1:MULTICHOICE:%100%right#why~%0%wrong#why}."""
    alternatives = "~".join(f"%{percent(f, where)}%{_escape_cloze(t)}#{_escape_cloze(fb)}" for t, f, fb in choices)
    return f"{{{weight}:{kind}:{alternatives}}}"


def _cloze(item: Any, body_html: str, feedback_html: str = "") -> ET.Element:
    return _question("cloze", item, body_html, feedback_html)


class MoodleXmlExporter:
    name = "moodle"
    suffix = ".moodle.xml"
    description = "Moodle XML question bank (Moodle 4.x: Question bank > Import > Moodle XML format)"

    def write(self, items: Sequence[Any], title: str) -> Written:
        quiz = ET.Element("quiz")
        category = _sub(quiz, "question", type="category")
        _text(category, "category", f"$course$/top/{title}", fmt=None)
        notes = []
        for item in items:
            try:
                element, note = self.question(item)
            except ExportError as exc:
                notes.append(ItemNote(item.id, item.type, "moodle", "not exported", (f"not exported: {exc}",)))
                continue
            if element is not None:
                quiz.append(ET.Comment(f" {item.id}: {item.type} "))
                quiz.append(element)
            notes.append(note)
        ET.indent(quiz)
        return Written(b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n",
                       notes)

    def question(self, item: Any) -> tuple[ET.Element | None, ItemNote]:
        handler = getattr(self, f"_{item.type}", None)
        if handler is None:
            return None, unknown_type(item, "moodle")
        return handler(item)

    @staticmethod
    def _stem(item: Any) -> str:
        return para(item.stem) + (para(item.instructions) if item.instructions else "")

    def _multiple_choice(self, item):
        choices = [(o.text, 1.0 if o.id in item.key else 0.0, o.rationale) for o in item.options]
        return _multichoice(item, self._stem(item), choices, single=True), \
            ItemNote(item.id, item.type, "multichoice (one answer)", "exact")

    def _select_all(self, item):
        k = len(item.key)
        choices = [(o.text, (1 if o.id in item.key else -1) / k, o.rationale) for o in item.options]
        return _multichoice(item, self._stem(item), choices, single=False), \
            ItemNote(item.id, item.type, "multichoice (multiple answers)", "exact")

    def _select_n(self, item):
        n = len(item.key)
        choices = [(o.text, (1 if o.id in item.key else -1) / n, o.rationale) for o in item.options]
        return _multichoice(item, self._stem(item), choices, single=False), ItemNote(
            item.id, item.type, "multichoice (multiple answers)", "differs",
            (f"Moodle cannot limit ticks to {n}: each wrong tick takes off 1/{n} (floored at 0) so ticking extra "
             "options never pays; but a student who ticks exactly "
             f"{n} with k right earns (2k-{n})/{n} in Moodle, k/{n} in the course",))

    def _matrix_mc(self, item):
        question = _question("matching", item, self._stem(item), _matrix_feedback(item))
        _sub(question, "shuffleanswers", "false")
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(question, tag, "")
        _sub(question, "shownumcorrect")
        columns = {c.id: c.text for c in item.columns}
        entries = [(row.text, columns[row.key[0]]) for row in item.rows]
        used = {answer for _, answer in entries}
        entries += [("", c.text) for c in item.columns if c.text not in used]  # every column offered
        for column in item.columns:  # Moodle's form asks for 3 answers at least (qtype_match edit form)
            if len(entries) >= 3:
                break
            entries.append(("", column.text))
        for row_text, answer_text in entries:
            sub = _sub(question, "subquestion", format="html")
            _sub(sub, "text", para(row_text) if row_text else "")
            answer = _sub(sub, "answer")
            _sub(answer, "text", answer_text)
        return question, ItemNote(item.id, item.type, "matching", "exact",
                                  ("rationales are in the general feedback (matching has no per-choice feedback)",))

    def _matrix_mr(self, item):
        cells = [(row, column) for row in item.rows for column in item.columns]
        k = sum(len(row.key) for row in item.rows)
        choices = [(cell_label(row.text, column.text), (1 if column.id in row.key else -1) / k,
                    f"{row.rationale} ({column.text}: {column.rationale})") for row, column in cells]
        return _multichoice(item, self._stem(item), choices, single=False), ItemNote(
            item.id, item.type, "multichoice (multiple answers, one per row-column cell)", "differs",
            ("Moodle adds +1/K per right cell and -1/K per wrong cell over the whole grid and floors the total "
             "once at 0; NCSBN floors each column at 0 separately, so a column with more wrong than right ticks "
             "costs marks in Moodle that it would not in the course",))

    def _cloze(self, item):
        text, weights = self._blanks_text(item)
        note = points_note(item, weights)
        return _cloze(item, para(item.stem) + text), ItemNote(
            item.id, item.type, "cloze (embedded drop-downs)", "exact", (note,) if note else ())  # fraction kept

    def _rationale(self, item):
        text, weights = self._blanks_text(item)
        details = [f"Moodle gives 1/{len(item.blanks)} per right blank; the course gives a point only for each "
                   f"linked pair {item.pairs} with both parts right (a right reason with a wrong action earns "
                   "marks in Moodle, none in the course)"]
        if note := points_note(item, weights):
            details.append(note)
        return _cloze(item, para(item.stem) + text), ItemNote(
            item.id, item.type, "cloze (embedded drop-downs)", "differs", tuple(details))

    def _blanks_text(self, item) -> tuple[str, int]:
        parts = {}
        for number, blank in enumerate(item.blanks, 1):
            choices = [(o.text, 1.0 if o.id == blank.key else 0.0, o.rationale) for o in blank.options]
            parts[number] = cloze_part(1, "MULTICHOICE", choices, f"{item.id} blank {number}")
        body = html.escape(item.text, quote=False)
        for number, part in parts.items():
            body = body.replace(f"{{{number}}}", part, 1)
        return f"<p>{body}</p>", len(parts)

    def _ordered(self, item):
        rows = []
        for position, key in enumerate(item.key, 1):
            choices = [(t.text, 1.0 if t.id == key else 0.0, t.rationale) for t in item.tokens]
            rows.append(f"<li>Position {position}: {cloze_part(1, 'MULTICHOICE', choices, f'{item.id} {position}')}"
                        "</li>")
        details = ["Moodle lets a student put the same step in two positions; the course treats a repeat as a "
                   "format error (no marks until corrected)"]
        if note := points_note(item, len(item.key)):
            details.append(note)
        body = para(item.stem) + para(item.instructions) + f"<ol>{''.join(rows)}</ol>"
        return _cloze(item, body), ItemNote(item.id, item.type, "cloze (one drop-down per position)", "differs",
                                            tuple(details))

    def _bowtie(self, item):
        parts = []
        titles = {"condition": "Condition most likely", "actions": "Actions to take (choose 2)",
                  "parameters": "Parameters to monitor (choose 2)"}
        for name, title in titles.items():
            group = item.group(name)
            count = len(group.key)
            choices = [(o.text, (1 if o.id in group.key else (0 if count == 1 else -1)) / count, o.rationale)
                       for o in group.options]
            kind = "MULTICHOICE" if count == 1 else "MULTIRESPONSE"
            parts.append(f"<p>{title}:</p>{cloze_part(count, kind, choices, f'{item.id} {name}')}")
        details = ["Moodle cannot limit the actions and parameters to 2 ticks each: each wrong tick takes off 1/2 "
                   "of that part (floored at 0), so a student with 1 of 2 right earns 0 for that part in Moodle "
                   "and 1 of 2 in the course"]
        if note := points_note(item, 5):
            details.append(note)
        return _cloze(item, para(item.stem) + "".join(parts)), ItemNote(
            item.id, item.type, "cloze (drop-down + two multi-response parts, weights 1-2-2)", "differs",
            tuple(details))

    def _numeric(self, item):
        question = _question("numerical", item, self._stem(item), para(item.rationale))
        answer = _sub(question, "answer", fraction=percent(1.0, item.id), format="moodle_auto_format")
        _sub(answer, "text", f"{item.answer:g}")
        _text(answer, "feedback", para(item.rationale))
        _sub(answer, "tolerance", f"{item.tolerance:g}")
        units = _sub(question, "units")
        for unit, factor in sorted(item.units.items(), key=lambda u: u[0] != item.unit):  # base unit first
            entry = _sub(units, "unit")
            _sub(entry, "multiplier", f"{1 / factor:.10g}")  # Moodle: value in this unit = base value x multiplier
            _sub(entry, "unit_name", unit)
        _sub(question, "unitgradingtype", "1")  # unit graded ...
        _sub(question, "unitpenalty", "1.0000000")  # ... and a wrong or missing unit loses all the marks
        _sub(question, "showunits", "0")  # typed by the student
        _sub(question, "unitsleft", "0")
        return question, ItemNote(item.id, item.type, "numerical (with units)", "exact")

    def _highlight(self, item):
        element, note = self._select_all(highlight_as_choices(item))
        return element, ItemNote(item.id, item.type, note.target, note.status, (*note.details, HIGHLIGHT_NOTE))

    def _trend(self, item):
        inner = trend_as_inner(item)
        element, note = getattr(self, f"_{inner.type}")(inner)
        return element, ItemNote(item.id, item.type, note.target, note.status, (*note.details, TREND_NOTE))

    def _written(self, item):
        question = _question("essay", item, self._stem(item))
        _sub(question, "responseformat", "editor")
        _sub(question, "responserequired", "1")
        _sub(question, "responsefieldlines", "10")
        _sub(question, "attachments", "0")
        _sub(question, "attachmentsrequired", "0")
        rubric = "".join(f"<li>{html.escape(line)}</li>" for line in item.rubric)
        _text(question, "graderinfo", f"{para('Model answer: ' + item.model_answer)}<ul>{rubric}</ul>")
        _text(question, "responsetemplate", "")
        return question, ItemNote(item.id, item.type, "essay (marked by hand)", "exact")


def _matrix_feedback(item: Any) -> str:
    rows = "".join(f"<li>{html.escape(r.text)}: {html.escape(r.rationale)}</li>" for r in item.rows)
    return f"<ul>{rows}</ul>"

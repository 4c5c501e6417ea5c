"""Canvas classic quizzes: QTI 1.2 in a zip with an IMS content-package manifest (Course import > QTI .zip).

The item, choice and feedback structure follows what Canvas itself exports and what text2qti writes
(question_type and points_possible in itemmetadata; one itemfeedback per choice). Canvas scores each
question type with its own rule; the mapping below picks the type whose rule is nearest NCSBN's.

- multiple_choice -> multiple_choice_question: exact
- select_all -> multiple_answers_question (Canvas: +1/K per right tick, -1/K per wrong tick, floor 0): exact
- select_n -> multiple_answers_question: differs (+/- instead of 0/1; no limit of N ticks)
- matrix_mc -> matching_question (partial credit per row): exact
- matrix_mr -> multiple_answers_question over every row-column cell: differs (one floor, not one per column)
- cloze -> multiple_dropdowns_question (partial credit per drop-down): exact
- rationale -> multiple_dropdowns_question: differs (per blank, not per linked pair)
- ordered -> multiple_dropdowns_question, one per position: differs only in allowing a repeat
- bowtie -> multiple_dropdowns_question, 5 drop-downs: differs (actions and parameters in listed order)
- numeric -> numerical_question (answer unit only, margin = tolerance): differs (no units)
- written -> essay_question: exact (marked by hand)
- highlight -> as select_all, one choice per phrase under the note: scoring exact
- trend -> its question's own type, with the table of values in words in the stem
- any other type -> not exported, with the reason in the notes
"""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from typing import Any

from bonemets.instructor.export.base import (
    HIGHLIGHT_NOTE,
    TREND_NOTE,
    ItemNote,
    Written,
    cell_label,
    highlight_as_choices,
    para,
    trend_as_inner,
    unknown_type,
)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
FIXED_DATE = (2026, 1, 1, 0, 0, 0)  # zip entries carry a fixed time, so an export is reproducible


def ident(*parts: str) -> str:
    """A stable identifier (Canvas needs idents unique within the package, not meaningful)."""
    return "bonemets_" + hashlib.sha256("/".join(parts).encode()).hexdigest()[:24]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _mattext(parent: ET.Element, html_text: str, texttype: str = "text/html") -> None:
    _sub(_sub(parent, "material"), "mattext", html_text, texttype=texttype)


class _Item:
    """One QTI item being built: metadata, presentation, response processing and feedback."""

    def __init__(self, item: Any, question_type: str, body_html: str, answer_ids: list[str]):
        self.item = item
        self.element = ET.Element("item", ident=ident(item.id), title=item.id)
        fields = _sub(_sub(self.element, "itemmetadata"), "qtimetadata")
        for label, entry in (("question_type", question_type), ("points_possible", f"{item.points:g}"),
                             ("original_answer_ids", ",".join(answer_ids)),
                             ("assessment_question_identifierref", ident(item.id, "ref"))):
            field = _sub(fields, "qtimetadatafield")
            _sub(field, "fieldlabel", label)
            _sub(field, "fieldentry", entry)
        self.presentation = _sub(self.element, "presentation")
        _mattext(self.presentation, body_html)
        self.processing = _sub(self.element, "resprocessing")
        _sub(_sub(self.processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE",
             vartype="Decimal")
        self.feedback: list[tuple[str, str]] = []

    def choices(self, response: str, cardinality: str | None, choices: list[tuple[str, str]],
                label: str | None = None) -> None:
        attrs = {"ident": response, **({"rcardinality": cardinality} if cardinality else {})}
        lid = _sub(self.presentation, "response_lid", **attrs)
        if label is not None:
            _mattext(lid, label, "text/plain")
        render = _sub(lid, "render_choice")
        for choice_id, text in choices:
            _mattext(_sub(render, "response_label", ident=choice_id), para(text))

    def choice_feedback(self, response: str, choice_id: str, text: str) -> None:
        condition = _sub(self.processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(condition, "conditionvar"), "varequal", choice_id, respident=response)
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{choice_id}_fb")
        self.feedback.append((f"{choice_id}_fb", para(text)))

    def score_when(self, build, action: str = "Set", value: str = "100") -> None:
        condition = _sub(self.processing, "respcondition", **{"continue": "No" if action == "Set" else "Yes"})
        build(_sub(condition, "conditionvar"))
        _sub(condition, "setvar", value, action=action, varname="SCORE")

    def finish(self) -> ET.Element:
        for feedback_id, text in self.feedback:
            _mattext(_sub(_sub(self.element, "itemfeedback", ident=feedback_id), "flow_mat"), text)
        return self.element


def _choice_item(item: Any, question_type: str, choices: list[tuple[str, str, bool, str]], single: bool,
                 body: str) -> ET.Element:
    """multiple_choice_question or multiple_answers_question: (id, text, is key, rationale) per choice."""
    built = _Item(item, question_type, body, [c[0] for c in choices])
    built.choices("response1", "Single" if single else "Multiple", [(c[0], c[1]) for c in choices])
    for choice_id, _, _, rationale in choices:
        built.choice_feedback("response1", choice_id, rationale)

    def correct(var: ET.Element) -> None:
        if single:
            _sub(var, "varequal", next(c[0] for c in choices if c[2]), respident="response1")
            return
        both = _sub(var, "and")
        for choice_id, _, is_key, _ in choices:
            if is_key:
                _sub(both, "varequal", choice_id, respident="response1")
            else:
                _sub(_sub(both, "not"), "varequal", choice_id, respident="response1")

    built.score_when(correct)
    return built.finish()


def _dropdowns(item: Any, body: str, blanks: list[tuple[str, list[tuple[str, str, str]], str]]) -> ET.Element:
    """multiple_dropdowns_question: body holds [name] per blank; each blank: (name, [(id, text, why)], key id)."""
    answer_ids = [choice_id for _, choices, _ in blanks for choice_id, _, _ in choices]
    built = _Item(item, "multiple_dropdowns_question", body, answer_ids)
    for name, choices, _ in blanks:
        built.choices(f"response_{name}", None, [(c[0], c[1]) for c in choices], label=name)
    for name, choices, _ in blanks:
        for choice_id, _, why in choices:
            built.choice_feedback(f"response_{name}", choice_id, why)
    share = f"{100 / len(blanks):.2f}"
    for name, _, key in blanks:
        built.score_when(lambda var, n=name, k=key: _sub(var, "varequal", k, respident=f"response_{n}"),
                         action="Add", value=share)
    return built.finish()


class CanvasQtiExporter:
    name = "qti"
    suffix = ".canvas-qti.zip"
    description = "Canvas classic quizzes, QTI 1.2 zip (Settings > Import course content > QTI .zip file)"

    def write(self, items: Sequence[Any], title: str) -> Written:
        assessment_id = ident("assessment", title)
        root = ET.Element("questestinterop", xmlns=QTI_NS)
        assessment = _sub(root, "assessment", ident=assessment_id, title=title)
        field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
        _sub(field, "fieldlabel", "cc_maxattempts")
        _sub(field, "fieldentry", "1")
        section = _sub(assessment, "section", ident="root_section")
        notes, total = [], 0
        for item in items:
            handler = getattr(self, f"_{item.type}", None)
            if handler is None:
                notes.append(unknown_type(item, "qti"))
                continue
            element, note = handler(item)
            section.append(element)
            notes.append(note)
            total += item.points
        ET.indent(root)
        return Written(_zip(assessment_id, title, root, total), notes)

    @staticmethod
    def _stem(item: Any) -> str:
        return para(item.stem) + (para(item.instructions) if item.instructions else "")

    def _options(self, item):
        return [(ident(item.id, o.id), o.text, o.id in item.key, o.rationale) for o in item.options]

    def _multiple_choice(self, item):
        return _choice_item(item, "multiple_choice_question", self._options(item), True, self._stem(item)), \
            ItemNote(item.id, item.type, "multiple_choice_question", "exact")

    def _select_all(self, item):
        return _choice_item(item, "multiple_answers_question", self._options(item), False, self._stem(item)), \
            ItemNote(item.id, item.type, "multiple_answers_question", "exact")

    def _select_n(self, item):
        n = len(item.key)
        return _choice_item(item, "multiple_answers_question", self._options(item), False, self._stem(item)), \
            ItemNote(item.id, item.type, "multiple_answers_question", "differs",
                     (f"Canvas cannot limit ticks to {n} and scores multiple answers +/-: a student who ticks "
                      f"exactly {n} with k right earns (2k-{n})/{n} in Canvas, k/{n} in the course",))

    def _matrix_mc(self, item):
        columns = [(ident(item.id, "column", c.id), c.text) for c in item.columns]
        built = _Item(item, "matching_question", self._stem(item), [c[0] for c in columns])
        for number, row in enumerate(item.rows, 1):
            built.choices(f"response_row{number}", None, columns, label=row.text)
        share = f"{100 / len(item.rows):.2f}"
        for number, row in enumerate(item.rows, 1):
            key = ident(item.id, "column", row.key[0])
            built.score_when(lambda var, n=number, k=key: _sub(var, "varequal", k, respident=f"response_row{n}"),
                             action="Add", value=share)
        general = ident(item.id, "rationales")
        condition = _sub(built.processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(condition, "conditionvar"), "other")
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=general)
        built.feedback.append((general, "".join(para(f"{r.text}: {r.rationale}") for r in item.rows)))
        return built.finish(), ItemNote(item.id, item.type, "matching_question", "exact",
                                        ("rationales are in the general feedback (matching has no per-pair "
                                         "feedback)",))

    def _matrix_mr(self, item):
        choices = [(ident(item.id, str(r), c.id), cell_label(row.text, c.text), c.id in row.key,
                    f"{row.rationale} ({c.text}: {c.rationale})")
                   for r, row in enumerate(item.rows) for c in item.columns]
        return _choice_item(item, "multiple_answers_question", choices, False, self._stem(item)), ItemNote(
            item.id, item.type, "multiple_answers_question (one choice per row-column cell)", "differs",
            ("Canvas adds +1/K per right cell and -1/K per wrong cell over the whole grid and floors once at 0; "
             "NCSBN floors each column separately",))

    def _blank_text(self, item) -> tuple[str, list]:
        blanks = []
        for number, blank in enumerate(item.blanks, 1):
            choices = [(ident(item.id, str(number), o.id), o.text, o.rationale) for o in blank.options]
            blanks.append((f"blank{number}", choices, ident(item.id, str(number), blank.key)))
        text = re.sub(r"\{(\d+)\}", r"[blank\1]", item.text)
        return para(item.stem) + para(text), blanks

    def _cloze(self, item):
        body, blanks = self._blank_text(item)  # Canvas keeps the points; each drop-down is an equal share
        return _dropdowns(item, body, blanks), ItemNote(item.id, item.type, "multiple_dropdowns_question", "exact")

    def _rationale(self, item):
        body, blanks = self._blank_text(item)
        return _dropdowns(item, body, blanks), ItemNote(
            item.id, item.type, "multiple_dropdowns_question", "differs",
            (f"Canvas gives 1/{len(item.blanks)} per right drop-down; the course gives a point only for each linked "
             f"pair {item.pairs} with both parts right",))

    def _ordered(self, item):
        blanks, lines = [], []
        for position, key in enumerate(item.key, 1):
            choices = [(ident(item.id, str(position), t.id), t.text, t.rationale) for t in item.tokens]
            blanks.append((f"position{position}", choices, ident(item.id, str(position), key)))
            lines.append(f"<li>Position {position}: [position{position}]</li>")
        body = self._stem(item) + f"<ol>{''.join(lines)}</ol>"
        return _dropdowns(item, body, blanks), ItemNote(
            item.id, item.type, "multiple_dropdowns_question (one per position)", "differs",
            ("Canvas lets a student put the same step in two positions; the course treats a repeat as a format "
             "error",))

    def _bowtie(self, item):
        blanks, lines = [], []
        slots = (("condition", "Condition most likely"), ("actions", "Action to take"),
                 ("parameters", "Parameter to monitor"))
        for group_name, title in slots:
            group = item.group(group_name)
            for slot, key in enumerate(sorted(group.key), 1):
                name = f"{group_name}{slot}"
                choices = [(ident(item.id, name, o.id), o.text, o.rationale) for o in group.options]
                blanks.append((name, choices, ident(item.id, name, key)))
                lines.append(f"<li>{title}{f' {slot}' if len(group.key) > 1 else ''}: [{name}]</li>")
        body = (self._stem(item) + para("Choose the two actions, and the two parameters, in the order they are "
                                        "listed in each list.") + f"<ul>{''.join(lines)}</ul>")
        details = ["Canvas has one right answer per drop-down, so the two actions (and the two parameters) must be "
                   "chosen in the order they are listed; the right pair in the other order scores 0 in Canvas and "
                   "full marks in the course"]
        return _dropdowns(item, body, blanks), ItemNote(
            item.id, item.type, "multiple_dropdowns_question (5 drop-downs)", "differs", tuple(details))

    def _numeric(self, item):
        built = _Item(item, "numerical_question",
                      para(item.stem) + para(f"Give the number in {item.unit} (type the number only)."),
                      [ident(item.id, "answer")])
        fib = _sub(_sub(built.presentation, "response_str", ident="response1", rcardinality="Single"),
                   "render_fib", fibtype="Decimal")
        _sub(fib, "response_label", ident="answer1")
        low, high = item.answer - item.tolerance, item.answer + item.tolerance

        def correct(var: ET.Element) -> None:
            either = _sub(var, "or")
            _sub(either, "varequal", f"{item.answer:.4f}", respident="response1")
            both = _sub(either, "and")
            _sub(both, "vargte", f"{low:.4f}", respident="response1")
            _sub(both, "varlte", f"{high:.4f}", respident="response1")

        general = ident(item.id, "rationale")
        condition = _sub(built.processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(condition, "conditionvar"), "other")
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=general)
        built.feedback.append((general, para(item.rationale)))
        built.score_when(correct)
        others = [u for u in item.units if u != item.unit]
        return built.finish(), ItemNote(
            item.id, item.type, "numerical_question", "differs",
            (f"Canvas takes a bare number in {item.unit}; the course also accepts "
             f"{', '.join(others) or 'no other unit'} and requires the unit to be typed",))

    def _highlight(self, item):
        element, note = self._select_all(highlight_as_choices(item))
        return element, ItemNote(item.id, item.type, note.target, note.status, (*note.details, HIGHLIGHT_NOTE))

    def _trend(self, item):
        inner = trend_as_inner(item)
        element, note = getattr(self, f"_{inner.type}")(inner)
        return element, ItemNote(item.id, item.type, note.target, note.status, (*note.details, TREND_NOTE))

    def _written(self, item):
        built = _Item(item, "essay_question", para(item.stem), [])
        fib = _sub(_sub(built.presentation, "response_str", ident="response1", rcardinality="Single"), "render_fib")
        _sub(fib, "response_label", ident="answer1", rshuffle="No")
        _sub(_sub(built.processing, "respcondition", **{"continue": "No"}), "conditionvar").append(ET.Element("other"))
        return built.finish(), ItemNote(item.id, item.type, "essay_question (marked by hand)", "exact",
                                        ("the model answer and rubric are not carried: Canvas essays have no grader "
                                         "notes field in QTI; keep the rubric beside the quiz",))


def _xml(element: ET.Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="utf-8") + b"\n"


def _manifest(assessment_id: str, title: str) -> ET.Element:
    manifest = ET.Element("manifest", identifier=ident("manifest", title), xmlns=CP_NS)
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    resource = _sub(resources, "resource", identifier=assessment_id, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{assessment_id}/{assessment_id}.xml")
    dependency = ident("dependency", title)
    _sub(resource, "dependency", identifierref=dependency)
    meta = _sub(resources, "resource", identifier=dependency,
                type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                href=f"{assessment_id}/assessment_meta.xml")
    _sub(meta, "file", href=f"{assessment_id}/assessment_meta.xml")
    ET.indent(manifest)
    return manifest


def _meta(assessment_id: str, title: str, total: float) -> ET.Element:
    quiz = ET.Element("quiz", identifier=assessment_id, xmlns=CANVAS_NS)
    for tag, value in (("title", title), ("shuffle_answers", "false"), ("scoring_policy", "keep_highest"),
                       ("quiz_type", "assignment"), ("points_possible", f"{float(total)}"),
                       ("show_correct_answers", "true"), ("allowed_attempts", "1"), ("available", "false")):
        _sub(quiz, tag, value)
    ET.indent(quiz)
    return quiz


def _zip(assessment_id: str, title: str, root: ET.Element, total: float) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, element in (("imsmanifest.xml", _manifest(assessment_id, title)),
                              (f"{assessment_id}/{assessment_id}.xml", root),
                              (f"{assessment_id}/assessment_meta.xml", _meta(assessment_id, title, total))):
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), _xml(element))
    return buffer.getvalue()

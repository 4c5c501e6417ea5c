"""GIFT (Moodle's plain-text question format), for the types it can carry.

GIFT has one answer set per question and no points, so items with several blanks, positions or
groups become one GIFT question per part (titled `<item id> (part)`), each worth Moodle's default
mark of 1. Weights use Moodle's fraction list, as in Moodle XML.

- multiple_choice -> multiple choice: exact
- select_all -> multiple answers with weights +/-1/K: exact
- select_n -> multiple answers +/-1/N: differs (as in Moodle XML)
- matrix_mc -> matching: exact
- matrix_mr -> multiple answers over row-column cells: differs
- cloze, rationale, ordered -> one missing-word question per blank or position: differs (split)
- bowtie -> condition (choice) + actions + parameters (multiple answers): differs (split, +/-)
- numeric -> numerical with tolerance, answer unit only: differs (no units)
- written -> essay: exact (marked by hand)
- highlight -> as select_all, one choice per phrase under the note: scoring exact
- trend -> its question's own type, with the table of values in words in the stem
- any other type -> not exported, with the reason in the notes
"""

from __future__ import annotations

import re
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
    trend_as_inner,
    unknown_type,
)
from bonemets.instructor.export.moodle_xml import percent

_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """GIFT text: the characters ~ = # { } : and backslash escaped; line breaks become spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _question(title: str, text: str, answers: str) -> str:
    return f"::{escape(title)}:: {escape(text)} {{\n{answers}\n}}"


def _choices(choices: list[tuple[str, float, str]], where: str, single: bool) -> str:
    lines = []
    for text, fraction, why in choices:
        if single:
            mark = "=" if fraction == 1 else "~"
        else:
            mark = f"~%{percent(fraction, where)}%"
        lines.append(f"\t{mark}{escape(text)}#{escape(why)}")
    return "\n".join(lines)


class GiftExporter:
    name = "gift"
    suffix = ".gift.txt"
    description = "GIFT text (Moodle: Question bank > Import > GIFT format)"

    def write(self, items: Sequence[Any], title: str) -> Written:
        blocks = [f"// {title}: exported by bonemets; one blank line between questions.",
                  f"$CATEGORY: $course$/top/{title}"]
        notes = []
        for item in items:
            handler = getattr(self, f"_{item.type}", None)
            if handler is None:
                notes.append(unknown_type(item, "gift"))
                continue
            try:
                questions, note = handler(item)
            except ExportError as exc:
                notes.append(ItemNote(item.id, item.type, "gift", "not exported", (f"not exported: {exc}",)))
                continue
            if item.points != 1:
                note = ItemNote(note.item_id, note.item_type, note.target, "differs", (*note.details,
                                f"GIFT carries no points: each question imports worth 1; set {item.points} in the "
                                "quiz"))
            blocks += [f"// {item.id} ({item.type})", *questions]
            notes.append(note)
        return Written(("\n\n".join(blocks) + "\n").encode("utf-8"), notes)

    @staticmethod
    def _text(item: Any) -> str:
        return f"{item.stem} {item.instructions}".strip()

    def _multiple_choice(self, item):
        choices = [(o.text, 1.0 if o.id in item.key else 0.0, o.rationale) for o in item.options]
        return [_question(item.id, self._text(item), _choices(choices, item.id, True))], \
            ItemNote(item.id, item.type, "multiple choice", "exact")

    def _plus_minus(self, item, keys: set[str], options) -> str:
        k = len(keys)
        return _choices([(o.text, (1 if o.id in keys else -1) / k, o.rationale) for o in options], item.id, False)

    def _select_all(self, item):
        return [_question(item.id, self._text(item), self._plus_minus(item, set(item.key), item.options))], \
            ItemNote(item.id, item.type, "multiple answers", "exact")

    def _select_n(self, item):
        n = len(item.key)
        return [_question(item.id, self._text(item), self._plus_minus(item, set(item.key), item.options))], \
            ItemNote(item.id, item.type, "multiple answers", "differs",
                     (f"no limit of {n} ticks and +/- scoring: exactly {n} ticks with k right earn (2k-{n})/{n}, "
                      f"k/{n} in the course",))

    def _matrix_mc(self, item):
        columns = {c.id: c.text for c in item.columns}
        pairs = "\n".join(f"\t={escape(r.text)} -> {escape(columns[r.key[0]])}" for r in item.rows)
        why = " ".join(f"{r.text}: {r.rationale}" for r in item.rows)
        return [_question(item.id, self._text(item), f"{pairs}\n\t####{escape(why)}")], \
            ItemNote(item.id, item.type, "matching", "exact", ("rationales are in the general feedback",))

    def _matrix_mr(self, item):
        k = sum(len(r.key) for r in item.rows)
        choices = [(cell_label(r.text, c.text), (1 if c.id in r.key else -1) / k, r.rationale)
                   for r in item.rows for c in item.columns]
        return [_question(item.id, self._text(item), _choices(choices, item.id, False))], ItemNote(
            item.id, item.type, "multiple answers (one choice per row-column cell)", "differs",
            ("+/- over the whole grid floored once at 0; NCSBN floors each column separately",))

    def _split_blanks(self, item) -> list[str]:
        questions = []
        for number, blank in enumerate(item.blanks, 1):
            shown = re.sub(r"\{(\d+)\}", lambda m, n=str(number): "_____" if m.group(1) == n
                           else f"[blank {m.group(1)}]", item.text)
            choices = [(o.text, 1.0 if o.id == blank.key else 0.0, o.rationale) for o in blank.options]
            questions.append(_question(f"{item.id} (blank {number})", f"{item.stem} {shown} Choose the word for "
                                       "the gap _____.", _choices(choices, item.id, True)))
        return questions

    def _cloze(self, item):
        n = len(item.blanks)
        return self._split_blanks(item), ItemNote(
            item.id, item.type, f"{n} multiple-choice questions (one per blank)", "differs" if n > 1 else "exact",
            (f"split into {n} questions of 1 mark each (0/1 per blank is kept)",) if n > 1 else ())

    def _rationale(self, item):
        n = len(item.blanks)
        return self._split_blanks(item), ItemNote(
            item.id, item.type, f"{n} multiple-choice questions (one per blank)", "differs",
            (f"split into {n} questions of 1 mark each: each blank scores alone; the course gives a point only "
             f"for each linked pair {item.pairs} with both parts right",))

    def _ordered(self, item):
        questions = []
        for position, key in enumerate(item.key, 1):
            choices = [(t.text, 1.0 if t.id == key else 0.0, t.rationale) for t in item.tokens]
            questions.append(_question(f"{item.id} (position {position})",
                                       f"{item.stem} Which step comes in position {position} of {len(item.key)}?",
                                       _choices(choices, item.id, True)))
        return questions, ItemNote(
            item.id, item.type, f"{len(item.key)} multiple-choice questions (one per position)", "differs",
            (f"split into {len(item.key)} questions of 1 mark each; a step may be given for two positions",))

    def _bowtie(self, item):
        condition = item.group("condition")
        questions = [_question(f"{item.id} (condition)", f"{item.stem} Which condition is the client most likely "
                               "experiencing?",
                               _choices([(o.text, 1.0 if o.id in condition.key else 0.0, o.rationale)
                                         for o in condition.options], item.id, True))]
        for name, words in (("actions", "Which 2 actions should the nurse take?"),
                            ("parameters", "Which 2 parameters should the nurse monitor?")):
            group = item.group(name)
            questions.append(_question(f"{item.id} ({name})", f"{item.stem} {words}",
                                       self._plus_minus(item, set(group.key), group.options)))
        return questions, ItemNote(
            item.id, item.type, "3 questions: condition (choice), actions and parameters (multiple answers)",
            "differs", ("split into 3 questions of 1 mark each (course: 1 + 2 + 2 of 5); actions and parameters "
                        "are scored +/- with no limit of 2 ticks",))

    def _numeric(self, item):
        answers = f"#\n\t={item.answer:g}:{item.tolerance:g}#{escape(item.rationale)}"
        others = [u for u in item.units if u != item.unit]
        return [_question(item.id, f"{item.stem} Give the number in {item.unit} (number only).", answers)], \
            ItemNote(item.id, item.type, "numerical", "differs",
                     (f"a bare number in {item.unit}; the course also accepts {', '.join(others) or 'no other unit'}"
                      " and requires the unit",))

    def _highlight(self, item):
        element, note = self._select_all(highlight_as_choices(item))
        return element, ItemNote(item.id, item.type, note.target, note.status, (*note.details, HIGHLIGHT_NOTE))

    def _trend(self, item):
        inner = trend_as_inner(item)
        element, note = getattr(self, f"_{inner.type}")(inner)
        return element, ItemNote(item.id, item.type, note.target, note.status, (*note.details, TREND_NOTE))

    def _written(self, item):
        return [_question(item.id, item.stem, f"\t####{escape('Model answer: ' + item.model_answer)}")], \
            ItemNote(item.id, item.type, "essay (marked by hand)", "exact")

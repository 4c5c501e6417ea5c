"""Feedback text for a scored item: verdict, points, and a rationale for every option.

Shared by the self-check widgets and the trusted grader, so a student reads the same words
in both. Plain text; the widgets render it as HTML. `response` is a complete answer in the
shape `answers.normalise` returns.
"""

from __future__ import annotations

from typing import Any

from bonemets.assessment.answers import BOWTIE_GROUPS
from bonemets.assessment.items import (
    RULES,
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


def _verdict(item: Item, response: Any) -> str:
    score = item.score(response)
    verdict = "Correct" if score.is_full else "Not quite"
    plural = "s" if score.possible != 1 else ""
    return f"{verdict}: {score.earned} of {score.possible} point{plural} ({RULES[item.rule]})."


def _mark(right: bool) -> str:
    return "correct" if right else "not correct"


def _choice(item: ChoiceItem, selected: set[str]) -> list[str]:
    lines = ["Your choices:"]
    for option_id in sorted(selected):
        option = item.option(option_id)
        lines.append(f"- {option.id}. {option.text} ({_mark(option_id in item.key)}). {option.rationale}")
    missed = [k for k in item.key if k not in selected]
    if missed:
        lines.append(f"Correct answer{'s' if len(item.key) > 1 else ''}: {', '.join(item.key)}.")
        for option_id in missed:
            option = item.option(option_id)
            lines.append(f"- {option.id}. {option.text} (you did not choose it). {option.rationale}")
    return lines


def _matrix(item: MatrixItem, response: tuple) -> list[str]:
    names = {c.id: c.text for c in item.columns}
    lines = [f"Columns: {'; '.join(f'{c.id} = {c.text}' for c in item.columns)}."]
    for number, (row, chosen) in enumerate(zip(item.rows, response, strict=True), 1):
        chosen_set = {chosen} if isinstance(chosen, str) else set(chosen)
        right = chosen_set == set(row.key)
        yours = ", ".join(f"{c} ({names[c]})" for c in sorted(chosen_set)) or "nothing"
        answer = ", ".join(f"{c} ({names[c]})" for c in row.key) or "nothing"
        detail = "" if right else f"; the answer is {answer}"
        lines.append(f"- Row {number}, {row.text}: you chose {yours} ({_mark(right)}{detail}). {row.rationale}")
    return lines


def _cloze(item: ClozeItem, response: tuple[str, ...]) -> list[str]:
    lines = []
    for number, (blank, chosen) in enumerate(zip(item.blanks, response, strict=True), 1):
        option = blank.option(chosen)
        lines.append(f"- Blank {number}: you chose {option.id}. {option.text} "
                     f"({_mark(chosen == blank.key)}). {option.rationale}")
        if chosen != blank.key:
            key = blank.option(blank.key)
            lines.append(f"  The answer is {key.id}. {key.text}. {key.rationale}")
    if item.type == "rationale":
        lines.append("Linked pairs scored: " + ", ".join(f"blanks {a} and {b}" for a, b in item.pairs) + ".")
    return lines


def _ordered(item: OrderedItem, response: tuple[str, ...]) -> list[str]:
    lines = ["Your order:"]
    for position, (chosen, answer) in enumerate(zip(response, item.key, strict=True), 1):
        token = item.token(chosen)
        detail = "" if chosen == answer else f"; position {position} is {answer}. {item.token(answer).text}"
        lines.append(f"- {position}. {token.id}. {token.text} ({_mark(chosen == answer)}{detail}).")
    lines.append("Why this order:")
    lines += [f"- {t.id}. {t.text}: {t.rationale}" for t in item.tokens]
    return lines


def _bowtie(item: BowtieItem, response: dict) -> list[str]:
    lines = []
    for group in BOWTIE_GROUPS:
        part = item.group(group)
        lines.append(f"{group.capitalize()}:")
        for option_id in sorted(response[group]):
            option = part.option(option_id)
            lines.append(f"- {option.id}. {option.text} ({_mark(option_id in part.key)}). {option.rationale}")
        for option_id in part.key:
            if option_id not in response[group]:
                option = part.option(option_id)
                lines.append(f"- {option.id}. {option.text} (a right answer you did not choose). {option.rationale}")
    return lines


def _numeric(item: NumericItem, response: tuple[float, str]) -> list[str]:
    value, unit = response
    converted = "" if unit == item.unit else f" = {item.in_answer_unit(response):.4g} {item.unit}"
    return [f"You gave {value:g} {unit}{converted}. The answer is {item.answer:g} {item.unit} "
            f"(accepted within ±{item.tolerance:g} {item.unit}).", item.rationale]


def _highlight(item: HighlightItem, response: frozenset[str]) -> list[str]:
    lines = _choice(item, set(response))  # same layout as select all: each choice, then each key missed
    lines[0] = "You highlighted:" if response else "You highlighted nothing."
    return lines


def _trend(item: TrendItem, response: Any) -> list[str]:
    inner = item.inner
    if isinstance(inner, MatrixItem):
        return _matrix(inner, response)
    return _choice(inner, {response} if isinstance(response, str) else set(response))


def written_feedback(item: WrittenItem) -> str:
    """What a self-learner sees after writing: the model answer and the rubric to mark it against."""
    rubric = "\n".join(f"- {line}" for line in item.rubric)
    return f"A model answer: {item.model_answer}\nCompare your answer with these points:\n{rubric}"


def feedback_text(item: Item, response: Any) -> str:
    """Plain-text feedback for a complete response: verdict, points, and the rationales."""
    if isinstance(item, WrittenItem):
        return written_feedback(item)
    if isinstance(item, ChoiceItem):
        details = _choice(item, set(response))
    else:
        details = {MatrixItem: _matrix, ClozeItem: _cloze, OrderedItem: _ordered, BowtieItem: _bowtie,
                   NumericItem: _numeric, HighlightItem: _highlight, TrendItem: _trend}[type(item)](item, response)
    return "\n".join([_verdict(item, response), *details])

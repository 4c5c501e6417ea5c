"""Feedback text for a scored choice item: verdict, points, and a rationale per option.

Shared by the self-check widgets and the graded assignments' hidden tests, so
a student reads the same words in both. Plain text; widgets render it as HTML.
"""

from __future__ import annotations

from bonemets.bank import ChoiceItem

INSTRUCTIONS = {
    "multiple_choice": "Choose one answer.",
    "select_n": "Choose exactly {n} answers.",
    "select_all": "Select all that apply.",
}
RULES = {
    "0/1": "one point for each correct answer",
    "+/-": "+1 for each correct choice and -1 for each wrong one, never below 0",
}


def instructions(item: ChoiceItem) -> str:
    return INSTRUCTIONS[item.type].format(n=len(item.key))


def feedback_text(item: ChoiceItem, selected: set[str]) -> str:
    """Plain-text feedback for a selection: verdict, points, and the rationales."""
    if not selected:
        return "No answer yet: choose at least one option, then press Check answer."
    if item.max_selections and len(selected) > item.max_selections:
        return (f"Too many answers: this question asks for {item.max_selections}, "
                f"you chose {len(selected)}. Untick some, then press Check answer.")
    score = item.score(selected)
    verdict = "Correct" if score.is_full else "Not quite"
    lines = [f"{verdict}: {score.earned} of {score.possible} "
             f"point{'s' if score.possible != 1 else ''} ({RULES[item.scoring]}).",
             "Your choices:"]
    for option_id in sorted(selected):
        option = item.option(option_id)
        mark = "correct" if option_id in item.key else "not correct"
        lines.append(f"- {option.id}. {option.text} ({mark}). {option.rationale}")
    missed = [k for k in item.key if k not in selected]
    if missed:
        lines.append(f"Correct answer{'s' if len(item.key) > 1 else ''}: {', '.join(item.key)}.")
        for option_id in missed:
            option = item.option(option_id)
            lines.append(f"- {option.id}. {option.text} (you did not choose it). {option.rationale}")
    return "\n".join(lines)

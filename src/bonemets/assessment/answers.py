"""A graded answer's shape: the public form of a question and the plain value a student types.

A *form* is what the student copy may show about a question: its type, option letters, how
many rows, blanks or slots, the allowed units; never the key (a select-all form does not say
how many answers are right). `normalise` turns a typed value (`q3 = ["A", "C", "B"]`) into
the response the scorers take, or raises `AnswerFormatError` saying what to fix.

Standard library only: this module is imported inside students' kernels and by the trusted
scorer, and must stay small and fast to import.
"""

from __future__ import annotations

import math
import re
from typing import Any

from bonemets.errors import AnswerFormatError

MISSING = object()
BOWTIE_GROUPS = ("condition", "actions", "parameters")




def _letters_example(count: int) -> str:
    return "{" + ", ".join(f'"{letter}"' for letter in "ACDEFGHIJ"[:count]) + "}"


def _cycle(pattern: list[str], count: int) -> str:
    return "[" + ", ".join(f'"{pattern[i % len(pattern)]}"' for i in range(count)) + "]"


def example(name: str, form: dict) -> str:
    """A format example that depends only on the form, never on the key."""
    kind = form["type"]
    if kind == "multiple_choice":
        return f'{name} = "B"'
    if kind == "select_n":
        return f"{name} = {_letters_example(form['n'])}"
    if kind == "select_all":
        return f"{name} = {_letters_example(2)}"
    if kind == "matrix_mc":
        return f"{name} = {_cycle(['A', 'B'], form['rows'])}"
    if kind == "matrix_mr":
        return f"{name} = {_cycle(['A', 'AB', ''], form['rows'])}"
    if kind in ("cloze", "rationale"):
        return f"{name} = {_cycle(['A', 'B'], len(form['blanks']))}"
    if kind == "ordered":
        order = ["B", "A", *form["tokens"][2:]][: form["positions"]]
        return f"{name} = [" + ", ".join(f'"{t}"' for t in order) + "]"
    if kind == "bowtie":
        return f'{name} = {{"condition": "A", "actions": {{"A", "B"}}, "parameters": {{"A", "B"}}}}'
    if kind == "numeric":
        return f'{name} = "1.23 {form["units"][0]}"'
    if kind == "highlight":
        return f"{name} = {_letters_example(2)}"
    if kind == "trend":
        return example(name, form["ask"])
    raise ValueError(f"no answer format for question type '{kind}'")


def _plain_type(value: Any) -> str:
    names = {str: "piece of text", int: "number", float: "number", list: "list",
             tuple: "list", set: "set", frozenset: "set", dict: "dictionary", bool: "True/False value"}
    return names.get(type(value), type(value).__name__)


def _fail(name: str, form: dict, problem: str) -> AnswerFormatError:
    return AnswerFormatError(f"{problem} For example: {example(name, form)}")


def _letter(name: str, form: dict, value: Any, allowed: str, where: str) -> str:
    if not isinstance(value, str) or len(value.strip()) != 1:
        raise _fail(name, form, f"{where} should be one letter in quotes; you wrote {value!r}, "
                                f"which is a {_plain_type(value)}.")
    letter = value.strip().upper()
    if letter not in allowed:
        raise _fail(name, form, f"{where} is {letter}, which is not an option there; "
                                f"the options are {allowed[0]} to {allowed[-1]}.")
    return letter


def _letter_set(name: str, form: dict, value: Any, allowed: str, where: str,
                allow_string: bool = False) -> frozenset[str]:
    if allow_string and isinstance(value, str):
        value = [c for c in value if not c.isspace() and c != ","]
    if isinstance(value, str) or not isinstance(value, set | frozenset | list | tuple):
        raise _fail(name, form, f"{where} should be letters in curly brackets, each in quotes; "
                                f"you wrote {value!r}, which is a {_plain_type(value)}.")
    return frozenset(_letter(name, form, v, allowed, f"each letter in {where}") for v in value)


def _sequence(name: str, form: dict, value: Any, length: int, what: str) -> list:
    if not isinstance(value, list | tuple):
        raise _fail(name, form, f"{name} should be a list in square brackets with one entry per {what}; "
                                f"you wrote {value!r}, which is a {_plain_type(value)}.")
    if len(value) != length:
        raise _fail(name, form, f"{name} should have {length} entries, one per {what}; it has {len(value)}.")
    return list(value)


_NUMBER_UNIT = re.compile(r"^\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(\S.*?)?\s*$")


def _numeric(name: str, form: dict, value: Any) -> tuple[float, str]:
    units = {u.lower().replace(" ", ""): u for u in form["units"]}
    if isinstance(value, str):
        match = _NUMBER_UNIT.match(value)
        if not match:
            raise _fail(name, form, f"{name} should be a number followed by its unit, in quotes; "
                                    f"{value!r} does not start with a number.")
        number, unit = float(match.group(1).replace(",", ".")), match.group(2)
    elif isinstance(value, list | tuple) and len(value) == 2:
        number, unit = value
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise _fail(name, form, f"the first entry of {name} should be a number; it is {number!r}.")
        if not isinstance(unit, str):
            raise _fail(name, form, f"the second entry of {name} should be a unit in quotes; it is {unit!r}.")
    else:
        raise _fail(name, form, f"{name} should be a number and a unit in quotes; you wrote {value!r}, "
                                f"which is a {_plain_type(value)}.")
    if unit is None:
        raise _fail(name, form, f"{name} has no unit; allowed units: {', '.join(form['units'])}.")
    canonical = units.get(unit.lower().replace(" ", ""))
    if canonical is None:
        raise _fail(name, form, f"{unit!r} is not an allowed unit here; use one of {', '.join(form['units'])}.")
    if not math.isfinite(float(number)):
        raise _fail(name, form, f"{name} should be an ordinary number, not {number!r}.")
    return float(number), canonical


def normalise(name: str, value: Any, form: dict) -> Any:
    """The answer as the scorer's response, or an AnswerFormatError saying what to fix."""
    if value is MISSING or value is Ellipsis or value is None:
        raise _fail(name, form, f"{name} has no answer yet. Type it in the answer cell above.")
    kind = form["type"]
    if kind == "multiple_choice":
        return frozenset({_letter(name, form, value, form["options"], name)})
    if kind in ("select_n", "select_all"):
        letters = _letter_set(name, form, value, form["options"], name)
        if not letters:
            raise _fail(name, form, f"{name} is empty: choose at least one letter.")
        if kind == "select_n" and len(letters) != form["n"]:
            raise _fail(name, form, f"{name} should have exactly {form['n']} letters; it has {len(letters)}.")
        return letters
    if kind == "matrix_mc":
        rows = _sequence(name, form, value, form["rows"], "row")
        return tuple(_letter(name, form, v, form["options"], f"row {i}") for i, v in enumerate(rows, 1))
    if kind == "matrix_mr":
        rows = _sequence(name, form, value, form["rows"], "row")
        return tuple(_letter_set(name, form, v, form["options"], f"row {i}", allow_string=True)
                     for i, v in enumerate(rows, 1))
    if kind in ("cloze", "rationale"):
        blanks = _sequence(name, form, value, len(form["blanks"]), "blank")
        return tuple(_letter(name, form, v, allowed, f"blank {i}")
                     for i, (v, allowed) in enumerate(zip(blanks, form["blanks"], strict=True), 1))
    if kind == "ordered":
        slots = _sequence(name, form, value, form["positions"], "position")
        order = tuple(_letter(name, form, v, form["tokens"], f"position {i}") for i, v in enumerate(slots, 1))
        repeated = sorted({t for t in order if order.count(t) > 1})
        if repeated:
            raise _fail(name, form, f"{', '.join(repeated)} is placed more than once; use each letter once.")
        return order
    if kind == "bowtie":
        return _bowtie(name, form, value)
    if kind == "numeric":
        return _numeric(name, form, value)
    if kind == "highlight":
        return _highlight(name, form, value)
    if kind == "trend":
        return normalise(name, value, form["ask"])
    raise ValueError(f"no answer format for question type '{kind}'")


def _bowtie(name: str, form: dict, value: Any) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise _fail(name, form, f"{name} should be a dictionary in curly brackets with the keys "
                                f"condition, actions and parameters; you wrote a {_plain_type(value)}.")
    keys = {str(k).strip().lower(): v for k, v in value.items()}
    if set(keys) != set(BOWTIE_GROUPS):
        raise _fail(name, form, f"{name} should have exactly the keys condition, actions and parameters; "
                                f"it has {', '.join(map(str, value)) or 'none'}.")
    response = {}
    for group in BOWTIE_GROUPS:
        allowed, count = form[group]
        raw = keys[group]
        letters = (frozenset({_letter(name, form, raw, allowed, group)}) if isinstance(raw, str) and count == 1
                   else _letter_set(name, form, raw, allowed, group))
        if len(letters) != count:
            raise _fail(name, form, f"{group} should have {count} letter{'s' if count > 1 else ''}; "
                                    f"it has {len(letters)}.")
        response[group] = letters
    return response


def _highlight(name: str, form: dict, value: Any) -> frozenset[str]:
    """The letters of the highlighted phrases or rows, as for select all that apply."""
    if isinstance(value, str) and len(value.strip()) == 1:
        value = {value}  # one highlighted phrase typed as a bare letter
    letters = _letter_set(name, form, value, form["options"], name)
    if not letters:
        raise _fail(name, form, f"{name} is empty: highlight at least one phrase (its letter in quotes).")
    return letters


def describe(response: Any) -> str:
    """A response in the words the feedback uses (letters sorted, rows in order)."""
    if isinstance(response, frozenset | set):
        return ", ".join(sorted(response)) or "nothing"
    if isinstance(response, dict):
        return "; ".join(f"{k}: {describe(v)}" for k, v in response.items())
    if isinstance(response, tuple) and len(response) == 2 and isinstance(response[0], float):
        return f"{response[0]:g} {response[1]}"
    return ", ".join(describe(r) if isinstance(r, frozenset) else str(r) for r in response)

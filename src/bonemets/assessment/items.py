"""Question items of every Next Generation NCLEX type the course uses, as validated models.

Each item knows its public answer `form` (what the student copy may show), its `key_response`
(the right answer in the scorer's terms), its `solution` (the right answer as the plain
value a student types) and how to `score` a response with its NCSBN rule (see scoring.py).
Responses are what `answers.normalise` returns; the self-check widgets build the same shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bonemets.assessment import scoring
from bonemets.assessment.answers import BOWTIE_GROUPS

NCJMM_STEPS = (
    "recognize cues", "analyze cues", "prioritize hypotheses",
    "generate solutions", "take action", "evaluate outcomes",
)
# Revised Bloom's taxonomy (Anderson & Krathwohl 2001), the levels nursing item writers tag.
BLOOM_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")
Use = Literal["self_check", "graded"]
OptionId = Annotated[str, Field(pattern=r"^[A-Z]$")]
RULES = {
    "0/1": "one point for each correct answer",
    "+/-": "+1 for each correct choice and -1 for each wrong one, never below 0",
    "+/- by column": "in each column +1 for each correct tick and -1 for each wrong one, never below 0",
    "rationale": "a point only when both parts of a linked pair are right",
    "tolerance": "one point when the value, in any allowed unit, is within the tolerance",
    "manual": "marked by your instructor against a rubric",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    id: OptionId
    text: str = Field(min_length=1)
    rationale: str = Field(min_length=10)


class Objective(_Strict):
    id: str = Field(pattern=r"^\d\d\.\d+$")
    text: str = Field(min_length=10)


def _check_ids(ids: list[str], what: str) -> None:
    if ids != [chr(ord("A") + i) for i in range(len(ids))]:
        raise ValueError(f"{what} ids must run A, B, C, ... in order; got {ids}")


def _letters(options: list[Option]) -> str:
    return "".join(o.id for o in options)


def _quoted(letters: Iterable[str]) -> str:
    return "{" + ", ".join(f'"{x}"' for x in sorted(letters)) + "}"


class _ItemBase(_Strict):
    id: str = Field(pattern=r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
    module: str = Field(pattern=r"^\d\d$")
    stem: str = Field(min_length=10)
    objective: str
    references: list[str] = Field(min_length=1)
    use: list[Use] = Field(min_length=1)
    ncjmm: Literal[NCJMM_STEPS] | None = None  # type: ignore[valid-type]
    bloom: Literal[BLOOM_LEVELS] | None = None  # type: ignore[valid-type]
    points: int = Field(default=1, ge=1, le=10, description="weight in a graded quiz")

    rule: ClassVar[str] = "0/1"
    instructions: ClassVar[str] = ""

    def form(self) -> dict:
        raise NotImplementedError

    def score(self, response: Any) -> scoring.Score:
        raise NotImplementedError

    def marks(self, response: Any) -> float:
        """The NCSBN fraction scaled to the item's weight, so point values never reveal the key count."""
        return round(self.score(response).fraction * self.points, 4)


class ChoiceItem(_ItemBase):
    """Multiple choice, multiple response select-N, and select-all-that-apply."""

    type: Literal["multiple_choice", "select_n", "select_all"]
    options: list[Option] = Field(min_length=2, max_length=10)
    key: list[OptionId] = Field(min_length=1)
    scoring: Literal["0/1", "+/-"]

    @model_validator(mode="after")
    def _consistent(self) -> ChoiceItem:
        _check_ids([o.id for o in self.options], "option")
        if unknown := set(self.key) - {o.id for o in self.options}:
            raise ValueError(f"key names options that do not exist: {sorted(unknown)}")
        if len(set(self.key)) != len(self.key):
            raise ValueError("key repeats an option")
        if self.type == "multiple_choice" and len(self.key) != 1:
            raise ValueError("a multiple_choice item has exactly one key")
        expected = "+/-" if self.type == "select_all" else "0/1"
        if self.scoring != expected:
            raise ValueError(f"a {self.type} item is scored '{expected}' (NCSBN), not '{self.scoring}'")
        return self

    @property
    def rule(self) -> str:  # type: ignore[override]
        return self.scoring

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return {"multiple_choice": "Choose one answer.", "select_n": f"Choose exactly {len(self.key)} answers.",
                "select_all": "Select all that apply."}[self.type]

    @property
    def max_selections(self) -> int | None:
        return None if self.type == "select_all" else len(self.key)

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def form(self) -> dict:
        form = {"type": self.type, "options": _letters(self.options)}
        if self.type == "select_n":
            form["n"] = len(self.key)
        return form

    @property
    def key_response(self) -> frozenset[str]:
        return frozenset(self.key)

    @property
    def solution(self) -> str:
        return f'"{self.key[0]}"' if self.type == "multiple_choice" else _quoted(self.key)

    def score(self, response: Iterable[str]) -> scoring.Score:
        if self.scoring == "+/-":
            return scoring.plus_minus(response, self.key)
        return scoring.zero_one(response, self.key, self.max_selections)


class MatrixRow(_Strict):
    text: str = Field(min_length=1)
    key: list[OptionId] = Field(min_length=0)
    rationale: str = Field(min_length=10)


class MatrixItem(_ItemBase):
    """Matrix multiple choice (one column per row, 0/1 per row) or multiple response (+/- by column)."""

    type: Literal["matrix_mc", "matrix_mr"]
    columns: list[Option] = Field(min_length=2, max_length=6)
    rows: list[MatrixRow] = Field(min_length=2, max_length=10)

    @model_validator(mode="after")
    def _consistent(self) -> MatrixItem:
        _check_ids([c.id for c in self.columns], "column")
        ids = {c.id for c in self.columns}
        for number, row in enumerate(self.rows, 1):
            if unknown := set(row.key) - ids:
                raise ValueError(f"row {number} key names columns that do not exist: {sorted(unknown)}")
            if self.type == "matrix_mc" and len(row.key) != 1:
                raise ValueError(f"row {number}: a matrix_mc row has exactly one key column")
        if self.type == "matrix_mr" and not any(row.key for row in self.rows):
            raise ValueError("a matrix_mr item needs at least one key")
        return self

    @property
    def rule(self) -> str:  # type: ignore[override]
        return "0/1" if self.type == "matrix_mc" else "+/- by column"

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return ("For each row, choose one column." if self.type == "matrix_mc"
                else "For each row, tick every column that applies (a row may have none).")

    def form(self) -> dict:
        return {"type": self.type, "rows": len(self.rows), "options": _letters(self.columns)}

    @property
    def key_response(self) -> tuple:
        if self.type == "matrix_mc":
            return tuple(row.key[0] for row in self.rows)
        return tuple(frozenset(row.key) for row in self.rows)

    @property
    def solution(self) -> str:
        if self.type == "matrix_mc":
            return "[" + ", ".join(f'"{row.key[0]}"' for row in self.rows) + "]"
        return "[" + ", ".join(f'"{"".join(sorted(row.key))}"' for row in self.rows) + "]"

    def score(self, response: tuple) -> scoring.Score:
        if self.type == "matrix_mc":
            return scoring.zero_one_targets(dict(enumerate(response)), dict(enumerate(self.key_response)))
        return scoring.plus_minus_by_column(response, self.key_response)


class Blank(_Strict):
    options: list[Option] = Field(min_length=2, max_length=6)
    key: OptionId

    @model_validator(mode="after")
    def _consistent(self) -> Blank:
        _check_ids([o.id for o in self.options], "option")
        if self.key not in {o.id for o in self.options}:
            raise ValueError(f"key {self.key} is not one of the blank's options")
        return self

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)


class ClozeItem(_ItemBase):
    """Drop-down cloze (0/1 per blank) and drop-down rationale, dyad or triad (rationale rule).

    `text` holds the sentence with numbered blanks {1}, {2}, ... For a rationale item `links`
    lists the linked pairs of blanks; by default a dyad is [[1, 2]] and a triad [[1, 2], [1, 3]]:
    the first part (e.g. the action) scores once with each reason it is linked to.
    """

    type: Literal["cloze", "rationale"]
    text: str = Field(min_length=10)
    blanks: list[Blank] = Field(min_length=1, max_length=6)
    links: list[tuple[int, int]] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ClozeItem:
        found = [int(n) for n in _placeholders(self.text)]
        if found != list(range(1, len(self.blanks) + 1)):
            raise ValueError(f"text must contain the blanks {{1}} to {{{len(self.blanks)}}} once each, "
                             f"in order; found {found}")
        if self.type == "rationale":
            if len(self.blanks) not in (2, 3):
                raise ValueError("a rationale item is a dyad (2 blanks) or a triad (3 blanks)")
            for a, b in self.pairs:
                if not (1 <= a <= len(self.blanks) and 1 <= b <= len(self.blanks)) or a == b:
                    raise ValueError(f"link ({a}, {b}) must join two different blanks of this item")
        elif self.links is not None:
            raise ValueError("links belong to rationale items only")
        return self

    @property
    def pairs(self) -> list[tuple[int, int]]:
        if self.links is not None:
            return [tuple(p) for p in self.links]
        return [(1, 2)] if len(self.blanks) == 2 else [(1, 2), (1, 3)]

    @property
    def rule(self) -> str:  # type: ignore[override]
        return "0/1" if self.type == "cloze" else "rationale"

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return "Choose one option for each blank."

    def form(self) -> dict:
        return {"type": self.type, "blanks": [_letters(b.options) for b in self.blanks]}

    @property
    def key_response(self) -> tuple[str, ...]:
        return tuple(b.key for b in self.blanks)

    @property
    def solution(self) -> str:
        return "[" + ", ".join(f'"{k}"' for k in self.key_response) + "]"

    def score(self, response: tuple[str, ...]) -> scoring.Score:
        if self.type == "cloze":
            return scoring.zero_one_targets(dict(enumerate(response)), dict(enumerate(self.key_response)))
        return scoring.rationale_pairs(response, self.key_response, self.pairs)


def _placeholders(text: str) -> list[str]:
    return re.findall(r"\{(\d+)\}", text)


class OrderedItem(_ItemBase):
    """Ordered response (drag-and-drop built from one drop-down per position): 0/1 per position."""

    type: Literal["ordered"]
    tokens: list[Option] = Field(min_length=4, max_length=10)
    key: list[OptionId] = Field(min_length=4, max_length=10)

    @model_validator(mode="after")
    def _consistent(self) -> OrderedItem:
        _check_ids([t.id for t in self.tokens], "token")
        if unknown := set(self.key) - {t.id for t in self.tokens}:
            raise ValueError(f"key names tokens that do not exist: {sorted(unknown)}")
        if len(set(self.key)) != len(self.key):
            raise ValueError("key places a token twice")
        return self

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return f"Put {len(self.key)} of the steps in order, first to last, one letter per position."

    def token(self, token_id: str) -> Option:
        return next(t for t in self.tokens if t.id == token_id)

    def form(self) -> dict:
        return {"type": "ordered", "tokens": _letters(self.tokens), "positions": len(self.key)}

    @property
    def key_response(self) -> tuple[str, ...]:
        return tuple(self.key)

    @property
    def solution(self) -> str:
        return "[" + ", ".join(f'"{k}"' for k in self.key) + "]"

    def score(self, response: tuple[str, ...]) -> scoring.Score:
        return scoring.zero_one_targets(dict(enumerate(response)), dict(enumerate(self.key)))


class BowtieGroup(_Strict):
    options: list[Option] = Field(min_length=3, max_length=8)
    key: list[OptionId] = Field(min_length=1, max_length=2)

    @model_validator(mode="after")
    def _consistent(self) -> BowtieGroup:
        _check_ids([o.id for o in self.options], "option")
        if unknown := set(self.key) - {o.id for o in self.options}:
            raise ValueError(f"key names options that do not exist: {sorted(unknown)}")
        if len(set(self.key)) != len(self.key):
            raise ValueError("key repeats an option")
        return self

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)


class BowtieItem(_ItemBase):
    """Bow-tie: one condition, two actions, two parameters to monitor; 0/1 per slot (5 points)."""

    type: Literal["bowtie"]
    condition: BowtieGroup
    actions: BowtieGroup
    parameters: BowtieGroup

    @model_validator(mode="after")
    def _consistent(self) -> BowtieItem:
        for group, count in zip(BOWTIE_GROUPS, (1, 2, 2), strict=True):
            if len(getattr(self, group).key) != count:
                raise ValueError(f"a bow-tie has {count} key{'s' if count > 1 else ''} under {group}")
        return self

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return ("Choose the condition the client is most likely experiencing, 2 actions to take, "
                "and 2 parameters to monitor.")

    def group(self, name: str) -> BowtieGroup:
        return getattr(self, name)

    def form(self) -> dict:
        return {"type": "bowtie", **{g: [_letters(self.group(g).options), len(self.group(g).key)]
                                     for g in BOWTIE_GROUPS}}

    @property
    def key_response(self) -> dict[str, frozenset[str]]:
        return {g: frozenset(self.group(g).key) for g in BOWTIE_GROUPS}

    @property
    def solution(self) -> str:
        c, a, p = (self.group(g).key for g in BOWTIE_GROUPS)
        return f'{{"condition": "{c[0]}", "actions": {_quoted(a)}, "parameters": {_quoted(p)}}}'

    def score(self, response: dict[str, Iterable[str]]) -> scoring.Score:
        parts = [scoring.zero_one(response.get(g, ()), self.group(g).key, len(self.group(g).key))
                 for g in BOWTIE_GROUPS]
        return scoring.Score(sum(p.earned for p in parts), sum(p.possible for p in parts))


class NumericItem(_ItemBase):
    """A calculated value with its unit, right within a tolerance (one point).

    `units` maps each accepted unit to the factor that converts a value in it into `unit`,
    e.g. {mg/dL: 1, mmol/L: 4.008} for calcium (molar mass 40.08 g/mol).
    """

    type: Literal["numeric"]
    answer: float
    unit: str = Field(min_length=1)
    tolerance: float = Field(gt=0)
    units: dict[str, float]
    rationale: str = Field(min_length=10)

    rule: ClassVar[str] = "tolerance"

    @model_validator(mode="after")
    def _consistent(self) -> NumericItem:
        if self.units.get(self.unit) != 1:
            raise ValueError(f"units must include the answer's unit '{self.unit}' with factor 1")
        if any(f <= 0 for f in self.units.values()):
            raise ValueError("every unit factor must be positive")
        if abs(1.23 - self.answer) <= self.tolerance:
            raise ValueError("the answer is within tolerance of the format example 1.23; change the example")
        return self

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return f"Give a number with its unit ({' or '.join(self.units)})."

    def form(self) -> dict:
        return {"type": "numeric", "units": list(self.units)}

    @property
    def key_response(self) -> tuple[float, str]:
        return (float(self.answer), self.unit)

    @property
    def solution(self) -> str:
        return f'"{self.answer:g} {self.unit}"'

    def in_answer_unit(self, response: tuple[float, str]) -> float:
        value, unit = response
        return value * self.units[unit]

    def score(self, response: tuple[float, str]) -> scoring.Score:
        difference = abs(self.in_answer_unit(response) - self.answer)
        return scoring.Score(int(difference <= self.tolerance + 1e-9), 1)


class WrittenItem(_ItemBase):
    """A short written answer, marked by the instructor against a rubric (nbgrader manual grading)."""

    type: Literal["written"]
    model_answer: str = Field(min_length=20)
    rubric: list[str] = Field(min_length=1)

    rule: ClassVar[str] = "manual"

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return "Write your answer in a few sentences."

    def form(self) -> dict:
        return {"type": "written"}


# ---- highlight and trend (issue 14) ------------------------------------------------------------------

class HighlightItem(_ItemBase):
    """Highlight: select the phrases of a note, or the rows of a table, that matter; +/- (NCSBN), floored at 0.

    A note is `text` with the highlightable phrases as {A}, {B}, ... in reading order; a table has a
    `header` and each phrase is one row, its cells separated by " | ". Either way every phrase carries
    its rationale, and the student answers with the letters of the phrases chosen, as for select all.
    """

    type: Literal["highlight"]
    scoring: Literal["+/-"] = "+/-"
    exhibit: str = Field(min_length=3, description="what the student reads, e.g. Nurse's note, day 2, 08:00")
    text: str | None = None
    header: list[str] | None = None
    phrases: list[Option] = Field(min_length=3, max_length=15)
    key: list[OptionId] = Field(min_length=1)

    rule: ClassVar[str] = "+/-"

    @model_validator(mode="after")
    def _consistent(self) -> HighlightItem:
        _check_ids([p.id for p in self.phrases], "phrase")
        letters = [p.id for p in self.phrases]
        if unknown := set(self.key) - set(letters):
            raise ValueError(f"key names phrases that do not exist: {sorted(unknown)}")
        if len(set(self.key)) != len(self.key):
            raise ValueError("key repeats a phrase")
        if len(self.key) == len(letters):
            raise ValueError("every phrase is a key; a highlight item needs phrases that do not matter too")
        if (self.text is None) == (self.header is None):
            raise ValueError("a highlight item has either a note `text` or a table `header`, not both or neither")
        if self.text is not None:
            found = re.findall(r"\{([A-Z])\}", self.text)
            if found != letters:
                raise ValueError(f"text must contain the phrases {{A}} to {{{letters[-1]}}} once each, in order; "
                                 f"found {found}")
        else:
            for phrase in self.phrases:
                cells = phrase.text.split(" | ")
                if len(cells) != len(self.header):
                    raise ValueError(f"phrase {phrase.id} is a table row of {len(cells)} cells; the header has "
                                     f"{len(self.header)} (separate cells with ' | ')")
        return self

    @property
    def instructions(self) -> str:  # type: ignore[override]
        what = "phrases in the note" if self.text is not None else "rows of the table"
        return f"Select every one of the {what} that matters for this question (tick its box)."

    def option(self, option_id: str) -> Option:
        return next(p for p in self.phrases if p.id == option_id)

    def passage(self) -> str:
        """The note as the student reads it, each phrase marked with its letter: '... [A: back pain] ...'."""
        if self.text is None:
            return ""
        return self.text.format(**{p.id: f"[{p.id}: {p.text}]" for p in self.phrases})

    def exhibit_markdown(self) -> str:
        """The note or table in Markdown, each phrase or row with its letter (for the graded notebook)."""
        if self.text is not None:
            return f"**{self.exhibit}**\n\n> {self.passage()}"
        head = "| Row | " + " | ".join(self.header) + " |\n|" + "---|" * (len(self.header) + 1)
        rows = "\n".join(f"| **{p.id}** | {p.text} |" for p in self.phrases)
        return f"**{self.exhibit}**\n\n{head}\n{rows}"

    def form(self) -> dict:
        return {"type": "highlight", "options": _letters(self.phrases)}

    @property
    def key_response(self) -> frozenset[str]:
        return frozenset(self.key)

    @property
    def solution(self) -> str:
        return _quoted(self.key)

    def score(self, response: Iterable[str]) -> scoring.Score:
        return scoring.plus_minus(response, self.key)


class TrendSeries(_Strict):
    name: str = Field(min_length=1)
    unit: str = ""
    values: list[str] = Field(min_length=2)


class TrendTable(_Strict):
    """Time-stamped data: one column per time, one row (series) per measurement; '' = not measured."""

    caption: str = Field(min_length=3)
    times: list[str] = Field(min_length=2, max_length=12)
    series: list[TrendSeries] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _consistent(self) -> TrendTable:
        for series in self.series:
            if len(series.values) != len(self.times):
                raise ValueError(f"series '{series.name}' has {len(series.values)} values for "
                                 f"{len(self.times)} times")
        return self

    def markdown(self) -> str:
        """The table in Markdown (blank cells shown as 'not measured'), then the same values in words."""
        head = "| Measurement | " + " | ".join(self.times) + " |\n|" + "---|" * (len(self.times) + 1)
        rows = "\n".join(f"| {s.name}{f' ({s.unit})' if s.unit else ''} | "
                         + " | ".join(v or "not measured" for v in s.values) + " |" for s in self.series)
        return f"**{self.caption}**\n\n{head}\n{rows}\n\nIn words: {self.in_words()}"

    def in_words(self) -> str:
        """Each series read out in time order, for a screen reader and for the printed copy."""
        lines = []
        for series in self.series:
            unit = f" {series.unit}" if series.unit else ""
            readings = [f"{v}{unit} at {t}" for t, v in zip(self.times, series.values, strict=True) if v.strip()]
            lines.append(f"{series.name}: {', then '.join(readings)}.")
        return " ".join(lines)


TREND_ASKS = ("multiple_choice", "select_n", "select_all", "matrix_mc", "matrix_mr")


class TrendItem(_ItemBase):
    """Trend: a table of time-stamped data, then a question answered as one of the choice or matrix types.

    NCSBN's trend items show data over time and are answered with any item type, scored by that type's
    rule. Here `ask` names the type (multiple choice or select for "what does the trend show / call
    for", a matrix for "improving, worsening or unchanged" per finding) and the item carries that
    type's fields (options/key/scoring, or columns/rows). Form, scoring and feedback are the inner item's.
    """

    type: Literal["trend"]
    table: TrendTable
    ask: Literal[TREND_ASKS]  # type: ignore[valid-type]
    options: list[Option] | None = None
    key: list[OptionId] | None = None
    scoring: Literal["0/1", "+/-"] | None = None
    columns: list[Option] | None = None
    rows: list[MatrixRow] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> TrendItem:
        choice = self.ask in ("multiple_choice", "select_n", "select_all")
        needed, unused = (("options", "key", "scoring"), ("columns", "rows")) if choice else \
            (("columns", "rows"), ("options", "key", "scoring"))
        if missing := [f for f in needed if getattr(self, f) is None]:
            raise ValueError(f"a trend item asked as {self.ask} needs {', '.join(missing)}")
        if extra := [f for f in unused if getattr(self, f) is not None]:
            raise ValueError(f"a trend item asked as {self.ask} does not take {', '.join(extra)}")
        try:
            self.inner  # noqa: B018  (validates the question part)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "question"
            raise ValueError(f"question part ({self.ask}) {where}: {first['msg'].removeprefix('Value error, ')}") \
                from None
        return self

    @property
    def inner(self) -> ChoiceItem | MatrixItem:
        """The question part as an item of its own type (same id, stem, objective and references)."""
        common = {"id": self.id, "module": self.module, "stem": self.stem, "objective": self.objective,
                  "references": self.references, "use": self.use, "points": self.points, "type": self.ask}
        if self.ask in ("matrix_mc", "matrix_mr"):
            return MatrixItem(**common, columns=self.columns, rows=self.rows)
        return ChoiceItem(**common, options=self.options, key=self.key, scoring=self.scoring)

    @property
    def rule(self) -> str:  # type: ignore[override]
        return self.inner.rule

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return "Read the table of values over time, then answer. " + self.inner.instructions

    def form(self) -> dict:
        return {"type": "trend", "ask": self.inner.form()}

    @property
    def key_response(self) -> Any:
        return self.inner.key_response

    @property
    def solution(self) -> str:
        return self.inner.solution

    def score(self, response: Any) -> scoring.Score:
        return self.inner.score(response)


Item = Annotated[
    Union[ChoiceItem, MatrixItem, ClozeItem, OrderedItem, BowtieItem, NumericItem, WrittenItem,  # noqa: UP007
          HighlightItem, TrendItem],
    Field(discriminator="type"),
]
ITEM_TYPES = ("multiple_choice", "select_n", "select_all", "matrix_mc", "matrix_mr", "cloze", "rationale",
              "ordered", "bowtie", "numeric", "written", "highlight", "trend")

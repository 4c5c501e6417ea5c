"""The question bank: one YAML file per module in quizzes/, validated against a schema.

Every self-check widget, graded assignment and export reads items from here.
A malformed file raises `BankError`, whose message names the file, the item id
and the field, and says what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from bonemets import scoring
from bonemets.paths import quizzes_dir

NCJMM_STEPS = (
    "recognize cues", "analyze cues", "prioritize hypotheses",
    "generate solutions", "take action", "evaluate outcomes",
)
Use = Literal["self_check", "graded"]
OptionId = Annotated[str, Field(pattern=r"^[A-Z]$")]


class BankError(ValueError):
    """A question-bank file that cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    id: OptionId
    text: str = Field(min_length=1)
    rationale: str = Field(min_length=10)


class Objective(_Strict):
    id: str = Field(pattern=r"^\d\d\.\d+$")
    text: str = Field(min_length=10)


class _ItemBase(_Strict):
    id: str = Field(pattern=r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
    module: str = Field(pattern=r"^\d\d$")
    stem: str = Field(min_length=10)
    objective: str
    references: list[str] = Field(min_length=1)
    use: list[Use] = Field(min_length=1)
    ncjmm: Literal[NCJMM_STEPS] | None = None  # type: ignore[valid-type]
    points: int = Field(default=1, ge=1, le=10, description="weight in a graded quiz")


class ChoiceItem(_ItemBase):
    """Multiple choice, multiple response select-N, and select-all-that-apply."""

    type: Literal["multiple_choice", "select_n", "select_all"]
    options: list[Option] = Field(min_length=2, max_length=10)
    key: list[OptionId] = Field(min_length=1)
    scoring: Literal["0/1", "+/-"]

    @model_validator(mode="after")
    def _consistent(self) -> ChoiceItem:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"option ids repeat: {ids}")
        if ids != [chr(ord("A") + i) for i in range(len(ids))]:
            raise ValueError(f"option ids must run A, B, C, ... in order; got {ids}")
        if unknown := set(self.key) - set(ids):
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
    def max_selections(self) -> int | None:
        return None if self.type == "select_all" else len(self.key)

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def score(self, selected: Iterable[str]) -> scoring.Score:
        """Score a selection with this item's NCSBN rule."""
        if self.scoring == "+/-":
            return scoring.plus_minus(selected, self.key)
        return scoring.zero_one(selected, self.key, self.max_selections)


_ITEM = TypeAdapter(ChoiceItem)


class Bank(_Strict):
    """One module's file: its objectives and items."""

    module: str = Field(pattern=r"^\d\d$")
    title: str
    objectives: list[Objective] = Field(min_length=1)
    items: list[ChoiceItem]

    def item(self, item_id: str) -> ChoiceItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"no item '{item_id}' in module {self.module}")

    def for_use(self, use: str) -> list[ChoiceItem]:
        return [item for item in self.items if use in item.use]


def _describe(error: dict) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "(item)"
    return f"field '{field}': {error['msg']}"


def parse_bank(text: str, source: str, known_references: set[str] | None = None) -> Bank:
    """Validate one bank file's text; `source` names it in error messages."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BankError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise BankError(f"{source}: expected a mapping with module, title, objectives, items")
    problems: list[str] = []
    items: list[ChoiceItem] = []
    for index, raw_item in enumerate(raw.get("items") or []):
        label = raw_item.get("id", f"#{index + 1}") if isinstance(raw_item, dict) else f"#{index + 1}"
        try:
            items.append(_ITEM.validate_python(raw_item))
        except ValidationError as exc:
            problems += [f"{source}: item '{label}' {_describe(e)}" for e in exc.errors()]
    try:
        bank = Bank.model_validate({**raw, "items": []})
    except ValidationError as exc:
        problems += [f"{source}: {_describe(e)}" for e in exc.errors()]
        bank = None
    if bank is not None:
        problems += _cross_checks(bank, items, source, known_references)
    if problems:
        raise BankError("\n".join(problems))
    return bank.model_copy(update={"items": items})


def _cross_checks(
    bank: Bank, items: list[ChoiceItem], source: str, known_references: set[str] | None
) -> list[str]:
    problems, seen = [], set()
    objectives = {o.id for o in bank.objectives}
    for item in items:
        where = f"{source}: item '{item.id}'"
        if item.id in seen:
            problems.append(f"{where} field 'id': the id is used twice")
        seen.add(item.id)
        if item.module != bank.module:
            problems.append(f"{where} field 'module': '{item.module}' but the file is module {bank.module}")
        if item.objective not in objectives:
            problems.append(f"{where} field 'objective': '{item.objective}' is not one of {sorted(objectives)}")
        if known_references is not None:
            for key in item.references:
                if key not in known_references:
                    problems.append(f"{where} field 'references': unknown reference '{key}'")
    return problems


def bank_path(module: str) -> Path:
    matches = sorted(quizzes_dir().glob(f"{module}_*.yaml"))
    if len(matches) != 1:
        raise BankError(f"expected one quizzes/{module}_*.yaml, found {[m.name for m in matches]}")
    return matches[0]


@cache
def load_bank(module: str) -> Bank:
    """Load and validate quizzes/<module>_*.yaml, checking references against the registry."""
    from bonemets.references import load_registry

    path = bank_path(module)
    return parse_bank(path.read_text(encoding="utf-8"), f"quizzes/{path.name}", set(load_registry()))


def all_banks() -> list[Bank]:
    return [load_bank(p.name[:2]) for p in sorted(quizzes_dir().glob("[0-9][0-9]_*.yaml"))]

"""The question bank: one YAML file per module in quizzes/, validated against a schema.

Every self-check widget, graded assignment and export reads items from here.
A malformed file raises `BankError`, whose message names the file, the item id
and the field, and says what is allowed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import Field, TypeAdapter, ValidationError

from bonemets.assessment.items import ITEM_TYPES, ChoiceItem, Item, Objective, _Strict
from bonemets.errors import BankError
from bonemets.paths import quizzes_dir

__all__ = ["Bank", "BankError", "ChoiceItem", "Item", "all_banks", "bank_path", "load_bank", "parse_bank"]

_ITEM = TypeAdapter(Item)


class Bank(_Strict):
    """One module's file: its objectives and items."""

    module: str = Field(pattern=r"^\d\d$")
    title: str
    objectives: list[Objective] = Field(min_length=1)
    items: list[Item]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"no item '{item_id}' in module {self.module}")

    def for_use(self, use: str) -> list[Item]:
        return [item for item in self.items if use in item.use]


def _describe(error: dict) -> str:
    loc = list(error["loc"])
    if loc and loc[0] in ITEM_TYPES:  # the union's tag, not a field the author wrote
        loc = loc[1:]
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return f"field 'type': must be one of {', '.join(ITEM_TYPES)}"
    field = ".".join(str(part) for part in loc) or "(item)"
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
    items: list[Item] = []
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
    bank: Bank, items: list[Item], source: str, known_references: set[str] | None
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
    from bonemets.content.references import load_registry

    path = bank_path(module)
    return parse_bank(path.read_text(encoding="utf-8"), f"quizzes/{path.name}", set(load_registry()))


def all_banks() -> list[Bank]:
    return [load_bank(p.name[:2]) for p in sorted(quizzes_dir().glob("[0-9][0-9]_*.yaml"))]

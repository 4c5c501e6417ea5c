"""Reading the course's cited data tables (assets/data/*.csv and *.yaml): one reader, one style of error.

Each table has a module in `bonemets.content` with a pydantic row model (a subclass of `Row`), a
`load_<table>(path=None, known_sources=None)` that reads and checks a file, and one `@cache` accessor
`course_<table>()` for the course's own file. Every problem of a file is reported at once, one per line, as
`file: line N: field: message`, in a ContentError (a ValueError).

The valid `source` keys come from one place, `source_keys()`: the keys of assets/references.yaml, unless a test
gives its own set.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo

from bonemets.errors import ContentError

REGISTRY = "assets/references.yaml"


class Row(BaseModel):
    """One checked row of a course table: no unknown fields, text stripped, read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)


R = TypeVar("R", bound=Row)


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("is empty")
    return value


def _number(value: object) -> object:
    """A finite number from a cell; the message quotes the cell as written."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"'{value}' is not a finite number")
        return number
    return value


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def _cited(value: str, info: ValidationInfo) -> str:
    keys = (info.context or {}).get("sources")
    if keys is not None and value not in keys:
        raise ValueError(f"unknown source '{value}' (not a key in {REGISTRY})")
    return value


Text = Annotated[str, AfterValidator(_not_empty)]
"""Required text: an empty cell is a problem."""
Number = Annotated[float, BeforeValidator(_number)]
"""A finite number, written as in the file."""
SourceKey = Annotated[str, AfterValidator(_not_empty), AfterValidator(_cited)]
"""A key of assets/references.yaml (checked against the `sources` in the validation context)."""


def blank_is_none(annotation: object) -> object:
    """An optional cell: blank means None."""
    return Annotated[annotation | None, BeforeValidator(_blank_is_none)]


def source_keys(known_sources: Iterable[str] | None = None) -> frozenset[str]:
    """The keys a table's `source` may use: the reference registry's, unless a test gives its own."""
    if known_sources is not None:
        return frozenset(known_sources)
    from bonemets.content.references import load_registry

    return frozenset(load_registry())


def columns_of(model: type[Row]) -> tuple[str, ...]:
    """The column (or field) names a row model reads, in order."""
    return tuple(field.alias or name for name, field in model.model_fields.items())


def describe(error: ValidationError, where: str, model: type[Row]) -> list[str]:
    """One `where: field: message` line per problem pydantic found."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        kind = problem["type"]
        if kind == "value_error":
            message = str(problem["ctx"]["error"])
        elif kind == "missing":
            message = "is missing"
        elif kind == "extra_forbidden":
            message = f"unexpected field; allowed: {', '.join(columns_of(model))}"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"each entry must be a mapping with the fields {', '.join(columns_of(model))}"
        else:
            message = problem["msg"]
        lines.append(f"{where}: {field}: {message}" if field else f"{where}: {message}")
    return lines


def validate_rows(model: type[R], entries: Iterable[tuple[str, object]], known_sources: Iterable[str] | None
                  ) -> tuple[list[tuple[str, R]], list[str]]:
    """Validate (where, raw) pairs: the good rows with their `where`, and every problem as a line of text."""
    cites = bool({"source", "sources"} & set(model.model_fields))
    context = {"sources": source_keys(known_sources)} if cites else {}
    rows, problems = [], []
    for where, raw in entries:
        try:
            rows.append((where, model.model_validate(raw, context=context)))
        except ValidationError as error:
            problems += describe(error, where, model)
    return rows, problems


def raise_problems(problems: list[str]) -> None:
    if problems:
        raise ContentError("\n".join(problems))


def read_csv(path: Path, model: type[R], what: str, known_sources: Iterable[str] | None = None
             ) -> list[tuple[str, R]]:
    """The checked rows of a CSV file, each with its `file: line N` (line 1 is the header).

    A missing file, missing or unexpected columns, an empty table, a row of the wrong length or a bad cell
    raise ContentError naming the file (and the line and column).
    """
    path = Path(path)
    name = path.name
    columns = columns_of(model)
    if not path.is_file():
        raise ContentError(f"{name}: the {what} is missing (looked for {path})")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        raw = [(reader.line_num, row) for row in reader]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ContentError(f"{name}: missing column(s) {missing}; the columns must be {list(columns)}")
    extra = [c for c in header if c not in columns]
    if extra:
        raise ContentError(f"{name}: unexpected column(s) {extra}; the columns must be {list(columns)}")
    if not raw:
        raise ContentError(f"{name}: the table has no rows")
    entries, problems = [], []
    for line, row in raw:
        where = f"{name}: line {line}"
        if None in row:
            problems.append(f"{where}: the row has more values than the header's {len(columns)} columns "
                            "(check for an unquoted comma)")
        elif any(value is None for value in row.values()):
            given = len([v for v in row.values() if v is not None])
            problems.append(f"{where}: the row has {given} values instead of the header's {len(columns)}")
        else:
            entries.append((where, row))
    rows, found = validate_rows(model, entries, known_sources)
    raise_problems(problems + found)
    return rows


def yaml_sections(path: Path, what: str, sections: tuple[str, ...]) -> dict[str, list[tuple[int, object]]]:
    """The lists under the top-level keys `sections` of a YAML file, as (line, entry) pairs.

    A missing file, invalid YAML, a missing key or an empty list raise ContentError naming the file and line.
    """
    import yaml

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ContentError(f"{name}: the {what} is missing (looked for {path})")
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ContentError(f"{name}: {where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    keys = " and ".join(f"'{s}'" for s in sections)
    if not isinstance(root, yaml.MappingNode):
        raise ContentError(f"{name}: line 1: the file must be a mapping with the key(s) {keys}")
    found = {key.value: value for key, value in root.value}
    result = {}
    for section in sections:
        if section not in found:
            raise ContentError(f"{name}: the key '{section}' is missing")
        node = found[section]
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise ContentError(f"{name}: line {node.start_mark.line + 1}: '{section}' must be a non-empty list")
        data = yaml.safe_load(yaml.serialize(node))
        result[section] = [(item.start_mark.line + 1, entry) for item, entry in zip(node.value, data, strict=True)]
    return result


def repeated(rows: Iterable[tuple[str, object]], key: str, label: str) -> list[str]:
    """A problem line for each row whose `key` field repeats an earlier row's."""
    seen: dict[object, str] = {}
    problems = []
    for where, row in rows:
        value = getattr(row, key)
        if value in seen:
            problems.append(f"{where}: {key}: the {label} '{value}' is used twice")
        seen.setdefault(value, where)
    return problems

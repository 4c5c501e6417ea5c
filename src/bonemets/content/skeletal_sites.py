"""Where breast cancer spreads in the skeleton (assets/data/skeletal_sites.csv), region by region.

Two kinds of row: a `frequency` row is one published percentage for a region (with its count when the source
gives one, the number studied and who they were); a `meaning` row is one cited statement of what a metastasis
there can mean for the patient. Every region needs at least one meaning row. Where no published figure exists
for a region, the table has none; nothing is filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, model_validator

from bonemets.content.tables import Row, SourceKey, Text, columns_of, raise_problems, read_csv
from bonemets.paths import assets_dir

SITES_FILE = Path("data") / "skeletal_sites.csv"
SKELETONS = ("axial", "appendicular")
KINDS = ("frequency", "meaning")
# A count and its printed percentage may differ by rounding in the source, never by more than this.
ROUNDING_TOLERANCE = 1.0


def _one_of(allowed: tuple[str, ...]):
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"'{value}' must be one of {list(allowed)}")
        return value

    return AfterValidator(check)


def _whole_number(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d+", text) else None


class SiteRow(Row):
    """One row of the table: a published frequency for a region, or what a metastasis there can mean."""

    region: Text
    skeleton: Annotated[Text, _one_of(SKELETONS)]
    kind: Annotated[Text, _one_of(KINDS)]
    value: str = ""
    count: str = ""
    total: str = ""
    statement: Text
    population: str = ""
    source: SourceKey
    note: str = ""

    @model_validator(mode="after")
    def _fits_its_kind(self) -> SiteRow:
        problem = _meaning_problem(self) if self.kind == "meaning" else _frequency_problem(self)
        if problem:
            raise ValueError(problem)
        return self


def _meaning_problem(row: SiteRow) -> str | None:
    for column in ("value", "count", "total", "population"):
        if getattr(row, column):
            return f"{column}: a 'meaning' row has no {column}; move it to a 'frequency' row"
    return None


def _frequency_problem(row: SiteRow) -> str | None:
    """What is wrong with a frequency row's numbers or population, as 'field: message' (None when nothing is)."""
    try:
        value = float(row.value)
    except ValueError:
        return f"value: '{row.value}' is not a number (a percentage, without the % sign)"
    if not 0 <= value <= 100:
        return f"value: {row.value} is not a percentage between 0 and 100"
    total = _whole_number(row.total)
    if not total:
        return f"total: '{row.total}' must be the number of patients studied (a whole number above 0)"
    if row.count:
        count = _whole_number(row.count)
        if count is None or count > total:
            return f"count: '{row.count}' must be a whole number from 0 to the total ({total})"
        if abs(100 * count / total - value) > ROUNDING_TOLERANCE:
            return f"value: {row.value}% does not match {count} of {total} ({100 * count / total:.1f}%)"
    if not row.population:
        return "population: is empty; say who was studied"
    return None


COLUMNS = columns_of(SiteRow)


@dataclass(frozen=True)
class Frequency:
    """One published percentage for a region, with who was studied and its limits."""

    value: float
    value_text: str
    count: int | None
    total: int
    statement: str
    population: str
    source: str
    note: str

    def figure_text(self) -> str:
        if self.count is not None:
            return f"{self.value_text}% ({self.count} of {self.total:,})"
        return f"{self.value_text}% (of {self.total:,} patients)"


@dataclass(frozen=True)
class Meaning:
    """One cited statement of what a metastasis in the region can mean for the patient."""

    statement: str
    source: str
    note: str


@dataclass
class Region:
    name: str
    skeleton: str
    frequencies: list[Frequency] = field(default_factory=list)
    meanings: list[Meaning] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return region_slug(self.name)

    def label(self) -> str:
        return f"{self.name} ({self.skeleton} skeleton)"


def region_slug(name: str) -> str:
    """'Femoral head and neck' -> 'femoral-head-and-neck' (the id of its group in skeleton.svg is region-<slug>)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def sites_path() -> Path:
    return assets_dir() / SITES_FILE


def _frequency(row: SiteRow) -> Frequency:
    return Frequency(float(row.value), row.value, int(row.count) if row.count else None, int(row.total),
                     row.statement, row.population, row.source, row.note)


def load_sites(path: Path | None = None, known_sources: set[str] | None = None) -> dict[str, Region]:
    """Read and check a site table, returning the regions in file order; problems raise ContentError naming
    the file, line and field."""
    path = sites_path() if path is None else Path(path)
    name = path.name
    problems: list[str] = []
    regions: dict[str, Region] = {}
    seen: set[tuple[str, str]] = set()
    for where, row in read_csv(path, SiteRow, "skeletal sites table", known_sources):
        region = regions.setdefault(row.region, Region(row.region, row.skeleton))
        if row.skeleton != region.skeleton:
            problems.append(f"{where}: skeleton: region '{row.region}' is '{row.skeleton}' here but "
                            f"'{region.skeleton}' on an earlier line")
        if row.kind == "meaning":
            region.meanings.append(Meaning(row.statement, row.source, row.note))
            continue
        if (region.name, row.source) in seen:
            problems.append(f"{where}: source: a second frequency for '{region.name}' from '{row.source}'")
        seen.add((region.name, row.source))
        region.frequencies.append(_frequency(row))
    problems += [f"{name}: region '{region.name}' has no 'meaning' row: say what a metastasis there can mean for "
                 "the patient, with its source" for region in regions.values() if not region.meanings]
    raise_problems(problems)
    return regions


@cache
def course_sites() -> dict[str, Region]:
    """The course's regions, read and checked once per kernel (treat as read-only)."""
    return load_sites()


SVG_FILE = Path("images") / "skeleton.svg"


def svg_path() -> Path:
    return assets_dir() / SVG_FILE


@cache
def skeleton_svg() -> str:
    """The schematic skeleton as SVG text; each region is a group with id region-<slug>."""
    return svg_path().read_text(encoding="utf-8")

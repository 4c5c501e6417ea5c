"""Published accuracy of imaging tests for bone metastases (assets/data/imaging_accuracy.csv).

One row per imaging test per meta-analysis: sensitivity and specificity in percent, who was studied, how the
results were counted, and the reference key of its source. A specificity the course has not verified is left
blank (None here), and nothing is put in its place.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field

from bonemets.content.tables import Row, SourceKey, Text, columns_of, raise_problems, read_csv
from bonemets.paths import assets_dir

ACCURACY_FILE = Path("data") / "imaging_accuracy.csv"


def _percent(value: object) -> object:
    """A percentage above 0 and up to 100, written as a percentage (93), not a proportion (0.93)."""
    if not isinstance(value, str):
        return value
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a number") from None
    if not 0 < number <= 100:
        raise ValueError(f"{value} must be a percentage above 0 and up to 100")
    if number <= 1:
        raise ValueError(f"{value} looks like a proportion; write percentages such as 93, not proportions "
                         "such as 0.93")
    return number


def _count(value: object) -> object:
    if not isinstance(value, str):
        return value
    if not value.strip():
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"'{value}' must be a whole number of 1 or more, or left blank")
    return int(value)


def _required(value: object) -> object:
    if value is None:
        raise ValueError("is empty")
    return value


Percent = Annotated[float | None, BeforeValidator(_percent)]
Count = Annotated[int | None, BeforeValidator(_count)]


class AccuracyRow(Row):
    """One published sensitivity/specificity pair for one imaging test, with who was studied and the source."""

    source: SourceKey
    cited_as: Text
    population: Text
    modality: Text
    basis: Text
    sensitivity_percent: Annotated[float, BeforeValidator(_required), BeforeValidator(_percent)] = Field(
        alias="sensitivity")
    specificity_percent: Percent = Field(alias="specificity")
    studies: Count
    patients: Count
    note: Text

    @property
    def label(self) -> str:
        """The Dropdown text: test, source and population, so two meta-analyses of one test stay apart."""
        return f"{self.modality} | {self.cited_as} | {self.population}"

    @property
    def test_name(self) -> str:
        """'the bone scan', 'the CT', ... for sentences."""
        name = self.modality if self.modality[:2].isupper() else self.modality[0].lower() + self.modality[1:]
        return f"the {name}"

    @property
    def has_specificity(self) -> bool:
        return self.specificity_percent is not None

    def describe(self) -> str:
        """Who was studied and how, in one plain sentence."""
        spec = (f"specificity {self.specificity_percent:g}%" if self.has_specificity
                else "specificity not verified by the course (left blank)")
        return (f"{self.modality} in {self.population}, {self.cited_as}: sensitivity "
                f"{self.sensitivity_percent:g}%, {spec} (basis of counting: {self.basis}). {self.note}")


COLUMNS = columns_of(AccuracyRow)


def accuracy_path() -> Path:
    return assets_dir() / ACCURACY_FILE


def load_accuracy_table(path: Path | None = None, known_sources: set[str] | None = None
                        ) -> tuple[AccuracyRow, ...]:
    """Read and check an accuracy table; problems raise ContentError naming the file, line and field."""
    path = accuracy_path() if path is None else Path(path)
    rows = read_csv(path, AccuracyRow, "accuracy table", known_sources)
    problems, seen = [], {}
    for where, row in rows:
        key = (row.source, row.modality)
        if key in seen:
            problems.append(f"{where}: modality: {row.modality} from {row.source} repeats {seen[key]}")
        seen.setdefault(key, where.split(": ", 1)[1])
    raise_problems(problems)
    return tuple(row for _, row in rows)


@cache
def course_accuracy_table() -> tuple[AccuracyRow, ...]:
    """The course's own table, read and checked once per kernel."""
    return load_accuracy_table()

"""The pivotal trials' hazard ratios with 95% confidence intervals (assets/data/pivotal_trials.csv).

One row per comparison of one trial, with who was studied and the reference key of its source.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, model_validator

from bonemets.content.tables import Number, Row, SourceKey, Text, columns_of, read_csv
from bonemets.paths import assets_dir

TRIALS_FILE = Path("data") / "pivotal_trials.csv"
GROUPS = ("Bone-modifying agents", "Hormone receptor-positive HER2-negative", "HER2-positive", "Triple-negative")


def _group(value: str) -> str:
    if value and value not in GROUPS:
        raise ValueError(f"'{value}' is not one of {list(GROUPS)}")
    return value


def _ratio(value: float) -> float:
    if value <= 0:
        raise ValueError(f"{value:g} must be above 0 (a hazard ratio is a ratio)")
    return value


def _patients(value: object) -> object:
    if isinstance(value, str) and (not value.isdigit() or int(value) == 0):
        raise ValueError(f"'{value}' must be a whole number of patients above 0")
    return value


Ratio = Annotated[Number, AfterValidator(_ratio)]


class TrialRow(Row):
    """One comparison of one trial: a hazard ratio with its 95% confidence interval, and where it comes from."""

    study: Text
    trial: Text
    group: Annotated[Text, AfterValidator(_group)]
    comparison: Text
    endpoint: Text
    hr: Ratio
    ci_low: Ratio
    ci_high: Ratio
    n: Annotated[int, BeforeValidator(_patients)]
    population: Text
    source: SourceKey
    note: str = ""

    @model_validator(mode="after")
    def _inside_interval(self) -> TrialRow:
        if not self.ci_low <= self.hr <= self.ci_high:
            raise ValueError(f"hr: the hazard ratio {self.hr:g} must lie inside its interval "
                             f"{self.ci_low:g}-{self.ci_high:g}")
        return self


COLUMNS = columns_of(TrialRow)


def trials_path() -> Path:
    return assets_dir() / TRIALS_FILE


def load_trials(path: Path | None = None, known_sources: set[str] | None = None) -> tuple[TrialRow, ...]:
    """Read and check a trials table; problems raise ContentError naming the file, line and field."""
    path = trials_path() if path is None else Path(path)
    return tuple(row for _, row in read_csv(path, TrialRow, "trials table", known_sources))


@cache
def course_trials() -> tuple[TrialRow, ...]:
    """The course's trials, read and checked once per kernel."""
    return load_trials()

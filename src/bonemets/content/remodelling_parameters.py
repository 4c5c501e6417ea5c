"""The bone-remodelling model's published parameter sets (assets/data/remodelling_parameters.csv).

One row per parameter of a set, with its unit, meaning, source and where in the paper it is given. A set has all
of the bone-cell parameters (Komarova 2003) and, for a model with a tumour, all of the tumour terms (Ayati 2010).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, model_validator

from bonemets.content.tables import Number, Row, SourceKey, Text, columns_of, raise_problems, read_csv
from bonemets.paths import assets_dir

PARAMETERS_FILE = Path("data") / "remodelling_parameters.csv"
BONE_NAMES = ("alpha1", "alpha2", "beta1", "beta2", "g11", "g12", "g21", "g22", "k1", "k2", "extra_osteoclasts")
TUMOUR_NAMES = ("r11", "r12", "r21", "r22", "tumour_growth", "tumour_max", "tumour_start")
POSITIVE = ("alpha1", "alpha2", "beta1", "beta2", "tumour_growth", "tumour_max", "tumour_start")
NOT_NEGATIVE = ("k1", "k2", "extra_osteoclasts", "r11", "r12", "r21", "r22")


@dataclass(frozen=True)
class TumourParameters:
    """The tumour terms of Ayati 2010: its effect on the bone cells (r) and its Gompertz growth."""

    r11: float
    r12: float
    r21: float
    r22: float
    tumour_growth: float
    tumour_max: float
    tumour_start: float


@dataclass(frozen=True)
class RemodellingParameters:
    """One published parameter set; `tumour` is None for a model without a tumour (Komarova 2003)."""

    name: str
    alpha1: float
    alpha2: float
    beta1: float
    beta2: float
    g11: float
    g12: float
    g21: float
    g22: float
    k1: float
    k2: float
    extra_osteoclasts: float
    tumour: TumourParameters | None = None
    sources: tuple[str, ...] = field(default=(), compare=False)


def _known_parameter(value: str) -> str:
    if value not in BONE_NAMES + TUMOUR_NAMES:
        raise ValueError(f"unknown parameter '{value}'; allowed: {', '.join(BONE_NAMES + TUMOUR_NAMES)}")
    return value


class ParameterRow(Row):
    """One parameter of one set, with its unit, meaning and source."""

    parameter_set: Text
    name: Annotated[Text, AfterValidator(_known_parameter)]
    value: Number
    unit: Text
    meaning: Text
    source: SourceKey
    note: Text

    @model_validator(mode="after")
    def _in_range(self) -> ParameterRow:
        if self.name in POSITIVE and self.value <= 0:
            raise ValueError(f"value: '{self.name}' must be greater than 0; found {self.value:g}")
        if self.name in NOT_NEGATIVE and self.value < 0:
            raise ValueError(f"value: '{self.name}' cannot be negative; found {self.value:g}")
        return self


COLUMNS = columns_of(ParameterRow)


def parameters_path() -> Path:
    return assets_dir() / PARAMETERS_FILE


def _parameter_set(set_name: str, given: dict[str, float], sources: list[str]) -> RemodellingParameters:
    """One set from its values; ValueError (without the file name) says what is lacking."""
    lacking = [p for p in BONE_NAMES if p not in given]
    if lacking:
        raise ValueError(f"parameter set '{set_name}' lacks {', '.join(lacking)}")
    tumour = None
    if any(p in given for p in TUMOUR_NAMES):
        lacking = [p for p in TUMOUR_NAMES if p not in given]
        if lacking:
            raise ValueError(f"parameter set '{set_name}' has tumour terms but lacks {', '.join(lacking)}")
        tumour = TumourParameters(**{p: given[p] for p in TUMOUR_NAMES})
        if tumour.tumour_start > tumour.tumour_max:
            raise ValueError(f"parameter set '{set_name}': tumour_start must not exceed tumour_max")
    return RemodellingParameters(name=set_name, tumour=tumour, sources=tuple(dict.fromkeys(sources)),
                                 **{p: given[p] for p in BONE_NAMES})


def load_parameter_sets(path: Path | None = None, known_sources: set[str] | None = None
                        ) -> dict[str, RemodellingParameters]:
    """Read and check a parameter table; problems raise ContentError naming the file, line and field."""
    path = parameters_path() if path is None else Path(path)
    values: dict[str, dict[str, float]] = {}
    sources: dict[str, list[str]] = {}
    problems = []
    for where, row in read_csv(path, ParameterRow, "parameter table", known_sources):
        given = values.setdefault(row.parameter_set, {})
        if row.name in given:
            problems.append(f"{where}: name: '{row.name}' is given twice for parameter set '{row.parameter_set}'")
        given[row.name] = row.value
        sources.setdefault(row.parameter_set, []).append(row.source)
    raise_problems(problems)
    sets = {}
    for set_name, given in values.items():
        try:
            sets[set_name] = _parameter_set(set_name, given, sources[set_name])
        except ValueError as error:
            problems.append(f"{path.name}: {error}")
    raise_problems(problems)
    return sets


@cache
def course_parameter_sets() -> dict[str, RemodellingParameters]:
    """The course's parameter sets, read and checked once per kernel (treat as read-only)."""
    return load_parameter_sets()

"""The published figures on breast cancer in bone (assets/data/bone_metastasis_figures.csv).

One row per published figure: the measure, the group it describes, its value and unit, who was studied, and the
reference key of its source. Within a measure every row has the same unit and a group of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bonemets.content.tables import Number, Row, SourceKey, Text, columns_of, raise_problems, read_csv
from bonemets.paths import assets_dir

FIGURES_FILE = Path("data") / "bone_metastasis_figures.csv"


class FigureRow(Row):
    """One published figure, with who was studied and its source."""

    measure: Text
    group: Text
    value: Number
    unit: Text
    population: Text
    source: SourceKey
    note: str = ""


COLUMNS = columns_of(FigureRow)


def figures_path() -> Path:
    return assets_dir() / FIGURES_FILE


def load_figures(path: Path | None = None, known_sources: set[str] | None = None) -> tuple[FigureRow, ...]:
    """Read and check a figures table; problems raise ContentError naming the file, line and field."""
    path = figures_path() if path is None else Path(path)
    rows = read_csv(path, FigureRow, "figures table", known_sources)
    problems, units, groups = [], {}, {}
    for where, row in rows:
        unit = units.setdefault(row.measure, row.unit)
        if row.unit != unit:
            problems.append(f"{where}: unit: measure '{row.measure}' mixes units {sorted({unit, row.unit})}; "
                            "one measure needs one unit so its bars can be compared")
        seen = groups.setdefault(row.measure, set())
        if row.group in seen:
            problems.append(f"{where}: group: measure '{row.measure}' repeats the group '{row.group}'")
        seen.add(row.group)
    raise_problems(problems)
    return tuple(row for _, row in rows)


@cache
def course_figures() -> tuple[FigureRow, ...]:
    """The course's figures, read and checked once per kernel."""
    return load_figures()

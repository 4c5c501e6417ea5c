"""Reading the course's cited data tables (assets/data/*.csv): one place for the checks every table shares.

A missing file, missing or unexpected columns, or an empty table raises ValueError naming the file; each
reader then checks its own rows, with the file line numbers returned here.
"""

from __future__ import annotations

import csv
from pathlib import Path


def read_csv_table(path: Path, columns: tuple[str, ...], what: str) -> list[tuple[int, dict]]:
    """The rows of `path` with their line numbers in the file (line 1 is the header)."""
    name = path.name
    if not path.is_file():
        raise ValueError(f"{name}: the {what} is missing (looked for {path})")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = [(reader.line_num, row) for row in reader]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(f"{name}: missing column(s) {missing}; the columns must be {list(columns)}")
    extra = [c for c in header if c not in columns]
    if extra:
        raise ValueError(f"{name}: unexpected column(s) {extra}; the columns must be {list(columns)}")
    if not rows:
        raise ValueError(f"{name}: the table has no rows")
    return rows


def reference_keys(known_sources: set[str] | None) -> set[str]:
    """The keys a table's `source` column may use: the reference registry's, unless a test gives its own."""
    if known_sources is not None:
        return known_sources
    from bonemets.content.references import load_registry

    return set(load_registry())

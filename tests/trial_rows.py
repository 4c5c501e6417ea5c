"""A valid pivotal-trials row and a CSV writer, shared by the table's and the forest plot's tests."""

from __future__ import annotations

import csv
from pathlib import Path

from bonemets.content.trials import COLUMNS

HEADER = list(COLUMNS)
GOOD_ROW = ["Stopeck 2010", "Trial", "Bone-modifying agents", "denosumab vs zoledronic acid",
            "time to first on-study SRE", "0.82", "0.71", "0.95", "2046", "Who was studied", "stopeck2010", ""]


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def with_value(column: str, value: str) -> list[str]:
    row = list(GOOD_ROW)
    row[HEADER.index(column)] = value
    return row

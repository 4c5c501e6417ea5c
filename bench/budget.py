"""Shared helpers of the performance-budget benchmarks: statistics, verdicts and the results files.

Each budget benchmark compares a figure with a target (often a ratio against a floor measured in the same run)
and reports plainly whether the target is met. A benchmark is not a test: it always exits 0.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share between 0 and 1), as in bench_remodelling.py."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def machine() -> dict:
    """What the figures were measured on (the load average says how busy the machine was)."""
    return {"cores": os.cpu_count() or 1, "python": platform.python_version(),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}


def write_results(name: str, report: dict, lines: list[str]) -> Path:
    """Write bench/results/<name>.json and <name>.md, print the table, and return the JSON path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"Written to {path} and {path.with_suffix('.md')}")
    return path


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines

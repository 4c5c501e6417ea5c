"""Benchmark: how long one setting change of the remodelling explorer takes (solve + redraw + PNG).

Builds the widget, then makes 50 changes that alternate between its two drop-down lists (tumour signalling,
drug effect). Every tumour change clears the solver's cache first, so each of those changes really solves the
equations again (the worst case); a drug change only recomputes bone mass and redraws. Prints the median and
95th percentile of the wall-clock time in milliseconds (and the CPU time, which other programs running at the
same time disturb less) and writes bench/results/remodelling.json. Target: under 100 ms.

Run: .venv/bin/python bench/bench_remodelling.py
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

UPDATES = 50
TARGET_MS = 100.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share between 0 and 1)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def main() -> dict:
    from bonemets.learner.widgets.remodelling_explorer import RemodellingExplorer
    from bonemets.models import remodelling

    started = time.perf_counter()
    explorer = RemodellingExplorer()
    build_ms = (time.perf_counter() - started) * 1000

    tumour_values = [90, 80, 70, 60, 50, 40, 30, 20, 10, 0, 100]
    drug_values = [10, 20, 30, 40, 50, 40, 30, 20, 10, 0]
    timings, solve_timings, cpu_timings = [], [], []
    for n in range(UPDATES):
        if n % 2 == 0:
            value = tumour_values[(n // 2) % len(tumour_values)]
            if value == explorer.tumour.value:
                value = tumour_values[(n // 2 + 1) % len(tumour_values)]
            remodelling.solve_cells.cache_clear()
            started, cpu = time.perf_counter(), time.process_time()
            explorer.tumour.value = value
            elapsed = (time.perf_counter() - started) * 1000
            solve_timings.append(elapsed)
        else:
            value = drug_values[(n // 2) % len(drug_values)]
            if value == explorer.drug.value:
                value = drug_values[(n // 2 + 1) % len(drug_values)]
            started, cpu = time.perf_counter(), time.process_time()
            explorer.drug.value = value
            elapsed = (time.perf_counter() - started) * 1000
        cpu_timings.append((time.process_time() - cpu) * 1000)
        timings.append(elapsed)
        assert explorer.text and not explorer.text.startswith("The model was not run"), explorer.text

    result = {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "updates": UPDATES,
        "median_ms_with_new_solve": round(statistics.median(solve_timings), 1),
        "build_ms": round(build_ms, 1),
        "median_cpu_ms": round(statistics.median(cpu_timings), 1),
        "p95_cpu_ms": round(percentile(cpu_timings, 0.95), 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    out = Path(__file__).parent / "results" / "remodelling.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    verdict = "within" if result["p95_ms"] < TARGET_MS else "OVER"
    print(f"remodelling explorer, {UPDATES} setting changes: median {result['median_ms']} ms, "
          f"95th percentile {result['p95_ms']} ms ({verdict} the {TARGET_MS:.0f} ms target); "
          f"moves that re-solve: median {result['median_ms_with_new_solve']} ms; widget built in "
          f"{result['build_ms']} ms. CPU time per move: median {result['median_cpu_ms']} ms, 95th percentile "
          f"{result['p95_cpu_ms']} ms (machine load average {result['load_average_1min']}). Written to {out}")
    return result


if __name__ == "__main__":
    main()

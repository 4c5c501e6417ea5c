"""Benchmark: time to interactive and peak kernel memory of every module notebook, against a floor notebook.

Each notebook (every notebooks/NN_*.ipynb, 00 included) is executed top to bottom in a fresh kernel with
nbclient, as nbval does it (`NotebookClient(nb, kernel_name="python3", timeout=120).execute()`), with the
notebook's folder as the working directory. Time: wall clock from the call (kernel start) to the end of the
last cell; the median of --repeats runs. Memory: after the last cell one extra cell, appended to the in-memory
copy and not counted in the time, prints the kernel's own peak resident set size
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`); the largest of the runs is reported.
The floor is a notebook built in memory that only imports pandas, ipywidgets and matplotlib and draws one plot,
measured the same way in the same run. An empty kernel start and stop is measured and reported too.
Runs are interleaved (floor, 00, 01, ... then again) so that a busy moment hits all notebooks alike.
Writes bench/results/modules.json and bench/results/modules.md.

Targets (2 cores): time to interactive, median over modules <= 1.5x the floor and worst module <= 2.0x;
peak kernel memory of each module <= 1.3x the floor and < 200 MB.

Run: make bench   (or .venv/bin/python bench/bench_modules.py [--repeats 3] [--only 02])
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget import REPO, machine, median, table, verdict, write_results  # noqa: E402

NOTEBOOKS = REPO / "notebooks"
FLOOR_SOURCE = ("import pandas, ipywidgets, matplotlib; import matplotlib.pyplot as plt; fig, ax = plt.subplots(); "
                "ax.plot([1, 2, 3]); plt.show()")
PEAK_SOURCE = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
MEDIAN_RATIO, WORST_RATIO = 1.5, 2.0
MEMORY_RATIO, MEMORY_LIMIT_MB = 1.3, 200.0


def floor_notebook():
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])


def run_notebook(nb, measure_memory: bool = True) -> dict:
    """Execute a copy of `nb` in a fresh kernel: seconds to the end of its last cell, per-cell seconds, peak MB."""
    import copy

    import nbformat
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    last = len(nb.cells) - 1
    if measure_memory:
        nb.cells.append(nbformat.v4.new_code_cell(PEAK_SOURCE))
    marks: dict[str, float] = {}
    ends: dict[int, float] = {}

    def kernel_ready(**_kwargs) -> None:
        marks["ready"] = time.perf_counter()

    def cell_done(cell_index: int, **_kwargs) -> None:
        ends[cell_index] = time.perf_counter()

    client = NotebookClient(nb, kernel_name="python3", timeout=120, on_notebook_start=kernel_ready,
                            on_cell_executed=cell_done, resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.perf_counter()
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings; a crash still raises here
    stopped = time.perf_counter()
    code = [i for i, cell in enumerate(nb.cells[:last + 1]) if cell.cell_type == "code"]
    end = ends[code[-1]] if code else marks["ready"]
    cells, previous = {}, marks["ready"]
    for index in code:
        cells[index] = ends[index] - previous
        previous = ends[index]
    result = {"seconds": end - started, "kernel_start_s": marks["ready"] - started, "cells_s": cells,
              "start_to_stop_s": stopped - started}
    if measure_memory:
        text = "".join(out.get("text", "") for out in nb.cells[-1].outputs if out.get("output_type") == "stream")
        result["peak_mb"] = int(text.split()[-1]) / 1024  # ru_maxrss is in kilobytes on Linux
    return result


def empty_kernel() -> float:
    """Seconds for an empty notebook: kernel start and stop only."""
    import nbformat

    return run_notebook(nbformat.v4.new_notebook(), measure_memory=False)["start_to_stop_s"]


def cell_label(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[-1][:60] if lines else ""


def main() -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each notebook (the median is reported)")
    parser.add_argument("--only", nargs="*", help="module numbers to run, e.g. 01 03 (default: all)")
    args = parser.parse_args()
    os.environ.pop("MPLBACKEND", None)  # the kernel picks the inline backend, as in JupyterLab

    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.only:
        paths = [p for p in paths if p.name[:2] in args.only]
    notebooks = {"floor": floor_notebook(), **{p.stem: nbformat.read(p, as_version=4) for p in paths}}
    run_notebook(notebooks["floor"])  # warm-up (disk caches, byte-code), not counted
    runs: dict[str, list[dict]] = {name: [] for name in notebooks}
    empty, failed = [], {}
    for repeat in range(args.repeats):
        empty.append(empty_kernel())
        for name, nb in notebooks.items():
            try:
                result = run_notebook(nb)
            except Exception as error:  # a broken notebook is reported, not a crash of the benchmark
                failed[name] = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}"
                print(f"run {repeat + 1}/{args.repeats} {name}: FAILED ({failed[name]})", flush=True)
                continue
            runs[name].append(result)
            print(f"run {repeat + 1}/{args.repeats} {name}: {result['seconds']:.2f} s, "
                  f"peak {result['peak_mb']:.0f} MB", flush=True)

    def summary(name: str) -> dict:
        rs = runs[name]
        cells = {index: round(median([r["cells_s"][index] for r in rs]), 3) for index in rs[0]["cells_s"]}
        return {"seconds": round(median([r["seconds"] for r in rs]), 3),
                "runs_s": [round(r["seconds"], 3) for r in rs],
                "kernel_start_s": round(median([r["kernel_start_s"] for r in rs]), 3),
                "peak_mb": round(max(r["peak_mb"] for r in rs), 1),
                "cells_s": {f"cell {index}: {cell_label(notebooks[name].cells[index].source)}": value
                            for index, value in cells.items()}}

    if "floor" in failed or not runs["floor"]:
        raise SystemExit(f"the floor notebook did not run: {failed.get('floor')}")
    floor = summary("floor")
    modules = {}
    for name in notebooks:
        if name == "floor":
            continue
        if name in failed:  # a notebook that does not run is not interactive: both targets are missed
            modules[name] = {"failed": failed[name], "time_met": False, "memory_met": False}
            continue
        entry = summary(name)
        entry["time_ratio"] = round(entry["seconds"] / floor["seconds"], 2)
        entry["memory_ratio"] = round(entry["peak_mb"] / floor["peak_mb"], 2)
        entry["memory_met"] = entry["memory_ratio"] <= MEMORY_RATIO and entry["peak_mb"] < MEMORY_LIMIT_MB
        entry["time_met"] = entry["time_ratio"] <= WORST_RATIO
        modules[name] = entry
    ran = {name: m for name, m in modules.items() if "failed" not in m}
    median_ratio = round(median([m["time_ratio"] for m in ran.values()]), 2) if ran else None
    worst = max(ran, key=lambda n: ran[n]["time_ratio"]) if ran else None
    worst_ratio = ran[worst]["time_ratio"] if worst else None
    targets = {
        f"time to interactive: median over modules <= {MEDIAN_RATIO}x the floor":
            median_ratio is not None and median_ratio <= MEDIAN_RATIO,
        f"time to interactive: worst module <= {WORST_RATIO}x the floor":
            worst_ratio is not None and worst_ratio <= WORST_RATIO and len(ran) == len(modules),
        **{f"peak memory of {name} <= {MEMORY_RATIO}x the floor and < {MEMORY_LIMIT_MB:.0f} MB": m["memory_met"]
           for name, m in modules.items()},
    }
    report = {**machine(), "repeats": args.repeats, "empty_kernel_start_stop_s": round(median(empty), 3),
              "floor": floor, "modules": modules, "median_time_ratio": median_ratio, "worst_module": worst,
              "worst_time_ratio": worst_ratio, "targets_met": targets}

    rows = [["empty kernel: start and stop", f"{report['empty_kernel_start_stop_s']:.2f}", "", "", "", "", ""],
            ["floor: pandas + ipywidgets + matplotlib, one plot", f"{floor['seconds']:.2f}", "1.00", "",
             f"{floor['peak_mb']:.0f}", "1.00", ""]]
    for name, m in modules.items():
        if "failed" in m:
            rows.append([name, "did not run", "", "NOT met", "", "", "NOT met"])
            continue
        rows.append([name, f"{m['seconds']:.2f}", f"{m['time_ratio']:.2f}", verdict(m["time_met"]),
                     f"{m['peak_mb']:.0f}", f"{m['memory_ratio']:.2f}", verdict(m["memory_met"])])
    lines = [f"# Module notebooks: time to interactive and peak kernel memory ({report['cores']} cores, "
             f"median of {args.repeats} runs, load average {report['load_average_1min']})", "",
             *table(["notebook", "time s", "x floor", "time (<= 2.0x)", "peak MB", "x floor",
                     "memory (<= 1.3x, < 200 MB)"], rows), "",
             "Time: from the kernel start to the end of the last cell. Memory: the kernel's peak resident set "
             "(largest of the runs).", "",
             f"Median time ratio over modules: {median_ratio}x (target <= {MEDIAN_RATIO}x); worst: {worst} at "
             f"{worst_ratio}x (target <= {WORST_RATIO}x).", "",
             *(f"- {target}: {verdict(ok)}" for target, ok in targets.items()),
             *(f"- {name} did not run: {m['failed']}" for name, m in modules.items() if "failed" in m)]
    write_results("modules", report, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())

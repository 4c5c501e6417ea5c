"""Benchmark: the learner's progress file with a year of tries stored (~5,000): recording, and opening the view.

Set-up: a throw-away progress file (BONEMETS_PROGRESS in a temporary folder) filled with --attempts tries of the
course's scored self-check items, spread over the past 365 days, through `ProgressStore.record` (so every
schedule is worked out as it would be for a learner).

1. Recording latency: each module's self-check built as `show_quiz` builds it (recorder
   `bonemets.learner.progress.record_try`); one update = set the key answer, then Check, which scores, writes
   the feedback and records the try (one SQLite transaction in WAL mode). --checks updates per module, after
   two warm-up updates that open the file. The same without recording is measured for comparison.
2. Progress view: wall time to build `ProgressView()` in this process (first build: reads every bank; then
   a rebuild), a Refresh, and building a Review now round.
3. Time to interactive of 00_start_here.ipynb (where `show_progress()` is) with the full file, in a fresh kernel
   with nbclient, against the floor notebook of bench_modules.py, median of --repeats runs.

Targets (2 cores): recording with Check, median <= 50 ms and p95 <= 100 ms per module (the widget budget);
00_start_here with 5,000 tries <= 2.0x the floor (the worst-module time-to-interactive budget).
Writes bench/results/progress.json and bench/results/progress.md.

Run: .venv/bin/python bench/bench_progress.py [--attempts 5000] [--checks 30] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget import REPO, machine, median, percentile, table, verdict, write_results  # noqa: E402

MEDIAN_MS, P95_MS, TTI_RATIO = 50.0, 100.0, 2.0


def fill(attempts: int) -> dict:
    """Record `attempts` tries of the course's items over the past year; returns what was stored."""
    from bonemets.learner.progress import ProgressStore
    from bonemets.learner.progress_view import course_items

    items, _labels = course_items()
    rng = random.Random(17)
    now = datetime.now(UTC)
    times = sorted(now - timedelta(days=365) * rng.random() for _ in range(attempts))
    started = time.perf_counter()
    with ProgressStore() as store:
        for when in times:
            item = rng.choice(items)
            store.record(item.id, item.module, item.objective, rng.choice((1.0, 1.0, 1.0, 0.5, 0.0)), when)
        stored = {"attempts": len(store.attempts()), "items": len(store.statuses()), "due_now": len(store.due())}
    stored["fill_s"] = round(time.perf_counter() - started, 1)
    stored["file_kb"] = round(Path(os.environ["BONEMETS_PROGRESS"]).stat().st_size / 1024)
    return stored


def time_checks(module: str, count: int, record: bool) -> list[float]:
    from bonemets.learner.progress import record_try
    from bonemets.learner.quiz import build_quiz

    questions = [q for q in build_quiz(module, record_try if record else None) if q.item.type != "written"]
    times = []
    for n in range(count + 2):
        q = questions[n % len(questions)]
        started = time.perf_counter()
        q.set_response(q.item.key_response)
        q.check()
        if n >= 2:
            times.append((time.perf_counter() - started) * 1000)
    return times


def first_check_ms() -> float:
    """The first Check of a kernel, which also opens the progress file (once per kernel)."""
    from bonemets.learner.progress import SESSION, record_try
    from bonemets.learner.quiz import build_quiz

    SESSION.reset()
    q = build_quiz("01", record_try)[0]
    q.set_response(q.item.key_response)
    started = time.perf_counter()
    q.check()
    return round((time.perf_counter() - started) * 1000, 1)


COLD_VIEW = ("import time; started = time.perf_counter(); from bonemets.learner.progress_view import ProgressView; "
             "ProgressView(); print((time.perf_counter() - started) * 1000)")


def cold_view_ms(repeats: int) -> float:
    """Build the view in a fresh Python process: imports ipywidgets and reads every bank and the file."""
    import subprocess

    runs = [float(subprocess.run([sys.executable, "-c", COLD_VIEW], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(repeats)]
    return round(median(runs), 1)


def bench_recording(count: int) -> dict:
    from bonemets.paths import quizzes_dir

    results = {}
    for path in sorted(quizzes_dir().glob("[0-9][0-9]_*.yaml")):
        module = path.name[:2]
        with_record = time_checks(module, count, record=True)
        without = time_checks(module, count, record=False)
        results[f"self-check {module}"] = {
            "median_ms": round(median(with_record), 2), "p95_ms": round(percentile(with_record, 0.95), 2),
            "max_ms": round(max(with_record), 2), "without_recording_median_ms": round(median(without), 2),
            "updates": count}
        results[f"self-check {module}"]["met"] = (results[f"self-check {module}"]["median_ms"] <= MEDIAN_MS
                                                  and results[f"self-check {module}"]["p95_ms"] <= P95_MS)
        print(f"self-check {module} with recording: median {median(with_record):.1f} ms, "
              f"p95 {percentile(with_record, 0.95):.1f} ms", flush=True)
    return results


def bench_view() -> dict:
    started = time.perf_counter()
    from bonemets.learner.progress_view import ProgressView

    imported = time.perf_counter()
    view = ProgressView()
    first = time.perf_counter()
    ProgressView()
    second = time.perf_counter()
    view.refresh()
    refreshed = time.perf_counter()
    questions = view.review_now()
    reviewed = time.perf_counter()
    return {"cold_build_ms": cold_view_ms(3), "import_ms": round((imported - started) * 1000, 1),
            "first_build_ms": round((first - imported) * 1000, 1),
            "rebuild_ms": round((second - first) * 1000, 1), "refresh_ms": round((refreshed - second) * 1000, 1),
            "review_round_ms": round((reviewed - refreshed) * 1000, 1), "review_questions": len(questions)}


def bench_start_page(repeats: int) -> dict:
    import nbformat
    from bench_modules import floor_notebook, run_notebook

    os.environ.pop("MPLBACKEND", None)
    start = nbformat.read(REPO / "notebooks" / "00_start_here.ipynb", as_version=4)
    floor = floor_notebook()
    run_notebook(floor, measure_memory=False)  # warm-up
    floors, starts = [], []
    for _ in range(repeats):
        floors.append(run_notebook(floor, measure_memory=False)["seconds"])
        starts.append(run_notebook(start, measure_memory=False)["seconds"])
    ratio = median(starts) / median(floors)
    return {"floor_s": round(median(floors), 2), "start_here_s": round(median(starts), 2),
            "ratio": round(ratio, 2), "met": ratio <= TTI_RATIO, "runs": repeats}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=5000, help="tries stored before measuring")
    parser.add_argument("--checks", type=int, default=30, help="timed Check presses per module")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the start page and the floor")
    args = parser.parse_args()
    os.environ["MPLBACKEND"] = "Agg"
    os.chdir(REPO / "notebooks")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["BONEMETS_PROGRESS"] = str(Path(scratch) / "progress.sqlite")
        stored = fill(args.attempts)
        print(f"stored: {stored}", flush=True)
        view = bench_view()  # before the timed Checks, which make every item they answer not due
        print(f"view: {view}", flush=True)
        first = first_check_ms()
        recording = bench_recording(args.checks)
        start_page = bench_start_page(args.repeats)
        print(f"start page: {start_page}", flush=True)

    targets = {**{f"{name} with recording: median <= {MEDIAN_MS:.0f} ms and p95 <= {P95_MS:.0f} ms": r["met"]
                  for name, r in recording.items()},
               f"00_start_here (progress view) with {stored['attempts']} tries <= {TTI_RATIO}x the floor":
                   start_page["met"]}
    report = {**machine(), "stored": stored, "first_check_ms": first, "recording": recording, "view": view,
              "start_page": start_page, "targets_met": targets}
    rows = [[name, r["updates"], f"{r['median_ms']:.1f}", f"{r['p95_ms']:.1f}",
             f"{r['without_recording_median_ms']:.1f}", verdict(r["met"])] for name, r in recording.items()]
    lines = [f"# Progress file: recording and the progress view with {stored['attempts']} tries stored "
             f"({report['cores']} cores, load average {report['load_average_1min']})", "",
             f"Stored: {stored['attempts']} tries of {stored['items']} items over a year ({stored['file_kb']} kB; "
             f"{stored['due_now']} due now).", "",
             *table(["Check with recording", "updates", "median ms", "p95 ms", "median ms without recording",
                     f"target (median <= {MEDIAN_MS:.0f}, p95 <= {P95_MS:.0f} ms)"], rows), "",
             f"The first Check of a kernel also opens the progress file: {first} ms.", "",
             f"Progress view: built in a fresh Python process (importing ipywidgets, reading every bank and the "
             f"file) {view['cold_build_ms']} ms (median of 3); in this process: build {view['first_build_ms']} ms, "
             "rebuild "
             f"{view['rebuild_ms']} ms, Refresh {view['refresh_ms']} ms, Review now round of "
             f"{view['review_questions']} questions {view['review_round_ms']} ms.", "",
             f"00_start_here.ipynb with the progress view, fresh kernel to last cell: {start_page['start_here_s']} s;"
             f" floor {start_page['floor_s']} s; {start_page['ratio']}x (target <= {TTI_RATIO}x): "
             f"{verdict(start_page['met'])}.", "",
             f"Targets met: {sum(targets.values())} of {len(targets)}."]
    write_results("progress", report, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())

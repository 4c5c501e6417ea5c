"""Benchmark: grading a class of 60 submissions of one module quiz, in one run beside the kernel floor.

(floor) a bare kernel start and stop: what any grader that runs each notebook pays per submission;
(b) one plain `nbgrader autograde ASSIGNMENT` call for the whole class (the course's config: no kernel);
(c) `bonemets grade ASSIGNMENT`: static grading from the files, no kernel (what the README tells instructors).
Half the class answers by typing and half by clicking (recorded answers), right, partly right and blank.
Reports seconds per submission and checks that (b) and (c) give every student the same scores.
Writes bench/results/grading.json and bench/results/grading.md.

Targets (issue 12, 2 cores): (c) <= 0.15 s per submission, with the same scores as nbgrader's own autograde.

Run: make bench   (or .venv/bin/python bench/bench_grading.py [--students 60] [--keep DIR])
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASSIGNMENT = "01_overview"
sys.path.insert(0, str(REPO / "tests" / "pipeline"))


def run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode not in (0, 2):  # bonemets grade exits 2 when someone needs manual grading
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def make_class(root: Path, students: int) -> Path:
    """A course with the module quiz released and `students` submissions: right, partly right and blank."""
    from classroom import answered, clicked, make_course, nbgrader, submit

    from bonemets.content.bank import load_bank

    course = make_course(root, ASSIGNMENT)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    items = load_bank(ASSIGNMENT[:2]).for_use("graded")
    for n in range(students):
        answers = {f"q{i}": item.solution for i, item in enumerate(items, start=1) if (i + n) % 3}
        way = clicked if n % 2 else answered
        submit(course, ASSIGNMENT, f"student{n:03d}", way(release, answers))
    return course


def floor(repeats: int = 10) -> float:
    """Seconds for one bare kernel start (until it answers) and graceful stop."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    for _ in range(repeats):
        km, kc = start_new_kernel(kernel_name="python3")
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return (time.perf_counter() - start) / repeats


def timed(course: Path, commands: list[list[str]]) -> float:
    start = time.perf_counter()
    for command in commands:
        run(command, course)
    return time.perf_counter() - start


def scores(course: Path) -> dict[str, float]:
    from classroom import gradebook_scores

    return gradebook_scores(course, ASSIGNMENT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--keep", help="keep the three graded courses in this folder")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-grading-"))
    template = make_class(work / "template", args.students)
    students = sorted(p.name for p in (template / "submitted").iterdir())
    courses = {}
    for way in ("b", "c"):
        courses[way] = work / way / "course"
        shutil.copytree(template, courses[way])

    results = {"floor": floor()}
    results["b"] = timed(courses["b"], [[str(BIN / "nbgrader"), "autograde", ASSIGNMENT]])
    results["c"] = timed(courses["c"], [[str(BIN / "bonemets"), "grade", ASSIGNMENT, "--quiet"]])
    same = scores(courses["b"]) == scores(courses["c"])
    if not args.keep:
        shutil.rmtree(work)

    n = len(students)
    per = {way: results[way] / n for way in ("b", "c")}
    report = {
        "students": n, "cores": cores, "python": platform.python_version(),
        "floor_s_per_kernel": round(results["floor"], 3),
        "s_per_submission": {way: round(value, 3) for way, value in per.items()},
        "total_s": {way: round(results[way], 1) for way in ("b", "c")},
        "speedup_c_over_b": round(per["b"] / per["c"], 2),
        "same_scores": same,
    }
    report["targets_met"] = {
        "c <= 0.15 s per submission": per["c"] <= 0.15,
        "c gives the same scores as nbgrader autograde": same,
    }
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "grading.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        f"# Grading benchmark: {n} submissions of {ASSIGNMENT}, {cores} cores", "",
        "| way | total s | s per submission |", "|---|---|---|",
        f"| floor: bare kernel start and stop (what running each notebook costs) | | {report['floor_s_per_kernel']} |",
        f"| (b) one plain nbgrader autograde for the class (no kernel) | {report['total_s']['b']} | {per['b']:.3f} |",
        f"| (c) bonemets grade (static, no kernel) | {report['total_s']['c']} | {per['c']:.3f} |", "",
        f"(c) is {report['speedup_c_over_b']}x faster than (b), and {report['floor_s_per_kernel'] / per['c']:.0f}x "
        f"faster than one kernel start per submission. Same scores in (b) and (c): {same}.", "",
        *(f"- {target}: {'met' if ok else 'NOT met'}" for target, ok in report["targets_met"].items()),
    ]
    (out / "grading.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

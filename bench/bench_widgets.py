"""Benchmark: how long each course widget and each module's self-check takes to answer one change.

Widgets are found, not listed: every public class in src/bonemets/widgets/*.py that is an interactive widget
(it subclasses ipywidgets.Widget, has `_ipython_display_`, or builds ipywidgets) is built with no arguments;
one that cannot be imported or built is skipped with a printed note. An update is one change of one control,
timed from setting the value (which runs the widget's observer, synchronously) to the return, when the text
and the chart are updated: the controls that have a `value` observer and the buttons that have a click
handler are changed in turn, each to a new value (placeholder "Choose..." options are skipped; incomplete
forms are filled in first). Caches that would skip the work are cleared before every update, so each update
really recomputes and redraws: the remodelling model's solver cache.
The triage trainer is driven as a student uses it: choose a case, then choose an urgency and press Check.
Self-checks: `bonemets.learner.quiz.build_quiz(module)` for every module of the bank; an update is
`q.set_response(q.item.key_response)` then `q.check()` (written items: a few words, then `q.check()`).
Runs in a plain Python process with the Agg matplotlib backend. Reports the median and 95th percentile of the
wall-clock time in milliseconds per widget (and the CPU time, which other programs disturb less).
Writes bench/results/widgets.json and bench/results/widgets.md.

Target (2 cores), per widget: median <= 50 ms and 95th percentile <= 100 ms.

Run: make bench   (or .venv/bin/python bench/bench_widgets.py [--updates 30])
"""

from __future__ import annotations

import os

os.environ["MPLBACKEND"] = "Agg"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget import REPO, machine, median, percentile, table, verdict, write_results  # noqa: E402

MEDIAN_MS, P95_MS = 50.0, 100.0
WARM_UP = 2  # updates made before timing (first-use imports), not counted


def _clear_solver_cache(_widget: object) -> None:
    from bonemets.models import remodelling

    remodelling.solve_cells.cache_clear()


# Caches that would let an update skip the recompute or the redraw, cleared before every timed update.
BEFORE_UPDATE: dict[str, Callable[[object], None]] = {
    "RemodellingExplorer": _clear_solver_cache,
}


def discover() -> tuple[list[tuple[str, type]], list[str]]:
    """The widget classes of bonemets.learner.widgets, and a note for each module that cannot be imported."""
    import dataclasses
    import enum
    import importlib
    import inspect
    import pkgutil

    import ipywidgets

    import bonemets.learner.widgets as package

    found, notes = [], []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        name = f"bonemets.learner.widgets.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as error:
            notes.append(f"skipped module {name}: cannot be imported ({_why(error)})")
            continue
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or cls_name.startswith("_") or dataclasses.is_dataclass(cls):
                continue
            if issubclass(cls, BaseException | enum.Enum | tuple):
                continue
            try:
                builds_widgets = "ipywidgets" in inspect.getsource(cls)
            except (OSError, TypeError):
                builds_widgets = False
            if issubclass(cls, ipywidgets.Widget) or hasattr(cls, "_ipython_display_") or builds_widgets:
                found.append((f"{info.name}.{cls_name}", cls))
    return found, notes


def _widgets_in(value: object, depth: int = 0):
    """ipywidgets found in an attribute: the widget itself, or inside a dict, list or tuple."""
    import ipywidgets

    if isinstance(value, ipywidgets.Widget):
        yield value
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _widgets_in(item, depth + 1)
    elif depth < 2 and isinstance(value, list | tuple):
        for item in value:
            yield from _widgets_in(item, depth + 1)


def controls_of(instance: object) -> list:
    """The controls the widget reacts to: value widgets with a value observer, buttons with a click handler."""
    import ipywidgets

    seen, controls = set(), []
    candidates = [instance] if isinstance(instance, ipywidgets.Widget) else []
    candidates += [w for value in vars(instance).values() for w in _widgets_in(value)]
    candidates += list(_tree(view_of(instance)))
    for widget in candidates:
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        if isinstance(widget, ipywidgets.Button):
            if widget._click_handlers.callbacks:
                controls.append(widget)
        elif isinstance(widget, ipywidgets.ValueWidget) and widget._trait_notifiers.get("value", {}).get("change"):
            if changeable(widget):
                controls.append(widget)
    return controls


def view_of(instance: object):
    import ipywidgets

    return instance if isinstance(instance, ipywidgets.Widget) else getattr(instance, "widget", None)


def _tree(widget):
    """The widget and every widget below it in the display tree."""
    if widget is None:
        return
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def output_state(instance: object) -> tuple:
    """What a student sees: the values of every HTML, Label, Image and Output in the display tree."""
    import ipywidgets

    state = []
    for widget in _tree(view_of(instance)):
        if isinstance(widget, ipywidgets.Output):
            state.append(repr(widget.outputs))
        elif isinstance(widget, ipywidgets.HTML | ipywidgets.HTMLMath | ipywidgets.Label | ipywidgets.Image):
            state.append(widget.value)
    return tuple(state)


def _choices(widget) -> list:
    options = getattr(widget, "options", ())
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    return [v for v in values if v is not None]  # None is the "Choose..." placeholder


def changeable(widget) -> bool:
    """Whether `next_value` knows how to give this control a new value."""
    import ipywidgets

    if isinstance(widget, ipywidgets.Checkbox | ipywidgets.ToggleButton):
        return True
    if hasattr(widget, "options"):
        values = _choices(widget)
        return not isinstance(widget.value, tuple) and bool(values) and (len(values) > 1 or widget.value not in values)
    return isinstance(widget.value, int | float) and not isinstance(widget.value, bool)


_GOING_UP: dict[int, bool] = {}


def next_value(widget):
    """A new value for a control, different from the current one (None: no way to change it is known)."""
    import ipywidgets

    if isinstance(widget, ipywidgets.Checkbox | ipywidgets.ToggleButton):
        return not widget.value
    if hasattr(widget, "options"):
        values = _choices(widget)
        index = values.index(widget.value) if widget.value in values else -1
        return values[(index + 1) % len(values)]
    if hasattr(widget, "min") and hasattr(widget, "max") and isinstance(widget.value, int | float):
        step = getattr(widget, "step", None) or (widget.max - widget.min) / 10
        going_up = _GOING_UP.get(id(widget), True)
        if widget.value + step > widget.max:
            going_up = False
        elif widget.value - step < widget.min:
            going_up = True
        _GOING_UP[id(widget)] = going_up
        value = widget.value + step if going_up else widget.value - step
        return type(widget.value)(value)
    if isinstance(widget.value, int | float) and not isinstance(widget.value, bool):
        # a number box: alternate 5% up and back down, so the input stays in its allowed range
        up = not _GOING_UP.get(id(widget), False)
        _GOING_UP[id(widget)] = up
        value = widget.value * 1.05 if up else widget.value / 1.05
        return round(value, 2) if isinstance(widget.value, float) else int(round(value)) + (1 if up else -1)
    raise ValueError(f"no new value is known for a {type(widget).__name__}")


def fill_in(instance: object) -> None:
    """Choose the first real option of every control still on its placeholder, so the form is complete."""
    for control in controls_of(instance):
        if hasattr(control, "options") and control.value is None and _choices(control):
            control.value = _choices(control)[0]


def generic_updates(instance: object) -> list[tuple[str, Callable[[], None]]]:
    """One update per control in turn: (what is changed, a function that returns the change to make)."""
    import ipywidgets

    fill_in(instance)
    updates = []
    for control in controls_of(instance):
        label = getattr(control, "description", "") or type(control).__name__
        if isinstance(control, ipywidgets.Button):
            updates.append((f"press '{label}'", lambda control=control: control.click))
        else:
            def change(control=control):
                value = next_value(control)
                return lambda: setattr(control, "value", value)

            updates.append((f"change '{label}'", change))
    return updates


def triage_updates(trainer) -> list[tuple[str, Callable]]:
    """As a student works: choose a case; choose an urgency and press Check (one update each)."""
    urgencies = _choices(trainer.choice)
    checks = iter(range(10**9))

    def choose_case():
        value = next_value(trainer.case)
        return lambda: setattr(trainer.case, "value", value)

    def choose_and_check():
        value = urgencies[next(checks) % len(urgencies)]

        def act() -> None:
            trainer.choice.value = value
            trainer.button.click()

        return act

    return [("choose a case", choose_case), ("choose an urgency and press Check", choose_and_check)]


def time_updates(instance: object, updates: list, count: int, before: Callable | None) -> dict:
    """Make `count` updates round-robin over `updates` (each a function that returns the change to time)."""
    wall, cpu, changed = [], [], 0
    for n in range(count + WARM_UP):
        label, prepare = updates[n % len(updates)]
        if before:
            before(instance)
        action = prepare()  # the new value is chosen before the clock starts
        state = output_state(instance)
        started, cpu_started = time.perf_counter(), time.process_time()
        action()
        elapsed, cpu_elapsed = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
        if n < WARM_UP:
            continue
        wall.append(elapsed)
        cpu.append(cpu_elapsed)
        changed += output_state(instance) != state
    return {"median_ms": round(median(wall), 2), "p95_ms": round(percentile(wall, 0.95), 2),
            "max_ms": round(max(wall), 2), "median_cpu_ms": round(median(cpu), 2),
            "p95_cpu_ms": round(percentile(cpu, 0.95), 2), "updates": count,
            "updates_that_changed_the_output": changed, "driven_by": sorted({u[0] for u in updates})}


def _why(error: Exception) -> str:
    """The error in one line (a bad data file can explain itself over many lines)."""
    lines = str(error).strip().splitlines() or [""]
    more = f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else ""
    return f"{type(error).__name__}: {lines[0]}{more}"


def bench_widgets(count: int) -> tuple[dict, list[str]]:
    found, notes = discover()
    results = {}
    for name, cls in found:
        try:
            started = time.perf_counter()
            instance = cls()
            build_ms = (time.perf_counter() - started) * 1000
        except Exception as error:
            notes.append(f"skipped {name}: cannot be built with no arguments ({_why(error)})")
            continue
        if view_of(instance) is None:
            notes.append(f"skipped {name}: not a widget (no .widget to display)")
            continue
        updates = triage_updates(instance) if cls.__name__ == "TriageTrainer" else generic_updates(instance)
        if not updates:
            notes.append(f"skipped {name}: no control with an observer or a click handler was found")
            continue
        try:
            result = time_updates(instance, updates, count, BEFORE_UPDATE.get(cls.__name__))
            if cls.__name__ in BEFORE_UPDATE:  # what a student sees on coming back to a setting seen before
                kept = time_updates(instance, updates, count, None)
                result["with_caches_kept"] = {k: kept[k] for k in ("median_ms", "p95_ms", "median_cpu_ms")}
        except Exception as error:
            notes.append(f"skipped {name}: an update failed ({_why(error)})")
            continue
        result["build_ms"] = round(build_ms, 1)
        result["caches_cleared_before_each_update"] = cls.__name__ in BEFORE_UPDATE
        results[name] = result
        print(f"{name}: median {result['median_ms']} ms, p95 {result['p95_ms']} ms", flush=True)
    return results, notes


def bench_quizzes(count: int) -> tuple[dict, list[str]]:
    from bonemets.learner.quiz import WrittenQuestion, build_quiz
    from bonemets.paths import quizzes_dir

    results, notes = {}, []
    for path in sorted(quizzes_dir().glob("[0-9][0-9]_*.yaml")):
        module = path.name[:2]
        try:
            started = time.perf_counter()
            questions = build_quiz(module)
            build_ms = (time.perf_counter() - started) * 1000
        except Exception as error:
            notes.append(f"skipped self-check {module}: cannot be built ({_why(error)})")
            continue
        wall, cpu, per_question = [], [], {}
        for q in questions:
            response = "some words here" if isinstance(q, WrittenQuestion) else q.item.key_response
            times = []
            for n in range(count + WARM_UP):
                started, cpu_started = time.perf_counter(), time.process_time()
                q.set_response(response)
                q.check()
                elapsed = (time.perf_counter() - started) * 1000
                if n >= WARM_UP:
                    times.append(elapsed)
                    cpu.append((time.process_time() - cpu_started) * 1000)
            wall += times
            per_question[f"q{q.number} ({q.item.type})"] = {"median_ms": round(median(times), 2),
                                                           "p95_ms": round(percentile(times, 0.95), 2)}
        if not wall:
            notes.append(f"skipped self-check {module}: it has no self-check questions")
            continue
        slowest = max(per_question, key=lambda k: per_question[k]["p95_ms"])
        results[f"self-check {module}"] = {
            "median_ms": round(median(wall), 2), "p95_ms": round(percentile(wall, 0.95), 2),
            "max_ms": round(max(wall), 2), "median_cpu_ms": round(median(cpu), 2),
            "p95_cpu_ms": round(percentile(cpu, 0.95), 2), "questions": len(questions),
            "updates": len(wall), "build_ms": round(build_ms, 1), "slowest_question": slowest,
            "per_question": per_question}
        print(f"self-check {module}: median {results[f'self-check {module}']['median_ms']} ms", flush=True)
    return results, notes


def ms(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=30, help="timed updates per widget and per question")
    args = parser.parse_args()
    os.chdir(REPO / "notebooks")  # where a learner's kernel runs

    widgets, widget_notes = bench_widgets(args.updates)
    quizzes, quiz_notes = bench_quizzes(args.updates)
    notes = widget_notes + quiz_notes
    for note in notes:
        print(note)
    everything = {**widgets, **quizzes}
    for result in everything.values():
        result["met"] = result["median_ms"] <= MEDIAN_MS and result["p95_ms"] <= P95_MS
    report = {**machine(), "targets": {"median_ms": MEDIAN_MS, "p95_ms": P95_MS}, "widgets": widgets,
              "self_checks": quizzes, "skipped": notes,
              "targets_met": {f"{name}: median <= {MEDIAN_MS:.0f} ms and p95 <= {P95_MS:.0f} ms": r["met"]
                              for name, r in everything.items()}}
    rows = [[name, r["updates"], ms(r["median_ms"]), ms(r["p95_ms"]), ms(r["median_cpu_ms"]), f"{r['build_ms']:.0f}",
             verdict(r["met"])] for name, r in everything.items()]
    kept = [f"{name}: median {ms(r['with_caches_kept']['median_ms'])} ms, p95 {ms(r['with_caches_kept']['p95_ms'])} ms"
            for name, r in widgets.items() if "with_caches_kept" in r]
    lines = [f"# Widget responsiveness: one update, recompute and redraw ({report['cores']} cores, "
             f"load average {report['load_average_1min']})", "",
             *table(["widget", "updates", "median ms", "p95 ms", "median CPU ms", "build ms",
                     f"target (median <= {MEDIAN_MS:.0f}, p95 <= {P95_MS:.0f} ms)"], rows), "",
             "Floor: none is measured for a widget update; the target is absolute. Self-checks: set the key answer, "
             "then Check. Caches cleared before every update (so each update recomputes and redraws): "
             + ", ".join(BEFORE_UPDATE) + ". The same widgets with their caches kept (a setting seen before): "
             + "; ".join(kept) + ".", "",
             f"Widgets meeting the target: {sum(r['met'] for r in everything.values())} of {len(everything)}.",
             *(["", "Skipped:", *(f"- {note}" for note in notes)] if notes else [])]
    write_results("widgets", report, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())

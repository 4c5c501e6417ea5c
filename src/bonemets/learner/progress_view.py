"""The "My progress" view and the "Review now" round, on the learner's own progress file (learner/progress.py).

The view: per module a bar (mastered / tried / not tried) drawn as inline SVG with a one-sentence accessible
name, the same counts in words, and a table per learning objective. Buttons: Review now, Export, Import
(a file upload), Forget (asks first). The review round is a short mixed quiz of the items due, interleaved
across modules, built from the self-check question widgets; each answer updates the schedule.
Written items are not in the view: they have no score to schedule on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from bonemets.assessment.items import Item
from bonemets.content.bank import all_banks
from bonemets.errors import ProgressStoreError
from bonemets.learner.progress import SESSION, ProgressStore, Tally, default_path, tally
from bonemets.learner.quiz import _CSS, Question, make_question

REVIEW_SIZE = 10
MASTERED, TRIED, NOT_TRIED = "#009E73", "#56B4E9", "#FFFFFF"  # Okabe-Ito bluish green, sky blue; white
PRIVACY_NOTE = (
    "<p><strong>Privacy.</strong> What is stored: for each self-check answer you check, the question's "
    "identifier, its module and learning objective, your score (for example 2 of 3 points) and the time; no answer "
    "text and no name. Where: in one file on this computer or in your own hub account, {where}. Nothing is sent "
    "anywhere. Your instructors cannot see it unless you share the exported file with them. "
    "<em>Forget my progress</em> deletes it.</p>")
MASTERY_NOTE = (
    "<p><strong>Mastered</strong> means full marks on your last two counted tries of a question. A try counts "
    "when it is at least 12 hours after the last counted one, so one of the two was a recall after time away. "
    "<strong>Due</strong> means the review schedule (the FSRS method) says it is time to answer it again, "
    "before you forget it.</p>")


def course_items() -> tuple[list[Item], dict[str, str]]:
    """Every scored self-check item of the course, in bank order, and a label for each module and objective."""
    items: list[Item] = []
    labels: dict[str, str] = {}
    for bank in all_banks():
        labels[bank.module] = bank.title
        labels.update({o.id: o.text for o in bank.objectives})
        items += [item for item in bank.for_use("self_check") if item.type != "written"]
    return items, labels


def interleave(items: list[Item]) -> list[Item]:
    """Take one item from each module in turn (keeping each module's order), so modules are mixed."""
    queues: dict[str, list[Item]] = {}
    for item in items:
        queues.setdefault(item.module, []).append(item)
    mixed: list[Item] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                mixed.append(queue.pop(0))
    return mixed


def _counts(t: Tally) -> str:
    return (f"{t.mastered} of {t.total} mastered, {t.attempted} tried, {t.due} due"
            if t.attempted else f"0 of {t.total} tried")


def summary_words(modules: list[Tally]) -> list[str]:
    """One sentence per module: the chart in words."""
    lines = []
    for t in modules:
        if not t.attempted:
            lines.append(f"Module {t.key}, {t.label}: {t.total} questions, none tried yet.")
        else:
            lines.append(f"Module {t.key}, {t.label}: {t.total} questions; you have tried {t.attempted} and "
                         f"mastered {t.mastered}; {t.due} {'is' if t.due == 1 else 'are'} due for review.")
    return lines


def chart_svg(modules: list[Tally]) -> str:
    """Per module a bar split into mastered, tried and not tried, with the counts written at its end."""
    left, width, row, top = 90, 360, 30, 44
    height = top + row * len(modules) + 10
    name = "Progress by module: " + "; ".join(f"module {t.key}, {_counts(t)}" for t in modules) + "."
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(name, quote=True)}" '
             f'viewBox="0 0 {left + width + 230} {height}" style="width: 100%; max-width: 760px; height: auto; '
             'font-family: sans-serif; font-size: 13px;">']
    for n, (label, colour) in enumerate((("mastered", MASTERED), ("tried", TRIED), ("not tried", NOT_TRIED))):
        x = left + n * 130
        parts.append(f'<rect x="{x}" y="8" width="14" height="14" fill="{colour}" stroke="#000000" '
                     f'stroke-width="0.6"/><text x="{x + 20}" y="20" fill="#000000">{label}</text>')
    for index, t in enumerate(modules):
        y = top + index * row
        scale = width / max(t.total, 1)
        x = left
        for count, colour in ((t.mastered, MASTERED), (t.attempted - t.mastered, TRIED),
                              (t.total - t.attempted, NOT_TRIED)):
            if count:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{count * scale:.1f}" height="{row - 10}" '
                             f'fill="{colour}" stroke="#000000" stroke-width="0.6"/>')
                x += count * scale
        parts.append(f'<text x="{left - 8}" y="{y + row / 2}" text-anchor="end" fill="#000000">'
                     f'Module {escape(t.key)}</text>')
        parts.append(f'<text x="{left + width + 8}" y="{y + row / 2}" fill="#000000">{escape(_counts(t))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def objective_table(objectives: list[Tally]) -> str:
    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>'
                   for h in ("Learning objective", "Questions", "Tried", "Mastered", "Due"))
    cell = '<td style="text-align:right; padding: 0 0.8em">'
    body = "".join(f'<tr><th scope="row" style="text-align:left; font-weight:normal">{escape(t.key)} '
                   f"{escape(t.label)}</th>{cell}{t.total}</td>{cell}{t.attempted}</td>{cell}{t.mastered}</td>"
                   f"{cell}{t.due}</td></tr>" for t in objectives)
    return (f'<table><caption style="text-align:left"><strong>By learning objective</strong></caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _status(text: str) -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f'<div role="status" aria-live="polite">{paragraphs}</div>'


class ProgressView:
    """My progress: the chart, the words, the objective table, the buttons, and the review round below them.

    `store` defaults to the learner's progress file (opened when first needed; viewing never creates it);
    `now` and `folder` (where exports are written) are for tests.
    """

    def __init__(self, store: ProgressStore | None = None, now: Callable[[], datetime] | None = None,
                 folder: Path | None = None) -> None:
        self._store = store
        self.now = now or (lambda: datetime.now(UTC))
        self.folder = folder or Path.cwd()
        self.items, self.labels = course_items()
        self.by_id = {item.id: item for item in self.items}
        where = escape(str(store.path if store is not None else default_path()))
        self.chart = widgets.HTML()
        self.words = widgets.HTML()
        self.table = widgets.HTML()
        self.message = widgets.HTML(_status(""))
        self.review_button = widgets.Button(description="Review now",
                                            tooltip="A short mixed quiz of the questions due")
        self.export_button = widgets.Button(description="Export progress", tooltip="Save your progress to a file")
        # No icon: Font Awesome's glyph would be read out as part of the button's name.
        self.upload = widgets.FileUpload(accept=".json", multiple=False, description="Import progress", icon="",
                                         tooltip="Add the tries from an exported progress file")
        self.forget_button = widgets.Button(description="Forget my progress",
                                            tooltip="Delete every try and schedule (asks first)")
        self.confirm_button = widgets.Button(description="Yes, delete my progress", button_style="danger")
        self.cancel_button = widgets.Button(description="Cancel")
        self.confirm_text = widgets.HTML()
        self.confirm = widgets.VBox([self.confirm_text, widgets.HBox([self.confirm_button, self.cancel_button])],
                                    layout=widgets.Layout(display="none"))
        self.review = widgets.VBox([widgets.HTML(_CSS)])
        self.review.add_class("bonemets-quiz")
        self.questions: list[Question] = []
        self.review_button.on_click(self.review_now)
        self.export_button.on_click(self.export)
        self.upload.observe(self._uploaded, names="value")
        self.forget_button.on_click(self.ask_forget)
        self.confirm_button.on_click(self.forget)
        self.cancel_button.on_click(self.cancel_forget)
        buttons = widgets.HBox([self.review_button, self.export_button, self.upload, self.forget_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([widgets.HTML("<h3>My progress</h3>"), self.chart, self.words, self.table,
                                    widgets.HTML(MASTERY_NOTE), buttons, self.confirm, self.message,
                                    widgets.HTML(PRIVACY_NOTE.format(where=f"<code>{where}</code>")), self.review])
        self.refresh()

    def _ipython_display_(self) -> None:
        display(self.widget)

    # -- the store ----------------------------------------------------------------------------------------
    def store(self, create: bool) -> ProgressStore | None:
        """The store, or None (nothing recorded yet and `create` False, or it cannot be opened: the message says)."""
        if self._store is not None:
            return self._store
        store = SESSION.open(create)
        if store is None and SESSION.problem:
            self.say(f"Your progress cannot be read or saved: {SESSION.problem}")
        return store

    def say(self, text: str) -> None:
        self.message.value = _status(text)

    # -- the summary ----------------------------------------------------------------------------------------
    def tallies(self) -> tuple[list[Tally], list[Tally]]:
        store = self.store(create=False)
        try:
            statuses = store.statuses() if store is not None else {}
        except ProgressStoreError as exc:
            self.say(f"Your progress cannot be read: {exc}")
            statuses = {}
        triples = [(item.id, item.module, item.objective) for item in self.items]
        return tally(triples, self.labels, statuses, self.now())

    def refresh(self, _button: widgets.Button | None = None) -> None:
        modules, objectives = self.tallies()
        self.chart.value = chart_svg(modules)
        self.words.value = "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in summary_words(modules)) + "</ul>"
        self.table.value = objective_table(objectives)

    # -- review now -----------------------------------------------------------------------------------------
    def due_items(self) -> list[Item]:
        store = self.store(create=False)
        if store is None:
            return []
        return [self.by_id[i] for i in store.due(self.now()) if i in self.by_id]

    def review_now(self, _button: widgets.Button | None = None) -> list[Question]:
        """Build the round: up to REVIEW_SIZE due questions, modules interleaved."""
        due = self.due_items()
        chosen = interleave(due)[:REVIEW_SIZE]
        self.questions = [make_question(item, n, self._record) for n, item in enumerate(chosen, start=1)]
        if not chosen:
            self.review.children = [self.review.children[0]]
            self.say("Nothing is due for review now. Answer the self-checks at the end of each module; the "
                     "questions come back here when they are due.")
            return []
        modules = sorted({item.module for item in chosen})
        intro = (f"<h3>Review round</h3><p>{len(chosen)} of the {len(due)} questions due, mixed from module"
                 f"{'s' if len(modules) > 1 else ''} {', '.join(modules)}. Check each answer; the schedule "
                 "moves with your score.</p>")
        children = [self.review.children[0], widgets.HTML(intro)]
        for q in self.questions:
            children += [widgets.HTML(f"<p><em>From module {q.item.module}: "
                                      f"{escape(self.labels.get(q.item.module, ''))}</em></p>"), q.widget]
        self.review.children = children
        self.say(f"Review round ready below: {len(chosen)} questions.")
        return self.questions

    def _record(self, item: Item, fraction: float) -> str | None:
        store = self.store(create=True)
        if store is None:
            return f"Your progress is not being saved: {SESSION.problem}"
        try:
            store.record(item.id, item.module, item.objective, fraction, self.now())
        except ProgressStoreError as exc:
            return f"Your progress is not being saved: {exc}"
        self.refresh()
        return None

    # -- export, import, forget -----------------------------------------------------------------------------
    def export(self, _button: widgets.Button | None = None) -> Path | None:
        store = self.store(create=False)
        if store is None:
            self.say("Nothing to export yet: no self-check answer has been recorded.")
            return None
        stem = f"bonemets-progress-{self.now():%Y-%m-%d}"
        path, n = self.folder / f"{stem}.json", 1
        while path.exists():
            n += 1
            path = self.folder / f"{stem}-{n}.json"
        try:
            count = store.export(path, self.now())
        except (OSError, ProgressStoreError) as exc:
            self.say(f"Could not write the export file {path}: {exc}")
            return None
        self.say(f"Exported {count} tries to {path.resolve()} (the folder this notebook is in). On a temporary "
                 "server such as Binder, download it now: right-click it in the file browser, then Download. "
                 "Later, use Import progress to add it back.")
        return path

    def _uploaded(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        self.import_file(files[0]["name"], bytes(files[0]["content"]))
        self.upload.value = ()

    def import_file(self, name: str, content: bytes) -> int:
        store = self.store(create=True)
        if store is None:
            return 0
        try:
            added = store.import_text(content, name)
        except ProgressStoreError as exc:
            self.say(f"Nothing was imported. {exc}")
            return 0
        self.say(f"Imported {added} new tries from {name}" + (" (the others were already here)." if added == 0
                                                               else "."))
        self.refresh()
        return added

    def ask_forget(self, _button: widgets.Button | None = None) -> None:
        where = self._store.path if self._store is not None else default_path()
        self.confirm_text.value = (f"<p><strong>Delete every recorded try and schedule in {escape(str(where))}?"
                                   "</strong> This cannot be undone. Export first if you may want them back. "
                                   "Files you exported before are not touched: delete them yourself if you want "
                                   "them gone.</p>")
        self.confirm.layout.display = "flex"

    def cancel_forget(self, _button: widgets.Button | None = None) -> None:
        self.confirm.layout.display = "none"
        self.say("Nothing was deleted.")

    def forget(self, _button: widgets.Button | None = None) -> int:
        self.confirm.layout.display = "none"
        store = self.store(create=False)
        deleted = 0
        if store is not None:
            try:
                deleted = store.forget()
            except ProgressStoreError as exc:
                self.say(f"Could not delete your progress: {exc}")
                return 0
        self.review.children = [self.review.children[0]]
        self.say(f"Your progress is forgotten: {deleted} tries deleted.")
        self.refresh()
        return deleted


def show_progress() -> None:
    """Display the learner's progress with Review now, Export, Import and Forget."""
    display(ProgressView().widget)

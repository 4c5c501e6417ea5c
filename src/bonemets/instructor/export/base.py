"""What every LMS exporter shares: the protocol, the lookup by name, item selection and the scoring notes.

An exporter turns a list of bank items into one file (bytes) and one `ItemNote` per item saying how
the LMS will score it: `exact`, `differs` (with how), or `not exported` (with why). `export` writes the
file and, beside it, the notes, so no item is ever dropped silently.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from bonemets.errors import ExportError

Status = Literal["exact", "differs", "not exported"]
USES = ("graded", "self_check", "all")


@dataclass(frozen=True)
class ItemNote:
    """How one item was written and how the LMS will score it compared with the course's NCSBN rule."""

    item_id: str
    item_type: str
    target: str
    status: Status
    details: tuple[str, ...] = ()

    def line(self) -> str:
        head = f"{self.item_id} ({self.item_type} -> {self.target}): {self.status}"
        return head + "".join(f"\n    - {d}" for d in self.details)


@dataclass
class Written:
    """An exporter's output: the file's bytes and a note per item, in bank order."""

    data: bytes
    notes: list[ItemNote] = field(default_factory=list)


class Exporter(Protocol):
    name: str  # the FORMAT word on the command line
    suffix: str  # the written file's ending, e.g. ".moodle.xml"
    description: str

    def write(self, items: Sequence[Any], title: str) -> Written: ...


def exporters() -> dict[str, Exporter]:
    from bonemets.instructor.export.gift import GiftExporter
    from bonemets.instructor.export.moodle_xml import MoodleXmlExporter
    from bonemets.instructor.export.qti import CanvasQtiExporter

    return {e.name: e for e in (MoodleXmlExporter(), CanvasQtiExporter(), GiftExporter())}


def get_exporter(name: str) -> Exporter:
    """The exporter for a FORMAT word, or an ExportError listing the formats there are."""
    known = exporters()
    if name not in known:
        choices = "; ".join(f"{k} ({e.description})" for k, e in known.items())
        raise ExportError(f"unknown export format '{name}'; choose one of: {choices}")
    return known[name]


def select_items(modules: Iterable[str], use: str) -> tuple[list[Any], str]:
    """The bank items of the given modules (all modules when none given) for a use, and a file stem."""
    from bonemets.content.bank import all_banks, load_bank

    if use not in USES:
        raise ExportError(f"--use must be one of {', '.join(USES)}; got '{use}'")
    modules = list(modules)
    try:
        banks = [load_bank(m) for m in modules] if modules else all_banks()
    except Exception as exc:  # a missing or malformed bank file: say which
        raise ExportError(f"cannot read the question bank for module(s) {', '.join(modules) or 'all'}: {exc}") \
            from None
    items = [i for b in banks for i in b.items if use == "all" or use in i.use]
    if not items:
        raise ExportError(f"no items with use '{use}' in module(s) {', '.join(modules) or 'all'}")
    stem = f"bonemets-{'-'.join(modules) if modules else 'all'}-{use}"
    return items, stem


def export(exporter: Exporter, items: Sequence[Any], stem: str, out_dir: Path, title: str) -> tuple[Path, Path,
                                                                                                    list[ItemNote]]:
    """Write the export and, beside it, `<stem>.scoring.txt` listing how each item will be scored."""
    written = exporter.write(items, title)
    if len(written.notes) != len(items):
        raise ExportError(f"{exporter.name}: {len(items)} items in, {len(written.notes)} notes out")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{stem}{exporter.suffix}"
    path.write_bytes(written.data)
    notes_path = out_dir / f"{stem}.{exporter.name}.scoring.txt"
    notes_path.write_text(notes_report(exporter, written.notes, path.name), encoding="utf-8")
    return path, notes_path, written.notes


def notes_report(exporter: Exporter, notes: Sequence[ItemNote], file_name: str) -> str:
    counts = {s: sum(n.status == s for n in notes) for s in ("exact", "differs", "not exported")}
    lines = [f"{file_name}: {len(notes)} items for {exporter.description}.",
             f"Scored as in the course (NCSBN rules): {counts['exact']}. Scored differently: {counts['differs']}. "
             f"Not exported: {counts['not exported']}.", ""]
    flagged = [n for n in notes if n.status != "exact"]
    if flagged:
        lines.append("Items the LMS will score differently, or could not take:")
        lines += [n.line() for n in flagged]
        lines.append("")
    lines.append("Every item:")
    lines += [f"{n.item_id} ({n.item_type} -> {n.target}): {n.status}" for n in notes]
    return "\n".join(lines) + "\n"


def unknown_type(item: Any, target: str) -> ItemNote:
    """The note for an item type this exporter does not know (a type added to the bank after it was written)."""
    kind = getattr(item, "type", type(item).__name__)
    return ItemNote(item.id, kind, target, "not exported",
                    (f"not exported: the {target} exporter has no mapping for item type '{kind}' yet; "
                     "add the question by hand in the LMS or extend the exporter.",))


@dataclass(frozen=True)
class ChoiceView:
    """A select-all question built from another item's parts (a highlight item's phrases), for the exporters."""

    id: str
    stem: str
    instructions: str
    options: tuple
    key: tuple
    points: int
    type: str = "select_all"


def highlight_as_choices(item: Any) -> ChoiceView:
    """A highlight item as select-all-that-apply: the note (or table) in the stem, one choice per phrase."""
    if getattr(item, "text", None) is not None:
        shown = f"{item.exhibit}: {item.passage()}"
    else:
        shown = f"{item.exhibit} (a table; columns {' | '.join(item.header)}): each row below is a choice."
    return ChoiceView(item.id, f"{item.stem} {shown}", "Select every phrase that matters.", tuple(item.phrases),
                      tuple(item.key), item.points)


HIGHLIGHT_NOTE = ("the phrases are check boxes under the note, not highlighted in the text itself; "
                  "+/- scoring floored at 0 is kept")


def trend_as_inner(item: Any) -> Any:
    """A trend item's question part, with the table of values given in words in its stem."""
    return item.inner.model_copy(update={"stem": f"{item.stem} {item.table.caption}: {item.table.in_words()}"})


TREND_NOTE = "the table of values over time is given in words in the question"


def para(text: str) -> str:
    """Plain bank text as one HTML paragraph (escaped)."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def cell_label(row_text: str, column_text: str) -> str:
    """A matrix cell as one choice: 'row: column'."""
    return f"{row_text}: {column_text}"


def points_note(item: Any, parts: int) -> str | None:
    """A note when a target weighs an item by its parts rather than by the item's points."""
    if parts != item.points:
        return (f"the LMS question is worth {parts} mark{'s' if parts != 1 else ''} (one per part); the course "
                f"weighs it {item.points}: set its mark to {item.points} in the quiz (the fraction earned is kept)")
    return None

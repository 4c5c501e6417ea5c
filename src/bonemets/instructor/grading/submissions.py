"""Checks of a handed-in folder before anything reads it: only the expected notebook is taken.

A submission folder may hold the expected notebook, nbgrader's timestamp.txt and, when it came through
nbgrader's exchange, submission_secret.txt (release_feedback needs it to address the feedback). Links are never
followed, other files are not taken (they stay in submitted/, so nothing is lost, and the summary names
them), and a notebook that is not a notebook, or whose nbgrader metadata has the wrong shape, is one
student's problem with a plain reason, never a crash of the class.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TIMESTAMP = "timestamp.txt"
SECRET = "submission_secret.txt"  # written by `nbgrader submit`; `nbgrader release_feedback` reads it
MAX_SECRET_BYTES = 1000
MAX_NOTEBOOK_BYTES = 5 * 1024 * 1024
MAX_TIMESTAMP_BYTES = 200
_FLAGS = ("grade", "solution", "locked", "task")


@dataclass
class Checked:
    """What was found in one student's folder."""

    notebooks: dict[str, dict] = field(default_factory=dict)  # name -> parsed notebook JSON
    timestamp: str | None = None
    secret: str | None = None  # nbgrader's submission secret, carried to autograded/ for release_feedback
    problem: str | None = None  # set: the student cannot be autograded, for this reason
    not_taken: list[str] = field(default_factory=list)  # files left out, with why


def _metadata_problem(nb: dict, name: str) -> str | None:
    cells = nb.get("cells")
    if not isinstance(nb.get("metadata", {}), dict) or not isinstance(cells, list):
        return f"{name} is not a notebook: it has no list of cells"
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            return f"{name}: cell {index} is not a notebook cell"
        source = cell.get("source", "")
        if not (isinstance(source, str) or isinstance(source, list) and all(isinstance(s, str) for s in source)):
            return f"{name}: cell {index} has a source that is not text"
        metadata = cell.get("metadata", {})
        if not isinstance(metadata, dict):
            return f"{name}: cell {index} has metadata that is not a dictionary"
        meta = metadata.get("nbgrader")
        if meta is None:
            continue
        if not isinstance(meta, dict):
            return f"{name}: cell {index} has nbgrader metadata that is not a dictionary ({type(meta).__name__})"
        wrong = [k for k in _FLAGS if k in meta and not isinstance(meta[k], bool)]
        if "grade_id" in meta and not isinstance(meta["grade_id"], str):
            wrong.append("grade_id")
        if "points" in meta and (isinstance(meta["points"], bool) or not isinstance(meta["points"], int | float)):
            wrong.append("points")
        if wrong:
            return (f"{name}: cell {index} has nbgrader metadata of the wrong type ({', '.join(wrong)}); "
                    "cell roles are set by the instructor's copy, so this was edited by hand")
    ids = Counter(c["metadata"]["nbgrader"].get("grade_id") for c in cells
                  if isinstance(c.get("metadata", {}).get("nbgrader"), dict))
    repeated = sorted(i for i, n in ids.items() if i and n > 1)
    if repeated:
        return (f"{name}: cell {', '.join(repeated)} appears more than once (a copied cell); grade by hand, "
                "or ask the student to delete the extra copy and hand in again")
    return None


def check_submission(folder: Path, expected: list[str]) -> Checked:
    """Read what a student handed in, taking only the expected notebooks and the timestamp."""
    checked = Checked()
    if folder.is_symlink():
        checked.problem = "the submission folder is a link, not a folder: nothing was taken"
        return checked
    entries = {entry.name: entry for entry in os.scandir(folder)}
    for name, entry in sorted(entries.items()):
        if entry.is_symlink():
            checked.not_taken.append(f"{name} (a link: links are never followed)")
        elif name == TIMESTAMP and entry.is_file() and entry.stat().st_size <= MAX_TIMESTAMP_BYTES:
            checked.timestamp = Path(entry.path).read_text(encoding="utf-8", errors="replace").strip()
        elif name == SECRET and entry.is_file() and entry.stat().st_size <= MAX_SECRET_BYTES:
            checked.secret = Path(entry.path).read_text(encoding="ascii", errors="replace").strip()
        elif name not in expected:
            checked.not_taken.append(f"{name} (not part of the assignment)")
    for name in expected:
        entry = entries.get(name)
        if entry is None:
            extra = [n for n in entries if n.endswith(".ipynb")]
            hint = f"; found {', '.join(sorted(extra))} instead (was the file renamed?)" if extra else ""
            checked.problem = f"notebook {name} is missing from the submission{hint}"
            return checked
        if entry.is_symlink() or not entry.is_file():
            checked.problem = f"{name} is a link or not a regular file, so it was not read"
            return checked
        if entry.stat().st_size > MAX_NOTEBOOK_BYTES:
            size_kb, limit_mb = entry.stat().st_size // 1024, MAX_NOTEBOOK_BYTES // 2**20
            checked.problem = f"{name} is {size_kb} KB, over the {limit_mb} MB limit for a quiz notebook"
            return checked
        try:
            nb = json.loads(Path(entry.path).read_bytes())
        except (ValueError, RecursionError) as exc:
            first_line = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            checked.problem = f"{name} is not a readable notebook (damaged or not JSON): {first_line}"
            return checked
        if not isinstance(nb, dict):
            checked.problem = f"{name} is not a notebook"
            return checked
        if problem := _metadata_problem(nb, name):
            checked.problem = problem
            return checked
        checked.notebooks[name] = nb
    return checked

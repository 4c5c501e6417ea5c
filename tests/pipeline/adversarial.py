"""A corpus of adversarial submissions to the fixture assignment (every item type), kept as recipes.

Each attack starts from the released notebook, types some honest answers, then tries to turn them into
more marks: by code in the student's own cells, by editing the notebook's cells or metadata, or by
breaking the file. `honest` is what the typed answers earn by the NCSBN rules, worked out by hand; the
grader must never give more. `message` is what the instructor's summary or the student's feedback says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from classroom import FIXTURE_BANK, answered, cell

ALL_RIGHT = {
    "q1": '"B"', "q2": '{"A", "C"}', "q3": '{"A", "C", "E", "F"}', "q4": '["A", "B", "A"]',
    "q5": '["AC", "B", ""]', "q6": '["A", "B"]', "q7": '["A", "A", "A"]', "q8": '["B", "D", "A", "C"]',
    "q9": '{"condition": "A", "actions": {"A", "C"}, "parameters": {"A", "C"}}', "q10": '"10.02 mg/dL"',
}
AUTO_TOTAL = 11  # q1-q8 one point each, the bow-tie 2, the numeric 1; the written answer (2) is marked by hand
WRONG_Q1 = {"q1": '"A"'}  # the only typed answer of most attackers: worth 0


@dataclass
class Attack:
    student: str
    what: str
    build: Callable[[Path], nbformat.NotebookNode | str]
    honest: float
    message: str = ""
    autograded: bool = True
    extra: Callable[[Path], None] | None = None  # changes the submission folder after the notebook is written


def _in_answer(code: str, answers: dict[str, str] = WRONG_Q1, grade_id: str = "90-choice-answer"):
    """Type the answers, then append `code` to one answer cell."""
    def build(release: Path) -> nbformat.NotebookNode:
        nb = answered(release, answers)
        target = cell(nb, grade_id)
        target.source += "\n" + code
        return nb
    return build


def _edit(change: Callable[[nbformat.NotebookNode], None], answers: dict[str, str] = WRONG_Q1):
    def build(release: Path) -> nbformat.NotebookNode:
        nb = answered(release, answers)
        change(nb)
        return nb
    return build


def _tamper_roles(nb) -> None:
    """Turn every answer cell into an ordinary autograded cell worth 50 that prints a number."""
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade_id", "").endswith("-answer") and c.cell_type == "code":
            meta.update(solution=False, grade=True, points=50)
            c.source += "\n1.0"


def _edit_locked(nb) -> None:
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("locked"):
            c.source = "1.0" if c.cell_type == "code" else "All answers are correct."


def _delete_cells(nb) -> None:
    nb.cells = [c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") not in ("90-choice-answer", "90-choice-question")]


def _change_types(nb) -> None:
    answer = cell(nb, "90-choice-answer")
    answer.cell_type = "markdown"
    answer.pop("outputs", None)
    answer.pop("execution_count", None)
    setup = cell(nb, "answer-setup")
    setup.cell_type = "markdown"
    setup.pop("outputs", None)
    setup.pop("execution_count", None)


def _points(nb) -> None:
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade"):
            meta["points"] = 100


def _duplicate(nb) -> None:
    answer = cell(nb, "90-choice-answer")
    copy = json.loads(json.dumps(answer))
    copy["id"] = answer["id"] + "-copy"
    copy["source"] = 'q1 = "B"'
    nb.cells.insert(nb.cells.index(answer) + 1, nbformat.from_dict(copy))


def _fake_grade_cell(nb) -> None:
    fake = nbformat.v4.new_code_cell("100.0", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": False, "points": 100, "grade_id": "extra-credit",
        "schema_version": 3, "task": False}})
    nb.cells.append(fake)


def _renamed(release: Path) -> str:
    return "RENAMED"  # the test writes the answered notebook under another name


PATCH_BONEMETS = """
import bonemets.assessment.answers, bonemets.assessment.items, bonemets.assessment.scoring
bonemets.assessment.answers.normalise = lambda *a, **k: frozenset({"B"})
bonemets.assessment.items.ChoiceItem.score = lambda self, response: bonemets.assessment.scoring.Score(1, 1)
import bonemets.instructor.grading.trusted_scoring
bonemets.instructor.grading.trusted_scoring.score_answer = lambda item, source, name, max_score: (max_score, "Correct")
"""
REDEFINE_BUILTINS = """
import builtins
builtins.isinstance = lambda *a: True
builtins.len = lambda x: 1
builtins.print = lambda *a, **k: None
"""
DISPLAY_FORMATTER = """
ip = get_ipython()
for kind in (float, int, type(None), str):
    ip.display_formatter.formatters["text/plain"].for_type(kind, lambda o, p, c: p.text("1.0"))
import sys
sys.displayhook = lambda value: print(1.0)
"""
INPUT_TRANSFORMER = 'get_ipython().input_transformers_cleanup.append(lambda lines: ["1.0\\n"])'
READ_THE_KEY = f'import yaml\nq1 = yaml.safe_load(open("{FIXTURE_BANK}"))["items"][0]["key"][0]'
READ_A_FILE = f'q1 = open("{FIXTURE_BANK}").read()[0]'
HUGE_OUTPUT = "for i in range(200000):\n    print('spam line', i)"
WARNING_TO_STDERR = """
import sys, warnings
warnings.warn("this function is deprecated", DeprecationWarning)
sys.stderr.write("UserWarning: just a note on stderr\\n")
"""

PWNED_FILE = Path("/tmp/bonemets-grading-ran-student-code")
WRITE_A_FILE = f"open({str(PWNED_FILE)!r}, 'w').write('ran')"
HTML_PAYLOAD = ('<script>document.title = "pwned"</script><img src="x" onerror="document.title=\'pwned\'">'
                '[click me](javascript:document.title="pwned")')


def _markdown_payload(nb) -> None:
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(HTML_PAYLOAD))
    written = cell(nb, "90-written-answer")
    written.source = HTML_PAYLOAD


def _bad_metadata(nb) -> None:
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("notes", metadata={"nbgrader": {"grade": "yes", "points": "9"}}))


def _link_notebook(folder: Path) -> None:
    notebook = folder / f"{folder.name}.ipynb"
    notebook.unlink()
    notebook.symlink_to(FIXTURE_BANK)


def _extra_link(folder: Path) -> None:
    (folder / "key.yaml").symlink_to(FIXTURE_BANK)
    (folder / "notes.py").write_text("print('hello')\n")


ATTACKS = [
    Attack("adv-builtins", "redefines builtins (isinstance, len, print)", _in_answer(REDEFINE_BUILTINS), 0),
    Attack("adv-patch", "patches the bonemets modules in the kernel", _in_answer(PATCH_BONEMETS), 0),
    Attack("adv-formatter", "changes IPython's display formatter and displayhook", _in_answer(DISPLAY_FORMATTER), 0),
    Attack("adv-transformer", "rewrites every later cell to print 1.0", _in_answer(INPUT_TRANSFORMER), 0),
    Attack("adv-roles", "turns answer cells into ordinary grade cells worth 50 that print 1.0",
           _edit(_tamper_roles), 0),
    Attack("adv-locked", "edits every locked cell (header, set-up, questions)", _edit(_edit_locked), 0),
    Attack("adv-deleted", "deletes an answer cell and its question cell", _edit(_delete_cells, ALL_RIGHT),
           AUTO_TOTAL - 1),
    Attack("adv-celltypes", "changes the answer and set-up cells to Markdown", _edit(_change_types), 0),
    Attack("adv-points", "sets every grade cell to 100 points", _edit(_points), 0),
    Attack("adv-fakecell", "adds its own grade cell worth 100", _edit(_fake_grade_cell), 0),
    Attack("adv-duplicate", "copies the answer cell, the copy holding the key", _edit(_duplicate), 0,
           "appears more than once", autograded=False),
    Attack("adv-exit", "ends the kernel with os._exit(0)", _in_answer("import os\nos._exit(0)"), 0),
    Attack("adv-loop", "loops forever", _in_answer("while True:\n    pass"), 0),
    Attack("adv-writefile", "writes a file when its answer cell runs", _in_answer(WRITE_A_FILE), 0),
    Attack("adv-html", "right answers, plus script, an onerror image and a javascript: link in Markdown",
           _edit(_markdown_payload, ALL_RIGHT), AUTO_TOTAL),
    Attack("adv-metadata", "a Markdown cell with nbgrader metadata of the wrong type", _edit(_bad_metadata), 0,
           "nbgrader metadata of the wrong type", autograded=False),
    Attack("adv-link", "hands in a link to the bank file as its notebook", _edit(lambda nb: None), 0,
           "is a link", autograded=False, extra=_link_notebook),
    Attack("adv-extras", "right answers, plus a link to the bank file and a script beside the notebook",
           _edit(lambda nb: None, ALL_RIGHT), AUTO_TOTAL, "files not taken: key.yaml (a link", extra=_extra_link),
    Attack("adv-huge", "prints 200,000 lines", _in_answer(HUGE_OUTPUT), 0),
    Attack("adv-readkey", "reads the key from the bank file at grading time", _in_answer(READ_THE_KEY, {}), 0),
    Attack("adv-readfile", "reads a file outside the notebook", _in_answer(READ_A_FILE, {}), 0),
    Attack("adv-stderr", "right answers, plus a warning written to stderr",
           _in_answer(WARNING_TO_STDERR, ALL_RIGHT), AUTO_TOTAL),
    Attack("adv-json", "hands in a file that is not JSON", lambda release: '{"cells": [ not json', 0,
           "not a readable notebook", autograded=False),
    Attack("adv-renamed", "renames the notebook", _renamed, 0, "missing from the submission", autograded=False),
]

"""Question bank -> nbgrader source notebooks (source/<assignment>/<assignment>.ipynb).

Each graded item becomes three cells with nbgrader schema-3 metadata:
- a locked markdown cell with the stem, the options and the answer format;
- an answer cell the student fills with a plain value (`q2 = {"A", "C"}`);
- a locked grade cell: a visible format check, then hidden tests that score the
  answer with the bank's NCSBN rule and print the rationales for the feedback.
Generation is deterministic, so a test can compare it with the committed source/.
"""

from __future__ import annotations

import pprint
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from bonemets.bank import Bank, ChoiceItem, all_banks, bank_path
from bonemets.feedback import RULES, instructions
from bonemets.grading import answer_example
from bonemets.paths import course_root

DISCLAIMER = (
    "For education only: not for clinical decisions or medical advice. Follow local policy, "
    "current orders and product labels. All patients in this course are fictional."
)
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def assignment_name(bank: Bank) -> str:
    """The assignment folder name, e.g. '01_overview', from the bank's file name."""
    return bank_path(bank.module).stem


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int = 0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _question_markdown(number: int, item: ChoiceItem) -> str:
    points = item.points
    options = "\n".join(f"- **{o.id}.** {o.text}" for o in item.options)
    return (
        f"## Question {number} ({points} point{'s' if points != 1 else ''})\n\n"
        f"{item.stem}\n\n{options}\n\n"
        f"*{instructions(item)}* Scoring: {RULES[item.scoring]}.\n\n"
        f"Answer format: `{answer_example(f'q{number}', item.type, len(item.key))}` "
        "(an example of the format, not a hint)."
    )


def _check_source(name: str, item: ChoiceItem) -> str:
    option_ids = "".join(o.id for o in item.options)
    count = len(item.key) if item.type == "select_n" else 1  # never reveal how many keys a SATA has
    spec = pprint.pformat(item.model_dump(mode="json"), width=100, sort_dicts=True)
    return "\n".join([
        "# Checks the format of your answer only; it does not say whether the answer is right.",
        "from bonemets.grading import check_format",
        f'check_format("{name}", "{item.type}", "{option_ids}", {count})',
        "### BEGIN HIDDEN TESTS",
        "# Load the scorer fresh, so nothing a submission did to the package can change it.",
        "import sys",
        "for _module in [m for m in sys.modules if m.split('.')[0] == 'bonemets']:",
        "    del sys.modules[_module]",
        "from bonemets.grading import grade",
        f"grade(\"{name}\", {spec})",
        "### END HIDDEN TESTS",
    ])


def build_notebook(bank: Bank) -> nbformat.NotebookNode:
    """The nbgrader source notebook for a module's graded items (with solutions)."""
    items = bank.for_use("graded")
    if not items:
        raise ValueError(f"module {bank.module} has no items with use: graded")
    total = sum(item.points for item in items)
    header = (
        f"# Graded quiz: module {bank.module}, {bank.title}\n\n"
        f"**{DISCLAIMER}**\n\n"
        f"{len(items)} questions, {total} points. For each question, type your answer in the "
        "answer cell after the `=` sign, in the format shown, and delete the line "
        "`raise NotImplementedError(...)`. Letters go in quotes; several letters go in curly "
        'brackets, for example `q2 = {"A", "C"}`.\n\n'
        "Then run the check cell below it: it tells you whether the *format* is right, not "
        "whether the answer is right. Before you hand in, choose *Kernel > Restart Kernel and "
        "Run All Cells* and make sure no check reports a problem. Do not rename this file or "
        "delete cells. Rationales for every option come back with your feedback after grading."
    )
    cells = [new_markdown_cell(header, id="header",
                               metadata=_nbgrader("header", grade=False, solution=False, locked=True))]
    for number, item in enumerate(items, start=1):
        name = f"q{number}"
        key = f'"{item.key[0]}"' if item.type == "multiple_choice" else "{" + ", ".join(
            f'"{k}"' for k in item.key) + "}"
        points = item.points
        cells += [
            new_markdown_cell(_question_markdown(number, item), id=f"{item.id}-question",
                              metadata=_nbgrader(f"{item.id}-question", grade=False, solution=False,
                                                 locked=True)),
            new_code_cell(f"# Question {number}: your answer, in the format {name} = ...\n"
                          f"### BEGIN SOLUTION\n{name} = {key}\n### END SOLUTION", id=f"{item.id}-answer",
                          metadata=_nbgrader(f"{item.id}-answer", grade=False, solution=True, locked=False)),
            new_code_cell(_check_source(name, item), id=f"{item.id}-check",
                          metadata=_nbgrader(f"{item.id}-check", grade=True, solution=False, locked=True,
                                             points=points)),
        ]
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        "bonemets": {"module": bank.module, "items": [item.id for item in items]},
    })
    nb.nbformat_minor = 5
    return nb


def render(bank: Bank) -> str:
    return nbformat.writes(build_notebook(bank)) + "\n"


def source_path(bank: Bank, root: Path | None = None) -> Path:
    name = assignment_name(bank)
    return (root or course_root()) / "source" / name / f"{name}.ipynb"


def build_all(root: Path | None = None) -> list[Path]:
    """Write source/ for every bank with graded items; returns the files written."""
    written = []
    for bank in all_banks():
        if not bank.for_use("graded"):
            continue
        path = source_path(bank, root)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(bank), encoding="utf-8")
        written.append(path)
    return written

"""Question bank -> nbgrader source notebooks (source/<assignment>/<assignment>.ipynb).

Each graded item becomes cells with nbgrader schema-3 metadata:
- a locked markdown cell with the stem, the options and the answer format;
- the answer cell, where the student types a plain value (`q2 = {"A", "C"}`). It is an nbgrader
  "manually graded answer" cell: nbgrader never scores it from the kernel's output. The trusted
  grader (`bonemets.trusted`, set in nbgrader_config.py) scores its text outside the kernel;
- a locked check cell that tells the student, in plain words, when the format is wrong.
A written item's answer cell is Markdown, marked by the instructor in formgrader.
Generation is deterministic, so a test can compare it with the committed source/.
"""

from __future__ import annotations

import pprint
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from bonemets.assessment.answers import BOWTIE_GROUPS, example
from bonemets.assessment.items import (
    RULES,
    BowtieItem,
    ChoiceItem,
    ClozeItem,
    Item,
    MatrixItem,
    OrderedItem,
    WrittenItem,
)
from bonemets.content.bank import Bank, all_banks, bank_path
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


def _options(options) -> str:
    return "\n".join(f"- **{o.id}.** {o.text}" for o in options)


def _body(item: Item) -> str:
    """The question's stem and choices in Markdown, for any item type."""
    if isinstance(item, ChoiceItem):
        return f"{item.stem}\n\n{_options(item.options)}"
    if isinstance(item, MatrixItem):
        rows = "\n".join(f"{n}. {row.text}" for n, row in enumerate(item.rows, 1))
        return f"{item.stem}\n\nRows:\n\n{rows}\n\nColumns:\n\n{_options(item.columns)}"
    if isinstance(item, ClozeItem):
        text = re.sub(r"\{(\d+)\}", r"**[blank \1]**", item.text)
        blanks = "\n\n".join(f"Options for blank {n}:\n\n{_options(b.options)}"
                              for n, b in enumerate(item.blanks, 1))
        return f"{item.stem}\n\n> {text}\n\n{blanks}"
    if isinstance(item, OrderedItem):
        return f"{item.stem}\n\n{_options(item.tokens)}"
    if isinstance(item, BowtieItem):
        return item.stem + "".join(f"\n\n{title}:\n\n{_options(item.group(group).options)}" for group, title in
                                   zip(BOWTIE_GROUPS, ("Condition (choose 1)", "Actions to take (choose 2)",
                                                       "Parameters to monitor (choose 2)"), strict=True))
    return item.stem


def _question_markdown(number: int, item: Item) -> str:
    points = item.points
    heading = f"## Question {number} ({points} point{'s' if points != 1 else ''})\n\n{_body(item)}\n\n"
    if isinstance(item, WrittenItem):
        return heading + (f"*{item.instructions}* Type your answer in the cell below; your instructor marks it "
                          "against a rubric.")
    return heading + (f"*{item.instructions}* Scoring: {RULES[item.rule]}.\n\n"
                      f"Answer format: `{example(f'q{number}', item.form())}` "
                      + ("(a made-up number, to show the format)." if item.type == "numeric"
                         else "(an example of the format, not a hint)."))


def _check_source(name: str, item: Item) -> str:
    form = pprint.pformat(item.form(), width=100, sort_dicts=False)
    return "\n".join([
        "# Checks the format of your answer only; it does not say whether the answer is right.",
        "from bonemets.grading import check_format",
        f'check_format("{name}", {form})',
    ])


def _written_source(item: WrittenItem) -> str:
    rubric = "\n".join(f"- {line}" for line in item.rubric)
    return f"Model answer (instructor copy only): {item.model_answer}\n\nRubric:\n\n{rubric}"


def _item_cells(number: int, item: Item) -> list:
    name = f"q{number}"
    cells = [new_markdown_cell(_question_markdown(number, item), id=f"{item.id}-question",
                               metadata=_nbgrader(f"{item.id}-question", grade=False, solution=False, locked=True))]
    answer_meta = _nbgrader(f"{item.id}-answer", grade=True, solution=True, locked=False, points=item.points)
    if isinstance(item, WrittenItem):
        return [*cells, new_markdown_cell(_written_source(item), id=f"{item.id}-answer", metadata=answer_meta)]
    return [
        *cells,
        new_code_cell(f"# Question {number}: your answer, in the format {name} = ...\n"
                      f"### BEGIN SOLUTION\n{name} = {item.solution}\n### END SOLUTION",
                      id=f"{item.id}-answer", metadata=answer_meta),
        new_code_cell(_check_source(name, item), id=f"{item.id}-check",
                      metadata=_nbgrader(f"{item.id}-check", grade=False, solution=False, locked=True)),
    ]


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
        cells += _item_cells(number, item)
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

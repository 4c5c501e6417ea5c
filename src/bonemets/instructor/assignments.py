"""Question bank -> nbgrader source notebooks (source/<assignment>/<assignment>.ipynb).

The notebook opens with a locked, collapsed set-up cell that builds the answer boxes from a spec with no key
(learner/answer_sheet.py), and ends with a locked "check my answers" cell. Each graded item becomes cells
with nbgrader schema-3 metadata, laid out by the contract in assessment/answer_cells.py:
- a locked markdown cell with the stem and the options;
- the answer cell, an nbgrader "manually graded answer" cell holding `ask("qN")`: the answer box. A click
  records the answer in the cell's output; a student may type `qN = ...` instead. The grader reads either
  from the file (instructor/grading/), never by running it.
A written item's answer cell is Markdown, marked by the instructor in formgrader.
Generation is deterministic, so a test can compare it with the committed source/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from bonemets.assessment.answer_cells import (
    SETUP_ID,
    SUMMARY_ID,
    answer_cell_id,
    answer_name,
    answer_prompt,
    ask_line,
    question_cell_id,
)
from bonemets.assessment.answers import BOWTIE_GROUPS, example
from bonemets.assessment.items import (
    RULES,
    BowtieItem,
    ChoiceItem,
    ClozeItem,
    HighlightItem,
    Item,
    MatrixItem,
    OrderedItem,
    TrendItem,
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
    if isinstance(item, HighlightItem):
        listing = f"\n\n{_options(item.phrases)}" if item.text is not None else ""
        return f"{item.stem}\n\n{item.exhibit_markdown()}{listing}"
    if isinstance(item, TrendItem):
        question = _body(item.inner).removeprefix(item.stem)
        return f"{item.stem}\n\n{item.table.markdown()}{question}"
    return item.stem


def _question_markdown(number: int, item: Item) -> str:
    points = item.points
    heading = f"## Question {number} ({points} point{'s' if points != 1 else ''})\n\n{_body(item)}\n\n"
    if isinstance(item, WrittenItem):
        return heading + (f"*{item.instructions}* Type your answer in the cell below; your instructor marks it "
                          "against a rubric.")
    return heading + f"*{item.instructions}* Choose your answer in the box below. Scoring: {RULES[item.rule]}."


def _pairs(options) -> list[list[str]]:
    return [[o.id, o.text] for o in options]


def box_view(item: Item) -> dict:
    """What an answer box shows (labels only; never the key or a rationale)."""
    if isinstance(item, ChoiceItem):
        return {"options": _pairs(item.options)}
    if isinstance(item, MatrixItem):
        return {"rows": [row.text for row in item.rows], "columns": _pairs(item.columns)}
    if isinstance(item, ClozeItem):
        return {"blanks": [_pairs(b.options) for b in item.blanks]}
    if isinstance(item, OrderedItem):
        return {"tokens": _pairs(item.tokens)}
    if isinstance(item, BowtieItem):
        return {"groups": {g: _pairs(item.group(g).options) for g in BOWTIE_GROUPS}}
    if isinstance(item, HighlightItem):
        return {"options": _pairs(item.phrases)}
    if isinstance(item, TrendItem):
        return {"ask": box_view(item.inner)}
    return {}


def sheet_spec(bank: Bank, items: list[Item]) -> dict:
    questions = {answer_name(n): {"form": item.form(), "view": box_view(item)}
                 for n, item in enumerate(items, start=1) if not isinstance(item, WrittenItem)}
    return {"module": bank.module, "questions": questions}


def _setup_source(spec: dict, width: int = 72) -> str:
    """The locked set-up cell: the spec as short string pieces, so no line needs scrolling sideways."""
    text = json.dumps(spec, ensure_ascii=False)
    pieces = [f"    {text[i:i + width]!r}" for i in range(0, len(text), width)]
    return "\n".join([
        "# Run this cell first (it is locked): it sets up the answer boxes. It holds no answers.",
        "from bonemets import answer_sheet",
        "ask, check_answers = answer_sheet(",
        *pieces,
        ")",
    ])


def _written_source(item: WrittenItem) -> str:
    rubric = "\n".join(f"- {line}" for line in item.rubric)
    return f"Model answer (instructor copy only): {item.model_answer}\n\nRubric:\n\n{rubric}"


def _locked(cell_id: str) -> dict:
    return _nbgrader(cell_id, grade=False, solution=False, locked=True)


def _item_cells(number: int, item: Item) -> list:
    name = answer_name(number)
    cells = [new_markdown_cell(_question_markdown(number, item), id=question_cell_id(item.id),
                               metadata=_locked(question_cell_id(item.id)))]
    answer_id = answer_cell_id(item.id)
    answer_meta = _nbgrader(answer_id, grade=True, solution=True, locked=False, points=item.points)
    if isinstance(item, WrittenItem):
        return [*cells, new_markdown_cell(_written_source(item), id=answer_id, metadata=answer_meta)]
    shown = example(name, item.form())
    prompt = answer_prompt(number, f'{name} = "X" (X: your letter)' if shown == f'{name} = "B"' else shown)
    return [*cells, new_code_cell(f"{prompt}\n{ask_line(name)}\n### BEGIN SOLUTION\n{name} = {item.solution}\n"
                                  "### END SOLUTION", id=answer_id, metadata=answer_meta)]


def build_notebook(bank: Bank) -> nbformat.NotebookNode:
    """The nbgrader source notebook for a module's graded items (with solutions)."""
    items = bank.for_use("graded")
    if not items:
        raise ValueError(f"module {bank.module} has no items with use: graded")
    total = sum(item.points for item in items)
    header = (
        f"# Graded quiz: module {bank.module}, {bank.title}\n\n"
        f"**{DISCLAIMER}**\n\n"
        f"{len(items)} questions, {total} points.\n\n"
        "1. Choose *Run > Run All Cells*. An answer box appears under each question.\n"
        "2. Answer by clicking, as in the self-checks (Tab moves between controls; Space opens a list, then "
        "the arrow keys and Enter). Each answer is recorded under its box as a line such as `q1 = \"B\"`.\n"
        "3. At the end, the *check my answers* cell says which questions have a recorded answer.\n"
        "4. Save (Ctrl+S) and hand in. Do not rename this file or delete cells.\n\n"
        "Prefer typing? Replace a question's `ask(...)` line with your answer, for example `q1 = \"B\"`; "
        "a typed answer is the one marked. Rationales for every option come back with your feedback after "
        "grading."
    )
    setup = new_code_cell(_setup_source(sheet_spec(bank, items)), id=SETUP_ID, metadata=_locked(SETUP_ID))
    setup.metadata["jupyter"] = {"source_hidden": True}
    cells = [new_markdown_cell(header, id="header", metadata=_locked("header")), setup]
    for number, item in enumerate(items, start=1):
        cells += _item_cells(number, item)
    cells.append(new_markdown_cell("## Check my answers\n\nThe list below says which questions have an answer, "
                                   "and follows each click. After saving (Ctrl+S), press *Check again* to see "
                                   "that every answer is saved, then hand in.",
                                   id="answer-summary-title", metadata=_locked("answer-summary-title")))
    cells.append(new_code_cell("check_answers()", id=SUMMARY_ID, metadata=_locked(SUMMARY_ID)))
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

"""Trusted scoring: the score is computed outside the student's kernel, from the answer cell's text.

nbgrader runs a submission in the student's own kernel, where the student's code can redefine
builtins, patch modules or change how numbers are displayed. So nothing printed by that kernel
is trusted. After nbgrader has run the notebook and saved its grades, `TrustedScoring` (set
in nbgrader_config.py) reads each answer cell's *source text*, takes the plain value assigned
to `qN` without running any code (`ast`), scores it with the bank's NCSBN rule and writes the
score to the gradebook, replacing the cell's outputs with the rationales.

Fail safe: answer cells are nbgrader "manually graded answer" cells, whose score nbgrader never
takes from outputs. If this preprocessor is missing or disabled, every answer is left as
"needs manual grading" with no automatic points, so nobody gains; `bonemets grade` refuses to
run without it.
"""

from __future__ import annotations

import ast
import re
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, OverwriteCells, SaveAutoGrades
from traitlets import Unicode

from bonemets.assessment.answers import AnswerFormatError, normalise
from bonemets.assessment.feedback import feedback_text
from bonemets.assessment.items import Item, WrittenItem
from bonemets.content.bank import Bank, parse_bank

MAX_ANSWER_CHARS = 5000
MAX_NODES = 500
ANSWER_SUFFIX = "-answer"
_NAME = re.compile(r"in the format (q\d+) =")


def _plain(node: ast.AST, name: str) -> Any:
    """The value of a literal expression; arithmetic on numbers is allowed, nothing is called or looked up."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool) or (
            isinstance(node, ast.Constant) and node.value is None):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return [_plain(e, name) for e in node.elts]
    if isinstance(node, ast.Set):
        return {_hashable(_plain(e, name), name) for e in node.elts}
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise AnswerFormatError(f"{name} uses ** inside a dictionary; type the entries out.")
        return {_hashable(_plain(k, name), name): _plain(v, name) for k, v in zip(node.keys, node.values,
                                                                                  strict=True)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "set" \
            and not node.args and not node.keywords:
        return set()
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return _number(_plain(node.operand, name), name) * (-1 if isinstance(node.op, ast.USub) else 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        left, right = _number(_plain(node.left, name), name), _number(_plain(node.right, name), name)
        try:
            return {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}[type(node.op)] \
                if not isinstance(node.op, ast.Div) else left / right
        except ZeroDivisionError:
            raise AnswerFormatError(f"{name} divides by zero.") from None
    raise AnswerFormatError(
        f"{name} must be a plain value typed in its answer cell (letters in quotes, lists, sets, numbers); "
        f"the grader does not run code, and this answer uses {type(node).__name__.lower()} "
        f"on line {getattr(node, 'lineno', '?')}.")


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerFormatError(f"{name}: only numbers can be added, subtracted, multiplied or divided.")
    return value


def _hashable(value: Any, name: str) -> Any:
    if isinstance(value, list | set | dict):
        raise AnswerFormatError(f"{name}: a set or dictionary cannot contain a list, set or dictionary.")
    return value


def read_answer(source: str, name: str) -> Any:
    """The plain value the answer cell's text assigns to `name` (the last assignment wins)."""
    if len(source) > MAX_ANSWER_CHARS:
        raise AnswerFormatError(f"the answer cell for {name} is {len(source)} characters long; "
                                f"an answer is one short line such as {name} = \"B\".")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise AnswerFormatError(f"the answer cell for {name} is not valid Python on line {exc.lineno}: "
                                f"{exc.msg}. Check the quotes and brackets.") from None
    except (ValueError, RecursionError, MemoryError):
        raise AnswerFormatError(f"the answer cell for {name} could not be read.") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES * 4:
        raise AnswerFormatError(f"the answer cell for {name} is far longer than an answer.")
    value_node = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in statement.targets):
            value_node = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.target.id == name and statement.value is not None:
            value_node = statement.value
    if value_node is None:
        raise AnswerFormatError(f"{name} has no answer: its answer cell does not contain a line {name} = ... "
                                "(answers typed in other cells are not marked).")
    if sum(1 for _ in ast.walk(value_node)) > MAX_NODES:
        raise AnswerFormatError(f"{name} is far longer than an answer.")
    return _plain(value_node, name)


def wrap(text: str, width: int = 100) -> str:
    """Feedback lines wrapped for nbgrader's feedback page, which shows long output lines cut off."""
    lines = []
    for line in text.splitlines():
        indent = "  " if line.startswith(("- ", "  ")) else ""
        lines.append(textwrap.fill(line, width, subsequent_indent=indent, break_on_hyphens=False) if line else "")
    return "\n".join(lines)


def score_answer(item: Item, source: str, name: str, max_score: float) -> tuple[float, str]:
    """Marks out of `max_score` and the feedback text for one answer cell's source."""
    try:
        response = normalise(name, read_answer(source, name), item.form())
    except AnswerFormatError as exc:
        return 0.0, f"Answer format problem: {exc}\nMarks for this question: 0 of {max_score:g}."
    except RecursionError:
        return 0.0, f"Answer format problem: {name} is nested too deeply.\nMarks: 0 of {max_score:g}."
    marks = round(item.score(response).fraction * max_score, 4)
    return marks, f"{feedback_text(item, response)}\nMarks for this question: {marks:g} of {max_score:g}."


@cache
def _banks(bank_dir: str) -> dict[str, Bank]:
    folder = Path(bank_dir)
    files = sorted(folder.glob("[0-9][0-9]_*.yaml"))
    if not files:
        raise FileNotFoundError(f"TrustedScoring: no question bank (NN_*.yaml) in {folder}; set "
                                "c.TrustedScoring.bank_dir in nbgrader_config.py to the course's quizzes/ folder.")
    return {p.name[:2]: parse_bank(p.read_text(encoding="utf-8"), str(p)) for p in files}


def find_item(bank_dir: str, item_id: str) -> Item:
    bank = _banks(bank_dir).get(item_id[:2])
    if bank is None:
        raise KeyError(f"TrustedScoring: no bank for module {item_id[:2]} in {bank_dir}")
    return bank.item(item_id)


KERNEL_STOPPED = ("Note: Python stopped before your notebook finished running ({reason}). Answers are marked from "
                  "what you typed in each answer cell, so they were still marked.")


class SafeExecute(Execute):
    """nbgrader's Execute, except that a kernel that dies or stops answering ends the run instead of the grading.

    A submission can end its own kernel (`os._exit`, `exit()`) or flood it. Scores do not depend on the
    kernel (they are read from the answer cells' text), so the notebook is still graded, with a note.
    """

    def preprocess(self, nb, resources=None, km=None):
        try:
            return super().preprocess(nb, resources, km)
        except (DeadKernelError, CellTimeoutError, TimeoutError) as exc:
            reason = "the kernel died" if isinstance(exc, DeadKernelError) else "the kernel stopped answering"
            self.log.warning("execution stopped early: %s (%s)", reason, type(exc).__name__)
            nb.metadata.setdefault("bonemets", {})["kernel_stopped"] = reason
            return nb, resources


class RestoreMissingCells(OverwriteCells):
    """nbgrader's OverwriteCells, with a deleted answer cell put back after the nearest surviving cell.

    nbgrader 0.9.6 puts a missing grade cell after the source cell just before it, and fails with a KeyError
    when that cell is not itself a grade or solution cell (here: the locked question above each answer),
    so a student who deleted an answer cell could not be graded at all.
    """

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_ids = [c.name for c in source_nb.source_cells]
        solutions = {c.name for c in source_nb.solution_cells}
        for grade_cell in source_nb.grade_cells:
            present = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", grade_cell.name)
            position = source_ids.index(grade_cell.name)
            new_cell = self.missing_cell_transform(source_nb.source_cells[position], grade_cell.max_score,
                                                   is_solution=grade_cell.name in solutions)
            earlier = [present.index(name) for name in source_ids[:position] if name in present]
            nb.cells.insert(max(earlier) + 1 if earlier else 0, new_cell)
        return nb, resources

    def preprocess_cell(self, cell, resources, cell_index):
        """A cell claiming an nbgrader role this assignment never gave it loses the role (nbgrader would crash)."""
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None:
            try:
                self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
            except MissingEntry:
                self.log.warning("Cell '%s' is not a cell of this assignment: its nbgrader role is removed", grade_id)
                del cell.metadata["nbgrader"]
                return cell, resources
        elif "nbgrader" in cell.metadata and any(cell.metadata["nbgrader"].get(k) for k in ("grade", "solution")):
            del cell.metadata["nbgrader"]
            return cell, resources
        return super().preprocess_cell(cell, resources, cell_index)


def restore_roles(nb, source_nb) -> list[str]:
    """Put back each cell's nbgrader role (grade, solution, locked, points) as the gradebook recorded it.

    A submission's metadata is the student's to edit: without this, turning an answer cell into an
    ordinary grade cell would let its own output set the score. Returns what was changed, for the log.
    """
    grade = {c.name: c for c in source_nb.grade_cells}
    solution = {c.name for c in source_nb.solution_cells}
    source = {c.name: c for c in source_nb.source_cells}
    changed = []
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        name = meta.get("grade_id")
        if name not in source:
            if meta.get("grade") or meta.get("solution") or meta.get("locked"):
                changed.append(f"cell {index + 1}: nbgrader role removed (not a cell of this assignment)")
            del cell.metadata["nbgrader"]
            continue
        wanted = {"grade": name in grade, "solution": name in solution, "locked": source[name].locked}
        for flag, value in wanted.items():
            if bool(meta.get(flag)) != value:
                changed.append(f"{name}: {flag} restored to {value}")
                meta[flag] = value
        if name in grade:
            meta["points"] = float(grade[name].max_score)
        else:
            meta.pop("points", None)
    return changed


class TrustedScoring(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, made safe: restore cell roles, save, then score answers from their text.

    It replaces SaveAutoGrades in nbgrader_config.py, so if it is disabled or cannot be imported, no
    automatic grade is saved at all: every answer waits for a manual grade and nobody gains.
    """

    bank_dir = Unicode("", help="the course's quizzes/ folder (the bank the assignment was built from)"
                       ).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            source_nb = gradebook.find_notebook(info["notebook"], info["assignment"])
            for change in restore_roles(nb, source_nb):
                self.log.warning("%s: %s", info["student"], change)
        nb, resources = super().preprocess(nb, resources)  # nbgrader's own saving of grades and comments
        self._score_answers(nb, info)
        nb.metadata.setdefault("bonemets", {})["trusted_scoring"] = True
        return nb, resources

    def _score_answers(self, nb, info) -> None:
        bank_dir = self.bank_dir or str(Path.cwd() / "quizzes")
        with Gradebook(info["db_url"]) as gradebook:
            source_nb = gradebook.find_notebook(info["notebook"], info["assignment"])
            sources = {cell.name: cell.source for cell in source_nb.source_cells}
            cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
            for grade_cell in source_nb.grade_cells:
                if not grade_cell.name.endswith(ANSWER_SUFFIX) or grade_cell.cell_type != "code":
                    continue
                match = _NAME.search(sources.get(grade_cell.name, ""))
                if match is None:
                    continue  # not a bonemets answer cell: leave it to nbgrader
                item = find_item(bank_dir, grade_cell.name[: -len(ANSWER_SUFFIX)])
                if isinstance(item, WrittenItem):
                    continue
                cell = cells.get(grade_cell.name)
                marks, text = score_answer(item, cell.source if cell is not None else "", match.group(1),
                                           grade_cell.max_score)
                grade = gradebook.find_grade(grade_cell.name, info["notebook"], info["assignment"],
                                             info["student"])
                grade.auto_score = marks
                grade.needs_manual_grade = grade.manual_score is not None
                gradebook.db.commit()
                if cell is not None:
                    stopped = nb.metadata.get("bonemets", {}).get("kernel_stopped")
                    note = "\n" + KERNEL_STOPPED.format(reason=stopped) if stopped else ""
                    stopped_here = [o for o in cell.outputs if o.get("ename") == "CellTimeoutError"]
                    cell.outputs = [*stopped_here, new_output("stream", name="stdout", text=wrap(text + note) + "\n")]

"""nbgrader plug-ins that make plain `nbgrader autograde` grade a course quiz safely, as `bonemets grade` does.

- `RecordedAnswers` (first sanitize step): an answer a click recorded in a cell's output becomes the cell's
  text, before nbgrader clears outputs, so it is marked and formgrader shows it.
- `TrustedScoring` (in place of nbgrader's SaveAutoGrades): puts back each cell's role from the gradebook,
  saves grades as nbgrader does, then marks each answer cell's text statically against the key frozen at
  release (keys.py) and writes the rationales under it.
- `InertStudentText` (last step): student Markdown and raw cells become plain text, so nothing a student
  wrote can run as HTML in formgrader or the feedback.
The course's nbgrader_config.py runs no kernel at all for these quizzes (no Execute step).

Fail safe: answer cells are nbgrader "manually graded answer" cells, whose score nbgrader never takes from
outputs. If TrustedScoring is missing or disabled, every answer waits for manual grading, nobody gains, and
`bonemets grade` refuses to run.
"""

from __future__ import annotations

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, OverwriteCells, SaveAutoGrades
from nbgrader.preprocessors import NbGraderPreprocessor as Preprocessor
from traitlets import Unicode

from bonemets.assessment.answer_cells import recorded_answers
from bonemets.instructor.grading.keys import course_of, load_key
from bonemets.instructor.grading.literal import read_answer
from bonemets.instructor.grading.marking import graded_text, inert_markdown, score_answer, wrap

__all__ = ["InertStudentText", "RecordedAnswers", "RestoreMissingCells", "SafeExecute", "TrustedScoring",
           "read_answer", "score_answer", "wrap"]


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


class RecordedAnswers(Preprocessor):
    """Sanitize step: a recorded click becomes the answer cell's text, unless the student typed an answer."""

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution") and recorded_answers(cell):
            name = next(iter(recorded_answers(cell)))
            cell.source = graded_text(cell, name)
        return cell, resources


class InertStudentText(Preprocessor):
    """Last step: student Markdown and raw cells shown as plain text; no widget state, no attachments."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        cell.pop("attachments", None)
        if cell.cell_type == "raw" or (cell.cell_type == "markdown" and not meta.get("locked")
                                       and meta.get("checksum") != _checksum(cell)):
            cell.cell_type, cell.source = "markdown", inert_markdown(cell.source)
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        return cell, resources


def _checksum(cell) -> str | None:
    from nbgrader.utils import compute_checksum

    try:
        return compute_checksum(cell)
    except Exception:  # noqa: BLE001 - a cell nbgrader cannot checksum is treated as the student's text
        return None


class TrustedScoring(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, made safe: restore cell roles, save, then score answers from their text.

    It replaces SaveAutoGrades in nbgrader_config.py, so if it is disabled or cannot be imported, no
    automatic grade is saved at all: every answer waits for a manual grade and nobody gains.
    """

    bank_dir = Unicode("", help="unused since keys are frozen at release; kept so older configs still load"
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
        questions = {q.grade_id: q for q in load_key(course_of(info["db_url"]), info["assignment"])}
        with Gradebook(info["db_url"]) as gradebook:
            source_nb = gradebook.find_notebook(info["notebook"], info["assignment"])
            cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
            for grade_cell in source_nb.grade_cells:
                question = questions.get(grade_cell.name)
                if question is None or grade_cell.cell_type != "code":
                    continue  # not a course answer cell (or a written answer): left to nbgrader
                cell = cells.get(grade_cell.name)
                text = graded_text(cell, question.name) if cell is not None else ""
                marks, feedback = score_answer(question.item, text, question.name, grade_cell.max_score)
                grade = gradebook.find_grade(grade_cell.name, info["notebook"], info["assignment"],
                                             info["student"])
                grade.auto_score = marks
                grade.needs_manual_grade = grade.manual_score is not None
                gradebook.db.commit()
                if cell is not None:
                    cell.outputs = [new_output("stream", name="stdout", text=wrap(feedback) + "\n")]

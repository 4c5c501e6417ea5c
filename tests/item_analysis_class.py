"""A simulated class of 10 for the item analysis, with every statistic worked out by hand below.

Five 1-point questions. Q2's bank key is A, but the best students chose C: the miskeyed item the report
must flag. Q4 is select-all-that-apply (keys A, C), scored +/- so it gives half marks.

student  Q1(B)  Q2(key A)  Q3(A)  Q4{A,C}          Q5(10.02 mg/dL)  total
s01      B 1    C 0        A 1    {A,C} 1          right 1          4.0
s02      B 1    C 0        A 1    {A,C,D} .5       right 1          3.5
s03      B 1    C 0        A 1    {A,B,C,D} 0      right 1          3.0
s04      B 1    C 0        A 1    {A} .5           wrong 0          2.5
s05      C 0    A 1        A 1    {C} .5           wrong 0          2.5
s06      B 1    B 0        A 1    {B} 0            wrong 0          2.0
s07      A 0    A 1        B 0    {A,C} 1          wrong 0          2.0
s08      C 0    A 1        B 0    {C} .5           wrong 0          1.5
s09      A 0    A 1        C 0    {B,D} 0          wrong 0          1.0
s10      D 0    B 0        A 1    {A} .5           wrong 0          1.5

Groups of round(0.27 x 10) = 3: upper s01 s02 s03; lower s08 s10 s09 (s08 and s10 tie, both inside).
Difficulty: Q1 .50, Q2 .40, Q3 .70, Q4 .45 (full credit .20), Q5 .30.
Discrimination (upper mean - lower mean): Q1 1 - 0 = 1.00; Q2 0 - 2/3 = -0.67; Q3 1 - 1/3 = 0.67;
Q4 .5 - 1/3 = 0.17; Q5 1 - 0 = 1.00.
Item-rest r: Q1 .75 / sqrt(2.5 x 4.025) = 0.2364; Q2 -4.8 / sqrt(2.4 x 15.225) = -0.7941.
Alpha: item variances .25 + .24 + .21 + .1225 + .21 = 1.0325; total variance 0.8025;
5/4 x (1 - 1.0325 / 0.8025) = -0.3583 (Cronbach's alpha: Q4 has partial credit).
Flags: Q2 negative discrimination (check the key), wrong option C chosen by the upper group (3/3) more than
the lower (0/3), D chosen by nobody; Q3 D chosen by nobody; Q4 discrimination 0.17 < 0.20 and wrong option D
chosen by 2/3 of the upper group and 1/3 of the lower; the test's alpha below 0.70.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat

ASSIGNMENT = "91_item_analysis"
BANK = """
module: "91"
title: "Item analysis (test fixture)"
objectives:
- {id: "91.1", text: "Answer the fixture questions of the item analysis."}
items:
- id: "91-first"
  module: "91"
  use: [graded]
  type: multiple_choice
  scoring: "0/1"
  objective: "91.1"
  references: [fixture]
  stem: "Which letter is the key of the first question?"
  options:
  - {id: A, text: "Alpha", rationale: "Not the key of this question."}
  - {id: B, text: "Bravo", rationale: "The key of this question."}
  - {id: C, text: "Charlie", rationale: "Not the key of this question."}
  - {id: D, text: "Delta", rationale: "Not the key of this question."}
  key: [B]
- id: "91-miskeyed"
  module: "91"
  use: [graded]
  type: multiple_choice
  scoring: "0/1"
  objective: "91.1"
  references: [fixture]
  stem: "Which letter is the key of the second question (keyed A by mistake)?"
  options:
  - {id: A, text: "Alpha", rationale: "Keyed by mistake."}
  - {id: B, text: "Bravo", rationale: "Not the key of this question."}
  - {id: C, text: "Charlie", rationale: "The intended key of this question."}
  - {id: D, text: "Delta", rationale: "Not the key of this question."}
  key: [A]
- id: "91-third"
  module: "91"
  use: [graded]
  type: multiple_choice
  scoring: "0/1"
  objective: "91.1"
  references: [fixture]
  stem: "Which letter is the key of the third question?"
  options:
  - {id: A, text: "Alpha", rationale: "The key of this question."}
  - {id: B, text: "Bravo", rationale: "Not the key of this question."}
  - {id: C, text: "Charlie", rationale: "Not the key of this question."}
  - {id: D, text: "Delta", rationale: "Not the key of this question."}
  key: [A]
- id: "91-sata"
  module: "91"
  use: [graded]
  type: select_all
  scoring: "+/-"
  objective: "91.1"
  references: [fixture]
  stem: "Select every vowel."
  options:
  - {id: A, text: "a", rationale: "A vowel, so a key."}
  - {id: B, text: "b", rationale: "A consonant, not a key."}
  - {id: C, text: "e", rationale: "A vowel, so a key."}
  - {id: D, text: "d", rationale: "A consonant, not a key."}
  key: [A, C]
- id: "91-numeric"
  module: "91"
  use: [graded]
  type: numeric
  objective: "91.1"
  references: [fixture]
  stem: "A value of 2.5 mmol/L of calcium is how many mg/dL?"
  answer: 10.02
  unit: mg/dL
  tolerance: 0.1
  units: {mg/dL: 1, mmol/L: 4.008}
  rationale: "2.5 x 4.008 = 10.02 mg/dL (molar mass of calcium 40.08 g/mol)."
"""
RIGHT, WRONG = '"10.02 mg/dL"', '"8 mg/dL"'
ANSWERS = {  # student -> (typed answers q1..q5, points earned per question worked out by hand)
    "s01": (['"B"', '"C"', '"A"', '{"A", "C"}', RIGHT], [1, 0, 1, 1, 1]),
    "s02": (['"B"', '"C"', '"A"', '{"A", "C", "D"}', RIGHT], [1, 0, 1, 0.5, 1]),
    "s03": (['"B"', '"C"', '"A"', '{"A", "B", "C", "D"}', RIGHT], [1, 0, 1, 0, 1]),
    "s04": (['"B"', '"C"', '"A"', '{"A"}', WRONG], [1, 0, 1, 0.5, 0]),
    "s05": (['"C"', '"A"', '"A"', '{"C"}', WRONG], [0, 1, 1, 0.5, 0]),
    "s06": (['"B"', '"B"', '"A"', '{"B"}', WRONG], [1, 0, 1, 0, 0]),
    "s07": (['"A"', '"A"', '"B"', '{"A", "C"}', WRONG], [0, 1, 0, 1, 0]),
    "s08": (['"C"', '"A"', '"B"', '{"C"}', WRONG], [0, 1, 0, 0.5, 0]),
    "s09": (['"A"', '"A"', '"C"', '{"B", "D"}', WRONG], [0, 1, 0, 0, 0]),
    "s10": (['"D"', '"B"', '"A"', '{"A"}', WRONG], [0, 0, 1, 0.5, 0]),
}
ITEM_IDS = ["91-first", "91-miskeyed", "91-third", "91-sata", "91-numeric"]


def build_course(root: Path) -> Path:
    """A course folder with quizzes/91_*.yaml, gradebook.db (through nbgrader.api) and autograded notebooks."""
    from nbgrader.api import Gradebook

    from bonemets.content.bank import parse_bank
    from bonemets.instructor.assignments import build_notebook
    from bonemets.instructor.grading.keys import questions_from_bank, write_key

    course = root / "course"
    (course / "quizzes").mkdir(parents=True)
    (course / "quizzes" / f"{ASSIGNMENT}.yaml").write_text(BANK, encoding="utf-8")
    write_key(course, ASSIGNMENT, questions_from_bank(course / "quizzes", ITEM_IDS))  # frozen at release
    source = build_notebook(parse_bank(BANK, "91"))
    answer_cells = {c.metadata["nbgrader"]["grade_id"]: c for c in source.cells
                    if c.metadata["nbgrader"]["grade_id"].endswith("-answer")}
    path = os.environ["PATH"]
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{path}"  # nbgrader runs `alembic` for a new db
    try:
        gradebook = Gradebook(f"sqlite:///{course / 'gradebook.db'}")
    finally:
        os.environ["PATH"] = path
    with gradebook:
        gradebook.add_assignment(ASSIGNMENT)
        gradebook.add_notebook(ASSIGNMENT, ASSIGNMENT)
        for grade_id, cell in answer_cells.items():
            gradebook.add_grade_cell(grade_id, ASSIGNMENT, ASSIGNMENT, max_score=1, cell_type="code")
            gradebook.add_solution_cell(grade_id, ASSIGNMENT, ASSIGNMENT)
            gradebook.add_source_cell(grade_id, ASSIGNMENT, ASSIGNMENT, cell_type="code", source=cell.source,
                                      locked=False)
        for number, (student, (typed, points)) in enumerate(ANSWERS.items(), 1):
            gradebook.add_student(student, first_name=f"Student{number}", last_name="Fictional")
            gradebook.add_submission(ASSIGNMENT, student)
            for item_id, earned in zip(ITEM_IDS, points, strict=True):
                grade = gradebook.find_grade(f"{item_id}-answer", ASSIGNMENT, ASSIGNMENT, student)
                grade.auto_score = earned
                grade.needs_manual_grade = False  # as the trusted grader leaves a scored answer
            gradebook.db.commit()
            notebook = source  # the same cells, re-typed for each student
            for q, (item_id, value) in enumerate(zip(ITEM_IDS, typed, strict=True), 1):
                answer_cells_of(notebook)[f"{item_id}-answer"].source = f"q{q} = {value}"
            folder = course / "autograded" / student / ASSIGNMENT
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
    return course


def answer_cells_of(notebook) -> dict:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in notebook.cells
            if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-answer")}

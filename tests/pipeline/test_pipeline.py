"""The real nbgrader pipeline on a simulated class, run as the README tells an instructor.

validate (source) -> generate_assignment -> validate --invert (release) -> a class hands in right,
partly right, blank and wrongly typed answers to every item type, plus the adversarial corpus
(tests/adversarial.py) -> `bonemets grade` (parallel) -> gradebook.db -> generate_feedback.
Expected scores are worked out by hand from the NCSBN rules, not from the scorer.
"""

from __future__ import annotations

import shutil
from html import unescape
from pathlib import Path

import nbformat
import pytest
from adversarial import ALL_RIGHT, ATTACKS, AUTO_TOTAL, PWNED_FILE
from classroom import (
    FIXTURE,
    answered,
    bonemets_grade,
    clicked,
    fixture_bank,
    gradebook_comments,
    gradebook_grades,
    gradebook_scores,
    make_course,
    nbgrader,
    submit,
)

pytestmark = pytest.mark.pipeline
ITEMS = fixture_bank().for_use("graded")
PARTLY_RIGHT = {  # each with its NCSBN score, worked out by hand
    "q1": ('"A"', 0),                                    # wrong choice
    "q2": ('{"A", "B"}', 1 / 2),                          # select 2: one key of two
    "q3": ('{"A", "B", "C", "D", "E", "F"}', 2 / 4),      # SATA: 4 right - 2 wrong of 4 keys
    "q4": ('["A", "A", "A"]', 2 / 3),                     # matrix: rows 1 and 3 right
    "q5": ('["ABC", "B", ""]', 2 / 3),                    # by column: A +1, B +1-1, C +1, of 3 keys
    "q6": ('["A", "C"]', 1 / 2),                          # cloze: blank 1 right
    "q7": ('["A", "A", "B"]', 1 / 2),                     # triad: pair (1,2) right, pair (1,3) wrong
    "q8": ('["B", "A", "D", "C"]', 2 / 4),                # ordered: positions 1 and 4
    "q9": ('{"condition": "A", "actions": {"A", "B"}, "parameters": {"A", "C"}}', 4 / 5 * 2),  # 2 points
    "q10": ('"2.5 mmol/L"', 1),                           # 2.5 x 4.008 = 10.02 mg/dL
}
WRONG_FORMAT = {**ALL_RIGHT, "q3": '"A, C, E, F"', "q10": '"10.02"'}  # text for a set; a number without unit
HONEST_CLASS = {"alice": ALL_RIGHT, "bob": {k: v for k, (v, _) in PARTLY_RIGHT.items()}, "carol": {},
                "dave": WRONG_FORMAT, "erin": ALL_RIGHT, "frank": {k: v for k, (v, _) in PARTLY_RIGHT.items()}}
CLICKED = {"erin", "frank"}  # answered by clicking: the answers are recorded in the answer cells' outputs
# every item type, right, partial, wrong, typed and clicked
PLAIN_NBGRADER = ["alice", "bob", "dave", "erin", "frank", "adv-roles", "adv-stderr", "adv-html"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Run the whole pipeline once; the tests below read what it left behind."""
    course = make_course(tmp_path_factory.mktemp("pipeline"), FIXTURE)
    run = {"course": course}
    run["validate_source"] = nbgrader(course, "validate", f"source/{FIXTURE}/{FIXTURE}.ipynb")
    nbgrader(course, "generate_assignment", FIXTURE, "--force")
    release = course / "release" / FIXTURE / f"{FIXTURE}.ipynb"
    run["release"] = release
    run["validate_release"] = nbgrader(course, "validate", "--invert", str(release.relative_to(course)))

    PWNED_FILE.unlink(missing_ok=True)
    for student, answers in HONEST_CLASS.items():
        nb = (clicked if student in CLICKED else answered)(release, answers)
        if student == "alice":
            written = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "90-written-answer")
            written.source = "The grader reads the value as typed and never runs my code."
        submit(course, FIXTURE, student, nb)
    for attack in ATTACKS:
        built = attack.build(release)
        if built == "RENAMED":
            path = submit(course, FIXTURE, attack.student, answered(release, ALL_RIGHT))
            path.rename(path.with_name("my quiz.ipynb"))
        else:
            path = submit(course, FIXTURE, attack.student, built)
            if attack.extra:
                attack.extra(path.parent)

    plain = tmp_path_factory.mktemp("plain") / "course"  # the same class, for plain `nbgrader autograde`
    shutil.copytree(course, plain)
    for folder in (plain / "submitted").iterdir():
        if folder.name not in PLAIN_NBGRADER:
            shutil.rmtree(folder)
    run["plain"] = plain

    run["grade"] = bonemets_grade(course, FIXTURE, quiet=False)
    run["feedback"] = nbgrader(course, "generate_feedback", FIXTURE, check=False)
    return run


def test_source_passes_validate_and_release_passes_no_test(graded):
    assert "Success! Your notebook passes all the tests." in graded["validate_source"].stdout
    assert "Success! The notebook does not pass any tests." in graded["validate_release"].stdout


def test_release_holds_no_solution_key_or_rationale(graded):
    text = graded["release"].read_text()
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "'key'" not in text
    for number, item in enumerate(ITEMS, start=1):
        if item.type != "written":
            assert f"q{number} = {item.solution}" not in text
    assert "Divisible by two." not in text and "The freezing point of water" not in text
    assert "Model answer" not in text


def test_the_class_gets_the_scores_worked_out_by_hand(graded):
    scores = gradebook_scores(graded["course"], FIXTURE)
    assert scores["alice"] == AUTO_TOTAL
    assert scores["bob"] == pytest.approx(sum(score for _, score in PARTLY_RIGHT.values()), abs=1e-3)
    assert scores["carol"] == 0
    assert scores["dave"] == AUTO_TOTAL - 2
    assert scores["erin"] == AUTO_TOTAL                 # clicked: the same marks as typed
    assert scores["frank"] == scores["bob"]


def test_written_answers_wait_for_the_instructor(graded):
    grades = gradebook_grades(graded["course"], FIXTURE)
    assert grades["alice"]["90-written-answer"] == (0, True)      # typed: needs a manual grade
    assert grades["carol"]["90-written-answer"][0] == 0
    assert grades["alice"]["90-choice-answer"] == (1, False)      # autograded, no manual step


def test_every_attack_earns_no_more_than_its_honest_answers(graded):
    scores = gradebook_scores(graded["course"], FIXTURE)
    for attack in ATTACKS:
        assert attack.student in scores, f"{attack.student} ({attack.what}) is missing from the gradebook"
        assert scores[attack.student] <= attack.honest + 1e-9, f"{attack.student}: {attack.what}"
        if attack.autograded:  # graded in full, so exactly the honest score (a warning costs nothing)
            assert scores[attack.student] == pytest.approx(attack.honest), f"{attack.student}: {attack.what}"


def test_the_summary_names_each_problem_and_everyone_else_is_graded(graded):
    result = graded["grade"]
    assert result.returncode == 2, result.stdout + result.stderr  # some students need manual grading
    out = result.stdout
    not_auto = [a for a in ATTACKS if not a.autograded]
    total = len(HONEST_CLASS) + len(ATTACKS)
    assert f"{total - len(not_auto)} graded, {len(not_auto)} not autograded, {total} submissions" in out
    for attack in ATTACKS:
        if attack.message:
            line = next(line for line in out.splitlines() if f" {attack.student} " in line)
            assert attack.message in line, line
    assert "my quiz.ipynb" in out
    assert "grading: 100%" in result.stderr and f"{total}/{total}" in result.stderr  # the progress bar


def test_students_not_autograded_are_flagged_in_the_gradebook_with_the_reason(graded):
    grades = gradebook_grades(graded["course"], FIXTURE)
    for attack in [a for a in ATTACKS if not a.autograded]:
        assert all(needs for _, needs in grades[attack.student].values())
        comments = gradebook_comments(graded["course"], FIXTURE, attack.student)
        assert any(attack.message in c for c in comments), comments


def autograded(course, student) -> nbformat.NotebookNode:
    return nbformat.read(course / "autograded" / student / FIXTURE / f"{FIXTURE}.ipynb", as_version=4)


def answer_feedback(course, student, grade_id) -> str:
    """The feedback under an answer, its line wrapping undone."""
    nb = autograded(course, student)
    target = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return " ".join("".join(o.get("text", "") for o in target.outputs).split())


def test_a_wrongly_typed_answer_gets_a_plain_message(graded):
    text = answer_feedback(graded["course"], "dave", "90-sata-answer")
    assert text.startswith("Answer format problem: q3 should be letters in curly brackets")
    assert "Marks for this question: 0 of 1." in text
    assert "q10 has no unit" in answer_feedback(graded["course"], "dave", "90-numeric-answer")


def test_code_instead_of_a_value_is_refused_with_a_reason(graded):
    text = answer_feedback(graded["course"], "adv-readkey", "90-choice-answer")
    assert "the grader does not run code" in text


def test_grading_runs_no_student_code(graded):
    assert not PWNED_FILE.exists(), "a student's answer cell ran during grading"
    text = answer_feedback(graded["course"], "adv-exit", "90-choice-answer")  # q1 = "A", then os._exit(0)
    assert "Your choices: - A. Alpha (not correct)" in text and "Marks for this question: 0 of 1." in text


def test_a_click_is_marked_and_shown_as_the_plain_answer_line(graded):
    nb = autograded(graded["course"], "erin")
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "90-choice-answer")
    assert 'q1 = "B"' in answer.source and "recorded by clicking" in answer.source


def test_student_html_never_becomes_active_in_the_autograded_notebook_or_feedback(graded):
    nb = autograded(graded["course"], "adv-html")
    assert "<script>" not in "".join(c.source for c in nb.cells if c.cell_type == "markdown"
                                     and not c.source.startswith("*Student's answer"))
    written = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "90-written-answer")
    assert written.source.startswith("*Student's answer, shown as typed:*") and "    <script>" in written.source
    html = (graded["course"] / "feedback" / "adv-html" / FIXTURE / f"{FIXTURE}.html").read_text()
    assert active_payload(html) == []
    assert "&lt;script&gt;document.title" in html  # shown, as text


def active_payload(html: str) -> list[str]:
    """Every tag, handler or link of the payload that a browser would act on (parsed, not searched)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            self.in_script = tag == "script"
            for name, value in attrs:
                if "pwned" in (value or "") and (name.startswith("on") or name in ("href", "src")):
                    found.append(f"<{tag} {name}={value!r}>")

        def handle_data(self, data):
            if self.in_script and "pwned" in data:
                found.append(f"<script>{data[:60]}")

    Parser().feed(html)
    return found


def test_files_beside_the_notebook_are_not_taken_and_links_never_followed(graded):
    course = graded["course"]
    assert sorted(p.name for p in (course / "autograded" / "adv-extras" / FIXTURE).iterdir()) == [
        f"{FIXTURE}.ipynb", "timestamp.txt"]
    feedback = course / "feedback" / "adv-extras" / FIXTURE
    assert not any("key" in p.name for p in feedback.iterdir())
    assert (course / "submitted" / "adv-extras" / FIXTURE / "notes.py").exists()  # nothing is lost


def test_the_key_frozen_at_release_is_the_one_used(graded, tmp_path):
    """Editing the bank after release changes nothing until the instructor adopts the new key."""
    import subprocess
    import sys

    course = tmp_path / "course"
    shutil.copytree(graded["course"], course)
    bank = course / "quizzes" / "90_item_types.yaml"
    bank.write_text(bank.read_text().replace("key: [B]", "key: [A]", 1))
    assert bonemets_grade(course, FIXTURE).returncode == 2
    assert gradebook_scores(course, FIXTURE)["alice"] == AUTO_TOTAL
    bonemets = str(Path(sys.executable).parent / "bonemets")
    update = subprocess.run([bonemets, "keys", "update", FIXTURE], cwd=course, capture_output=True, text=True)
    assert update.returncode == 0, update.stderr
    assert "90-choice-answer: key changed" in update.stdout
    bonemets_grade(course, FIXTURE)
    assert gradebook_scores(course, FIXTURE)["alice"] == AUTO_TOTAL - 1


def test_feedback_gives_rationales_and_never_the_models_answer_to_others(graded):
    result = graded["feedback"]
    assert result.returncode == 0, result.stdout + result.stderr
    html = " ".join(unescape((graded["course"] / "feedback" / "bob" / FIXTURE / f"{FIXTURE}.html").read_text()).split())
    assert "Not quite: 2 of 4 points" in html and "Marks for this question: 0.5 of 1." in html
    assert "7 is not divisible by two." in html           # matrix row rationale
    assert "Linked pairs scored: blanks 1 and 2, blanks 1 and 3" in html
    assert "You gave 2.5 mmol/L = 10.02 mg/dL" in html


def test_scores_equal_those_of_plain_nbgrader_autograde(graded):
    """Same submissions, plain `nbgrader autograde` (one process, one student after another)."""
    plain = graded["plain"]
    nbgrader(plain, "autograde", FIXTURE, check=False, timeout=900)
    ours, theirs = gradebook_grades(graded["course"], FIXTURE), gradebook_grades(plain, FIXTURE)
    for student in PLAIN_NBGRADER:
        assert theirs[student] == ours[student], student


def test_an_assignment_that_needs_code_run_is_refused_not_half_graded(tmp_path):
    course = make_course(tmp_path, FIXTURE)
    source = course / "source" / FIXTURE / f"{FIXTURE}.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("assert q1 == 'B'", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "test-q1",
        "schema_version": 3, "task": False}}))
    nbformat.write(nb, source)
    nbgrader(course, "generate_assignment", FIXTURE, "--force")
    submit(course, FIXTURE, "alice", answered(course / "release" / FIXTURE / f"{FIXTURE}.ipynb", ALL_RIGHT))
    result = bonemets_grade(course, FIXTURE)
    assert result.returncode == 1
    assert "cells graded by running code (test-q1)" in result.stderr and "Nothing was graded." in result.stderr
    assert gradebook_scores(course, FIXTURE) == {}

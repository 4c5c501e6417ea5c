"""The real nbgrader pipeline on a simulated class, run as the README tells an instructor.

validate (source) -> generate_assignment -> validate --invert (release) -> students hand in
right, partly right, blank, wrongly typed, broken, duplicated, renamed and looping notebooks ->
`bonemets grade` -> gradebook.db -> generate_feedback.
Expected scores follow from the NCSBN rules applied by hand to each answer, not from the scorer.
"""

from __future__ import annotations

import json
import subprocess

import nbformat
import pytest
from classroom import BIN, answer_cells, answered, duplicate_answer_cell, make_course, nbgrader, submit

from bonemets.bank import load_bank

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "01_overview"
ITEMS = load_bank("01").for_use("graded")
POINTS = [item.points for item in ITEMS]
TOTAL = sum(POINTS)


def literal(item, letters) -> str:
    if item.type == "multiple_choice":
        return json.dumps(letters[0])
    return "{" + ", ".join(json.dumps(x) for x in letters) + "}"


def wrong_options(item) -> list[str]:
    return [o.id for o in item.options if o.id not in item.key]


def all_correct() -> dict[str, str]:
    return {f"q{n}": literal(item, item.key) for n, item in enumerate(ITEMS, start=1)}


def partly_right() -> tuple[dict[str, str], float]:
    """SATA: every key plus two wrong (+k -2 of k); select-N: one key swapped (n-1 of n); MC: wrong (0).

    Each NCSBN score is scaled to the item's weight (`points`)."""
    answers, expected = {}, 0.0
    for n, item in enumerate(ITEMS, start=1):
        wrong = wrong_options(item)
        if item.type == "select_all":
            answers[f"q{n}"] = literal(item, [*item.key, *wrong[:2]])
            expected += max(0, len(item.key) - len(wrong[:2])) / len(item.key) * item.points
        elif item.type == "select_n":
            answers[f"q{n}"] = literal(item, [*item.key[:-1], wrong[0]])
            expected += (len(item.key) - 1) / len(item.key) * item.points
        else:
            answers[f"q{n}"] = literal(item, wrong[:1])
    return answers, expected


SATA = next(n for n, item in enumerate(ITEMS, start=1) if item.type == "select_all")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Run the whole pipeline once; tests below read what it left behind."""
    course = make_course(tmp_path_factory.mktemp("pipeline"), ASSIGNMENT)
    run = {"course": course}
    run["validate_source"] = nbgrader(course, "validate", f"source/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    run["release"] = release
    run["validate_release"] = nbgrader(course, "validate", "--invert", str(release.relative_to(course)))

    partial, run["partial_expected"] = partly_right()
    submit(course, ASSIGNMENT, "alice", answered(release, all_correct()))
    submit(course, ASSIGNMENT, "bob", answered(release, partial))
    submit(course, ASSIGNMENT, "carol", nbformat.read(release, as_version=4))
    submit(course, ASSIGNMENT, "dave", answered(release, {**all_correct(), f"q{SATA}": '"A,C"'}))
    submit(course, ASSIGNMENT, "erin", '{"cells": [ this is not a notebook')
    submit(course, ASSIGNMENT, "frank", duplicate_answer_cell(answered(release, all_correct())))
    looping = answered(release, all_correct())
    answer_cells(looping)[0].source = "while True:\n    pass"
    submit(course, ASSIGNMENT, "gina", looping)
    renamed = submit(course, ASSIGNMENT, "hank", answered(release, all_correct()))
    renamed.rename(renamed.with_name("my quiz.ipynb"))

    env_bin = str(BIN / "bonemets")
    run["grade"] = subprocess.run([env_bin, "grade", ASSIGNMENT, "--cell-timeout", "5"], cwd=course,
                                  capture_output=True, text=True, timeout=900)
    run["feedback"] = nbgrader(course, "generate_feedback", ASSIGNMENT, check=False)
    return run


def test_source_passes_its_own_tests(graded):
    assert "Success! Your notebook passes all the tests." in graded["validate_source"].stdout


def test_release_passes_no_test(graded):
    assert "Success! The notebook does not pass any tests." in graded["validate_release"].stdout


def test_release_holds_no_solution_key_or_hidden_test(graded):
    text = graded["release"].read_text()
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "from bonemets.grading import grade", "'key'"):
        assert marker not in text
    for item in ITEMS:
        for option in item.options:
            assert option.rationale not in text, f"rationale of {item.id} {option.id} leaked"
    for number, item in enumerate(ITEMS, start=1):
        assert f"q{number} = {literal(item, item.key)}" not in text


def gradebook_scores(course) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}


def test_scores_in_the_gradebook_are_the_expected_ones(graded):
    scores = gradebook_scores(graded["course"])
    assert scores["alice"] == TOTAL
    assert scores["bob"] == pytest.approx(graded["partial_expected"], abs=1e-3)
    assert 0 < scores["bob"] < TOTAL
    assert scores["carol"] == 0
    assert scores["dave"] == TOTAL - POINTS[SATA - 1]
    assert scores["gina"] == TOTAL - POINTS[0]


def test_broken_submissions_are_reported_not_scored_and_the_rest_still_graded(graded):
    result = graded["grade"]
    assert result.returncode == 2, result.stdout + result.stderr
    out = result.stdout
    assert "5 graded, 3 not graded, 8 submissions" in out
    assert "erin" in out and "not a readable notebook" in out
    assert "frank" in out and "appears more than once" in out
    assert "hank" in out and "01_overview.ipynb is missing" in out and "my quiz.ipynb" in out
    assert "stopped at the time limit" in out
    assert {"erin", "frank", "hank"}.isdisjoint(gradebook_scores(graded["course"]))


def autograded_text(course, student) -> str:
    return (course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()


def test_a_wrongly_typed_answer_gets_a_plain_message(graded):
    text = autograded_text(graded["course"], "dave")
    assert f"Answer format problem: q{SATA} should be a set of letters in curly brackets" in text


def test_feedback_gives_rationales_without_hidden_tests(graded):
    assert graded["feedback"].returncode == 0, graded["feedback"].stdout + graded["feedback"].stderr
    for student in ("alice", "bob", "carol", "dave", "gina"):
        html = (graded["course"] / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert "HIDDEN TESTS" not in html and "bonemets.grading import grade" not in html
        assert "&#39;key&#39;" not in html and "'key'" not in html
    html = (graded["course"] / "feedback" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    from html import escape
    for item in ITEMS:
        for key in item.key:
            assert escape(item.option(key).rationale, quote=False)[:60] in html.replace("&#39;", "'")

"""Fail safe: when the trusted grader is not loaded, nobody gains and grading says so.

Two ways it can go missing: nbgrader_config.py cannot import it, or it is left disabled. In both,
`nbgrader autograde` must save no automatic points (a student whose cells print 1.0 and pretend to be
autograded cells included), the instructor's `validate` on source/ must still pass, and
`bonemets grade` must refuse to run.
"""

from __future__ import annotations

import pytest
from adversarial import ALL_RIGHT, ATTACKS
from classroom import (
    FIXTURE,
    REPO,
    answered,
    bonemets_grade,
    gradebook_grades,
    gradebook_scores,
    make_course,
    nbgrader,
    submit,
)

pytestmark = pytest.mark.pipeline
CONFIG = (REPO / "nbgrader_config.py").read_text()
IMPORT = "from bonemets.trusted import ("
BROKEN = {
    "missing import": CONFIG.replace(IMPORT, IMPORT.replace("bonemets.trusted", "bonemets.trusted_gone")),
    "left disabled": CONFIG + "\nc.TrustedScoring.enabled = False\n",
}
CHEATS = ["adv-roles", "adv-formatter"]  # answer cells posing as autograded cells; a forged display of 1.0


def test_the_config_really_imports_the_trusted_grader():
    assert IMPORT in CONFIG  # otherwise the "missing import" case below would test nothing


@pytest.fixture(scope="module", params=list(BROKEN), ids=list(BROKEN))
def broken(request, tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("failsafe"), FIXTURE, config=BROKEN[request.param])
    run = {"course": course, "case": request.param}
    run["validate"] = nbgrader(course, "validate", f"source/{FIXTURE}/{FIXTURE}.ipynb")
    nbgrader(course, "generate_assignment", FIXTURE, "--force")
    release = course / "release" / FIXTURE / f"{FIXTURE}.ipynb"
    submit(course, FIXTURE, "alice", answered(release, ALL_RIGHT))
    for attack in ATTACKS:
        if attack.student in CHEATS:
            submit(course, FIXTURE, attack.student, attack.build(release))
    run["bonemets"] = bonemets_grade(course, FIXTURE)
    run["autograde"] = nbgrader(course, "autograde", FIXTURE, check=False)
    return run


def test_validate_on_source_still_passes(broken):
    assert "Success! Your notebook passes all the tests." in broken["validate"].stdout


def test_bonemets_grade_refuses_to_run(broken):
    result = broken["bonemets"]
    assert result.returncode != 0
    expected = "is disabled" if broken["case"] == "left disabled" else "is not set up"
    assert f"The trusted grader {expected}" in result.stderr and "Nothing was graded." in result.stderr


def test_plain_autograde_saves_no_automatic_points_for_anyone(broken):
    scores = gradebook_scores(broken["course"], FIXTURE)
    assert set(scores) == {"alice", *CHEATS}  # everyone was run, nobody was lost
    assert all(score == 0 for score in scores.values()), scores
    for student, grades in gradebook_grades(broken["course"], FIXTURE).items():
        assert all(needs_manual for _, needs_manual in grades.values()), student


def test_a_missing_import_is_reported_loudly(broken):
    if broken["case"] == "missing import":
        assert "ERROR: the trusted grader (bonemets.trusted) could not be loaded" in broken["autograde"].stderr

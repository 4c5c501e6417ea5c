"""Student text never runs as HTML in the instructor's logged-in formgrader or in the feedback, in real Chromium.

A hostile student hands in script tags, an image with an onerror handler and a javascript: link, in the written
answer, in a Markdown cell of their own and in a typed answer. After `bonemets grade` and
`nbgrader generate_feedback`, formgrader (a real Jupyter server with nbgrader's extension, logged in with its
token) shows the submission, and the feedback page is opened: no payload runs, and the text is still readable.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from lab_server import OUTPUT_DIR, LabServer, _free_port, _server_env, _stop, _wait_until_up
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipeline"))
from classroom import FIXTURE, answered, bonemets_grade, cell, make_course, nbgrader, submit  # noqa: E402

pytestmark = pytest.mark.browser
PAYLOAD = ('<script>window.__pwned = "script"</script> <img src="x" onerror="window.__pwned = \'img\'"> '
           '[open me](javascript:window.__pwned="link") <iframe src="javascript:parent.__pwned=\'frame\'"></iframe>')


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    course = make_course(tmp_path_factory.mktemp("formgrader"), FIXTURE)
    nbgrader(course, "generate_assignment", FIXTURE, "--force")
    release = course / "release" / FIXTURE / f"{FIXTURE}.ipynb"
    nb = answered(release, {"q1": '"B"  # </pre><script>window.__pwned = "code"</script>'})
    cell(nb, "90-written-answer").source = PAYLOAD
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(PAYLOAD))
    submit(course, FIXTURE, "mallory", nb)
    bonemets_grade(course, FIXTURE)
    nbgrader(course, "generate_feedback", FIXTURE)
    return course


@pytest.fixture(scope="module")
def formgrader(graded_course: Path, tmp_path_factory) -> LabServer:
    scratch = tmp_path_factory.mktemp("formgrader-server")
    port, token = _free_port(), secrets.token_hex(24)
    log_path = scratch / "server.log"
    command = [sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={graded_course}"]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=graded_course, env=_server_env(scratch, graded_course), stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    server = LabServer(f"http://127.0.0.1:{port}", token, graded_course, log_path, process)
    try:
        _wait_until_up(server, 90)
        yield server
    finally:
        _stop(process)


def _submission_id(course: Path) -> str:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return gb.find_submission_notebook(FIXTURE, FIXTURE, "mallory").id


def test_formgrader_shows_the_payload_as_text_and_runs_none_of_it(formgrader: LabServer, page: Page) -> None:
    page.goto(formgrader.url(f"formgrader/submissions/{_submission_id(formgrader.root)}"), timeout=120_000)
    expect(page.get_by_text("Student's answer, shown as typed").first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(1000)  # give an onerror handler its chance
    assert page.evaluate("window.__pwned") is None
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator("iframe").count() == 0
    expect(page.get_by_text("window.__pwned = 'img'").first).to_be_visible()  # shown word for word
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / "formgrader_hostile_submission.png", full_page=True)


def test_feedback_page_shows_the_payload_as_text_and_runs_none_of_it(graded_course: Path, page: Page) -> None:
    feedback = graded_course / "feedback" / "mallory" / FIXTURE / f"{FIXTURE}.html"
    page.goto(feedback.as_uri())
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__pwned") is None
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert "<script>window.__pwned" in page.inner_text("body")

"""A graded quiz of every item type answered in real JupyterLab by keyboard, saved, and graded as the README says.

The student copy is generated with nbgrader from the fixture bank (tests/fixtures/90_item_types.yaml), opened in
JupyterLab in headless Chromium, answered in its answer boxes with Tab, Space, the arrow keys and typing,
saved with Ctrl+S, handed in, and graded with `bonemets grade`. The score is worked out by hand.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest
from lab_server import OUTPUT_DIR, LabServer
from playwright.sync_api import Locator, Page, expect
from test_accessibility import check_page, choose, tab_to
from test_browser import LOAD_TIMEOUT_MS, PANEL, open_notebook, run_all_cells

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipeline"))
from classroom import FIXTURE, bonemets_grade, gradebook_scores, make_course, nbgrader, submit  # noqa: E402

pytestmark = pytest.mark.browser
AUTO_TOTAL = 13  # q1-q8 one point each, the bow-tie 2, the numeric, highlight and trend 1 each (q11, written, by hand)


def answer_box(page: Page, number: int) -> Locator:
    """The output area of question `number`'s answer cell (cell 0 is the set-up cell)."""
    return page.locator(f"{PANEL} .jp-CodeCell").nth(number).locator(".jp-OutputArea")


def recorded(path: Path) -> dict[str, str]:
    from bonemets.assessment.answer_cells import recorded_answers

    found: dict[str, str] = {}
    for cell in json.loads(path.read_text())["cells"]:
        found.update(recorded_answers(cell))
    return found


def test_a_graded_quiz_answered_with_the_keyboard_is_graded_from_the_saved_file(
    jupyterlab: LabServer, page: Page, tmp_path: Path
) -> None:
    course = make_course(tmp_path, FIXTURE)
    nbgrader(course, "generate_assignment", FIXTURE, "--force")
    release = course / "release" / FIXTURE / f"{FIXTURE}.ipynb"
    served = jupyterlab.root / "notebooks" / "graded_quiz.ipynb"
    shutil.copy(release, served)

    open_notebook(page, jupyterlab, "notebooks/graded_quiz.ipynb", "graded-quiz")
    run_all_cells(page, ["answer_sheet"] + ["ask"] * 12 + ["check_answers"])
    boxes = [answer_box(page, n) for n in range(1, 13)]  # q1-q10, then q12 and q13 (q11 is written, in Markdown)
    names = [f"q{n}" for n in range(1, 11)] + ["q12", "q13"]
    expect(boxes[9].locator("input[type=text]")).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    mc, select_n, sata, matrix_mc, matrix_mr, cloze, triad, ordered, bowtie, numeric, highlight, trend = boxes

    mc.get_by_role("radio").first.focus()   # the entry point; the keyboard does the rest
    page.keyboard.press("Space")             # q1: A, on purpose wrong (the key is B)
    expect(mc.get_by_role("radio").first).to_be_checked()
    for box, ticks in ((select_n, (0, 2)), (sata, (0, 2, 4, 5)), (matrix_mr, (0, 2, 4))):
        ticks_in = box.get_by_role("checkbox")
        for index in ticks:
            tab_to(page, ticks_in.nth(index), most=40)
            page.keyboard.press("Space")
            expect(ticks_in.nth(index)).to_be_checked()
        if box is sata:
            for letter, select in zip("ABA", matrix_mc.locator("select").all(), strict=True):
                choose(page, select, letter)
    for box, letters in ((cloze, "AB"), (triad, "AAA"), (ordered, "BDAC"), (bowtie, "AACAC")):
        for letter, select in zip(letters, box.locator("select").all(), strict=True):
            choose(page, select, letter)
    tab_to(page, numeric.locator("input[type=text]"), most=40)
    page.keyboard.type("10.02")
    page.keyboard.press("Tab")  # the number is taken when the box loses the focus
    for index in (1, 3):  # q12, highlight: one tick box per phrase, in reading order
        tab_to(page, highlight.get_by_role("checkbox").nth(index), most=40)
        page.keyboard.press("Space")
        expect(highlight.get_by_role("checkbox").nth(index)).to_be_checked()
    for letter, select in zip("ABC", trend.locator("select").all(), strict=True):  # q13, a trend asked as a matrix
        choose(page, select, letter)
    for name, box in zip(names, boxes, strict=True):
        expect(box).to_contain_text(f"{name} = ", timeout=LOAD_TIMEOUT_MS)
        expect(box.get_by_role("status")).to_contain_text("Answer recorded")
    expect(numeric).to_contain_text('q10 = "10.02 mg/dL"')  # every keystroke has reached the kernel
    summary = page.locator(f"{PANEL} .jp-CodeCell").last.locator(".jp-OutputArea")
    expect(summary).to_contain_text("Every question has an answer.")  # the last cell followed each click

    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 60
    while len(recorded(served)) < 12 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert recorded(served)["q1"] == 'q1 = "A"' and recorded(served)["q10"] == 'q10 = "10.02 mg/dL"', recorded(served)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / "graded_quiz_answered.png", full_page=True)
    check_page(page, "graded quiz")

    submit(course, FIXTURE, "student", served.read_text())
    result = bonemets_grade(course, FIXTURE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert gradebook_scores(course, FIXTURE) == {"student": AUTO_TOTAL - 1}

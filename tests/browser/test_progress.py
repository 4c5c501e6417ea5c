"""Learner progress in real JupyterLab: a self-check answer is recorded, My progress shows it, a review round runs.

The server's JUPYTER_DATA_DIR is a temporary folder (lab_server.py), so the progress file the kernel writes is
the test's own. Two items of modules 02 and 03 are seeded as answered wrongly three days ago, so they are due.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lab_server import OUTPUT_DIR, REPO_ROOT, LabServer
from playwright.sync_api import Page, expect
from test_browser import (
    LOAD_TIMEOUT_MS,
    PANEL,
    RUN_TIMEOUT_MS,
    code_sources,
    open_notebook,
    output_problems,
    question_box,
    run_all_cells,
)

from bonemets.assessment.retrieval import Retrieval
from bonemets.content.bank import load_bank
from bonemets.learner.progress import ProgressStore

pytestmark = pytest.mark.browser


def progress_file(lab: LabServer) -> Path:
    return lab.root.parent / "jupyter_data_dir" / "bonemets" / "progress.sqlite"


def first_choice_item(module: str):
    return next(i for i in load_bank(module).for_use("self_check") if i.type in ("multiple_choice", "select_all"))


def answer_first_option(box) -> None:
    box.evaluate("el => el.scrollIntoView({block: 'start'})")
    options = box.get_by_role("radio").or_(box.get_by_role("checkbox"))
    expect(options.first).to_be_visible()
    options.first.check()
    box.get_by_role("button", name="Check answer").click()
    feedback = box.get_by_role("status")
    expect(feedback).to_have_text(re.compile(r"^\s*(Correct|Not quite)\b"), timeout=RUN_TIMEOUT_MS)
    assert "not being saved" not in feedback.inner_text()


def test_a_self_check_answer_shows_in_my_progress_and_a_review_round_updates_the_schedule(
    jupyterlab: LabServer, page: Page
) -> None:
    path = progress_file(jupyterlab)
    assert path.parent.parent.is_dir(), f"the server's JUPYTER_DATA_DIR is not {path.parent.parent}"
    seeded = [first_choice_item("02"), first_choice_item("03")]
    with ProgressStore(path, Retrieval(fuzz=False)) as store:
        for item in seeded:
            store.record(item.id, item.module, item.objective, 0.0, datetime.now(UTC) - timedelta(days=3))

    # 1. Answer the first self-check question of module 01 (another test may have answered it before).
    answered = load_bank("01").for_use("self_check")[0]
    with ProgressStore(path) as store:
        before = len(store.attempts(answered.id))
    sources = code_sources(REPO_ROOT / "notebooks" / "01_overview.ipynb")
    open_notebook(page, jupyterlab, "notebooks/01_overview.ipynb", "progress-overview")
    run_all_cells(page, sources)
    box = question_box(page, 1)
    expect(box).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    answer_first_option(box)
    with ProgressStore(path) as store:
        assert len(store.attempts(answered.id)) == before + 1

    # 2. My progress on the start page: the try is counted, in the chart's name and in words.
    sources = code_sources(REPO_ROOT / "notebooks" / "00_start_here.ipynb")
    open_notebook(page, jupyterlab, "notebooks/00_start_here.ipynb", "progress-start")
    run_all_cells(page, sources)
    panel = page.locator(PANEL)
    chart = panel.locator('svg[role="img"][aria-label^="Progress by module"]')
    expect(chart).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    assert "module 01, 0 of" in chart.get_attribute("aria-label")
    expect(panel.get_by_text(re.compile(r"Module 01, .*you have tried 1 and mastered 0"))).to_be_visible()
    expect(panel.get_by_text(re.compile(r"Module 02, .*you have tried 1 and mastered 0; 1 is due"))).to_be_visible()
    problems = output_problems(page, sources)
    assert not problems, "00_start_here.ipynb has errors:\n" + "\n".join(problems)

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    chart.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.screenshot(path=OUTPUT_DIR / "00_start_here_my_progress.png")

    # 3. Review now: the two due items, modules mixed; answering one moves its schedule.
    panel.get_by_role("button", name="Review now").click()
    expect(panel.get_by_text("2 of the 2 questions due")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(panel.get_by_text(re.compile(r"^From module 02"))).to_be_visible()
    expect(panel.get_by_text(re.compile(r"^From module 03"))).to_be_visible()
    answer_first_option(question_box(page, 1))
    page.screenshot(path=OUTPUT_DIR / "00_start_here_review_round.png")
    with ProgressStore(path) as store:
        tries = {item.id: len(store.attempts(item.id)) for item in seeded}
        assert sorted(tries.values()) == [1, 2], tries
        reviewed = next(i for i, n in tries.items() if n == 2)
        assert reviewed == seeded[0].id  # the first question of the round is the first due (module 02)
        assert reviewed not in store.due()  # rescheduled into the future

    # 4. Export, forget (after confirming), then import the exported file back.
    with ProgressStore(path) as store:
        kept = len(store.attempts())
    panel.get_by_role("button", name="Export progress").click()
    expect(panel.get_by_text(re.compile(r"^Exported \d+ tries to "))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    [exported] = sorted((jupyterlab.root / "notebooks").glob("bonemets-progress-*.json"))
    panel.get_by_role("button", name="Forget my progress").click()
    panel.get_by_role("button", name="Yes, delete my progress").click()
    expect(panel.get_by_text(f"Your progress is forgotten: {kept} tries deleted.")).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    with ProgressStore(path) as store:
        assert store.attempts() == []
    with page.expect_file_chooser() as chooser:  # the upload button opens the browser's file chooser
        panel.get_by_role("button", name=re.compile(r"Import progress")).click()
    chooser.value.set_files(str(exported))
    expect(panel.get_by_text(f"Imported {kept} new tries from {exported.name}.")).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    with ProgressStore(path) as store:
        assert len(store.attempts()) == kept

"""Modules 07 and 08: the pain-diary explorer and the teach-back practice, used with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from lab_server import OUTPUT_DIR, REPO_ROOT, LabServer
from playwright.sync_api import Page, expect
from test_accessibility import is_focused, tab_to
from test_browser import (
    LOAD_TIMEOUT_MS,
    PANEL,
    RUN_TIMEOUT_MS,
    code_sources,
    open_notebook,
    output_problems,
    run_all_cells,
)

pytestmark = pytest.mark.browser


def test_07_pain_diary_with_the_keyboard_alone(jupyterlab: LabServer, page: Page) -> None:
    path = REPO_ROOT / "notebooks" / "07_pain_and_complications.ipynb"
    sources = code_sources(path)
    open_notebook(page, jupyterlab, f"notebooks/{path.name}", "keyboard-07")
    run_all_cells(page, sources)
    diary = page.locator(f"{PANEL} .bonemets-pain-diary")
    expect(diary).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    assert not output_problems(page, sources)

    select = diary.locator("select")
    select.focus()  # the entry point; from here on only keys
    page.keyboard.press("Space")
    for _ in range(5):  # day 1 -> day 6
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(select).to_have_value(re.compile(r"^Day 6"))
    expect(diary).to_contain_text("muddled and twitching")
    emergency = diary.get_by_role("radio").nth(2)
    tab_to(page, emergency)
    page.keyboard.press("Space")
    expect(emergency).to_be_checked()
    tab_to(page, diary.get_by_role("button", name="Check"))
    page.keyboard.press("Enter")
    expect(diary.get_by_role("status")).to_contain_text("Correct: you chose 'Emergency", timeout=RUN_TIMEOUT_MS)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    diary.screenshot(path=OUTPUT_DIR / "07_pain_diary_keyboard.png")


def test_08_teach_back_with_the_keyboard_alone(jupyterlab: LabServer, page: Page) -> None:
    path = REPO_ROOT / "notebooks" / "08_living_with_bone_metastases.ipynb"
    sources = code_sources(path)
    open_notebook(page, jupyterlab, f"notebooks/{path.name}", "keyboard-08")
    run_all_cells(page, sources)
    practice = page.locator(f"{PANEL} .bonemets-teach-back")
    expect(practice).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    assert not output_problems(page, sources)
    expect(practice.get_by_role("status")).to_contain_text("Medical words still in your text")

    box = practice.locator("textarea")
    box.focus()
    assert is_focused(box)
    page.keyboard.press("Control+A")
    page.keyboard.type("The cancer has spread to some of your bones. A drip every few weeks helps keep your bones "
                       "strong. Call us at once if your back hurts in a new way.")
    tab_to(page, practice.get_by_role("button", name="Check"))
    page.keyboard.press("Enter")
    expect(practice.get_by_role("status")).to_contain_text("No words from the course", timeout=RUN_TIMEOUT_MS)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    practice.screenshot(path=OUTPUT_DIR / "08_teach_back_keyboard.png")

"""The item analysis report in Chromium: axe-core finds no serious violation; printable; charts have text."""

from __future__ import annotations

from pathlib import Path

import pytest
from item_analysis_class import ASSIGNMENT, build_course
from lab_server import OUTPUT_DIR
from playwright.sync_api import Page
from test_accessibility import axe, describe, serious

from bonemets.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    course = build_course(tmp_path_factory.mktemp("report"))
    assert main(["analyse", ASSIGNMENT, "--course", str(course), "--out", str(course / "out")]) == 0
    return course / "out" / f"{ASSIGNMENT}-item-analysis.html"


def test_item_analysis_report_has_no_serious_accessibility_violation(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    violations = serious(axe(page))
    assert not violations, f"item analysis report:\n{describe(violations)}"
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / "item-analysis-report.png", full_page=True)


def test_each_chart_has_a_text_equivalent_and_the_report_prints(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    charts = page.locator("svg[role=img]")
    assert charts.count() == 4  # Q1-Q4 have options; Q5 is a number
    described = page.locator("#chart2-desc").text_content()
    assert "C: upper 100%, lower 0%" in described and "A (key): upper 0%, lower 67%" in described
    assert page.get_by_role("table", name="Question 2: share of students choosing each option").is_visible()
    page.emulate_media(media="print")
    assert len(page.pdf()) > 10_000  # headless Chromium prints the report to PDF

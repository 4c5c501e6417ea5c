"""Module 08's patient-teaching handout prints from the browser as one clean page (PDF) and renders as a PNG."""

from __future__ import annotations

import re

import pytest
from lab_server import OUTPUT_DIR, REPO_ROOT
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
HANDOUT = REPO_ROOT / "assets" / "handouts" / "08_bone_metastases_handout.html"


def pdf_pages(pdf: bytes) -> int:
    """Page objects in a PDF (each '/Type /Page', not the '/Type /Pages' tree node)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_08_handout_prints_as_one_a4_page_and_renders(page: Page) -> None:
    page.goto(HANDOUT.as_uri())
    assert page.title().startswith("Living with cancer in your bones")
    heading = page.get_by_role("heading", level=1)
    assert heading.count() == 1 and heading.is_visible()
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(OUTPUT_DIR / "08_handout.pdf"), format="A4", prefer_css_page_size=True,
                   print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1, f"the handout prints on {pdf_pages(pdf)} pages; it must fit on one"
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=str(OUTPUT_DIR / "08_handout.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow, "the handout is wider than an A4 page"


def test_08_pdf_page_counter_counts_pages_not_the_page_tree() -> None:
    two = b"%PDF-1.4 1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page>>"
    assert pdf_pages(two) == 2

"""The form every course notebook keeps (DESIGN.md conventions): checked on the committed files."""

import datetime as dt
import re

import nbformat
import pytest

from bonemets.content.bank import load_bank
from bonemets.content.notebooks import course_notebooks

NOTEBOOKS = course_notebooks()
DISCLAIMER = re.compile(r"for education only.*not for clinical decisions", re.I | re.S)


def read(path):
    return nbformat.read(path, as_version=4)


def test_the_course_has_a_start_page_and_a_first_module():
    names = [p.name for p in NOTEBOOKS]
    assert "00_start_here.ipynb" in names and "01_overview.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs_or_execution_counts(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_cell_has_one_title_and_the_disclaimer(path):
    nb = read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert DISCLAIMER.search(first.source), "disclaimer missing from the first cell"
    h1 = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
          if line.startswith("# ")]
    assert len(h1) == 1 and first.source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_review_dates_are_recorded_and_not_past(path):
    meta = read(path).metadata["bonemets"]
    reviewed = dt.date.fromisoformat(meta["last_reviewed"])
    due = dt.date.fromisoformat(meta["next_review_due"])
    assert reviewed < due
    assert due >= dt.date.today(), f"{path.name} was due for review on {due}"
    assert meta["reviewer"]


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00")], ids=lambda p: p.name)
def test_module_objectives_are_the_banks_and_open_the_notebook(path):
    nb = read(path)
    bank = load_bank(nb.metadata["bonemets"]["module"])
    intro = " ".join(c.source for c in nb.cells[:2]).replace("\n", " ")
    for objective in bank.objectives:
        assert objective.text in intro, objective.id


def test_start_page_links_every_module():
    start = " ".join(c.source for c in read(NOTEBOOKS[0]).cells)
    for path in NOTEBOOKS[1:]:
        assert f"]({path.name})" in start, f"00_start_here does not link {path.name}"


def markdown_lines(path):
    return [line for c in read(path).cells if c.cell_type == "markdown" for line in c.source.splitlines()]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_headings_never_skip_a_level(path):
    previous = 0
    for line in markdown_lines(path):
        if match := re.match(r"^(#{1,6}) \S", line):
            level = len(match.group(1))
            assert level <= previous + 1, f"{path.name}: '{line}' jumps from level {previous} to {level}"
            previous = level


GENERIC_ALT = {"image", "figure", "picture", "screenshot", "diagram", "chart", "photo", "img"}
VAGUE_LINKS = {"click here", "here", "this", "link", "this link", "more", "read more", "click"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_images_have_meaningful_alt_text(path):
    text = "\n".join(markdown_lines(path))
    for alt in re.findall(r"!\[([^\]]*)\]\(", text):
        assert len(alt.split()) >= 4 and alt.strip().lower() not in GENERIC_ALT, f"{path.name}: alt text {alt!r}"
    for tag in re.findall(r"<img\b[^>]*>", text, flags=re.I):
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and len(alt.group(1).split()) >= 4, f"{path.name}: {tag} needs meaningful alt text"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_link_text_says_where_it_goes(path):
    text = "\n".join(markdown_lines(path))
    for label in re.findall(r"(?<!!)\[([^\]]+)\]\([^)]+\)", text):
        assert label.strip().lower() not in VAGUE_LINKS, f"{path.name}: link text {label!r} does not say where it goes"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00")], ids=lambda p: p.name)
def test_module_opens_with_objectives_and_ends_with_references_then_review(path):
    nb = read(path)
    assert "## Learning objectives" in nb.cells[0].source, "objectives belong in the first cell"
    meta = nb.metadata["bonemets"]
    last, before = nb.cells[-1].source, nb.cells[-2].source
    assert last.startswith("## Review") and f"Last reviewed: {meta['last_reviewed']}." in last
    assert f"Next review due: {meta['next_review_due']}." in last
    assert before.startswith("## References"), "the reference list comes just before the review dates"

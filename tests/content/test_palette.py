"""Colour: every course plot, widget and image uses the Okabe-Ito palette or neutral greys, and text colours
reach WCAG AA contrast (4.5:1) on the white page."""

import re
from pathlib import Path

import pytest

from bonemets.learner.ui import PALETTE

ROOT = Path(__file__).resolve().parents[2]
OKABE_ITO = set(PALETTE.values())
SOURCES = sorted([*ROOT.glob("src/bonemets/**/*.py"), *ROOT.glob("assets/images/*.svg")])
NAMED_OK = {"black", "white", "none", "gray", "grey", "k", "w"}


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = "#FFFFFF") -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_one_palette_table_is_okabe_ito():
    # Okabe & Ito 2008, "Color Universal Design": the eight colours by name.
    assert PALETTE == {"orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
                       "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000"}


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_colours_come_from_the_colour_blind_safe_palette(path):
    text = path.read_text(encoding="utf-8")
    for colour in re.findall(r"#[0-9A-Fa-f]{6}\b", text):
        colour = colour.upper()
        grey = colour[1:3] == colour[3:5] == colour[5:7]
        assert colour in OKABE_ITO or grey, f"{path.name}: {colour} is neither Okabe-Ito nor a neutral grey"
    for name in re.findall(r"""\b(?:color|colour|facecolor|edgecolor|fill|stroke)\s*=\s*["']([a-z]+)["']""", text):
        assert name in NAMED_OK, f"{path.name}: named colour {name!r}; use the Okabe-Ito palette"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_text_colours_have_at_least_4_5_to_1_contrast_on_white(path):
    text = path.read_text(encoding="utf-8")
    text_colours = re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", text)  # CSS text colour in widget HTML
    text_colours += re.findall(r"<text\b[^>]*\bfill=\"(#[0-9A-Fa-f]{6})\"", text)  # SVG text
    for colour in text_colours:
        assert contrast(colour) >= 4.5, f"{path.name}: text colour {colour} has contrast {contrast(colour):.2f}"

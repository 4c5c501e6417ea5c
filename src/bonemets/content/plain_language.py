"""Plain language for patient teaching: reading grade and the medical jargon a text still contains.

`reading_grade` is the Flesch-Kincaid grade from textstat 0.7.8 (imported lazily: textstat is an instructor-extra
dependency, and 0.7.8 is the last release that works offline). The jargon list is assets/data/
plain_language_terms.csv (term, plain alternative, note); `jargon_in` finds each term as whole words, longest
first, so "bone metastases" is reported once, not also as "metastases". Patient-teaching material aims at a
reading grade of 6 to 8 (assessment-guide.md section 6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from bonemets.content.tables import Row, Text, raise_problems, read_csv, repeated
from bonemets.paths import assets_dir

TERMS_FILE = Path("data") / "plain_language_terms.csv"
PATIENT_TARGET = (6.0, 8.0)
MIN_WORDS = 15
MAX_WORDS = 600


class Term(Row):
    """A medical word (lower case) and the everyday words to use for patients."""

    term: Annotated[Text, AfterValidator(str.lower)]
    plain: Text
    note: str = ""


@dataclass(frozen=True)
class TeachBackResult:
    """A student's plain-language explanation, measured."""

    grade: float
    words: int
    sentences: int
    jargon: tuple[Term, ...]

    @property
    def on_target(self) -> bool:
        return self.grade <= PATIENT_TARGET[1] and not self.jargon

    def summary(self) -> str:
        """The verdict and the advice in words (what the widget shows and a screen reader announces)."""
        low, high = PATIENT_TARGET
        lines = [f"Reading grade (Flesch-Kincaid): {self.grade:.1f}, from {self.words} words in {self.sentences} "
                 f"sentence{'s' if self.sentences != 1 else ''}. Aim for grade {low:g} to {high:g} for patients."]
        if self.grade > high:
            lines.append("Too hard to read for many patients: use shorter sentences and shorter, everyday words.")
        else:
            lines.append("The reading grade is in or below the patient range.")
        if self.jargon:
            lines.append(f"Medical words still in your text ({len(self.jargon)}): "
                         + "; ".join(f"'{t.term}' (try: '{t.plain}')" for t in self.jargon) + ".")
        else:
            lines.append("No words from the course's jargon list were found.")
        lines.append("Then check understanding with teach-back: ask the patient to explain it in their own words.")
        return "\n".join(lines)


def terms_path() -> Path:
    return assets_dir() / TERMS_FILE


def load_terms(path: Path | None = None) -> list[Term]:
    """Read the jargon list; an empty cell or a repeated term names the file, line and field."""
    path = terms_path() if path is None else Path(path)
    rows = read_csv(path, Term, "jargon list")
    raise_problems(repeated(rows, "term", "term"))
    return [term for _, term in rows]


@cache
def course_terms() -> tuple[Term, ...]:
    return tuple(load_terms())


def jargon_in(text: str, terms: tuple[Term, ...] | list[Term] | None = None) -> tuple[Term, ...]:
    """The listed terms in `text` (whole words, any case), longest first, each text span counted once."""
    terms = course_terms() if terms is None else terms
    lowered, taken, found = text.lower(), [], []
    for term in sorted(terms, key=lambda t: len(t.term), reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(term.term)}(?![\w-])", lowered):
            span = range(match.start(), match.end())
            if any(set(span) & set(other) for other in taken):
                continue
            taken.append(span)
            if term not in found:
                found.append(term)
    return tuple(sorted(found, key=lambda t: lowered.find(t.term)))


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of `text` (textstat 0.7.8)."""
    import textstat

    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def assess_explanation(text: object) -> TeachBackResult:
    """Measure a plain-language explanation; text too short to measure raises ValueError saying what is needed."""
    if not isinstance(text, str):
        raise ValueError(f"The explanation must be text; you entered {text!r}.")
    words = len(text.split())
    if words < MIN_WORDS:
        raise ValueError(f"Write at least {MIN_WORDS} words (two or three sentences) so the reading grade means "
                         f"something; you wrote {words}.")
    if words > MAX_WORDS:
        raise ValueError(f"Keep it to {MAX_WORDS} words or fewer, as you would when speaking with a patient; "
                         f"you wrote {words}.")
    import textstat

    return TeachBackResult(reading_grade(text), words, int(textstat.sentence_count(text)), jargon_in(text))


class _VisibleText(HTMLParser):
    """The text a reader sees in an HTML page: no <head>, <style> or <script>."""

    SKIP = {"head", "style", "script", "title", "footer"}  # footer: sources and dates, not patient prose

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in ("p", "li", "h1", "h2", "h3", "br", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping -= 1
        elif tag in ("li", "h1", "h2", "h3", "td", "th"):
            self.parts.append(".\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The readable text of an HTML handout, one sentence per list item or heading."""
    parser = _VisibleText()
    parser.feed(html)
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = " ".join(line for line in lines if line.strip(". "))
    return re.sub(r"([.!?:])\.", r"\1", text).replace(" .", ".")

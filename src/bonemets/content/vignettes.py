"""The red-flag triage vignettes (assets/data/triage_vignettes.yaml): fictional cases with the urgency the
guidance supports, why, and the reference keys of that guidance.

Every case must be labelled fictional: its text starts with "Fictional patient.".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from bonemets.content.tables import Row, SourceKey, Text, raise_problems, repeated, validate_rows, yaml_sections
from bonemets.errors import ContentError
from bonemets.paths import assets_dir

VIGNETTES_FILE = Path("data") / "triage_vignettes.yaml"
URGENCY_LEVELS = ("emergency", "urgent", "routine")
MIN_VIGNETTES, MAX_VIGNETTES = 6, 10


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _fictional(value: str) -> str:
    if not value.lower().startswith("fictional patient"):
        raise ValueError("must start with 'Fictional patient.' so every case is labelled fictional")
    return value


def _urgency(value: str) -> str:
    if value not in URGENCY_LEVELS:
        raise ValueError(f"'{value}' is not one of {', '.join(URGENCY_LEVELS)}")
    return value


def _some(value: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        raise ValueError("must be a non-empty list of reference keys")
    return value


class Vignette(Row):
    """One fictional case with the urgency the guidance supports and why."""

    id: Text
    title: Text
    text: Annotated[Text, AfterValidator(_one_line), AfterValidator(_fictional)]
    answer: Annotated[str, AfterValidator(_urgency)]
    rationale: Annotated[Text, AfterValidator(_one_line)]
    sources: Annotated[tuple[SourceKey, ...], AfterValidator(_some)]


def vignettes_path() -> Path:
    return assets_dir() / VIGNETTES_FILE


def load_vignettes(path: Path | None = None, known_sources: set[str] | None = None) -> tuple[Vignette, ...]:
    """Read and check a vignette file; problems raise ContentError naming the file, line and field."""
    path = vignettes_path() if path is None else Path(path)
    name = path.name
    entries = yaml_sections(path, "vignette file", ("vignettes",))["vignettes"]
    if not MIN_VIGNETTES <= len(entries) <= MAX_VIGNETTES:
        raise ContentError(f"{name}: has {len(entries)} vignettes; the trainer needs {MIN_VIGNETTES} to "
                           f"{MAX_VIGNETTES}")

    def where(line: int, raw: object) -> str:
        label = f" (vignette '{raw.get('id', '?')}')" if isinstance(raw, dict) else ""
        return f"{name}: line {line}{label}"

    rows, problems = validate_rows(Vignette, [(where(line, raw), raw) for line, raw in entries], known_sources)
    raise_problems(problems + repeated(rows, "id", "id"))
    return tuple(row for _, row in rows)


@cache
def course_vignettes() -> tuple[Vignette, ...]:
    """The course's vignettes, read and checked once per kernel."""
    return load_vignettes()

"""The osteolytic vicious cycle (assets/data/vicious_cycle_steps.yaml): its steps in order, and the drug choices.

Each step and each drug cites a key of assets/references.yaml; each drug but the choice `none` names the step
where it acts (`blocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, model_validator

from bonemets.content.tables import Row, SourceKey, Text, raise_problems, repeated, validate_rows, yaml_sections
from bonemets.errors import ContentError
from bonemets.paths import assets_dir

CYCLE_FILE = Path("data") / "vicious_cycle_steps.yaml"
NO_DRUG = "none"
MIN_STEPS = 3
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _identifier(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' must be lower case letters, digits and underscores, starting with a letter")
    return value


Identifier = Annotated[Text, AfterValidator(_identifier)]


class Step(Row):
    """One step of the cycle, what it looks like when a drug has reduced it, and its source."""

    id: Identifier
    title: Text
    text: Text
    when_reduced: Text
    source: SourceKey


class Drug(Row):
    """A drug choice: how it acts and the step where it acts (none for the choice `none`)."""

    id: Identifier
    name: Text
    how: Text
    source: SourceKey
    blocks: Text | None = None

    @model_validator(mode="after")
    def _blocks_a_step_unless_none(self) -> Drug:
        if self.id == NO_DRUG and self.blocks:
            raise ValueError(f"blocks: the '{NO_DRUG}' choice cannot block a step")
        if self.id != NO_DRUG and not self.blocks:
            raise ValueError("blocks: is missing (the id of the step where the drug acts)")
        return self


@dataclass(frozen=True)
class Cycle:
    """The steps in cycle order (after the last comes the first) and the drug choices."""

    steps: tuple[Step, ...]
    drugs: tuple[Drug, ...]

    def index(self, step_id: str) -> int:
        for number, step in enumerate(self.steps):
            if step.id == step_id:
                return number
        raise ValueError(f"unknown step '{step_id}'; the steps are {[s.id for s in self.steps]}")

    def drug(self, drug_id: str) -> Drug:
        for drug in self.drugs:
            if drug.id == drug_id:
                return drug
        raise ValueError(f"unknown drug '{drug_id}'; choose one of {[d.id for d in self.drugs]}")


def cycle_path() -> Path:
    return assets_dir() / CYCLE_FILE


def load_cycle(path: Path | None = None, known_sources: set[str] | None = None) -> Cycle:
    """Read and check a cycle file; problems raise ContentError naming the file, line and field."""
    path = cycle_path() if path is None else Path(path)
    name = path.name
    sections = yaml_sections(path, "vicious-cycle file", ("steps", "drugs"))
    steps, problems = validate_rows(
        Step, [(f"{name}: line {line} (step)", raw) for line, raw in sections["steps"]], known_sources)
    drugs, found = validate_rows(
        Drug, [(f"{name}: line {line} (drug)", raw) for line, raw in sections["drugs"]], known_sources)
    problems += found + repeated(steps, "id", "id") + repeated(drugs, "id", "id")
    step_ids = {step.id for _, step in steps}
    problems += [f"{where}: blocks: names the step '{drug.blocks}', which is not one of the steps"
                 for where, drug in drugs if drug.blocks and drug.blocks not in step_ids]
    raise_problems(problems)
    if len(steps) < MIN_STEPS:
        raise ContentError(f"{name}: a cycle needs at least {MIN_STEPS} steps; found {len(steps)}")
    if NO_DRUG not in {drug.id for _, drug in drugs}:
        raise ContentError(f"{name}: the drugs must include the choice '{NO_DRUG}' (no bone-targeted drug)")
    return Cycle(tuple(step for _, step in steps), tuple(drug for _, drug in drugs))


@cache
def course_cycle() -> Cycle:
    """The course's cycle, read and checked once per kernel."""
    return load_cycle()

"""Step-through of the osteolytic vicious cycle, and where bisphosphonates and denosumab break it.

The steps, their sources and which drug acts at which step are data (assets/data/vicious_cycle_steps.yaml),
checked when loaded. The functions here return plain text, so tests and screen readers get the same words
as the widget: a step's text, the drug's effect on that step, and the chain of effects round the cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import yaml

from bonemets.paths import assets_dir

CYCLE_FILE = Path("data") / "vicious_cycle_steps.yaml"
STEP_FIELDS = ("id", "title", "text", "when_reduced", "source")
DRUG_FIELDS = ("id", "name", "how", "source")
DRUG_OPTIONAL = ("blocks",)
NO_DRUG = "none"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    when_reduced: str
    source: str
    line: int


@dataclass(frozen=True)
class Drug:
    id: str
    name: str
    how: str
    source: str
    line: int
    blocks: str | None = None


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
    """Read and check the cycle file; a bad file raises ValueError naming the file, the line and the problem."""
    if path is None and known_sources is None:
        return _course_cycle()
    return _read_cycle(cycle_path() if path is None else Path(path), known_sources)


@cache
def _course_cycle() -> Cycle:
    return _read_cycle(cycle_path(), None)


def _entries(node: yaml.Node | None, section: str, name: str) -> list[tuple[int, dict]]:
    """The list under `section` as (line, mapping) pairs, with the line each entry starts on."""
    if not isinstance(node, yaml.MappingNode):
        raise ValueError(f"{name}: the file must be a mapping with the keys 'steps' and 'drugs'")
    for key, value in node.value:
        if key.value == section:
            if not isinstance(value, yaml.SequenceNode) or not value.value:
                raise ValueError(f"{name}: line {value.start_mark.line + 1}: '{section}' must be a non-empty list")
            data = yaml.safe_load(yaml.serialize(value))
            return [(item.start_mark.line + 1, entry) for item, entry in zip(value.value, data, strict=True)]
    raise ValueError(f"{name}: the key '{section}' is missing")


def _check_fields(entry: object, where: str, required: tuple[str, ...], optional: tuple[str, ...],
                  known_sources: set[str]) -> list[str]:
    if not isinstance(entry, dict):
        return [f"{where}: each entry must be a mapping of fields"]
    problems = [f"{where}: field '{f}' is missing" for f in required if f not in entry]
    problems += [f"{where}: unexpected field '{f}'; allowed: {', '.join(required + optional)}"
                 for f in entry if f not in required + optional]
    for field_name in required + optional:
        value = entry.get(field_name)
        if field_name in entry and (not isinstance(value, str) or not value.strip()):
            problems.append(f"{where}: field '{field_name}' must be non-empty text")
    if isinstance(entry.get("id"), str) and not _ID.match(entry["id"]):
        problems.append(f"{where}: id '{entry['id']}' must be lower case letters, digits and underscores")
    source = entry.get("source")
    if isinstance(source, str) and source.strip() and source not in known_sources:
        problems.append(f"{where}: unknown source '{source}' (not a key in assets/references.yaml)")
    return problems


def _read_cycle(path: Path, known_sources: set[str] | None) -> Cycle:
    name = path.name
    if not path.is_file():
        raise ValueError(f"{name}: the vicious-cycle file is missing (looked for {path})")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ValueError(f"{name}: {where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if known_sources is None:
        from bonemets.content.references import load_registry

        known_sources = set(load_registry())

    problems: list[str] = []
    steps, drugs, seen = [], [], set()
    for line, entry in _entries(root, "steps", name):
        where = f"{name}: line {line} (step)"
        found = _check_fields(entry, where, STEP_FIELDS, (), known_sources)
        problems += found
        if not found:
            if entry["id"] in seen:
                problems.append(f"{where}: the id '{entry['id']}' is used twice")
            seen.add(entry["id"])
            steps.append(Step(line=line, **{f: entry[f].strip() for f in STEP_FIELDS}))
    drug_ids: set[str] = set()
    for line, entry in _entries(root, "drugs", name):
        where = f"{name}: line {line} (drug)"
        found = _check_fields(entry, where, DRUG_FIELDS, DRUG_OPTIONAL, known_sources)
        problems += found
        if found:
            continue
        if entry["id"] in drug_ids:
            problems.append(f"{where}: the id '{entry['id']}' is used twice")
        drug_ids.add(entry["id"])
        blocks = entry.get("blocks")
        if entry["id"] == NO_DRUG and blocks:
            problems.append(f"{where}: the '{NO_DRUG}' choice cannot block a step")
        elif entry["id"] != NO_DRUG and not blocks:
            problems.append(f"{where}: field 'blocks' is missing (the id of the step where the drug acts)")
        elif blocks and blocks not in seen:
            problems.append(f"{where}: 'blocks' names the step '{blocks}', which is not one of the steps")
        drugs.append(Drug(line=line, blocks=blocks, **{f: entry[f].strip() for f in DRUG_FIELDS}))
    if not problems and len(steps) < 3:
        problems.append(f"{name}: a cycle needs at least 3 steps; found {len(steps)}")
    if not problems and NO_DRUG not in drug_ids:
        problems.append(f"{name}: the drugs must include the choice '{NO_DRUG}' (no bone-targeted drug)")
    if problems:
        raise ValueError("\n".join(problems))
    return Cycle(tuple(steps), tuple(drugs))


def effect_order(cycle: Cycle, drug_id: str) -> list[Step]:
    """The steps a drug reduces, in the order the effect spreads: from the step it acts on, once round the cycle."""
    drug = cycle.drug(drug_id)
    if drug.blocks is None:
        return []
    start = cycle.index(drug.blocks)
    count = len(cycle.steps)
    return [cycle.steps[(start + k) % count] for k in range(count)]


def step_status(cycle: Cycle, index: int, drug_id: str) -> str:
    """'unchanged' with no drug; else 'drug acts here', 'reduced' (later in the same turn) or 'reduced next turn'."""
    drug = cycle.drug(drug_id)
    if drug.blocks is None:
        return "unchanged"
    acts = cycle.index(drug.blocks)
    if index == acts:
        return "drug acts here"
    return "reduced" if index > acts else "reduced next turn"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short_source(key: str) -> str:
    from bonemets.content.references import reference

    return reference(key).citation


def step_text(cycle: Cycle, index: int, drug_id: str = NO_DRUG) -> str:
    """The text of one step, its source, and what the chosen drug does to it."""
    if not 0 <= index < len(cycle.steps):
        raise ValueError(f"there is no step {index + 1}; choose a step from 1 to {len(cycle.steps)}")
    step, drug = cycle.steps[index], cycle.drug(drug_id)
    lines = [f"Step {index + 1} of {len(cycle.steps)}: {step.title}.", step.text,
             f"Source: {_short_source(step.source)}"]
    status = step_status(cycle, index, drug_id)
    if status == "unchanged":
        lines.append(f"{_capital(drug.name)}: {drug.how}")
    else:
        acts = cycle.index(drug.blocks) + 1
        if status == "drug acts here":
            lines.append(f"With {drug.name}: the drug acts at this step. {drug.how}")
        elif status == "reduced":
            lines.append(f"With {drug.name}: {step.when_reduced}. The drug acts earlier in the cycle, at step {acts}.")
        else:
            lines.append(f"With {drug.name}: on the next turn of the cycle, {step.when_reduced}. "
                         f"The drug acts at step {acts}.")
    return "\n".join(lines)


def drug_effect_text(cycle: Cycle, drug_id: str) -> str:
    """In words: where the drug acts, how, and what follows downstream, in order, round the cycle."""
    drug = cycle.drug(drug_id)
    if drug.blocks is None:
        return f"{_capital(drug.name)}: {drug.how}"
    order = effect_order(cycle, drug_id)
    first = order[0]
    chain = "; then ".join(f"{s.when_reduced} (step {cycle.index(s.id) + 1})" for s in order)
    return (f"{_capital(drug.name)} acts at step {cycle.index(first.id) + 1}, '{first.title}'. {drug.how} "
            f"What follows, in order round the cycle: {chain}. The drug works on the bone side of the cycle, through "
            f"the bone cells. (Source: {_short_source(drug.source)}) In patients with metastatic breast cancer, "
            f"these drugs protect the skeleton: fewer fractures, less radiotherapy to bone and less hypercalcaemia. "
            f"They have not been shown to slow the cancer or lengthen life (Ross 2003; Theriault 1999).")


def overview_text(cycle: Cycle, index: int, drug_id: str = NO_DRUG) -> list[str]:
    """One line per step for the text map of the cycle, marking the current step and the drug's effect in words."""
    lines = []
    for number, step in enumerate(cycle.steps):
        marks = []
        if number == index:
            marks.append("you are here")
        status = step_status(cycle, number, drug_id)
        if status != "unchanged":
            marks.append(status)
        suffix = f" [{'; '.join(marks)}]" if marks else ""
        lines.append(f"{number + 1}. {step.title}{suffix}")
    lines.append(f"After step {len(cycle.steps)} the cycle starts again at step 1.")
    return lines


class ViciousCycleExplorer:
    """A step drop-down with Previous/Next buttons and a drug choice; every result is shown as text."""

    def __init__(self, cycle: Cycle | None = None, step: int = 0, drug: str = NO_DRUG) -> None:
        import ipywidgets as widgets

        self.cycle = load_cycle() if cycle is None else cycle
        style = {"description_width": "initial"}
        self.step = widgets.Dropdown(
            options=[(f"{n + 1}. {s.title}", n) for n, s in enumerate(self.cycle.steps)], value=step,
            description="Step of the cycle:", style=style, layout=widgets.Layout(width="max-content"))
        self.previous_button = widgets.Button(description="Previous step", tooltip="Go to the previous step")
        self.next_button = widgets.Button(description="Next step", tooltip="Go to the next step")
        self.drug = widgets.RadioButtons(
            options=[(_capital(d.name), d.id) for d in self.cycle.drugs], value=drug,
            description="Drug:", style=style, layout=widgets.Layout(width="max-content"))
        self.detail = widgets.HTML()
        self.effect = widgets.HTML()
        self.overview = widgets.HTML()
        self.previous_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.step.observe(self._on_change, names="value")
        self.drug.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.previous_button, self.step, self.next_button]), self.drug,
            self.detail, self.effect, self.overview])
        self.widget.add_class("bonemets-vicious-cycle")
        self.text = ""
        self.show()

    def show(self) -> str:
        """Refresh the three text areas for the current step and drug; returns the step's text."""
        index, drug_id = self.step.value, self.drug.value
        self.text = step_text(self.cycle, index, drug_id)
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in self.text.splitlines())
        self.detail.value = f'<div role="status" aria-live="polite">{paragraphs}</div>'
        self.effect.value = f"<p><strong>Drug effect round the cycle:</strong> " \
                            f"{escape(drug_effect_text(self.cycle, drug_id))}</p>"
        lines = overview_text(self.cycle, index, drug_id)
        items = "".join(f"<li>{escape(line.split('. ', 1)[1])}</li>" for line in lines[:-1])
        self.overview.value = (f"<p><strong>The whole cycle, in words:</strong></p><ol>{items}</ol>"
                               f"<p>{escape(lines[-1])}</p>")
        return self.text

    def next(self) -> str:
        self.step.value = (self.step.value + 1) % len(self.cycle.steps)
        return self.text

    def previous(self) -> str:
        self.step.value = (self.step.value - 1) % len(self.cycle.steps)
        return self.text

    def _on_change(self, _change: dict) -> None:
        self.show()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

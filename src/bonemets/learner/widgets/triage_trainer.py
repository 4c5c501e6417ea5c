"""Red-flag triage trainer: fictional vignettes, a choice of urgency, and a rationale that cites the guidance.

The vignettes live in assets/data/triage_vignettes.yaml (each labelled fictional, with its answer, rationale and
source keys); `load_vignettes` checks the file and names the file, line and problem when something is wrong.
`check_answer` is plain Python, so the feedback a student reads is tested without a display. The widget is a
labelled Dropdown of cases, labelled RadioButtons for the urgency, a Check button and a role="status" feedback text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import yaml

from bonemets.paths import assets_dir

VIGNETTES_FILE = Path("data") / "triage_vignettes.yaml"
URGENCY = {
    "emergency": "Emergency: act now and escalate immediately",
    "urgent": "Urgent: report to the team the same day",
    "routine": "Routine: record it and review at the next planned contact",
}
FIELDS = ("id", "title", "text", "answer", "rationale", "sources")
MIN_VIGNETTES, MAX_VIGNETTES = 6, 10


@dataclass(frozen=True)
class Vignette:
    """One fictional case with the urgency the guidance supports and why."""

    id: str
    title: str
    text: str
    answer: str
    rationale: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Feedback:
    correct: bool
    text: str


def vignettes_path() -> Path:
    return assets_dir() / VIGNETTES_FILE


def _problems_for(node: yaml.MappingNode, raw: object, name: str, known_sources: set[str]) -> list[str]:
    where = f"{name}: line {node.start_mark.line + 1}"
    if not isinstance(raw, dict):
        return [f"{where}: each vignette must be a mapping with the fields {', '.join(FIELDS)}"]
    label = f"{where} (vignette '{raw.get('id', '?')}')"
    problems = [f"{label}: missing field '{field}'" for field in FIELDS if field not in raw]
    extra = sorted(set(raw) - set(FIELDS))
    if extra:
        problems.append(f"{label}: unexpected field(s) {extra}; allowed fields are {', '.join(FIELDS)}")
    for field in ("id", "title", "text", "rationale"):
        if field in raw and (not isinstance(raw[field], str) or not raw[field].strip()):
            problems.append(f"{label}: '{field}' must be non-empty text")
    text = raw.get("text")
    if isinstance(text, str) and not text.strip().lower().startswith("fictional patient"):
        problems.append(f"{label}: 'text' must start with 'Fictional patient.' so every case is labelled fictional")
    if "answer" in raw and raw["answer"] not in URGENCY:
        problems.append(f"{label}: answer '{raw['answer']}' is not one of {', '.join(URGENCY)}")
    sources = raw.get("sources")
    if "sources" in raw:
        if not isinstance(sources, list) or not sources:
            problems.append(f"{label}: 'sources' must be a non-empty list of reference keys")
        else:
            problems += [f"{label}: unknown source '{key}' (not a key in assets/references.yaml)"
                         for key in sources if key not in known_sources]
    return problems


def load_vignettes(path: Path | None = None, known_sources: set[str] | None = None) -> list[Vignette]:
    """Read and check the vignette file; a bad file raises ValueError naming the file, line and problem."""
    path = vignettes_path() if path is None else Path(path)
    name = path.name
    if not path.is_file():
        raise ValueError(f"{name}: the vignette file is missing (looked for {path})")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("vignettes"), list):
        raise ValueError(f"{name}: line 1: expected a mapping with a 'vignettes' list")
    nodes = next(value for key, value in root.value if key.value == "vignettes").value
    items = data["vignettes"]
    if not MIN_VIGNETTES <= len(items) <= MAX_VIGNETTES:
        raise ValueError(f"{name}: has {len(items)} vignettes; the trainer needs {MIN_VIGNETTES} to {MAX_VIGNETTES}")
    if known_sources is None:
        from bonemets.content.references import load_registry

        known_sources = set(load_registry())
    problems: list[str] = []
    seen: set[str] = set()
    for node, raw in zip(nodes, items, strict=True):
        problems += _problems_for(node, raw, name, known_sources)
        if isinstance(raw, dict) and raw.get("id") in seen:
            problems.append(f"{name}: line {node.start_mark.line + 1}: the id '{raw['id']}' is used twice")
        if isinstance(raw, dict):
            seen.add(raw.get("id"))
    if problems:
        raise ValueError("\n".join(problems))
    return [Vignette(raw["id"], raw["title"].strip(), " ".join(raw["text"].split()), raw["answer"],
                     " ".join(raw["rationale"].split()), tuple(raw["sources"])) for raw in items]


@cache
def course_vignettes() -> tuple[Vignette, ...]:
    """The course's vignettes, loaded once per kernel."""
    return tuple(load_vignettes())


def source_text(keys: tuple[str, ...]) -> str:
    from bonemets.content.references import reference

    return "Sources: " + " ".join(reference(key).citation for key in keys)


def check_answer(vignette: Vignette, choice: str | None) -> Feedback:
    """The feedback for one choice: a verdict in words, the guideline-based rationale and the full sources."""
    if choice is None:
        return Feedback(False, "Choose an urgency level first, then press Check.")
    if choice not in URGENCY:
        raise ValueError(f"unknown urgency '{choice}'; choose one of {', '.join(URGENCY)}")
    right = choice == vignette.answer
    verdict = "Correct" if right else "Not quite"
    lines = [f"{verdict}: you chose '{URGENCY[choice]}'."]
    if not right:
        lines.append(f"The guidance supports '{URGENCY[vignette.answer]}'.")
    lines += [f"Why: {vignette.rationale}", source_text(vignette.sources)]
    return Feedback(right, "\n".join(lines))


class TriageTrainer:
    """Choose a fictional case, choose how urgently to escalate it, press Check, read why."""

    def __init__(self, vignettes: tuple[Vignette, ...] | list[Vignette] | None = None) -> None:
        import ipywidgets as widgets

        self.vignettes = tuple(course_vignettes() if vignettes is None else vignettes)
        self._by_id = {v.id: v for v in self.vignettes}
        style = {"description_width": "initial"}
        self.case = widgets.Dropdown(
            options=[(f"Case {n}: {v.title}", v.id) for n, v in enumerate(self.vignettes, start=1)],
            description="Choose a case:", style=style, layout=widgets.Layout(width="max-content"))
        self.story = widgets.HTML()
        self.choice = widgets.RadioButtons(options=[(label, key) for key, label in URGENCY.items()], value=None,
                                           description="How urgent is this?", style=style,
                                           layout=widgets.Layout(width="100%"))
        self.button = widgets.Button(description="Check", tooltip="Check your choice and read the rationale")
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.results: dict[str, bool] = {}
        self.case.observe(self._on_case, names="value")
        self.button.on_click(self.check)
        self.widget = widgets.VBox([self.case, self.story, self.choice, self.button, self.feedback, self.score])
        self.widget.add_class("bonemets-triage-trainer")
        self.show(self.case.value)

    @property
    def current(self) -> Vignette:
        return self._by_id[self.case.value]

    def show(self, vignette_id: str) -> None:
        """Show a case, clear the previous choice and feedback."""
        vignette = self._by_id[vignette_id]
        self.story.value = f"<p><strong>{escape(vignette.title)}</strong></p><p>{escape(vignette.text)}</p>"
        self.choice.value = None
        self._show_feedback("")
        self._show_score()

    def check(self, _button: object = None) -> str:
        """Score the current choice, show the feedback, and return its text."""
        result = check_answer(self.current, self.choice.value)
        if self.choice.value is not None:
            self.results[self.current.id] = result.correct
        self._show_feedback(result.text)
        self._show_score()
        return result.text

    def score_text(self) -> str:
        done, right = len(self.results), sum(self.results.values())
        return f"Cases checked: {done} of {len(self.vignettes)}; matched the guidance: {right}."

    def _show_feedback(self, text: str) -> None:
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
        self.feedback.value = f'<div role="status" aria-live="polite">{paragraphs}</div>'

    def _show_score(self) -> None:
        self.score.value = f"<p>{escape(self.score_text())}</p>"

    def _on_case(self, change: dict) -> None:
        self.show(change["new"])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

"""Step-through of the osteolytic vicious cycle, and where bisphosphonates and denosumab break it.

The steps, their sources and which drug acts at which step are data (assets/data/vicious_cycle_steps.yaml),
checked when loaded (bonemets.content.vicious_cycle). The functions here return plain text, so tests and screen
readers get the same words as the widget: a step's text, the drug's effect on that step, and the chain of effects
round the cycle.
"""

from __future__ import annotations

from html import escape

from bonemets.content.references import reference
from bonemets.content.vicious_cycle import NO_DRUG, Cycle, Step, course_cycle
from bonemets.learner.ui import LABEL_STYLE, CourseWidget


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


def step_text(cycle: Cycle, index: int, drug_id: str = NO_DRUG) -> str:
    """The text of one step, its source, and what the chosen drug does to it."""
    if not 0 <= index < len(cycle.steps):
        raise ValueError(f"there is no step {index + 1}; choose a step from 1 to {len(cycle.steps)}")
    step, drug = cycle.steps[index], cycle.drug(drug_id)
    lines = [f"Step {index + 1} of {len(cycle.steps)}: {step.title}.", step.text,
             f"Source: {reference(step.source).citation}"]
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
            f"the bone cells. (Source: {reference(drug.source).citation}) In patients with metastatic breast cancer, "
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


class ViciousCycleExplorer(CourseWidget):
    """A step drop-down with Previous/Next buttons and a drug choice; every result is shown as text."""

    def __init__(self, cycle: Cycle | None = None, step: int = 0, drug: str = NO_DRUG) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.cycle = course_cycle() if cycle is None else cycle
        self.step = widgets.Dropdown(
            options=[(f"{n + 1}. {s.title}", n) for n, s in enumerate(self.cycle.steps)], value=step,
            description="Step of the cycle:", style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
        self.previous_button = widgets.Button(description="Previous step", tooltip="Go to the previous step")
        self.next_button = widgets.Button(description="Next step", tooltip="Go to the next step")
        self.drug = widgets.RadioButtons(
            options=[(_capital(d.name), d.id) for d in self.cycle.drugs], value=drug,
            description="Drug:", style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
        self.effect = widgets.HTML()
        self.overview = widgets.HTML()
        self.previous_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.step.observe(self._on_change, names="value")
        self.drug.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.previous_button, self.step, self.next_button]), self.drug,
            self.status, self.effect, self.overview])
        self.widget.add_class("bonemets-vicious-cycle")
        self.show()

    def show(self) -> str:
        """Refresh the three text areas for the current step and drug; returns the step's text."""
        index, drug_id = self.step.value, self.drug.value
        self.show_status(step_text(self.cycle, index, drug_id))
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

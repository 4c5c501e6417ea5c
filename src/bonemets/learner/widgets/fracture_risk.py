"""Calculator widgets for fracture and instability risk: the Mirels score and SINS.

Each item is a labelled Dropdown (keyboard-usable, no click-only graphics). The result is text in a
role="status" region: the total, its band, what the band means and the points of each item. An
unanswered item or an impossible value is shown as a plain message, never as a crash. The scoring
itself lives in bonemets.clinical.mirels and bonemets.clinical.sins, where tests reach it.
"""

from __future__ import annotations

from html import escape

from bonemets.clinical import mirels, sins
from bonemets.learner.ui import LABEL_STYLE, PLACEHOLDER, CourseWidget

TEACHING_NOTE = ("A teaching calculator for fictional cases. In practice the medical team scores lesions from "
                 "imaging and examination; follow local policy.")

MIRELS_FIELDS = {
    "site": ("Site of the lesion:", [
        ("Upper limb (arm bones)", "upper limb"),
        ("Lower limb (leg bones, away from the trochanters)", "lower limb"),
        ("Peritrochanteric (around the trochanters, top of the femur)", "peritrochanteric"),
    ]),
    "pain": ("Pain:", [
        ("Mild", "mild"),
        ("Moderate", "moderate"),
        ("Functional (brought on by using the limb)", "functional"),
    ]),
    "lesion": ("Type of lesion on imaging:", [
        ("Blastic (extra abnormal bone)", "blastic"),
        ("Mixed (lytic and blastic)", "mixed"),
        ("Lytic (bone destroyed)", "lytic"),
    ]),
    "size": ("Size (share of the bone's diameter):", [
        ("Less than 1/3", "less than 1/3"),
        ("1/3 to 2/3", "1/3 to 2/3"),
        ("More than 2/3", "more than 2/3"),
    ]),
}

SINS_FIELDS = {
    "location": ("Location in the spine:", [
        ("Junctional: occiput to C2, C7 to T2, T11 to L1, L5 to S1", "junctional"),
        ("Mobile spine: C3 to C6, L2 to L4", "mobile"),
        ("Semi-rigid: T3 to T10", "semi-rigid"),
        ("Rigid: S2 to S5", "rigid"),
    ]),
    "pain": ("Pain:", [
        ("Mechanical: eased by lying down, or worse on moving or loading the spine", "mechanical"),
        ("Occasional pain, not mechanical", "occasional non-mechanical"),
        ("Pain-free lesion", "pain-free"),
    ]),
    "bone_lesion": ("Bone lesion on imaging:", [
        ("Lytic (bone destroyed)", "lytic"),
        ("Mixed (lytic and blastic)", "mixed"),
        ("Blastic (extra abnormal bone)", "blastic"),
    ]),
    "alignment": ("Spinal alignment on imaging:", [
        ("Subluxation or translation present", "subluxation or translation"),
        ("De novo deformity (new kyphosis or scoliosis)", "de novo deformity"),
        ("Normal alignment", "normal"),
    ]),
    "collapse": ("Vertebral body collapse:", [
        ("More than 50% collapse", "more than 50%"),
        ("Less than 50% collapse", "less than 50%"),
        ("No collapse, but more than 50% of the body involved", "no collapse, more than 50% of body involved"),
        ("None of these", "none"),
    ]),
    "posterolateral": ("Posterolateral involvement (facet, pedicle or rib joint):", [
        ("Bilateral (both sides)", "bilateral"),
        ("Unilateral (one side)", "unilateral"),
        ("None", "none"),
    ]),
}

SPINAL_LEVELS = ["occiput", *(f"C{n}" for n in range(1, 8)), *(f"T{n}" for n in range(1, 13)),
                 *(f"L{n}" for n in range(1, 6)), *(f"S{n}" for n in range(1, 6))]


class _ScoreCalculator(CourseWidget):
    """Labelled Dropdowns, one per item, and a role="status" text result updated on every change."""

    title = ""
    fields: dict[str, tuple[str, list[tuple[str, str]]]] = {}

    def __init__(self, **values: str) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.dropdowns = {
            name: widgets.Dropdown(options=[(PLACEHOLDER, None), *options], value=None, description=label,
                                   style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
            for name, (label, options) in self.fields.items()
        }
        for dropdown in self.dropdowns.values():
            dropdown.observe(self._on_change, names="value")
        heading = widgets.HTML(f"<h4>{escape(self.title)}</h4><p>{escape(TEACHING_NOTE)}</p>")
        self.widget = widgets.VBox([heading, *self.extra_controls(), *self.dropdowns.values(), self.status])
        self.set(**values)
        self.update()

    def extra_controls(self) -> list:
        return []

    def set(self, **values: str) -> None:
        """Set items by name (used by tests and demonstrations); an unknown name raises ValueError."""
        for name, value in values.items():
            if name not in self.dropdowns:
                raise ValueError(f"'{name}' is not an item of this calculator; items: {', '.join(self.dropdowns)}")
            self.dropdowns[name].value = value

    def values(self) -> dict[str, str | None]:
        return {name: dropdown.value for name, dropdown in self.dropdowns.items()}

    def compute(self, values: dict[str, str | None]) -> list[str]:
        raise NotImplementedError

    def update(self) -> str:
        """Recompute from the controls and show the result (or what is missing) as text."""
        values = self.values()
        missing = [self.fields[name][0].rstrip(":").lower() for name, value in values.items() if value is None]
        if missing:
            paragraphs = [f"Not complete yet: still to choose {'; '.join(missing)}.",
                          f"The score appears when all {len(values)} items are chosen."]
        else:
            try:
                paragraphs = self.compute(values)
            except ValueError as error:
                paragraphs = [f"Cannot score this: {error}"]
        self.show_status("\n".join(paragraphs))
        return self.text

    def _on_change(self, _change: dict) -> None:
        self.update()


class MirelsCalculator(_ScoreCalculator):
    """Mirels score for a long-bone metastasis (Mirels 1989): total 4 to 12, its band and meaning."""

    title = "Mirels score (long bones of the arms and legs)"
    fields = MIRELS_FIELDS

    def compute(self, values: dict[str, str | None]) -> list[str]:
        result = mirels.mirels_score(**values)
        return [f"Mirels score: {result.total} points (possible range 4 to 12).",
                f"Band: {result.band}.",
                result.interpretation,
                f"Points: {result.breakdown()}."]


class SinsCalculator(_ScoreCalculator):
    """SINS for a spinal metastasis (Fisher 2010): total 0 to 18, its band and whether to consult a surgeon."""

    title = "Spinal Instability Neoplastic Score (SINS)"
    fields = SINS_FIELDS

    def extra_controls(self) -> list:
        import ipywidgets as widgets

        self.level = widgets.Dropdown(
            options=[(PLACEHOLDER, None), *((level, level) for level in SPINAL_LEVELS)], value=None,
            description="Spinal level (fills in the location):", style=LABEL_STYLE,
            layout=widgets.Layout(width="max-content"))
        self.level.observe(self._on_level, names="value")
        return [self.level]

    def _on_level(self, change: dict) -> None:
        if change["new"] is not None:
            self.dropdowns["location"].value = sins.location_category(change["new"])

    def compute(self, values: dict[str, str | None]) -> list[str]:
        result = sins.sins_score(**values)
        consult = ("Surgical consultation: recommended (SINS 7 or more)." if result.surgical_consultation
                   else "Surgical consultation: not needed for instability on this score (SINS 6 or less).")
        return [f"SINS: {result.total} points (possible range 0 to 18).",
                f"Band: {result.band}.",
                result.interpretation,
                consult,
                f"Points: {result.breakdown()}."]

"""Explorer of the bone-remodelling teaching model (bonemets.models.remodelling).

Two labelled drop-down lists of settings (tumour signalling, drug effect; not sliders, see bonemets.learner.ui),
three stacked line charts (osteoclasts, osteoblasts, bone mass) and a text summary of the same run. The figure is
built once; a new setting updates the line data and redraws it, so an update takes well under 100 ms
(bench/bench_remodelling.py measures it).
"""

from __future__ import annotations

import io

from bonemets.learner.ui import PALETTE, CourseWidget, image_html, step_dropdown
from bonemets.models import remodelling as model

OSTEOCLAST_COLOUR = PALETTE["vermillion"]
OSTEOBLAST_COLOUR = PALETTE["blue"]
BONE_COLOUR = PALETTE["bluish green"]
UNTREATED_COLOUR = PALETTE["black"]  # dashed
INTRO = (
    "<p><strong>A teaching model, not a prediction.</strong> The equations and numbers come from two published "
    "models of bone cells (Komarova 2003; Ayati 2010, whose tumour terms were built for myeloma, another cancer "
    "that destroys bone). They show a direction of change, not what will happen to any patient. The drug setting "
    "is the course's own simple assumption: it cuts the bone each active osteoclast removes.</p>"
    "<p>Choose a value from each list (with the keyboard: Tab to reach it, Space to open it, the arrow keys and "
    "Enter). The text under the lists describes the charts in words.</p>"
)


class RemodellingChart:
    """Three stacked axes with fixed scales, so runs can be compared by eye and redrawn fast.

    The axes, ticks and titles are drawn once and kept as a background image; an update restores that
    background and draws only the lines and their direct labels on top (matplotlib "blitting"). If a run
    ever leaves the fixed scales, the scales grow and the whole figure is drawn again.
    """

    def __init__(self, osteoclast_max: float = 35.0, osteoblast_max: float = 1000.0,
                 bone_max_percent: float = 160.0, days: float = model.DEFAULT_DAYS) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(6, 5.6), dpi=100)
        self.figure.subplots_adjust(left=0.12, right=0.97, top=0.95, bottom=0.09, hspace=0.35)
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = self.figure.subplots(3, 1, sharex=True)
        top, middle, bottom = self.axes
        (self.osteoclasts,) = top.plot([], [], color=OSTEOCLAST_COLOUR, linewidth=1.6, animated=True)
        (self.osteoblasts,) = middle.plot([], [], color=OSTEOBLAST_COLOUR, linewidth=1.6, animated=True)
        (self.untreated,) = bottom.plot([], [], color=UNTREATED_COLOUR, linewidth=1.2, linestyle="--",
                                        animated=True)
        (self.bone,) = bottom.plot([], [], color=BONE_COLOUR, linewidth=2.0, animated=True)
        top.set_title("Osteoclasts (cells that remove bone)", loc="left", fontsize=10)
        middle.set_title("Osteoblasts (cells that build bone)", loc="left", fontsize=10)
        bottom.set_title("Bone mass at this site (dotted line: the starting level)", loc="left", fontsize=10)
        top.set_ylabel("cells")
        middle.set_ylabel("cells")
        bottom.set_ylabel("% of start")
        bottom.set_xlabel("Day of the model run")
        bottom.axhline(100, color="#000000", linewidth=0.8, linestyle=":")
        for axes in self.axes:
            axes.spines[["top", "right"]].set_visible(False)
        # Direct labels are black text (contrast 21:1); the line they sit next to carries the colour.
        self.bone_label = bottom.text(0, 0, "", color="#000000", fontsize=9, va="center", ha="left", animated=True)
        self.untreated_label = bottom.text(0, 0, "", color="#000000", fontsize=9, va="center", ha="left",
                                           animated=True)
        self._limits = [osteoclast_max, osteoblast_max, bone_max_percent]
        self._days = days
        self._background = None
        self._apply_limits()

    def _apply_limits(self) -> None:
        top, middle, bottom = self.axes
        top.set_ylim(0, self._limits[0])
        middle.set_ylim(0, self._limits[1])
        bottom.set_ylim(-4, self._limits[2])
        bottom.set_xlim(0, self._days * 1.22)  # room on the right for the direct labels
        step = 200 if self._days <= 2000 else 500
        bottom.set_xticks(list(range(0, int(self._days) + 1, step)))
        self._background = None

    def _grow_limits(self, run: model.Trajectory) -> None:
        needed = [float(run.osteoclasts.max()) * 1.05, float(run.osteoblasts.max()) * 1.05,
                  max(float(run.bone_mass_percent.max()), float(run.untreated_bone_mass_percent.max())) + 8]
        if float(run.days[-1]) != self._days or any(n > limit for n, limit in zip(needed, self._limits, strict=True)):
            self._limits = [max(n, limit) for n, limit in zip(needed, self._limits, strict=True)]
            self._days = float(run.days[-1])
            self._apply_limits()

    def show(self, run: model.Trajectory) -> None:
        """Put one run's data on the lines and labels (nothing is drawn until `png`)."""
        self._grow_limits(run)
        days = run.days
        end = float(days[-1])
        high = self._limits[2]
        self.osteoclasts.set_data(days, run.osteoclasts)
        self.osteoblasts.set_data(days, run.osteoblasts)
        self.bone.set_data(days, run.bone_mass_percent)
        treated = run.drug_effect_percent > 0
        self.untreated.set_data(days, run.untreated_bone_mass_percent)
        self.untreated.set_visible(treated)
        self.bone_label.set_text(f"with drug {run.end_bone_mass:.0f}%" if treated else f"{run.end_bone_mass:.0f}%")
        self.bone_label.set_position((end * 1.01, run.end_bone_mass))
        if treated:
            gap = abs(run.end_bone_mass - run.untreated_end_bone_mass)
            nudge = max(0.0, 0.08 * high - gap)
            below = run.untreated_end_bone_mass <= run.end_bone_mass
            self.untreated_label.set_text(f"no drug {run.untreated_end_bone_mass:.0f}%")
            self.untreated_label.set_position((end * 1.01, run.untreated_end_bone_mass - (nudge if below else -nudge)))
        self.untreated_label.set_visible(treated)

    def png(self) -> bytes:
        """Render the current state as PNG bytes (background once, then only the changing artists)."""
        from PIL import Image

        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        top, middle, bottom = self.axes
        top.draw_artist(self.osteoclasts)
        middle.draw_artist(self.osteoblasts)
        for artist in (self.untreated, self.bone, self.bone_label, self.untreated_label):
            if artist.get_visible():
                bottom.draw_artist(artist)
        image = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


CHART_ALT = ("Three line charts over model time: osteoclasts, osteoblasts, and bone mass as a percentage of the start. "
             "The text above the charts gives the numbers.")


class RemodellingExplorer(CourseWidget):
    """Drop-downs for tumour signalling and drug effect; the chart and its text summary follow them."""

    def __init__(self, tumour_signalling_percent: int = 100, drug_effect_percent: int = 0,
                 days: float = model.DEFAULT_DAYS) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.days = days
        low, high = model.TUMOUR_SIGNALLING_RANGE
        self.tumour = step_dropdown("Tumour signalling (% of the published value):", tumour_signalling_percent,
                                    int(low), int(high), 10)
        low, high = model.DRUG_EFFECT_RANGE
        self.drug = step_dropdown("Anti-resorptive drug effect (% less bone removed per osteoclast):",
                                  drug_effect_percent, int(low), int(high), 10)
        self.chart = widgets.HTML()
        self._chart = RemodellingChart()
        self.tumour.observe(self._on_change, names="value")
        self.drug.observe(self._on_change, names="value")
        self.widget = widgets.VBox([widgets.HTML(INTRO), self.tumour, self.drug, self.status, self.chart])
        self.widget.add_class("bonemets-remodelling-explorer")
        self.update()

    def update(self, tumour_signalling_percent: float | None = None, drug_effect_percent: float | None = None
               ) -> str:
        """Solve for the given settings (default: the drop-down lists'), redraw, and return the text summary.

        A value outside the allowed range is not run: the message says what was wrong and what is allowed.
        """
        signalling = self.tumour.value if tumour_signalling_percent is None else tumour_signalling_percent
        drug = self.drug.value if drug_effect_percent is None else drug_effect_percent
        try:
            run = model.simulate(signalling, drug, days=self.days)
        except ValueError as error:
            self.show_status(f"The model was not run. {error}")
            return self.text
        self._chart.show(run)
        self.chart.value = image_html(self._chart.png(), CHART_ALT)
        self.show_status(model.summary_text(run))
        return self.text

    def _on_change(self, _change: dict) -> None:
        self.update()

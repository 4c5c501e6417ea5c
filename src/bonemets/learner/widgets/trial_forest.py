"""Forest plot of the pivotal trials' hazard ratios with 95% confidence intervals (assets/data/pivotal_trials.csv).

A learner picks a group of trials from a labelled drop-down list and gets three views of the same rows: a text
summary that lists every row with its hazard ratio and interval, a forest plot drawn as SVG (logarithmic x axis, a
dashed line at HR 1, one labelled row per comparison, a different marker shape for each group as well as a colour,
the text summary as its <desc>), and a table with who was studied, a note and the full citation. The numbers live
in the CSV with a `source` key into assets/references.yaml, never in code; bonemets.content.trials reads and
checks them.
"""

from __future__ import annotations

import math
import textwrap
from html import escape

from bonemets.content.trials import TrialRow, course_trials
from bonemets.learner.ui import LABEL_STYLE, PALETTE, CourseWidget

ALL_TRIALS = "All trials"
# Okabe-Ito colours AND distinct marker shapes, so a group is never told by colour alone.
GROUP_STYLE = {
    "Bone-modifying agents": (PALETTE["blue"], "s", "square"),
    "Hormone receptor-positive HER2-negative": (PALETTE["orange"], "o", "circle"),
    "HER2-positive": (PALETTE["bluish green"], "D", "diamond"),
    "Triple-negative": (PALETTE["vermillion"], "^", "triangle"),
}
Trials = tuple[TrialRow, ...] | list[TrialRow]


def groups(trials: Trials | None = None) -> list[str]:
    """The choices of the drop-down list: all trials, then each group in file order."""
    trials = course_trials() if trials is None else trials
    return [ALL_TRIALS, *dict.fromkeys(row.group for row in trials)]


def rows_for(group: str, trials: Trials | None = None) -> list[TrialRow]:
    """The rows of one group (or all rows), in file order."""
    trials = course_trials() if trials is None else trials
    if group == ALL_TRIALS:
        return list(trials)
    rows = [row for row in trials if row.group == group]
    if not rows:
        raise ValueError(f"unknown group '{group}'; choose one of {groups(trials)}")
    return rows


def _hr_text(row: TrialRow) -> str:
    return f"HR {row.hr:.2f} ({row.ci_low:.2f}-{row.ci_high:.2f})"


def row_text(row: TrialRow) -> str:
    """'Stopeck 2010, denosumab vs zoledronic acid, time to first on-study SRE: HR 0.82 (0.71-0.95)'."""
    return f"{row.study}, {row.comparison}, {row.endpoint}: {_hr_text(row)}"


def summary_text(group: str, trials: Trials | None = None) -> str:
    """What the plot shows, in words: its form, every row, and what the intervals say (the plot's text alternative)."""
    rows = rows_for(group, trials)
    present = {row.group for row in rows}
    shapes = "; ".join(f"{style[2]} = {name}" for name, style in GROUP_STYLE.items() if name in present)
    listed = " ".join(f"{number}) {row_text(row)}." for number, row in enumerate(rows, start=1))
    below = sum(row.ci_high < 1 for row in rows)
    above = sum(row.ci_low > 1 for row in rows)
    crossing = len(rows) - below - above
    verdict = [f"{below} of {len(rows)} intervals lie wholly below 1 (the first-named treatment did better for "
               "that endpoint)"]
    if above:
        verdict.append(f"{above} lie wholly above 1 (the comparator did better)")
    if crossing:
        verdict.append(f"{crossing} cross 1 (no clear difference)")
    return (f"Forest plot of {len(rows)} hazard ratios (HR) with 95% confidence intervals, one row each, on a "
            "logarithmic x axis; a dashed vertical line marks HR 1 (no difference). Marker shapes show the group "
            f"({shapes}). Rows: {listed} {'; '.join(verdict)}. Each HR compares two treatments within one trial, "
            "for its own endpoint and patients: do not compare the sizes of HRs from different trials.")


def table_html(group: str, trials: Trials | None = None) -> str:
    """The same rows as an HTML table with who was studied, a note and the full citation of each row."""
    from bonemets.content.references import reference

    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>'
                   for h in ("Trial", "Comparison", "Endpoint", "HR (95% CI)", "Patients", "Who was studied",
                             "Note", "Source"))
    body = []
    for row in rows_for(group, trials):
        cells = [row.study, row.comparison, row.endpoint, _hr_text(row)[3:], f"{row.n:,}", row.population, row.note,
                 reference(row.source).citation]
        body.append("<tr>" + "".join(f'<td style="vertical-align:top">{escape(str(c))}</td>' for c in cells)
                    + "</tr>")
    return (f'<table class="bonemets-trials"><caption style="text-align:left"><strong>Table: {escape(group)}'
            f"</strong></caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


# Geometry of the SVG plot, in pixels.
_WIDTH, _LEFT, _PLOT, _ROW, _TOP, _BOTTOM = 760, 300, 300, 40, 104, 62
_X_MIN, _X_MAX = 0.15, 1.6  # the log-scale axis range; every verified interval lies inside it
_TICKS = (0.2, 0.3, 0.5, 0.7, 1.0, 1.5)


def _x(value: float) -> float:
    """A hazard ratio's horizontal position on the log-scale axis (values outside are clipped to the edges)."""
    value = min(max(value, _X_MIN), _X_MAX)
    share = (math.log(value) - math.log(_X_MIN)) / (math.log(_X_MAX) - math.log(_X_MIN))
    return _LEFT + share * _PLOT


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """One group marker: a square, circle, diamond or triangle, filled and outlined in black."""
    style = f'fill="{colour}" stroke="#000000" stroke-width="1"'
    if shape == "square":
        return f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" {style}/>'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6.5" {style}/>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
    else:  # triangle
        points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y + 6:.1f} {x - 8:.1f},{y + 6:.1f}"
    return f'<polygon points="{points}" {style}/>'


def forest_svg(group: str, trials: Trials | None = None) -> str:
    """The forest plot of one group as an SVG string: log-scale x axis, a dashed line at HR 1, labelled rows.

    Hand-built SVG rather than matplotlib: it draws in well under a millisecond, its text stays real text, and its
    <title> and <desc> carry the plot's text alternative for screen readers.
    """
    rows = rows_for(group, trials)
    height = _TOP + _ROW * len(rows) + _BOTTOM
    axis_y = _TOP + _ROW * len(rows)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
             f'viewBox="0 0 {_WIDTH} {height}" role="img" aria-labelledby="forest-title forest-desc" '
             'font-family="sans-serif" style="max-width:100%;height:auto">',
             f'<title id="forest-title">Forest plot: pivotal trials, {escape(group)}</title>',
             f'<desc id="forest-desc">{escape(summary_text(group, trials))}</desc>',
             f'<rect width="{_WIDTH}" height="{height}" fill="#ffffff"/>',
             f'<text x="8" y="20" font-size="15" font-weight="bold">Pivotal trials: {escape(group)}</text>']
    present = [name for name in GROUP_STYLE if name in {row.group for row in rows}]
    for number, name in enumerate(present):  # legend in two columns: shape, colour and name
        colour, _marker_code, shape = GROUP_STYLE[name]
        x, y = 8 + 340 * (number % 2), 42 + 22 * (number // 2)
        parts.append(_marker(shape, x + 8, y, colour))
        parts.append(f'<text x="{x + 22}" y="{y + 4}" font-size="12">{escape(f"{name} ({shape})")}</text>')
    for tick in _TICKS:  # light grid and tick labels
        x = _x(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{axis_y}" stroke="#dddddd"/>')
        parts.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#000000"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 19}" font-size="12" text-anchor="middle">{tick:g}</text>')
    parts.append(f'<line x1="{_LEFT}" y1="{axis_y}" x2="{_LEFT + _PLOT}" y2="{axis_y}" stroke="#000000"/>')
    parts.append(f'<line x1="{_x(1.0):.1f}" y1="{_TOP - 8}" x2="{_x(1.0):.1f}" y2="{axis_y}" stroke="#000000" '
                 'stroke-dasharray="6 4" stroke-width="1.5"/>')
    parts.append(f'<text x="{_LEFT + _PLOT / 2:.1f}" y="{axis_y + 38}" font-size="12" text-anchor="middle">'
                 "Hazard ratio (log scale); below 1 favours the first-named treatment</text>")
    parts.append(f'<text x="{_LEFT + _PLOT + 12}" y="{_TOP - 12}" font-size="12" font-weight="bold">'
                 "HR (95% CI)</text>")
    for position, row in enumerate(rows):
        y = _TOP + _ROW * position + _ROW / 2
        colour, _marker_code, shape = GROUP_STYLE[row.group]
        lines = textwrap.wrap(f"{row.study}: {row.endpoint}", 44)
        first_y = y - 7 * (len(lines) - 1)
        tspans = "".join(f'<tspan x="{_LEFT - 10}" y="{first_y + 14 * i:.1f}">{escape(line)}</tspan>'
                         for i, line in enumerate(lines))
        parts.append(f'<text font-size="12" text-anchor="end" dominant-baseline="middle">{tspans}</text>')
        parts.append(f'<line x1="{_x(row.ci_low):.1f}" y1="{y:.1f}" x2="{_x(row.ci_high):.1f}" y2="{y:.1f}" '
                     f'stroke="{colour}" stroke-width="3"/>')
        parts.append(_marker(shape, _x(row.hr), y, colour))
        parts.append(f'<text x="{_LEFT + _PLOT + 12}" y="{y:.1f}" font-size="12" dominant-baseline="middle">'
                     f"{escape(_hr_text(row)[3:])}</text>")
    parts.append("</svg>")
    return "".join(parts)


class TrialForest(CourseWidget):
    """Drop-down list of trial groups, a text summary, the forest plot and the table of the same rows."""

    def __init__(self, trials: Trials | None = None, group: str | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.trials = course_trials() if trials is None else trials
        options = groups(self.trials)
        self.dropdown = widgets.Dropdown(options=options, value=group or options[0], description="Show trials:",
                                         style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        intro = widgets.HTML(
            "<p>Hazard ratios from the pivotal trials in this module. A hazard ratio below 1 means the first-named "
            "treatment delayed the event; the line shows the 95% confidence interval. The text below lists every "
            "row, so the plot is not needed to read the results.</p>")
        self.dropdown.observe(self._on_change, names="value")
        self.widget = widgets.VBox([intro, self.dropdown, self.status, self.chart, self.table])
        self.widget.add_class("bonemets-trial-forest")
        self.show(self.dropdown.value)

    def show(self, group: str) -> None:
        """Redraw summary, plot and table for a group."""
        self.show_status(summary_text(group, self.trials))
        self.chart.value = forest_svg(group, self.trials)
        self.table.value = table_html(group, self.trials)

    def _on_change(self, change: dict) -> None:
        self.show(change["new"])

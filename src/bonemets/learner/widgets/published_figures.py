"""Explorer of published figures on breast cancer in bone (assets/data/bone_metastasis_figures.csv).

A learner picks a measure from a labelled dropdown and gets three views of the same
rows: a one-sentence summary, a horizontal bar chart (values written on the bars),
and a text table with the population and full citation of every figure. The data
live in the CSV with a `source` key into assets/references.yaml, never in code; bonemets.content.figures
reads and checks them.
"""

from __future__ import annotations

import textwrap
from html import escape

from bonemets.content.figures import FigureRow, course_figures
from bonemets.learner.ui import LABEL_STYLE, PALETTE, CourseWidget

BAR_COLOURS = tuple(PALETTE.values())
Figures = tuple[FigureRow, ...] | list[FigureRow]


def measures(figures: Figures | None = None) -> list[str]:
    """The measures in file order."""
    figures = course_figures() if figures is None else figures
    return list(dict.fromkeys(row.measure for row in figures))


def figures_for(measure: str, figures: Figures | None = None) -> list[FigureRow]:
    """The rows of one measure, in file order."""
    figures = course_figures() if figures is None else figures
    rows = [row for row in figures if row.measure == measure]
    if not rows:
        raise ValueError(f"unknown measure '{measure}'; choose one of {measures(figures)}")
    return rows


def format_value(value: float, unit: str) -> str:
    """65.1 and '%' -> '65.1%'; 24.0 and 'months' -> '24 months'."""
    number = f"{value:g}"
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def summary_text(measure: str, figures: Figures | None = None) -> str:
    """One sentence that says what the chart shows, with every value in it (the chart's text alternative)."""
    rows = figures_for(measure, figures)
    parts = [f"{row.group}: {format_value(row.value, row.unit)}" for row in rows]
    top = max(rows, key=lambda row: row.value)
    return (f"Bar chart of “{measure}” with {len(rows)} published figures, one bar each: "
            f"{'; '.join(parts)}. The highest value is {format_value(top.value, top.unit)} "
            f"({top.group}).")


def table_html(measure: str, figures: Figures | None = None) -> str:
    """The same rows as an HTML table, with population, note and full citation of each figure."""
    from bonemets.content.references import reference

    rows = figures_for(measure, figures)
    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>'
                   for h in ("Group", "Value", "Who was studied", "Note", "Source"))
    body = []
    for row in rows:
        cells = [escape(row.group), escape(format_value(row.value, row.unit)), escape(row.population),
                 escape(row.note), escape(reference(row.source).citation)]
        body.append("<tr>" + "".join(f'<td style="vertical-align:top">{c}</td>' for c in cells) + "</tr>")
    return (f'<table class="bonemets-figures"><caption style="text-align:left"><strong>Table: {escape(measure)}'
            f"</strong></caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def chart_svg(measure: str, figures: Figures | None = None) -> str:
    """The same horizontal bar chart as inline SVG: drawn in about a millisecond, its text readable by screen readers.

    role="img" with the one-sentence summary as its accessible name; group labels wrap at 32 characters.
    """
    rows = figures_for(measure, figures)
    unit = rows[0].unit
    highest = max(row.value for row in rows)
    upper = 100.0 if unit == "%" else highest * 1.2
    upper = max(upper, highest * 1.15)
    left, width, row_height, top = 250, 330, 46, 40
    height = top + row_height * len(rows) + 50
    scale = width / upper
    summary = summary_text(measure, figures)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(summary, quote=True)}" '
             f'viewBox="0 0 {left + width + 80} {height}" style="max-width: 100%; height: auto; '
             f'font-family: sans-serif; font-size: 13px;">',
             f'<text x="{left}" y="22" font-size="15" fill="#000000">{escape(measure)}</text>']
    for index, row in enumerate(rows):
        y = top + index * row_height
        bar = row.value * scale
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        parts.append(f'<rect x="{left}" y="{y + 6}" width="{bar:.1f}" height="{row_height - 12}" fill="{colour}" '
                     'stroke="#000000" stroke-width="0.6"/>')
        lines = textwrap.wrap(row.group, 32)
        first = y + row_height / 2 + 4 - 8 * (len(lines) - 1)
        spans = "".join(f'<tspan x="{left - 8}" y="{first + 16 * n:.0f}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" fill="#000000">{spans}</text>')
        parts.append(f'<text x="{left + bar + 5:.1f}" y="{y + row_height / 2 + 4:.0f}" fill="#000000">'
                     f'{escape(format_value(row.value, unit))}</text>')
    axis_y = top + row_height * len(rows)
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{axis_y}" stroke="#000000"/>')
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + width}" y2="{axis_y}" stroke="#000000"/>')
    step = 20 if unit == "%" else _nice_step(upper)
    tick = 0.0
    while tick <= upper + 1e-9:
        x = left + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#000000"/>'
                     f'<text x="{x:.1f}" y="{axis_y + 19}" text-anchor="middle" fill="#000000">{tick:g}</text>')
        tick += step
    label = "Percentage of the patients studied (%)" if unit == "%" else unit.capitalize()
    parts.append(f'<text x="{left + width / 2}" y="{axis_y + 40}" text-anchor="middle" fill="#000000">'
                 f'{escape(label)}</text></svg>')
    return "".join(parts)


def _nice_step(upper: float) -> float:
    raw = upper / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


class FiguresExplorer(CourseWidget):
    """Dropdown of measures, a text summary, the bar chart and the table of the same figures."""

    def __init__(self, figures: Figures | None = None, measure: str | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.figures = course_figures() if figures is None else figures
        options = measures(self.figures)
        self.dropdown = widgets.Dropdown(
            options=options, value=measure or options[0], description="Choose a measure:",
            style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        intro = widgets.HTML(
            "<p>Published figures on breast cancer in bone. Each figure comes from a different group of "
            "patients, so read the <em>Who was studied</em> column before comparing bars.</p>")
        self.dropdown.observe(self._on_change, names="value")
        self.widget = widgets.VBox([intro, self.dropdown, self.status, self.chart, self.table])
        self.widget.add_class("bonemets-figures-explorer")
        self.show(self.dropdown.value)

    def show(self, measure: str) -> None:
        """Redraw summary, chart and table for a measure (the SVG chart takes about a millisecond)."""
        self.show_status(summary_text(measure, self.figures))
        self.chart.value = chart_svg(measure, self.figures)
        self.table.value = table_html(measure, self.figures)

    def _on_change(self, change: dict) -> None:
        self.show(change["new"])

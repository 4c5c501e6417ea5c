"""Explorer of published figures on breast cancer in bone (assets/data/bone_metastasis_figures.csv).

A learner picks a measure from a labelled dropdown and gets three views of the same
rows: a one-sentence summary, a horizontal bar chart (values written on the bars),
and a text table with the population and full citation of every figure. The data
live in the CSV with a `source` key into assets/references.yaml, never in code.
"""

from __future__ import annotations

import textwrap
from html import escape
from pathlib import Path

import pandas as pd

from bonemets.paths import assets_dir

COLUMNS = ("measure", "group", "value", "unit", "population", "source", "note")
FIGURES_FILE = Path("data") / "bone_metastasis_figures.csv"
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def figures_path() -> Path:
    return assets_dir() / FIGURES_FILE


def _line(index: int) -> int:
    """The CSV line of a data row (line 1 is the header)."""
    return index + 2


def load_figures(path: Path | None = None, known_sources: set[str] | None = None) -> pd.DataFrame:
    """Read and check the figures table; a bad file raises ValueError naming the file, line and problem.

    `known_sources` defaults to the keys of the reference registry, so every figure is cited.
    """
    path = figures_path() if path is None else Path(path)
    name = path.name
    if not path.is_file():
        raise ValueError(f"{name}: the figures table is missing (looked for {path})")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {missing}; the columns must be {list(COLUMNS)}")
    extra = [c for c in frame.columns if c not in COLUMNS]
    if extra:
        raise ValueError(f"{name}: unexpected column(s) {extra}; the columns must be {list(COLUMNS)}")
    if frame.empty:
        raise ValueError(f"{name}: the table has no rows")
    if known_sources is None:
        from bonemets.content.references import load_registry

        known_sources = set(load_registry())

    problems = []
    for index, row in frame.iterrows():
        where = f"{name}: line {_line(index)}"
        for column in ("measure", "group", "unit", "population", "source"):
            if not row[column].strip():
                problems.append(f"{where}: '{column}' is empty")
        try:
            float(row["value"])
        except ValueError:
            problems.append(f"{where}: value '{row['value']}' is not a number")
        if row["source"].strip() and row["source"] not in known_sources:
            problems.append(f"{where}: unknown source '{row['source']}' (not a key in assets/references.yaml)")
    if problems:
        raise ValueError("\n".join(problems))

    frame = frame.assign(value=frame["value"].astype(float))
    for measure, rows in frame.groupby("measure", sort=False):
        if rows["unit"].nunique() > 1:
            raise ValueError(f"{name}: measure '{measure}' mixes units {sorted(rows['unit'].unique())}; "
                             "one measure needs one unit so its bars can be compared")
        if rows["group"].duplicated().any():
            raise ValueError(f"{name}: measure '{measure}' repeats a group name")
    return frame


def measures(figures: pd.DataFrame | None = None) -> list[str]:
    """The measures in file order."""
    figures = load_figures() if figures is None else figures
    return list(dict.fromkeys(figures["measure"]))


def figures_for(measure: str, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of one measure, in file order."""
    figures = load_figures() if figures is None else figures
    rows = figures[figures["measure"] == measure]
    if rows.empty:
        raise ValueError(f"unknown measure '{measure}'; choose one of {measures(figures)}")
    return rows.reset_index(drop=True)


def format_value(value: float, unit: str) -> str:
    """65.1 and '%' -> '65.1%'; 24.0 and 'months' -> '24 months'."""
    number = f"{value:g}"
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def summary_text(measure: str, figures: pd.DataFrame | None = None) -> str:
    """One sentence that says what the chart shows, with every value in it (the chart's text alternative)."""
    rows = figures_for(measure, figures)
    parts = [f"{row.group}: {format_value(row.value, row.unit)}" for row in rows.itertuples()]
    top = rows.loc[rows["value"].idxmax()]
    return (f"Bar chart of “{measure}” with {len(rows)} published figures, one bar each: "
            f"{'; '.join(parts)}. The highest value is {format_value(top['value'], top['unit'])} "
            f"({top['group']}).")


def table_html(measure: str, figures: pd.DataFrame | None = None) -> str:
    """The same rows as an HTML table, with population, note and full citation of each figure."""
    from bonemets.content.references import reference

    rows = figures_for(measure, figures)
    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>'
                   for h in ("Group", "Value", "Who was studied", "Note", "Source"))
    body = []
    for row in rows.itertuples():
        cells = [escape(row.group), escape(format_value(row.value, row.unit)), escape(row.population),
                 escape(row.note), escape(reference(row.source).citation)]
        body.append("<tr>" + "".join(f'<td style="vertical-align:top">{c}</td>' for c in cells) + "</tr>")
    return (f'<table class="bonemets-figures"><caption style="text-align:left"><strong>Table: {escape(measure)}'
            f"</strong></caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def chart_svg(measure: str, figures: pd.DataFrame | None = None) -> str:
    """The same horizontal bar chart as inline SVG: drawn in about a millisecond, its text readable by screen readers.

    role="img" with the one-sentence summary as its accessible name; group labels wrap at 32 characters.
    """
    rows = figures_for(measure, figures)
    unit = rows["unit"].iloc[0]
    upper = 100.0 if unit == "%" else float(rows["value"].max()) * 1.2
    upper = max(upper, float(rows["value"].max()) * 1.15)
    left, width, row_height, top = 250, 330, 46, 40
    height = top + row_height * len(rows) + 50
    scale = width / upper
    summary = summary_text(measure, figures)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(summary, quote=True)}" '
             f'viewBox="0 0 {left + width + 80} {height}" style="max-width: 100%; height: auto; '
             f'font-family: sans-serif; font-size: 13px;">',
             f'<text x="{left}" y="22" font-size="15" fill="#000000">{escape(measure)}</text>']
    for index, (_, row) in enumerate(rows.iterrows()):
        y = top + index * row_height
        bar = float(row["value"]) * scale
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        parts.append(f'<rect x="{left}" y="{y + 6}" width="{bar:.1f}" height="{row_height - 12}" fill="{colour}" '
                     'stroke="#000000" stroke-width="0.6"/>')
        lines = textwrap.wrap(str(row["group"]), 32)
        first = y + row_height / 2 + 4 - 8 * (len(lines) - 1)
        spans = "".join(f'<tspan x="{left - 8}" y="{first + 16 * n:.0f}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" fill="#000000">{spans}</text>')
        parts.append(f'<text x="{left + bar + 5:.1f}" y="{y + row_height / 2 + 4:.0f}" fill="#000000">'
                     f'{escape(format_value(row["value"], unit))}</text>')
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


class FiguresExplorer:
    """Dropdown of measures, a text summary, the bar chart and the table of the same figures."""

    def __init__(self, figures: pd.DataFrame | None = None, measure: str | None = None) -> None:
        import ipywidgets as widgets

        self.figures = load_figures() if figures is None else figures
        options = measures(self.figures)
        self.dropdown = widgets.Dropdown(
            options=options, value=measure or options[0], description="Choose a measure:",
            style={"description_width": "initial"}, layout=widgets.Layout(width="max-content"))
        self.summary = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        intro = widgets.HTML(
            "<p>Published figures on breast cancer in bone. Each figure comes from a different group of "
            "patients, so read the <em>Who was studied</em> column before comparing bars.</p>")
        self.dropdown.observe(self._on_change, names="value")
        self.widget = widgets.VBox([intro, self.dropdown, self.summary, self.chart, self.table])
        self.widget.add_class("bonemets-figures-explorer")
        self.show(self.dropdown.value)

    def show(self, measure: str) -> None:
        """Redraw summary, chart and table for a measure (the SVG chart takes about a millisecond)."""
        summary = summary_text(measure, self.figures)
        self.summary.value = f'<p role="status" aria-live="polite">{escape(summary)}</p>'
        self.chart.value = chart_svg(measure, self.figures)
        self.table.value = table_html(measure, self.figures)

    def _on_change(self, change: dict) -> None:
        self.show(change["new"])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

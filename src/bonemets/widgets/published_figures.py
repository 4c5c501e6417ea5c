"""Explorer of published figures on breast cancer in bone (assets/data/bone_metastasis_figures.csv).

A learner picks a measure from a labelled dropdown and gets three views of the same
rows: a one-sentence summary, a horizontal bar chart (values written on the bars),
and a text table with the population and full citation of every figure. The data
live in the CSV with a `source` key into assets/references.yaml, never in code.
"""

from __future__ import annotations

import io
import textwrap
from html import escape
from pathlib import Path

import pandas as pd

from bonemets.paths import assets_dir
from bonemets.widgets.accessible import image_html

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
        from bonemets.references import load_registry

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
    from bonemets.references import reference

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


def chart_png(measure: str, figures: pd.DataFrame | None = None) -> bytes:
    """A horizontal bar chart of one measure as PNG bytes (headless: no pyplot, no display)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = figures_for(measure, figures)
    unit = rows["unit"].iloc[0]
    labels = [textwrap.fill(group, 32) for group in rows["group"]]
    colours = [OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(rows))]
    figure = Figure(figsize=(8, 0.75 * len(rows) + 1.4), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(rows))
    bars = axes.barh(positions, rows["value"], color=colours, edgecolor="#000000", linewidth=0.6)
    axes.set_yticks(list(positions), labels=labels)
    axes.invert_yaxis()  # first row of the file at the top, as in the table
    axes.bar_label(bars, labels=[format_value(v, unit) for v in rows["value"]], padding=4, fontsize=10)
    upper = 100 if unit == "%" else rows["value"].max() * 1.2
    axes.set_xlim(0, max(upper, rows["value"].max() * 1.15))
    axes.set_xlabel("Percentage of the patients studied (%)" if unit == "%" else unit.capitalize())
    axes.set_title(measure, loc="left", fontsize=12)
    axes.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    figure.clear()
    return buffer.getvalue()


class FiguresExplorer:
    """Dropdown of measures, a text summary, the bar chart and the table of the same figures."""

    def __init__(self, figures: pd.DataFrame | None = None, measure: str | None = None) -> None:
        import ipywidgets as widgets

        self.figures = load_figures() if figures is None else figures
        options = measures(self.figures)
        self._png: dict[str, bytes] = {}
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
        """Redraw summary, chart and table for a measure (charts are cached after the first draw)."""
        if measure not in self._png:
            self._png[measure] = chart_png(measure, self.figures)
        summary = summary_text(measure, self.figures)
        self.summary.value = f'<p role="status" aria-live="polite">{escape(summary)}</p>'
        self.chart.value = image_html(self._png[measure], f"Bar chart. {summary}")
        self.table.value = table_html(measure, self.figures)

    def _on_change(self, change: dict) -> None:
        self.show(change["new"])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

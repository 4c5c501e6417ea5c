"""Test-accuracy explorer: what a positive or negative imaging result means for a chosen pre-test probability.

The learner picks one published row (imaging test + meta-analysis + population; the same test from two
meta-analyses is two rows) from a labelled Dropdown and sets a labelled pre-test probability box (1-99%).
The widget shows, in words, the post-test probability after a positive and after a negative result, the PPV and
NPV, and the same numbers as 100 people (1,000 below 10% pre-test probability, so missed cases are not rounded
away); and it draws those people as an icon array (10 x 10, or 40 x 25) in which each of
the four outcomes has its own Okabe-Ito colour AND its own shape, with a legend that gives the counts. The picture
is an inline SVG built as text (no plotting library), so an update is fast and the image carries an aria-label
with the same description in words.

The published figures live in assets/data/imaging_accuracy.csv (source = reference key), never in code; a row
whose specificity the course has not verified has a blank specificity, and the explorer then says that post-test
values cannot be worked out instead of inventing one. bonemets.content.imaging_accuracy reads and checks the file;
the arithmetic lives in bonemets.clinical.diagnostic_accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from bonemets.clinical import diagnostic_accuracy as ta
from bonemets.content.imaging_accuracy import AccuracyRow, course_accuracy_table
from bonemets.learner.ui import LABEL_STYLE, PALETTE, CourseWidget

if TYPE_CHECKING:
    from IPython.display import HTML

DEFAULT_PRETEST_PERCENT = 30
PRETEST_RANGE_PERCENT = (1, 99)


@dataclass(frozen=True)
class Category:
    """One of the four outcomes: its Okabe-Ito colour, a shape of its own, and its words."""

    key: str
    colour: str
    shape: str
    shapes: str
    meaning: str

    @property
    def legend(self) -> str:
        return f"{self.key.capitalize()} ({self.shape}): {self.meaning}"


# Colour AND shape differ for every outcome, so the picture never relies on colour alone.
CATEGORIES = (
    Category("true positive", PALETTE["vermillion"], "circle", "circles", "has metastases, test positive"),
    Category("false negative", PALETTE["orange"], "cross", "crosses", "has metastases, test negative"),
    Category("false positive", PALETTE["blue"], "triangle", "triangles", "no metastases, test positive"),
    Category("true negative", PALETTE["sky blue"], "square", "squares", "no metastases, test negative"),
)
PRETEST_NOTE = ("The pre-test probability is your own assumption for a fictional patient, not a published "
                "figure: in practice it comes from the whole clinical picture (history, symptoms, examination "
                "and earlier results).")


# ---------------------------------------------------------------------------------------------- the table


def table_html(rows: list[AccuracyRow] | tuple[AccuracyRow, ...] | None = None) -> str:
    """Every row of the accuracy table as an HTML table with a caption, in file order, with full citations."""
    from bonemets.content.references import reference

    rows = course_accuracy_table() if rows is None else rows
    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>' for h in (
        "Imaging test", "Who was studied", "Sensitivity", "Specificity", "Notes", "Source"))
    body = []
    for row in rows:
        spec = f"{row.specificity_percent:g}%" if row.has_specificity else "not verified (left blank)"
        cells = [row.modality, row.population, f"{row.sensitivity_percent:g}%", spec,
                 f"Basis of counting: {row.basis}. {row.note}", f"{row.cited_as}: {reference(row.source).citation}"]
        body.append("<tr>" + "".join(f'<td style="vertical-align:top;text-align:left">{escape(c)}</td>'
                                     for c in cells) + "</tr>")
    return ('<table class="bonemets-accuracy-table"><caption style="text-align:left"><strong>Table: pooled '
            "sensitivity and specificity of imaging tests for bone metastases, from four meta-analyses "
            f"(assets/data/imaging_accuracy.csv)</strong></caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def accuracy_table() -> HTML:
    """The table for a notebook cell: an IPython HTML object, shown when it is the cell's last expression."""
    from IPython.display import HTML as _HTML

    return _HTML(table_html())


# ---------------------------------------------------------------------------------------------- words


def result_text(row: AccuracyRow, pretest_percent: float) -> str:
    """Everything the explorer reports, as plain text lines (the same words a screen reader announces)."""
    return assess(row, pretest_percent)[1]


def assess(row: AccuracyRow, pretest_percent: float) -> tuple[ta.AccuracyResult | None, str]:
    """One computation per update: the result (None when it cannot be worked out) and the words to show."""
    lines = [f"Chosen row: {row.describe()}"]
    if not row.has_specificity:
        lines.append(
            f"Post-test probabilities cannot be worked out for this row: they need a specificity, and the course "
            f"has not verified the specificity that {row.cited_as} report for {row.modality}. Nothing is invented "
            f"in its place. Choose another row to see post-test values; the sensitivity alone still says that "
            f"{row.test_name} found about {row.sensitivity_percent:.0f} in every 100 patients who had bone "
            f"metastases.")
        return None, "\n".join(lines)
    try:
        result = ta.assess_percent(row.sensitivity_percent, row.specificity_percent, pretest_percent)
    except ValueError as error:
        return None, "\n".join([*lines, f"Cannot work this out: {error}"])
    freq = result.frequencies()
    lines += [
        f"Pre-test probability: {pretest_percent:g}%. {PRETEST_NOTE}",
        f"After a POSITIVE result the chance of bone metastases is {ta.percent_text(result.post_test_after_positive)}"
        f" (positive predictive value, PPV {ta.percent_text(result.positive_predictive_value)}).",
        f"After a NEGATIVE result the chance of bone metastases is "
        f"{ta.percent_text(result.post_test_after_negative)} (negative predictive value, NPV "
        f"{ta.percent_text(result.negative_predictive_value)}).",
        f"As {freq.total:,} people: " + freq.sentence(row.test_name),
        ta.rounding_note(result, freq),
        figure_summary(freq),
    ]
    return result, "\n".join(lines)


def figure_summary(freq: ta.NaturalFrequencies) -> str:
    """The icon array described in words: plot type, layout, what each symbol means, and the counts."""
    counts = freq.as_dict()
    parts = "; ".join(f"{c.key}s ({c.shapes}) {counts[c.key]}" for c in CATEGORIES)
    columns, rows = _grid(freq.total)
    return (f"Picture: an icon array, a {columns} by {rows} grid of {freq.total:,} symbols, one per person, filled "
            f"row by row from the top left in the order true positives, false negatives, false positives, true "
            f"negatives. Counts: "
            f"{parts}. The triangles are the false alarms: positive results in people without metastases.")


# ---------------------------------------------------------------------------------------------- picture

CELL_PX = 28  # grid spacing of the icon array
GRID_LEFT_PX, GRID_TOP_PX = 24, 44
LEGEND_LEFT_PX = 330


def _grid(total: int) -> tuple[int, int]:
    """Columns and rows of the icon array: 10 x 10 for 100 people, 40 x 25 for 1,000 (low pre-test probability)."""
    columns = 10 if total <= 100 else 40
    return columns, -(-total // columns)


def _shape_svg(category: Category, x: float, y: float, scale: float = 1.0) -> str:
    """One person as an SVG shape centred on (x, y): fill in the category colour, thin black outline."""
    tag = f'data-outcome="{category.key}" fill="{category.colour}" stroke="#000000" stroke-width="{scale:g}"'
    k = scale
    if category.shape == "circle":
        return f'<circle {tag} cx="{x:g}" cy="{y:g}" r="{9.5 * k:g}"/>'
    if category.shape == "square":
        return f'<rect {tag} x="{x - 9 * k:g}" y="{y - 9 * k:g}" width="{18 * k:g}" height="{18 * k:g}"/>'
    if category.shape == "triangle":
        return (f'<polygon {tag} points="{x:g},{y - 11 * k:g} {x - 10.5 * k:g},{y + 8 * k:g} '
                f'{x + 10.5 * k:g},{y + 8 * k:g}"/>')
    # cross: a thick X outlined in black
    arm, half = 3.2 * k, 9.5 * k
    points = [(-half, -half + arm), (-half + arm, -half), (0, -arm), (half - arm, -half), (half, -half + arm),
              (arm, 0), (half, half - arm), (half - arm, half), (0, arm), (-half + arm, half), (-half, half - arm),
              (-arm, 0)]
    text = " ".join(f"{x + dx:g},{y + dy:g}" for dx, dy in points)
    return f'<polygon {tag} points="{text}"/>'


def icon_array_svg(freq: ta.NaturalFrequencies) -> str:
    """The people (10 x 10 for 100, 40 x 25 for 1,000) as a grid of shapes with a legend, as an inline SVG image.

    Filled row by row from the top left: true positives, false negatives, false positives, true negatives.
    Colour AND shape differ for each outcome; the legend gives each count in words. Pure text, so an update
    takes well under a millisecond and no plotting library is loaded.
    """
    counts = (freq.true_positive, freq.false_negative, freq.false_positive, freq.true_negative)
    columns, rows = _grid(freq.total)
    step = CELL_PX if columns == 10 else 11  # 1,000 people: smaller shapes in the same layout
    scale = step / CELL_PX
    shapes, cell = [], 0
    for category, count in zip(CATEGORIES, counts, strict=True):
        for _ in range(count):
            x = GRID_LEFT_PX + (cell % columns) * step
            y = GRID_TOP_PX + (cell // columns) * step
            shapes.append(_shape_svg(category, x, y, scale))
            cell += 1
    legend_left = max(LEGEND_LEFT_PX, GRID_LEFT_PX + columns * step + 20)
    legend = [f'<text x="{legend_left}" y="{GRID_TOP_PX + 10}" font-weight="bold">Each shape is one person</text>']
    for index, (category, count) in enumerate(zip(CATEGORIES, counts, strict=True)):
        y = GRID_TOP_PX + 50 + index * 52
        legend.append(_shape_svg(category, legend_left + 10, y))
        legend.append(f'<text x="{legend_left + 28}" y="{y - 2}">{escape(category.key.capitalize())}: '
                      f'{count}</text>')
        legend.append(f'<text x="{legend_left + 28}" y="{y + 15}">({escape(category.meaning)})</text>')
    label = escape(figure_summary(freq), quote=True)
    height = max(GRID_TOP_PX + rows * step, GRID_TOP_PX + 10 * CELL_PX)
    width = legend_left + 270
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13" '
            f'fill="#000000" '
            f'style="max-width:100%;height:auto">'
            f'<text x="{GRID_LEFT_PX - 12}" y="18" font-size="14">{freq.total} people like this patient</text>'
            f'{"".join(shapes)}{"".join(legend)}</svg>')


# ---------------------------------------------------------------------------------------------- the widget


class ImagingAccuracyExplorer(CourseWidget):
    """Dropdown of published rows and a pre-test number box; text, PPV/NPV and a 100-person icon array follow them."""

    def __init__(self, rows: list[AccuracyRow] | tuple[AccuracyRow, ...] | None = None,
                 pretest_percent: int = DEFAULT_PRETEST_PERCENT, row_index: int = 0) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.rows = tuple(course_accuracy_table() if rows is None else rows)
        if not self.rows:
            raise ValueError("the explorer needs at least one row of published accuracy figures")
        self.row = widgets.Dropdown(
            options=[(row.label, index) for index, row in enumerate(self.rows)], value=row_index,
            description="Imaging test and source:", style=LABEL_STYLE, layout=widgets.Layout(width="max-content"))
        low, high = PRETEST_RANGE_PERCENT
        # A labelled number box, not a slider: an ipywidgets slider handle has no accessible name, and JupyterLab
        # takes the arrow keys a slider needs (see bonemets.learner.ui).
        self.pretest = widgets.BoundedIntText(
            value=pretest_percent, min=low, max=high, step=1,
            description="Pre-test probability of bone metastases (%, 1 to 99):", style=LABEL_STYLE,
            layout=widgets.Layout(width="30em"))
        self.picture = widgets.HTML()
        intro = widgets.HTML(
            "<p>Choose an imaging test from the list (each entry names the meta-analysis and who was studied), then "
            "set the pre-test probability: how likely bone metastases are for a fictional patient before the scan. "
            "Type a whole number from 1 to 99 in the box and press Enter or Tab. The results are given in words "
            "below, followed by a picture of the same people (1,000 of them when the pre-test probability is below "
            "10%, so that rare missed cases still show).</p>")
        self.row.observe(self._on_change, names="value")
        self.pretest.observe(self._on_change, names="value")
        self.widget = widgets.VBox([intro, self.row, self.pretest, self.status, self.picture])
        self.widget.add_class("bonemets-accuracy-explorer")
        self.update()

    @property
    def current(self) -> AccuracyRow:
        return self.rows[self.row.value]

    def choose(self, label: str) -> None:
        """Select a row by its Dropdown text (for tests and demonstrations)."""
        labels = [row.label for row in self.rows]
        if label not in labels:
            raise ValueError(f"'{label}' is not in the list; choose one of: {'; '.join(labels)}")
        self.row.value = labels.index(label)

    def update(self) -> str:
        """Recompute from the controls, redraw, and return the text shown."""
        result, text = assess(self.current, self.pretest.value)
        self.show_status(text)
        self.picture.value = "" if result is None else icon_array_svg(result.frequencies())
        return self.text

    def _on_change(self, _change: dict) -> None:
        self.update()

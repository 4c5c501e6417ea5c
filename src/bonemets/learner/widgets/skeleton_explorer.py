"""Skeleton explorer: where breast cancer spreads in the skeleton, region by region.

A learner picks a region from a labelled Dropdown and gets: the schematic skeleton
(assets/images/skeleton.svg) with that region highlighted, in a role="img" container with a
spoken label; the published frequencies for the region, each with who was studied, its source and
its limits; what a metastasis there can mean for the patient, each statement with its source; and
a bar chart of the site frequencies with a text summary. Everything shown comes from
assets/data/skeletal_sites.csv (read and checked by bonemets.content.skeletal_sites), whose `source` column
holds keys of assets/references.yaml.
Where no published figure exists for a region, the explorer says so; nothing is filled in.
"""

from __future__ import annotations

from html import escape

from bonemets.content.references import short_citation
from bonemets.content.skeletal_sites import Frequency, Region, course_sites, region_slug, skeleton_svg
from bonemets.learner.ui import LABEL_STYLE, PALETTE, CourseWidget

DEFAULT_REGION = "Thoracic spine"
# Okabe-Ito colours: orange (with hatching or a thick outline) marks the chosen region, sky blue the other bars,
# black the second study's markers.
HIGHLIGHT, BAR, MARKER = PALETTE["orange"], PALETTE["sky blue"], PALETTE["black"]
PLAIN_GROUP = 'fill="#D9D9D9" stroke="#4D4D4D" stroke-width="1"'
HIGHLIGHT_GROUP = f'fill="{HIGHLIGHT}" stroke="#000000" stroke-width="2.5"'


def frequency_sources(regions: dict[str, Region]) -> list[str]:
    """The studies that give frequencies, in file order."""
    return list(dict.fromkeys(f.source for r in regions.values() for f in r.frequencies))


def regions_reported(source: str, regions: dict[str, Region]) -> list[str]:
    return [r.name for r in regions.values() if any(f.source == source for f in r.frequencies)]


def _lower_first(text: str) -> str:
    """'Women with ...' -> 'women with ...', but 'HER2 ...' stays as it is."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def region_summary(name: str, regions: dict[str, Region] | None = None) -> list[tuple[str, list[str]]]:
    """The text for one region as (heading, bullet lines) pairs: frequencies first, then meaning."""
    regions = course_sites() if regions is None else regions
    if name not in regions:
        raise ValueError(f"unknown region '{name}'; choose one of {list(regions)}")
    region = regions[name]
    figures = []
    for frequency in region.frequencies:
        limits = f" Limits: {frequency.note}" if frequency.note else ""
        figures.append(f"{frequency.figure_text()}: {frequency.statement.lower()}. Who was studied: "
                       f"{_lower_first(frequency.population)}. Source: {short_citation(frequency.source)}.{limits}")
    for source in frequency_sources(regions):
        if not any(f.source == source for f in region.frequencies):
            reported = regions_reported(source, regions)
            figures.append(f"No figure for this region in {short_citation(source)}, which reports "
                           f"{len(reported)} regions only: {', '.join(reported).lower()}.")
    if not region.frequencies:
        figures.insert(0, "No published figure for this region in the studies used by this module. "
                          "Nothing has been estimated or filled in.")
    meanings = [f"{m.statement} (Source: {short_citation(m.source)}.)" for m in region.meanings]
    return [(f"{region.label()}: published frequencies", figures),
            ("What a metastasis here can mean for the patient", meanings)]


def summary_text(name: str, regions: dict[str, Region] | None = None) -> str:
    """The region summary as plain text (what a screen reader user and the tests read)."""
    parts = []
    for heading, lines in region_summary(name, regions):
        parts.append(heading + ":")
        parts += [f"- {line}" for line in lines]
    return "\n".join(parts)


def summary_html(name: str, regions: dict[str, Region] | None = None) -> str:
    """The region summary as headings and bullet lists (the same words as `summary_text`)."""
    return "".join(f"<h4>{escape(heading)}</h4><ul>{''.join(f'<li>{escape(x)}</li>' for x in lines)}</ul>"
                   for heading, lines in region_summary(name, regions))


def highlighted_svg(name: str, svg: str | None = None) -> str:
    """The skeleton with one region filled orange with a thick black outline, ready to inline in HTML.

    The inlined SVG is hidden from screen readers (aria-hidden); its container carries the label.
    """
    svg = skeleton_svg() if svg is None else svg
    plain = f'<g id="region-{region_slug(name)}" class="region" {PLAIN_GROUP}>'
    if plain not in svg:
        raise ValueError(f"skeleton.svg has no shape for the region '{name}' (expected {plain})")
    svg = svg.replace(plain, plain.replace(PLAIN_GROUP, HIGHLIGHT_GROUP))
    labelled = 'role="img" aria-labelledby="skeleton-title skeleton-desc"'
    svg = svg.replace(labelled, 'aria-hidden="true" focusable="false"')
    return svg.replace('width="300" height="640"', 'width="180" height="384"')


def figure_label(name: str, regions: dict[str, Region] | None = None) -> str:
    """The spoken label of the skeleton figure for the chosen region."""
    regions = course_sites() if regions is None else regions
    region = regions[name]
    return (f"Schematic skeleton, front view, not to scale. Highlighted in orange with a thick black outline: "
            f"{region.name.lower()}, part of the {region.skeleton} skeleton.")


def figure_html(name: str, regions: dict[str, Region] | None = None) -> str:
    label = figure_label(name, regions)
    return (f'<div role="img" aria-label="{escape(label)}" style="display:inline-block">{highlighted_svg(name)}'
            f'<p style="margin:0.3em 0 0 0">Highlighted: <strong>{escape(name)}</strong></p></div>')


def chart_rows(regions: dict[str, Region] | None = None) -> tuple[str, list[tuple[str, Frequency]]]:
    """The bars of the chart: the first frequency study's rows, largest first."""
    regions = course_sites() if regions is None else regions
    main = frequency_sources(regions)[0]
    rows = [(r.name, f) for r in regions.values() for f in r.frequencies if f.source == main]
    return main, sorted(rows, key=lambda pair: -pair[1].value)


def chart_summary(regions: dict[str, Region] | None = None) -> str:
    """Text alternative of the chart: type, axes, every value and the main point."""
    regions = course_sites() if regions is None else regions
    main, rows = chart_rows(regions)
    bars = "; ".join(f"{name} {f.value_text}%" for name, f in rows)
    others = [s for s in frequency_sources(regions) if s != main]
    markers = ""
    for source in others:
        points = [(r.name, f) for r in regions.values() for f in r.frequencies if f.source == source]
        values = "; ".join(f"{n} {f.value_text}%" for n, f in points)
        markers += f" Black diamonds mark {short_citation(source)} ({values}), a different population."
    top = rows[0]
    first_statement = next(f.statement for r in regions.values() for f in r.frequencies if f.source == main)
    return (f"Horizontal bar chart. Vertical axis: skeletal region. Horizontal axis: percentage of patients. "
            f"Bars ({short_citation(main)}, {first_statement.lower()}): {bars}.{markers} "
            f"The highest bar is {top[0].lower()} ({top[1].value_text}%). The percentages add up to more than "
            "100% because one patient can have several sites.")


def chart_svg(selected: str | None = None, regions: dict[str, Region] | None = None) -> str:
    """The site-frequency bar chart as inline SVG (drawn directly, no plotting library, so updates are instant).

    Bars: the first frequency study, largest first; the selected region's bar is orange, hatched and
    labelled "(selected)" in bold. Black diamonds: the other study's figures for the same regions.
    The values are also written in two columns at the right. The SVG is hidden from screen readers;
    `chart_html` wraps it in a container labelled with `chart_summary`.
    """
    regions = course_sites() if regions is None else regions
    main, rows = chart_rows(regions)
    others = [s for s in frequency_sources(regions) if s != main][:1]
    left, width, top, row_h = 190, 290, 64, 22
    columns = (505, 565)
    bottom = top + row_h * len(rows)
    height = bottom + 88

    def x(value: float) -> float:
        return left + width * value / 100

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 620 {height}" width="620" height="{height}" '
             'aria-hidden="true" focusable="false" font-family="sans-serif" font-size="12">',
             '<defs><pattern id="bonemets-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{HIGHLIGHT}"/>'
             '<line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="2"/></pattern></defs>',
             f'<rect width="620" height="{height}" fill="#FFFFFF"/>',
             '<text x="10" y="20" font-size="14" font-weight="bold">Where bone metastases were found, by region</text>',
             f'<text x="{columns[0]}" y="{top - 10}" text-anchor="middle" font-weight="bold">Bars</text>']
    if others:
        parts.append(f'<text x="{columns[1]}" y="{top - 10}" text-anchor="middle" font-weight="bold">Diamonds</text>')
    for tick in range(0, 101, 20):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{top - 4}" x2="{x(tick):.1f}" y2="{bottom}" '
                     'stroke="#BBBBBB" stroke-width="0.5"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{bottom + 16}" text-anchor="middle">{tick}</text>')
    parts.append(f'<text x="{left + width / 2:.1f}" y="{bottom + 34}" text-anchor="middle">'
                 "Patients with a metastasis at the site (%)</text>")
    second = {r.name: f for r in regions.values() for f in r.frequencies if others and f.source == others[0]}
    for i, (name, frequency) in enumerate(rows):
        y = top + i * row_h
        chosen = name == selected
        fill = "url(#bonemets-hatch)" if chosen else BAR
        weight = ' font-weight="bold"' if chosen else ""
        label = escape(name + (" (selected)" if chosen else ""))
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end"{weight}>{label}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{x(frequency.value) - left:.1f}" height="{row_h - 6}" '
                     f'fill="{fill}" stroke="#000000" stroke-width="{1.5 if chosen else 0.6}"/>')
        parts.append(f'<text x="{columns[0]}" y="{y + 15}" text-anchor="middle"{weight}>{frequency.value_text}%</text>')
        if name in second:
            cx, cy = x(second[name].value), y + row_h / 2
            parts.append(f'<path d="M {cx:.1f} {cy - 6:.1f} L {cx + 6:.1f} {cy:.1f} L {cx:.1f} {cy + 6:.1f} '
                         f'L {cx - 6:.1f} {cy:.1f} Z" fill="{MARKER}" stroke="#FFFFFF" stroke-width="1"/>')
            parts.append(f'<text x="{columns[1]}" y="{y + 15}" text-anchor="middle"{weight}>'
                         f"{second[name].value_text}%</text>")
    legend_y = bottom + 58
    parts.append(f'<rect x="10" y="{legend_y - 10}" width="14" height="10" fill="{BAR}" stroke="#000000" '
                 'stroke-width="0.6"/>')
    parts.append(f'<text x="30" y="{legend_y}">Bars: {escape(short_citation(main))}, site of the first bone '
                 f"metastasis, luminal A breast cancer, {rows[0][1].total} women</text>")
    if others:
        total = next(iter(second.values())).total
        parts.append(f'<path d="M 17 {legend_y + 8} L 23 {legend_y + 14} L 17 {legend_y + 20} L 11 {legend_y + 14} Z" '
                     f'fill="{MARKER}"/>')
        parts.append(f'<text x="30" y="{legend_y + 19}">Diamonds: {escape(short_citation(others[0]))}, bone '
                     f"metastases from all cancers, {total:,} patients</text>")
    parts.append("</svg>")
    return "".join(parts)


def chart_html(selected: str | None = None, regions: dict[str, Region] | None = None) -> str:
    """The chart in a role="img" container whose label is the full text summary."""
    label = chart_summary(regions)
    return (f'<div role="img" aria-label="{escape(label)}" style="max-width:100%;overflow-x:auto">'
            f"{chart_svg(selected, regions)}</div>")


class SkeletonExplorer(CourseWidget):
    """Region Dropdown, the highlighted skeleton, the cited text for the region, and the frequency chart."""

    def __init__(self, regions: dict[str, Region] | None = None, region: str = DEFAULT_REGION) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.regions = course_sites() if regions is None else regions
        if region not in self.regions:
            region = next(iter(self.regions))
        self.dropdown = widgets.Dropdown(
            options=[(r.label(), r.name) for r in self.regions.values()], value=region,
            description="Skeletal region:", style=LABEL_STYLE,
            layout=widgets.Layout(width="max-content"))
        self.figure = widgets.HTML()
        self.chart = widgets.HTML()
        self.chart_text = widgets.HTML(f"<p><em>Chart in words:</em> {escape(chart_summary(self.regions))}</p>")
        intro = widgets.HTML(
            "<p>Choose a region (Tab to the list, Space to open it, then the arrow keys and Enter). The drawing "
            "highlights it, the text gives the published figures with who was studied and the source, and the "
            "chart compares all regions.</p>")
        self.dropdown.observe(self._on_change, names="value")
        top = widgets.HBox([self.figure, self.status], layout=widgets.Layout(align_items="flex-start"))
        self.status.layout = widgets.Layout(max_width="560px", margin="0 0 0 1em")
        self.widget = widgets.VBox([intro, self.dropdown, top, self.chart, self.chart_text])
        self.show(region)

    def show(self, name: str) -> None:
        """Redraw the figure, the text and the chart for a region (string building only, so it is instant)."""
        self.figure.value = figure_html(name, self.regions)
        self.show_status(summary_text(name, self.regions), summary_html(name, self.regions))
        self.chart.value = chart_html(name, self.regions)

    def _on_change(self, change: dict) -> None:
        self.show(change["new"])

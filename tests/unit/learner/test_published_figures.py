"""The published-figures explorer: its data file, its pure helpers and its widget."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from bonemets.content.figures import course_figures
from bonemets.learner.widgets import published_figures as pf


@pytest.fixture(scope="module")
def figures():
    return course_figures()


@pytest.mark.parametrize("measure", pf.measures())
def test_every_measure_has_rows_and_a_summary_with_every_value(figures, measure):
    rows = pf.figures_for(measure, figures)
    assert len(rows) >= 1
    summary = pf.summary_text(measure, figures)
    assert measure in summary
    for row in rows:
        assert pf.format_value(row.value, row.unit) in summary
        assert row.group in summary


@pytest.mark.parametrize("measure", pf.measures())
def test_every_measure_draws_an_svg_chart_named_by_its_summary(figures, measure):
    svg = pf.chart_svg(measure, figures)
    assert svg.startswith("<svg") and pf.escape(pf.summary_text(measure, figures), quote=True) in svg


def test_key_published_figures_are_present(figures):
    def value(source, group):
        rows = [row for row in figures if row.source == source and row.group == group]
        assert len(rows) == 1, (source, group)
        return rows[0].value

    assert value("gong2018", "Spread at first diagnosis, USA (SEER)") == 65.1
    assert value("colemanrubens1987", "Bone-only disease, London 1987") == 24
    assert value("colemanrubens1987", "First relapse in the liver, London 1987") == 3
    assert value("hortobagyi1996", "Placebo, on chemotherapy (12 cycles)") == 56
    assert value("theriault1999", "Placebo, on hormone therapy (24 cycles)") == 67
    assert value("jensen2011", "Routine care, Denmark") == 46.4


def test_format_value():
    assert pf.format_value(65.1, "%") == "65.1%"
    assert pf.format_value(24.0, "months") == "24 months"


def test_unknown_measure_names_the_choices(figures):
    with pytest.raises(ValueError, match="unknown measure 'Nope'"):
        pf.figures_for("Nope", figures)


def test_table_lists_population_and_full_citation(figures):
    html = pf.table_html("Patients with at least one skeletal-related event", figures)
    assert "<th scope=\"col\"" in html
    assert "Hortobagyi GN, et al." in html
    assert "lytic bone lesion" in html


def test_explorer_builds_a_labelled_vbox(figures):
    explorer = pf.FiguresExplorer(figures)
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.dropdown.description
    assert explorer.chart.value.startswith("<svg") and 'role="img"' in explorer.chart.value
    assert 'aria-label="' in explorer.chart.value
    assert hasattr(explorer, "_ipython_display_")


def test_switching_the_dropdown_updates_summary_table_and_chart(figures):
    explorer = pf.FiguresExplorer(figures)
    first = explorer.dropdown.value
    before_table, before_chart = explorer.table.value, explorer.chart.value
    other = next(m for m in pf.measures(figures) if m != first)
    explorer.dropdown.value = other
    assert explorer.table.value != before_table
    assert explorer.chart.value != before_chart
    assert other in explorer.table.value
    assert pf.summary_text(other, figures).split(":")[0] in explorer.status.value.replace("&quot;", '"')


def test_svg_chart_writes_every_value_and_group_and_uses_the_palette(figures):
    measure = pf.measures(figures)[0]
    svg = pf.chart_svg(measure, figures)
    for row in pf.figures_for(measure, figures):
        assert pf.format_value(row.value, row.unit) in svg
        assert pf.escape(row.group.split()[0]) in svg
    assert pf.PALETTE["orange"] in svg and svg.count("<rect") == len(pf.figures_for(measure, figures))

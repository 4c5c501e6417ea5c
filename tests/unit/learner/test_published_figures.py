"""The published-figures explorer: its data file, its pure helpers and its widget."""

from __future__ import annotations

import csv
from pathlib import Path

import ipywidgets as widgets
import pytest

from bonemets.content.references import load_registry
from bonemets.learner.widgets import published_figures as pf

HEADER = list(pf.COLUMNS)
GOOD_ROW = ["How often bone is involved", "Group A", "65.1", "%", "Who was studied", "gong2018", ""]


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def figures():
    return pf.load_figures()


def test_the_course_csv_loads_with_the_exact_columns(figures):
    assert list(figures.columns) == HEADER
    assert len(figures) > 0
    assert figures["value"].dtype.kind == "f"


def test_every_source_is_a_key_of_the_reference_registry(figures):
    registry = load_registry()
    assert set(figures["source"]) <= set(registry)


def test_every_row_names_its_population_precisely(figures):
    # "Who was studied" must say more than a label: at least a few words each.
    assert all(len(population.split()) >= 5 for population in figures["population"])


def test_percentages_stay_within_0_and_100(figures):
    percent = figures[figures["unit"] == "%"]["value"]
    assert ((percent >= 0) & (percent <= 100)).all()


@pytest.mark.parametrize("measure", pf.measures())
def test_every_measure_has_rows_and_a_summary_with_every_value(figures, measure):
    rows = pf.figures_for(measure, figures)
    assert len(rows) >= 1
    summary = pf.summary_text(measure, figures)
    assert measure in summary
    for row in rows.itertuples():
        assert pf.format_value(row.value, row.unit) in summary
        assert row.group in summary


@pytest.mark.parametrize("measure", pf.measures())
def test_every_measure_draws_an_svg_chart_named_by_its_summary(figures, measure):
    svg = pf.chart_svg(measure, figures)
    assert svg.startswith("<svg") and pf.escape(pf.summary_text(measure, figures), quote=True) in svg


def test_key_published_figures_are_present(figures):
    def value(source, group):
        rows = figures[(figures["source"] == source) & (figures["group"] == group)]
        assert len(rows) == 1, (source, group)
        return rows["value"].iloc[0]

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
    assert pf.summary_text(other, figures).split(":")[0] in explorer.summary.value.replace("&quot;", '"')


def test_a_missing_column_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [c for c in HEADER if c != "population"], GOOD_ROW[:4] + GOOD_ROW[5:])
    with pytest.raises(ValueError, match=r"bad\.csv: missing column\(s\) \['population'\]"):
        pf.load_figures(path, known_sources={"gong2018"})


def test_an_unknown_source_is_named_with_its_line(tmp_path):
    row = GOOD_ROW[:5] + ["smith2099"] + GOOD_ROW[6:]
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, row)
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: unknown source 'smith2099'"):
        pf.load_figures(path, known_sources={"gong2018"})


def test_a_value_that_is_not_a_number_is_named(tmp_path):
    row = GOOD_ROW[:2] + ["about 70"] + GOOD_ROW[3:]
    path = write_csv(tmp_path / "bad.csv", HEADER, row)
    with pytest.raises(ValueError, match=r"line 2: value 'about 70' is not a number"):
        pf.load_figures(path, known_sources={"gong2018"})


def test_an_empty_population_is_named(tmp_path):
    row = GOOD_ROW[:4] + [""] + GOOD_ROW[5:]
    path = write_csv(tmp_path / "bad.csv", HEADER, row)
    with pytest.raises(ValueError, match=r"line 2: 'population' is empty"):
        pf.load_figures(path, known_sources={"gong2018"})


def test_mixed_units_in_one_measure_are_refused(tmp_path):
    row = ["How often bone is involved", "Group B", "24", "months", "Who was studied", "gong2018", ""]
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD_ROW, row)
    with pytest.raises(ValueError, match="mixes units"):
        pf.load_figures(path, known_sources={"gong2018"})


def test_the_default_check_uses_the_reference_registry(tmp_path):
    row = GOOD_ROW[:5] + ["notakey"] + GOOD_ROW[6:]
    path = write_csv(tmp_path / "bad.csv", HEADER, row)
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        pf.load_figures(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="missing.csv: the figures table is missing"):
        pf.load_figures(tmp_path / "missing.csv", known_sources=set())


def test_svg_chart_writes_every_value_and_group_and_uses_the_palette(figures):
    measure = pf.measures(figures)[0]
    svg = pf.chart_svg(measure, figures)
    for _, row in pf.figures_for(measure, figures).iterrows():
        assert pf.format_value(row["value"], row["unit"]) in svg
        assert pf.escape(row["group"].split()[0]) in svg
    assert pf.OKABE_ITO[0] in svg and svg.count("<rect") == len(pf.figures_for(measure, figures))

"""The skeleton explorer: its drawing, its pure helpers and its widget (the data file: tests/unit/content).

Figures checked against Zari et al., World J Clin Oncol 2025;16(9):110087 (Table 2, luminal A
column, n = 82) and Yang et al., Chin J Cancer 2016 (abstract: 3,223 patients; thoracic spine
56.0%, lumbar spine 47.1%, ribs 32.6%, pelvis 23.2%).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET

import ipywidgets as widgets
import pytest

from bonemets.content.skeletal_sites import course_sites, region_slug, skeleton_svg
from bonemets.learner.widgets import skeleton_explorer as se

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def regions():
    return course_sites()


def figure(regions, region: str, source: str) -> se.Frequency:
    matches = [f for f in regions[region].frequencies if f.source == source]
    assert len(matches) == 1, (region, source)
    return matches[0]


# What the explorer says about the data


def test_the_survey_reports_four_regions_only(regions):
    assert se.regions_reported("yang2016", regions) == ["Thoracic spine", "Lumbar spine", "Ribs", "Pelvis"]


def test_regions_without_a_published_figure_have_no_number(regions):
    for name in ("Forearm and hand", "Lower leg and foot"):
        assert regions[name].frequencies == []
        assert "No published figure for this region" in se.summary_text(name, regions)


# The drawing


def test_the_svg_is_valid_with_a_title_a_description_and_one_group_per_region(regions):
    root = ET.fromstring(skeleton_svg())
    assert root.get("role") == "img"
    assert root.find(f"{SVG_NS}title").text == "Schematic skeleton, front view"
    assert "not to scale" in root.find(f"{SVG_NS}desc").text
    ids = [g.get("id") for g in root.iter(f"{SVG_NS}g")]
    for name in regions:
        assert ids.count(f"region-{region_slug(name)}") == 1, name


def test_highlighting_marks_only_the_chosen_region(regions):
    svg = se.highlighted_svg("Humerus")
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter(f"{SVG_NS}g")}
    assert groups["region-humerus"].get("fill") == se.HIGHLIGHT
    assert groups["region-humerus"].get("stroke-width") == "2.5"
    assert all(g.get("fill") == "#D9D9D9" for key, g in groups.items() if key != "region-humerus")
    assert root.get("aria-hidden") == "true"


def test_the_figure_container_is_labelled_in_words():
    html = se.figure_html("Sacrum")
    assert 'role="img"' in html
    assert "aria-label=\"Schematic skeleton, front view, not to scale. Highlighted in orange with a thick black " \
           "outline: sacrum, part of the axial skeleton.\"" in html
    assert "Highlighted: <strong>Sacrum</strong>" in html


def test_an_unknown_region_is_refused():
    with pytest.raises(ValueError, match="no shape for the region 'Knee'"):
        se.highlighted_svg("Knee")
    with pytest.raises(ValueError, match="unknown region 'Knee'"):
        se.region_summary("Knee")


# Text and chart


def test_the_region_text_gives_every_figure_with_its_source_and_limits(regions):
    text = se.summary_text("Thoracic spine", regions)
    assert "44% (36 of 82)" in text and "Source: Zari et al. 2025" in text
    assert "56.0% (of 3,223 patients)" in text and "Source: Yang et al. 2016" in text
    assert text.count("Limits:") == 2
    assert "spinal cord" in text and "Source: Hawkins et al. 2023" in text


def test_a_region_missing_from_one_study_says_so(regions):
    text = se.summary_text("Humerus", regions)
    assert "17% (14 of 82)" in text
    assert "No figure for this region in Yang et al. 2016, which reports 4 regions only" in text


def test_the_chart_summary_names_the_axes_and_every_value(regions):
    summary = se.chart_summary(regions)
    assert summary.startswith("Horizontal bar chart.")
    for region in regions.values():
        for row in region.frequencies:
            assert f"{region.name} {row.value_text}%" in summary
    assert "The highest bar is pelvis (52%)" in summary


def test_the_chart_marks_the_selected_region_in_words_and_pattern(regions):
    svg = se.chart_svg("Ribs", regions)
    ET.fromstring(svg)  # valid SVG
    assert svg.count("(selected)") == 1 and "Ribs (selected)" in svg
    assert svg.count("url(#bonemets-hatch)") == 1
    assert svg.count('<path d="M') >= 4 + 1  # four diamonds and the legend diamond
    assert 'role="img"' in se.chart_html("Ribs", regions)


# The widget


def test_the_explorer_builds_a_labelled_dropdown_of_every_region(regions):
    explorer = se.SkeletonExplorer(regions)
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.dropdown.description == "Skeletal region:"
    assert [value for _label, value in explorer.dropdown.options] == list(regions)
    assert explorer.dropdown.value == "Thoracic spine"
    assert hasattr(explorer, "_ipython_display_")


def test_choosing_a_region_updates_drawing_text_and_chart(regions):
    explorer = se.SkeletonExplorer(regions)
    before = (explorer.figure.value, explorer.status.value, explorer.chart.value)
    explorer.dropdown.value = "Femoral head and neck"
    assert "26% (21 of 82)" in explorer.text
    assert "Highlighted: <strong>Femoral head and neck</strong>" in explorer.figure.value
    assert "Femoral head and neck (selected)" in explorer.chart.value
    assert (explorer.figure.value, explorer.status.value, explorer.chart.value) != before
    assert 'role="status"' in explorer.status.value


def test_an_update_takes_well_under_100_ms(regions):
    explorer = se.SkeletonExplorer(regions)
    start = time.perf_counter()
    for name in regions:
        explorer.dropdown.value = name
    assert (time.perf_counter() - start) / len(regions) < 0.1

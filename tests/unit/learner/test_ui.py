"""The shared widget kit (bonemets.learner.ui): one status region, one base class, one palette."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from bonemets.learner import ui


def test_status_html_is_a_polite_live_region_with_one_escaped_paragraph_per_line():
    assert ui.status_html("Calcium < 2.6\nSecond line") == (
        '<div role="status" aria-live="polite"><p>Calcium &lt; 2.6</p><p>Second line</p></div>')


def test_a_course_widget_keeps_the_words_it_shows_in_its_status_region():
    class Demo(ui.CourseWidget):
        def __init__(self) -> None:
            super().__init__()
            self.widget = widgets.VBox([self.status])

    demo = Demo()
    assert demo.text == "" and isinstance(demo.status, widgets.HTML)
    demo.show_status("Band: mild.")
    assert demo.text == "Band: mild." and demo.status.value == ui.status_html("Band: mild.")
    demo.show_status("Band: mild.", "<h4>Band</h4><p>mild</p>")
    assert demo.status.value == '<div role="status" aria-live="polite"><h4>Band</h4><p>mild</p></div>'


@pytest.mark.parametrize("module, cls", [
    ("bma_safety", "BMASafetyChecker"), ("calcium_calculator", "CalciumCalculator"),
    ("fracture_risk", "MirelsCalculator"), ("fracture_risk", "SinsCalculator"),
    ("imaging_accuracy", "ImagingAccuracyExplorer"), ("published_figures", "FiguresExplorer"),
    ("remodelling_explorer", "RemodellingExplorer"), ("skeleton_explorer", "SkeletonExplorer"),
    ("triage_trainer", "TriageTrainer"), ("trial_forest", "TrialForest"), ("vicious_cycle", "ViciousCycleExplorer"),
    ("opioid_calculator", "OpioidTeachingCalculator"), ("pain_diary", "PainDiaryExplorer"),
    ("teach_back", "TeachBackPractice"), ("evidence_tools", "ClaimChecker"), ("evidence_tools", "HazardRatioReader"),
])
def test_every_course_widget_announces_its_text_in_the_one_status_region(module, cls):
    import importlib

    widget = getattr(importlib.import_module(f"bonemets.learner.widgets.{module}"), cls)()
    assert isinstance(widget, ui.CourseWidget)
    assert widget.status in list(_tree(widget.widget))
    assert widget.status.value.startswith('<div role="status" aria-live="polite">')
    if widget.text:
        assert widget.text.splitlines()[0].split()[0] in widget.status.value


def _tree(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _tree(child)

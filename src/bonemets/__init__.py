"""Breast cancer in bone: the course package.

Notebooks import only from here (`from bonemets import show_quiz, SkeletonExplorer`). The names are
loaded lazily (PEP 562), so importing `bonemets` costs nothing: a module's kernel pays only for the
widgets it shows, and the student's kernel never loads pandas, nbgrader or instructor code.
Instructors use the `bonemets` command (bonemets.cli); their code lives in bonemets.instructor.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# The learner surface: name -> module that defines it. tests/unit/test_surface.py pins it.
_LEARNER_SURFACE = {
    "course_root": "bonemets.paths",
    "show_quiz": "bonemets.learner.quiz",
    "show_progress": "bonemets.learner.progress_view",
    "answer_sheet": "bonemets.learner.answer_sheet",
    "assess_calcium": "bonemets.clinical.calcium",
    "assess_renal_dose": "bonemets.clinical.renal",
    "assess_percent": "bonemets.clinical.diagnostic_accuracy",
    "accuracy_table": "bonemets.learner.widgets.imaging_accuracy",
    "BMASafetyChecker": "bonemets.learner.widgets.bma_safety",
    "CalciumCalculator": "bonemets.learner.widgets.calcium_calculator",
    "FiguresExplorer": "bonemets.learner.widgets.published_figures",
    "ImagingAccuracyExplorer": "bonemets.learner.widgets.imaging_accuracy",
    "MirelsCalculator": "bonemets.learner.widgets.fracture_risk",
    "OpioidTeachingCalculator": "bonemets.learner.widgets.opioid_calculator",
    "PainDiaryExplorer": "bonemets.learner.widgets.pain_diary",
    "RemodellingExplorer": "bonemets.learner.widgets.remodelling_explorer",
    "SinsCalculator": "bonemets.learner.widgets.fracture_risk",
    "SkeletonExplorer": "bonemets.learner.widgets.skeleton_explorer",
    "TeachBackPractice": "bonemets.learner.widgets.teach_back",
    "TriageTrainer": "bonemets.learner.widgets.triage_trainer",
    "TrialForest": "bonemets.learner.widgets.trial_forest",
    "ViciousCycleExplorer": "bonemets.learner.widgets.vicious_cycle",
    # module 09 research and evidence, module 10 case study
    "ClaimChecker": "bonemets.learner.widgets.evidence_tools",
    "HazardRatioReader": "bonemets.learner.widgets.evidence_tools",
    "CaseRecord": "bonemets.learner.widgets.case_record",
}

__all__ = sorted(_LEARNER_SURFACE)


def __getattr__(name: str) -> Any:
    module = _LEARNER_SURFACE.get(name)
    if module is None:
        raise AttributeError(f"module 'bonemets' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LEARNER_SURFACE])

"""Breast cancer in bone: the course package (question bank, scoring, widgets, grading)."""

from bonemets.paths import course_root

__all__ = ["course_root"]
__version__ = "0.1.0"

"""The question bank in an LMS's import format: Moodle XML, Canvas QTI 1.2, GIFT (see base.py)."""

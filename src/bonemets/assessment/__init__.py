"""The rules of an item, pure: schema, answer forms, scoring, feedback text, the answer-cell contract.

Shared by the learner's widgets and the instructor's grader. Imports nothing else of ours, reads no
file, and never imports ipywidgets or nbgrader. `answers` and `format_check` are standard-library only,
because `format_check` runs inside a student's kernel.
"""

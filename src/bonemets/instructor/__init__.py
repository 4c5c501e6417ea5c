"""What runs on the instructor's machine or the hub: the assignment builder, grading, exports, reports.

Never imports ipywidgets or anything in `bonemets.learner`.
"""

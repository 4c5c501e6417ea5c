"""What renders in a learner's notebook: self-checks, interactive figures, progress.

Never imports nbgrader or anything in `bonemets.instructor`.
"""

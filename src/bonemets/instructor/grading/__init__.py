"""nbgrader plug-ins and the batch grader. Runs as the grading account, never in a student's kernel."""

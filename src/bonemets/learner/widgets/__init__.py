"""Interactive figures, one module each; the logic is plain Python that tests reach."""

"""Readers of the course's own files (bank, references, data tables, notebooks): validated, cached, no UI.

Errors name the file, the line or item, and the field.
"""

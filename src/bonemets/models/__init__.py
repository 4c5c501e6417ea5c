"""Mechanistic teaching models from the literature, with their parameters cited."""

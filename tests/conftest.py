"""Shared pytest configuration for the course's tests."""

# JupyterLab + headless Chromium fixtures for tests/test_browser.py (tests/browser_fixtures.py).
pytest_plugins = ["browser_fixtures"]

"""Browser-tier fixtures (a real JupyterLab and headless Chromium), defined in lab_server.py."""

from lab_server import browser, jupyterlab, page, pytest_runtest_makereport  # noqa: F401

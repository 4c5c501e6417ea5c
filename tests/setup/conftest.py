"""Markers of the set-up tier."""


def pytest_configure(config):
    config.addinivalue_line("markers", "registry: asks the package registry (pip --dry-run): needs the network")
    config.addinivalue_line("markers", "classroom: creates throw-away Linux accounts and runs JupyterHub (root)")

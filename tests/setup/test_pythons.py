"""The lock installs on every Python the README claims, and any other Python gets one clear line.

The registry test asks pip, for each supported Python on this machine (Debian's /usr/bin/python3,
pyenv's, python3.X on PATH), whether the committed lock files install there exactly as pinned
(`pip install --dry-run`: nothing is installed; pip's cache makes repeat runs fast).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
import check_python  # noqa: E402
import lock  # noqa: E402

PYTHONS = lock.interpreters()


def test_the_supported_versions_are_what_pyproject_and_the_readme_claim():
    assert check_python.SUPPORTED[0] == (3, 11)
    assert 'requires-python = ">=3.11"' in (REPO / "pyproject.toml").read_text()
    readme = (REPO / "README.md").read_text()
    assert "Python 3.11, 3.12 or 3.13" in readme


@pytest.mark.parametrize("version", [(3, 10, 13), (3, 14, 0), (2, 7, 18)])
def test_an_unsupported_python_is_named_with_the_versions_that_work(version):
    message = check_python.problem(version)
    assert message.startswith("Python " + ".".join(map(str, version)) + " cannot run this course")
    assert "3.11, 3.12, 3.13" in message and "\n" not in message


def test_debian_12_python_and_every_supported_series_pass_the_check():
    for version in [(3, 11, 2), (3, 11, 7), (3, 12, 1), (3, 13, 0)]:
        assert check_python.problem(version) is None


OLD = sorted(Path("/root/.pyenv/versions").glob("3.10.*/bin/python3")) + sorted(Path("/usr/bin").glob("python3.10"))


@pytest.mark.skipif(not OLD, reason="no Python 3.10 on this machine")
def test_make_install_with_python_3_10_stops_with_one_line_before_pip(tmp_path):
    old = OLD[0]
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "-s", "install", f"PYTHON={old}", f"VENV={venv}"], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    first = result.stderr.strip().splitlines()[0]
    assert "cannot run this course: use Python 3.11, 3.12, 3.13" in first
    assert "pip" not in result.stdout + first and not venv.exists()


def test_this_machine_has_debian_12s_python_or_says_why_not():
    """The oldest supported release users have (Debian 12: 3.11.2) must be among the Pythons checked."""
    debian = Path("/usr/bin/python3")
    if not debian.exists():
        pytest.skip("no /usr/bin/python3 here")
    assert any(path == str(debian) or version[:2] == (3, 11) for version, path in PYTHONS.items())


@pytest.mark.registry
@pytest.mark.parametrize("version", list(PYTHONS), ids=[".".join(map(str, v)) for v in PYTHONS])
def test_the_lock_installs_exactly_as_pinned_on(version, tmp_path):
    python = lock.bare_venv(PYTHONS[version], tmp_path / "venv")
    assert lock.check_one(python) is None



@pytest.mark.registry
def test_the_check_fails_for_a_pin_that_needs_a_newer_python(tmp_path):
    """soupsieve 4.1.3 needs Python >= 3.11.5: the check must refuse it on Debian 12's 3.11.2."""
    old = {v: p for v, p in PYTHONS.items() if v[:2] == (3, 11) and v[2] < 5}
    if not old:
        pytest.skip("no Python 3.11.0-3.11.4 here (Debian 12 has 3.11.2)")
    pins = tmp_path / "requirements.txt"
    pins.write_text("soupsieve==4.1.3\n")
    python = lock.bare_venv(next(iter(old.values())), tmp_path / "venv")
    assert "soupsieve" in lock.check_one(python, [pins])

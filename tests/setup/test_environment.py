"""Set-up: Binder's environment.yml and the local install pin the same packages; the two commands."""

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def pins(lines) -> dict[str, str]:
    found = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not pinned exactly: {line}"
            found[name.lower().replace("_", "-")] = version
    return found


def test_environment_yml_pins_exactly_what_requirements_txt_pins():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    local = pins((REPO / "requirements.txt").read_text().splitlines())
    assert pins(pip_section) == local


def test_binder_python_matches_the_local_python_series():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]


def test_the_top_level_pins_are_in_the_lock():
    lock = pins((REPO / "requirements.txt").read_text().splitlines())
    for name, version in pins((REPO / "requirements.in").read_text().splitlines()).items():
        assert lock.get(name) == version, name
    for required in ("jupyterlab", "nbgrader", "ipywidgets", "pandas", "pytest", "nbval"):
        assert required in lock


def test_postbuild_hides_instructor_tools_and_news_for_self_learners():
    text = (REPO / "postBuild").read_text()
    for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list"):
        assert f"labextension disable --level=sys_prefix {plugin}" in text
    assert "server extension disable --sys-prefix nbgrader.server_extensions.formgrader" in text
    assert "bonemets.labsetup" in text
    assert not (REPO / "binder").exists(), "Binder must use the root files"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text()
    assert "make start" in readme and "make test" in readme
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_make_start_serves_on_loopback_with_allow_root_for_root():
    makefile = (REPO / "Makefile").read_text()
    start = makefile.split("\nstart:")[1].split("\n\n")[0]
    assert "--ServerApp.ip=127.0.0.1" in start and "$(ALLOW_ROOT)" in start
    assert "notebooks/00_start_here.ipynb" in start

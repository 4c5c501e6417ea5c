"""The example zero-to-jupyterhub values (deploy/z2jh/values.yaml) pass the chart's own values schema.

Helm merges a user's values over the chart's defaults before it validates them, so the test does the same
with the vendored chart 4.4.0 files: maps merge key by key, a null removes a key, anything else replaces.
No cluster is involved: this checks the file's shape, not that the class runs on Kubernetes.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
Z2JH = REPO / "deploy" / "z2jh"
CHART = "4.4.0"


def load(name: str) -> dict:
    return yaml.safe_load((Z2JH / name).read_text())


def helm_merge(base: dict, override: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def errors(values: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(load(f"chart-{CHART}-values.schema.yaml"))
    return [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(values)]


def merged_example() -> dict:
    return helm_merge(load(f"chart-{CHART}-values.yaml"), load("values.yaml"))


def test_the_example_values_pass_the_charts_schema_after_merging_with_its_defaults():
    assert errors(merged_example()) == []


@pytest.mark.parametrize("mistake", [{"singleuser": {"memroy": {"limit": "1G"}}},
                                     {"cull": {"timeout": "an hour"}},
                                     {"hub": {"db": {"type": "excel"}}}])
def test_the_schema_check_catches_a_mistake(mistake):
    assert errors(helm_merge(merged_example(), mistake)), mistake


def test_the_vendored_chart_files_name_their_version_and_licence():
    notice = (Z2JH / "README.md").read_text()
    assert f"chart {CHART}" in notice and "BSD-3-Clause" in notice
    assert "BSD 3-Clause License" in (Z2JH / "LICENSE-zero-to-jupyterhub.txt").read_text()
    assert f"chart {CHART}" in (Z2JH / "values.yaml").read_text()


def test_the_memory_guarantee_covers_the_measured_per_user_memory():
    """Sizing comes from bench/results/classroom.json (RSS with the heaviest module running)."""
    results = REPO / "bench" / "results" / "classroom.json"
    if not results.exists():
        pytest.skip("no classroom benchmark results yet (make bench)")
    measured_mib = json.loads(results.read_text())["estimate"]["per_user_rss_mib"]
    guarantee = load("values.yaml")["singleuser"]["memory"]["guarantee"]
    number, unit = re.fullmatch(r"(\d+)([MG])", guarantee).groups()
    guarantee_mib = int(number) * (1000 ** {"M": 2, "G": 3}[unit]) / 2**20
    assert guarantee_mib >= measured_mib


def test_the_exchange_setting_matches_the_mounted_volume_and_says_who_can_read_it():
    values = load("values.yaml")
    mount = values["singleuser"]["storage"]["extraVolumeMounts"][0]["mountPath"]
    config = values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    assert f'c.Exchange.root = "{mount}"' in config
    assert "ANY student can" in (Z2JH / "values.yaml").read_text()

"""The vicious-cycle file (bonemets.content.vicious_cycle): the course's file, and bad files named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bonemets.content import vicious_cycle as vc
from bonemets.content.references import load_registry

SOURCES = {"virklieberman2007", "drake2008"}


@pytest.fixture(scope="module")
def cycle():
    return vc.load_cycle()


# --- the course file --------------------------------------------------------------------------------------------

def test_the_course_cycle_has_the_six_steps_in_order(cycle):
    assert [s.id for s in cycle.steps] == [
        "tumour_signals", "rankl", "osteoclasts", "resorption", "release", "tumour_growth"]
    text = " ".join(s.text for s in cycle.steps)
    for term in ("PTHrP", "RANKL", "RANK", "OPG", "TGF-beta", "IGFs", "calcium"):
        assert term in text, term


def test_every_step_and_drug_cites_a_registered_source(cycle):
    registry = load_registry()
    assert {s.source for s in cycle.steps} | {d.source for d in cycle.drugs} <= set(registry)


def test_each_drug_acts_where_the_literature_puts_it(cycle):
    assert cycle.drug("none").blocks is None
    assert cycle.drug("bisphosphonate").blocks == "resorption"  # osteoclasts that are resorbing bone
    assert cycle.drug("denosumab").blocks == "osteoclasts"  # RANKL cannot reach RANK, as with OPG
    assert "RANKL" in cycle.drug("denosumab").how and "OPG" in cycle.drug("denosumab").how


# --- malformed files --------------------------------------------------------------------------------------------

def good_data() -> dict:
    step = {"text": "Some text.", "when_reduced": "less happens", "source": "virklieberman2007"}
    return {
        "steps": [{"id": f"s{n}", "title": f"Step {n}", **step} for n in range(1, 4)],
        "drugs": [{"id": "none", "name": "no drug", "how": "nothing", "source": "virklieberman2007"},
                  {"id": "bp", "name": "a drug", "how": "it acts", "source": "drake2008", "blocks": "s2"}],
    }


def write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def load(path):
    return vc.load_cycle(path, known_sources=SOURCES)


def test_a_good_file_loads(tmp_path):
    cycle = load(write(tmp_path / "c.yaml", good_data()))
    assert len(cycle.steps) == 3 and cycle.drug("bp").blocks == "s2"


def test_a_missing_field_is_named_with_its_line(tmp_path):
    data = good_data()
    del data["steps"][1]["source"]
    path = write(tmp_path / "bad.yaml", data)
    line = path.read_text().splitlines().index("- id: s2") + 1
    with pytest.raises(ValueError, match=rf"bad\.yaml: line {line} \(step\): source: is missing"):
        load(path)


def test_an_unknown_source_is_named(tmp_path):
    data = good_data()
    data["drugs"][1]["source"] = "nobody2099"
    with pytest.raises(ValueError, match=r"\(drug\): source: unknown source 'nobody2099'"):
        load(write(tmp_path / "bad.yaml", data))


def test_a_drug_blocking_an_unknown_step_is_refused(tmp_path):
    data = good_data()
    data["drugs"][1]["blocks"] = "s9"
    with pytest.raises(ValueError, match=r"\(drug\): blocks: names the step 's9', which is not one of the steps"):
        load(write(tmp_path / "bad.yaml", data))


def test_a_repeated_step_id_is_refused(tmp_path):
    data = good_data()
    data["steps"][2]["id"] = "s1"
    with pytest.raises(ValueError, match=r"\(step\): id: the id 's1' is used twice"):
        load(write(tmp_path / "bad.yaml", data))


def test_the_no_drug_choice_cannot_block(tmp_path):
    data = good_data()
    data["drugs"][0]["blocks"] = "s1"
    with pytest.raises(ValueError, match=r"\(drug\): blocks: the 'none' choice cannot block a step"):
        load(write(tmp_path / "bad.yaml", data))


def test_an_unexpected_field_is_named(tmp_path):
    data = good_data()
    data["steps"][0]["colour"] = "red"
    allowed = "id, title, text, when_reduced, source"
    with pytest.raises(ValueError, match=rf"\(step\): colour: unexpected field; allowed: {allowed}"):
        load(write(tmp_path / "bad.yaml", data))


def test_too_few_steps_are_refused(tmp_path):
    data = good_data()
    data["steps"] = data["steps"][:2]
    with pytest.raises(ValueError, match="a cycle needs at least 3 steps; found 2"):
        load(write(tmp_path / "bad.yaml", data))


def test_a_missing_section_is_named(tmp_path):
    data = good_data()
    del data["drugs"]
    with pytest.raises(ValueError, match="bad.yaml: the key 'drugs' is missing"):
        load(write(tmp_path / "bad.yaml", data))


def test_invalid_yaml_is_named_with_its_line(tmp_path):
    with pytest.raises(ValueError, match=r"bad\.yaml: line 3: not valid YAML"):
        load(write(tmp_path / "bad.yaml", "steps:\n- id: s1\n  title: a: b\n"))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="none.yaml: the vicious-cycle file is missing"):
        load(tmp_path / "none.yaml")


def test_a_drug_without_its_step_is_refused(tmp_path):
    data = good_data()
    del data["drugs"][1]["blocks"]
    with pytest.raises(ValueError, match=r"\(drug\): blocks: is missing \(the id of the step where the drug acts\)"):
        load(write(tmp_path / "bad.yaml", data))


def test_the_course_accessor_reads_the_file_once():
    assert vc.course_cycle() is vc.course_cycle()

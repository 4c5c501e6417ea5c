"""The triage vignette file (bonemets.content.vignettes): the course's file, and bad files named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bonemets.content import vignettes as cv
from bonemets.content.references import load_registry

KNOWN = {"nice2023ng234", "christiemscc"}


def good_vignette(number: int, **changes) -> dict:
    vignette = {
        "id": f"case-{number}", "title": f"Case {number}", "answer": "emergency",
        "text": "Fictional patient. New band-like back pain and weak legs.",
        "rationale": "Red flags of MSCC: contact the MSCC coordinator immediately (NICE 2023).",
        "sources": ["nice2023ng234"],
    }
    vignette.update(changes)
    return {k: v for k, v in vignette.items() if v is not None}


def write(tmp_path: Path, vignettes: list[dict], name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"vignettes": vignettes}, sort_keys=False), encoding="utf-8")
    return path


def six(**changes_to_third) -> list[dict]:
    return [good_vignette(n, **(changes_to_third if n == 3 else {})) for n in range(1, 7)]


@pytest.fixture(scope="module")
def vignettes():
    return cv.load_vignettes()


# ---------------------------------------------------------------- the course file


def test_the_course_file_has_6_to_10_fictional_vignettes(vignettes):
    assert 6 <= len(vignettes) <= 10
    assert all(v.text.startswith("Fictional patient.") for v in vignettes)
    assert len({v.id for v in vignettes}) == len(vignettes)


def test_every_urgency_level_is_taught(vignettes):
    assert {v.answer for v in vignettes} == set(cv.URGENCY_LEVELS)


def test_every_vignette_cites_registered_sources_and_explains_why(vignettes):
    registry = load_registry()
    for v in vignettes:
        assert v.sources and set(v.sources) <= set(registry), v.id
        assert len(v.rationale.split()) >= 25, v.id


def test_the_mscc_cases_follow_nice(vignettes):
    mscc = [v for v in vignettes if "nice2023ng234" in v.sources and v.answer == "emergency"]
    assert len(mscc) >= 3
    assert all("MSCC coordinator" in v.rationale for v in mscc)
    no_neurology = next(v for v in vignettes if v.id == "spinal-pain-no-neurology")
    assert no_neurology.answer == "urgent" and "within 1 week" in no_neurology.rationale


def test_the_symptomatic_hypercalcaemia_case_is_an_emergency_and_the_mild_one_is_not(vignettes):
    by_id = {v.id: v for v in vignettes}
    assert by_id["hcm-drowsy"].answer == "emergency"
    assert by_id["mild-hcm-no-symptoms"].answer == "urgent"
    assert "10.5 to 11.9 mg/dL" in by_id["mild-hcm-no-symptoms"].rationale


# ---------------------------------------------------------------- malformed files name file, line and problem


def test_a_good_temporary_file_loads(tmp_path):
    loaded = cv.load_vignettes(write(tmp_path, six(), "good.yaml"), known_sources=KNOWN)
    assert [v.id for v in loaded] == [f"case-{n}" for n in range(1, 7)]


def test_a_missing_field_is_named_with_its_line(tmp_path):
    path = write(tmp_path, six(rationale=None))
    with pytest.raises(ValueError) as error:
        cv.load_vignettes(path, known_sources=KNOWN)
    message = str(error.value)
    assert message.startswith("bad.yaml: line ")
    assert "(vignette 'case-3'): rationale: is missing" in message
    line = int(message.split("line ")[1].split(" ")[0])
    assert path.read_text().splitlines()[line - 1].lstrip().startswith("- id: case-3")


def test_an_unknown_answer_is_named(tmp_path):
    with pytest.raises(ValueError, match="answer: 'whenever' is not one of emergency, urgent, routine"):
        cv.load_vignettes(write(tmp_path, six(answer="whenever")), known_sources=KNOWN)


def test_an_unknown_source_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"\(vignette 'case-3'\): sources.0: unknown source 'smith2099'"):
        cv.load_vignettes(write(tmp_path, six(sources=["smith2099"])), known_sources=KNOWN)


def test_a_case_not_labelled_fictional_is_refused(tmp_path):
    with pytest.raises(ValueError, match="text: must start with 'Fictional patient.'"):
        cv.load_vignettes(write(tmp_path, six(text="Mrs Smith from ward 4 has back pain.")), known_sources=KNOWN)


def test_an_empty_source_list_is_refused(tmp_path):
    with pytest.raises(ValueError, match="sources: must be a non-empty list"):
        cv.load_vignettes(write(tmp_path, six(sources=[])), known_sources=KNOWN)


def test_an_unexpected_field_is_named(tmp_path):
    allowed = "id, title, text, answer, rationale, sources"
    with pytest.raises(ValueError, match=f"answr: unexpected field; allowed: {allowed}"):
        cv.load_vignettes(write(tmp_path, six(answr="urgent")), known_sources=KNOWN)


def test_a_repeated_id_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"line \d+ \(vignette 'case-1'\): id: the id 'case-1' is used twice"):
        cv.load_vignettes(write(tmp_path, six(id="case-1")), known_sources=KNOWN)


def test_too_few_vignettes_are_refused(tmp_path):
    with pytest.raises(ValueError, match="has 5 vignettes; the trainer needs 6 to 10"):
        cv.load_vignettes(write(tmp_path, six()[:5]), known_sources=KNOWN)


def test_invalid_yaml_and_a_missing_file_are_named(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("vignettes: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.yaml: line \d+: not valid YAML"):
        cv.load_vignettes(broken, known_sources=KNOWN)
    with pytest.raises(ValueError, match="missing.yaml: the vignette file is missing"):
        cv.load_vignettes(tmp_path / "missing.yaml", known_sources=KNOWN)


def test_a_file_without_a_vignettes_list_is_refused(tmp_path):
    path = tmp_path / "flat.yaml"
    path.write_text("- id: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"flat.yaml: line 1: the file must be a mapping with the key"):
        cv.load_vignettes(path, known_sources=KNOWN)


def test_the_default_check_uses_the_reference_registry(tmp_path):
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        cv.load_vignettes(write(tmp_path, six(sources=["notakey"])))

"""The red-flag triage trainer: its vignette file, its feedback logic and its widget, driven from Python."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from bonemets.content.references import load_registry
from bonemets.learner.widgets import triage_trainer as tt

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
    return tt.load_vignettes()


# ---------------------------------------------------------------- the course file


def test_the_course_file_has_6_to_10_fictional_vignettes(vignettes):
    assert 6 <= len(vignettes) <= 10
    assert all(v.text.startswith("Fictional patient.") for v in vignettes)
    assert len({v.id for v in vignettes}) == len(vignettes)


def test_every_urgency_level_is_taught(vignettes):
    assert {v.answer for v in vignettes} == set(tt.URGENCY)


def test_every_vignette_cites_registered_sources_and_names_them_in_its_rationale(vignettes):
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


# ---------------------------------------------------------------- feedback logic


def test_a_right_choice_says_correct_and_gives_the_rationale_and_sources(vignettes):
    first = vignettes[0]
    feedback = tt.check_answer(first, first.answer)
    assert feedback.correct
    assert feedback.text.startswith("Correct: you chose")
    assert first.rationale in feedback.text
    assert "Sources: " in feedback.text and "NICE guideline NG234" in feedback.text


def test_a_wrong_choice_says_not_quite_and_names_the_supported_level(vignettes):
    case = next(v for v in vignettes if v.answer == "emergency")
    feedback = tt.check_answer(case, "routine")
    assert not feedback.correct
    assert feedback.text.startswith("Not quite: you chose 'Routine")
    assert "The guidance supports 'Emergency: act now and escalate immediately'." in feedback.text


def test_no_choice_asks_for_one(vignettes):
    feedback = tt.check_answer(vignettes[0], None)
    assert not feedback.correct and feedback.text.startswith("Choose an urgency level first")


def test_an_unknown_urgency_is_refused(vignettes):
    with pytest.raises(ValueError, match="unknown urgency 'soon'"):
        tt.check_answer(vignettes[0], "soon")


# ---------------------------------------------------------------- malformed files name file, line and problem


def test_a_good_temporary_file_loads(tmp_path):
    loaded = tt.load_vignettes(write(tmp_path, six(), "good.yaml"), known_sources=KNOWN)
    assert [v.id for v in loaded] == [f"case-{n}" for n in range(1, 7)]


def test_a_missing_field_is_named_with_its_line(tmp_path):
    path = write(tmp_path, six(rationale=None))
    with pytest.raises(ValueError) as error:
        tt.load_vignettes(path, known_sources=KNOWN)
    message = str(error.value)
    assert message.startswith("bad.yaml: line ")
    assert "(vignette 'case-3'): missing field 'rationale'" in message
    line = int(message.split("line ")[1].split(" ")[0])
    assert path.read_text().splitlines()[line - 1].lstrip().startswith("- id: case-3")


def test_an_unknown_answer_is_named(tmp_path):
    with pytest.raises(ValueError, match="answer 'whenever' is not one of emergency, urgent, routine"):
        tt.load_vignettes(write(tmp_path, six(answer="whenever")), known_sources=KNOWN)


def test_an_unknown_source_is_named(tmp_path):
    with pytest.raises(ValueError, match="unknown source 'smith2099'"):
        tt.load_vignettes(write(tmp_path, six(sources=["smith2099"])), known_sources=KNOWN)


def test_a_case_not_labelled_fictional_is_refused(tmp_path):
    with pytest.raises(ValueError, match="must start with 'Fictional patient.'"):
        tt.load_vignettes(write(tmp_path, six(text="Mrs Smith from ward 4 has back pain.")), known_sources=KNOWN)


def test_an_empty_source_list_is_refused(tmp_path):
    with pytest.raises(ValueError, match="'sources' must be a non-empty list"):
        tt.load_vignettes(write(tmp_path, six(sources=[])), known_sources=KNOWN)


def test_an_unexpected_field_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"unexpected field\(s\) \['answr'\]"):
        tt.load_vignettes(write(tmp_path, six(answr="urgent")), known_sources=KNOWN)


def test_a_repeated_id_is_named(tmp_path):
    with pytest.raises(ValueError, match="the id 'case-1' is used twice"):
        tt.load_vignettes(write(tmp_path, six(id="case-1")), known_sources=KNOWN)


def test_too_few_vignettes_are_refused(tmp_path):
    with pytest.raises(ValueError, match="has 5 vignettes; the trainer needs 6 to 10"):
        tt.load_vignettes(write(tmp_path, six()[:5]), known_sources=KNOWN)


def test_invalid_yaml_and_a_missing_file_are_named(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("vignettes: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.yaml: not valid YAML"):
        tt.load_vignettes(broken, known_sources=KNOWN)
    with pytest.raises(ValueError, match="missing.yaml: the vignette file is missing"):
        tt.load_vignettes(tmp_path / "missing.yaml", known_sources=KNOWN)


def test_a_file_without_a_vignettes_list_is_refused(tmp_path):
    path = tmp_path / "flat.yaml"
    path.write_text("- id: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="flat.yaml: line 1: expected a mapping with a 'vignettes' list"):
        tt.load_vignettes(path, known_sources=KNOWN)


def test_the_default_check_uses_the_reference_registry(tmp_path):
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        tt.load_vignettes(write(tmp_path, six(sources=["notakey"])))


# ---------------------------------------------------------------- the widget


def test_widget_has_labelled_controls_and_a_status_region(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    assert isinstance(trainer.widget, widgets.VBox)
    assert trainer.case.description == "Choose a case:"
    assert trainer.choice.description == "How urgent is this?"
    assert [label for label, _ in trainer.choice.options] == list(tt.URGENCY.values())
    assert trainer.button.description == "Check"
    assert 'role="status"' in trainer.feedback.value
    assert "Fictional patient." in trainer.story.value


def test_checking_without_a_choice_asks_for_one(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    assert trainer.check().startswith("Choose an urgency level first")
    assert trainer.results == {}


def test_choosing_and_checking_shows_feedback_and_updates_the_score(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    trainer.choice.value = trainer.current.answer
    text = trainer.check()
    assert text.startswith("Correct")
    assert "Correct: you chose" in trainer.feedback.value
    assert trainer.score_text() == f"Cases checked: 1 of {len(vignettes)}; matched the guidance: 1."
    trainer.case.value = vignettes[1].id
    wrong = next(key for key in tt.URGENCY if key != vignettes[1].answer)
    trainer.choice.value = wrong
    assert trainer.check().startswith("Not quite")
    assert "matched the guidance: 1." in trainer.score.value


def test_changing_case_clears_the_choice_and_feedback(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    trainer.choice.value = "routine"
    trainer.check()
    trainer.case.value = vignettes[2].id
    assert trainer.choice.value is None
    assert "Not quite" not in trainer.feedback.value and "Correct" not in trainer.feedback.value
    assert vignettes[2].title in trainer.story.value


def test_the_button_click_runs_the_check(vignettes):
    trainer = tt.TriageTrainer(vignettes)
    trainer.choice.value = trainer.current.answer
    trainer.button.click()
    assert "Correct: you chose" in trainer.feedback.value


def test_default_trainer_uses_the_course_file():
    trainer = tt.TriageTrainer()
    assert len(trainer.vignettes) == len(tt.load_vignettes())
    assert hasattr(trainer, "_ipython_display_")

"""The electronic-record view of the unfolding case: sections, captioned tables, trends in words, no spoilers."""

import ipywidgets as widgets
import pytest

from bonemets.learner.widgets.case_record import CaseRecord


def test_the_record_has_a_section_for_each_kind_of_data_and_labels_the_patient_fictional():
    html = CaseRecord(phase=3).view.value
    assert "Fictional patient, for teaching only." in html and "Ms Rosa Delgado (fictional)" in html
    for heading in ("Nurse's notes", "Vital signs", "Laboratory results", "Charts", "Imaging reports", "Orders",
                    "Clinical rules this case has used so far"):
        assert f"<h4>{heading}</h4>" in html
    assert '<th scope="row" style="text-align:left">Corrected calcium (mg/dL)</th>' in html
    assert "<caption" in html and 'aria-label="Patient record, phase 3"' in html


def test_trends_are_given_in_words_beside_the_tables():
    html = CaseRecord(phase=3).view.value
    assert "Urine output (per 12 hours): 350 mL at Day 7 08:00, then 700 mL" in html
    assert "It was highest, 13.4 mg/dL, at Day 7 07:00, and has fallen by 2.5 mg/dL since." in html
    assert "<em>Sources:</em> Resistant Hypercalcemia. In: StatPearls" in html  # each rule with its full source


def test_later_phases_stay_hidden_and_earlier_ones_can_be_revisited():
    record = CaseRecord(phase=2)
    assert isinstance(record.picker, widgets.Dropdown) and record.picker.description == "Show the record at:"
    assert [value for _, value in record.picker.options] == [1, 2]
    assert "Zoledronic acid" not in record.view.value and "MRI of the whole spine" in record.view.value
    record.picker.value = 1
    assert "Imaging reports" not in record.view.value and "Phase 1: Clinic follow-up" in record.view.value


def test_an_unknown_phase_is_refused_with_the_range():
    with pytest.raises(ValueError, match="has phases 1 to 5; there is no phase 9"):
        CaseRecord(phase=9)


def test_with_no_phase_the_whole_case_is_shown():
    record = CaseRecord()
    assert record.picker.value == 5 and len(record.picker.options) == 5
    assert "Phase 5: Pain at home" in record.view.value

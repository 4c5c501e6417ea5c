"""The bone-modifying agent safety checker widget (bonemets.learner.widgets.bma_safety), driven from Python."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from bonemets.content.references import load_registry
from bonemets.learner.widgets import bma_safety as bs


@pytest.fixture
def checker():
    return bs.BMASafetyChecker()


def test_opens_on_the_teaching_example_with_a_labelled_vbox(checker):
    assert isinstance(checker.widget, widgets.VBox)
    assert "46.1 mL/min" in checker.text
    assert "3.3 mg" in checker.text
    assert 'role="status"' in checker.status.value
    assert hasattr(checker, "_ipython_display_")


def test_every_control_has_a_visible_label(checker):
    for control in (checker.age, checker.weight, checker.sex, checker.creatinine, checker.unit, checker.compare,
                    checker.baseline, checker.baseline_normal):
        assert control.description.strip()


def test_changing_a_value_updates_the_text(checker):
    checker.creatinine.value = 0.6  # clearance rises above 60 mL/min
    assert "4.0 mg (no reduction)" in checker.text
    checker.age.value = 95
    checker.creatinine.value = 2.5
    assert "not recommended" in checker.text


def test_the_patients_band_is_marked_in_words_in_the_table(checker):
    assert "this patient&#x27;s band" in checker.table.value or "this patient's band" in checker.table.value
    rows = checker.table.value.split("<tr")
    marked = [row for row in rows if "this patient" in row and "<td>" in row]
    assert len(marked) == 1 and "40-49 mL/min" in marked[0]


def test_a_micromol_value_typed_as_mg_dl_shows_the_message_not_a_crash(checker):
    checker.creatinine.value = 97
    assert checker.text.startswith("Cannot calculate:")
    assert "Did you mean micromol/L?" in checker.text
    assert "this patient" not in checker.table.value.split("</thead>")[1]


def test_switching_the_unit_reads_the_typed_number_in_the_new_unit(checker):
    checker.set(creatinine=97.24, unit="micromol/L")  # 97.24 micromol/L = 1.10 mg/dL, the default patient again
    assert "46.1 mL/min" in checker.text
    assert "(= 1.10 mg/dL)" in checker.text


def test_impossible_age_and_weight_are_explained(checker):
    checker.age.value = 12
    assert "Age must be between 18 and 120 years" in checker.text
    checker.age.value = 66
    checker.weight.value = 0
    assert "Weight cannot be zero or negative" in checker.text


def test_missing_sex_asks_for_a_choice(checker):
    checker.sex.value = None
    assert checker.text.startswith("Not complete yet")


def test_baseline_comparison_applies_the_withholding_rule(checker):
    checker.set(compare=True, baseline=0.6, baseline_normal=True)  # 0.6 -> 1.1 mg/dL is a rise of 0.5
    assert "withhold the dose" in checker.text
    checker.baseline_normal.value = False
    assert "does not meet the withholding rule" in checker.text


def test_a_bad_baseline_is_explained_without_losing_the_dose(checker):
    checker.set(compare=True, baseline=0)
    assert "Cannot compare with the baseline" in checker.text
    assert "3.3 mg" in checker.text


def test_unticking_the_box_drops_the_comparison(checker):
    checker.set(compare=True, baseline=0.6)
    checker.compare.value = False
    assert "withhold" not in checker.text.lower()


def test_set_refuses_an_unknown_control(checker):
    with pytest.raises(ValueError, match="'height' is not a control"):
        checker.set(height=160)


def test_result_text_is_usable_without_widgets():
    text = bs.result_text(58, 82, "male", 1.4, "mg/dL")
    assert "66.7 mL/min" in text and "4.0 mg" in text
    assert "Follow local protocols and current orders" in text


def test_checklist_names_the_four_pre_dose_checks_with_sources():
    text = bs.checklist_text().lower()
    for words in ("dental", "calcium", "vitamin d", "creatinine before every", "hydrat", "15 minutes"):
        assert words in text
    registry = load_registry()
    for _text, sources, keys in bs.CHECKLIST:
        assert sources and keys
        assert set(keys) <= set(registry)


def test_the_widget_shows_the_tested_checklist_words():
    checker = bs.BMASafetyChecker()
    shown = " ".join(child.value for child in checker.widget.children if isinstance(child, widgets.HTML))
    for number, item in enumerate(bs.checklist_items(), start=1):
        assert f"{number}. {item}" in bs.checklist_text()
        assert f"<li>{bs.escape(item)}</li>" in shown


def test_the_band_shown_in_the_table_is_the_one_computed_for_the_text():
    checker = bs.BMASafetyChecker(age=66.0, weight=58.0, sex="female", creatinine=1.1, unit="mg/dL")
    result, text = bs.assess(66.0, 58.0, "female", 1.1, "mg/dL")
    assert checker.text == text
    marked = [row for row in checker.table.value.split("<tr") if "this patient" in row and "<td>" in row]
    assert len(marked) == 1 and bs.escape(result.band.range_text) in marked[0]


def test_band_table_lists_every_label_row():
    html = bs.band_table_html()
    for label in ("&gt; 60 mL/min", "50-60 mL/min", "40-49 mL/min", "30-39 mL/min", "&lt; 30 mL/min"):
        assert label in html
    assert '<th scope="col"' in html
    assert "this patient" not in html.split("</thead>")[1]


def test_ticking_the_box_on_the_opening_example_compares_with_its_baseline(checker):
    checker.compare.value = True  # opening baseline 0.9 mg/dL, now 1.1 mg/dL: a rise of 0.2
    assert "risen by 0.200 mg/dL" in checker.text
    assert "does not meet the withholding rule" in checker.text


def test_baseline_controls_are_disabled_until_the_box_is_ticked(checker):
    assert checker.baseline.disabled and checker.baseline_normal.disabled
    checker.compare.value = True
    assert not checker.baseline.disabled and not checker.baseline_normal.disabled

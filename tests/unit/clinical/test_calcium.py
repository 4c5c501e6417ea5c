"""Corrected calcium (bonemets.clinical.calcium) and its widget (bonemets.learner.widgets.calcium_calculator).

Worked examples used below, each from a published or public source:
- Payne RB et al. Br Med J 1973;4:643-6 (PMID 4758544), abstract: "Adjusted calcium = calcium - albumin + 4.0".
- Zoledronic acid US label, section 1.1: hypercalcaemia of malignancy is "albumin-corrected calcium >= 12 mg/dL
  [3.0 mmol/L]" using "Ca + 0.8 (4.0 g/dL - albumin)"; the label's own conversion of 12 mg/dL to 3.0 mmol/L.
- Stewart AF. N Engl J Med 2005;352:373-9, opening case: serum calcium "18.0 mg per deciliter (4.5 mmol per liter)"
  with albumin 3.3 g/dL (a published pair of values; the corrected value is worked here with the 0.8 formula).
- Payne RB, Carver ME, Morgan DB. J Clin Pathol 1979;32:56-60 (PMID 429580), abstract: "2.75 mmol/l (11.0 mg/100 ml)"
  and "2.00 mmol/l (8.0 mg/100 ml)".
- Worked example of the mg/dL formula on a public calculator page (medcalctools.com, corrected calcium calculator):
  "measured calcium 8.0 mg/dL, albumin 2.5 g/dL ... = 9.2 mg/dL".
- Worked example of the SI formula (theguidewire.net, albumin and calcium case): "1.83 + 0.02 x (40 - 26) = 1.83 +
  0.28 = 2.11 mmol/L".
"""

from __future__ import annotations

import pytest

from bonemets.clinical import calcium as ca
from bonemets.learner.widgets import calcium_calculator as cc

# ---------------------------------------------------------------- worked examples


def test_mg_dl_worked_example_from_a_published_calculator_page():
    assert ca.corrected_calcium_mg_dl(8.0, 2.5) == pytest.approx(9.2)


def test_si_worked_example_from_a_published_case():
    assert ca.corrected_calcium_mmol_l(1.83, 26) == pytest.approx(2.11)


def test_payne_1973_original_formula_has_coefficient_one():
    # calcium - albumin + 4.0: for albumin 2.5 g/dL the adjustment is +1.5, not the 0.8 form's +1.2.
    assert ca.payne_1973_adjusted_calcium_mg_dl(8.0, 2.5) == pytest.approx(9.5)
    assert ca.payne_1973_adjusted_calcium_mg_dl(8.0, 2.5) - ca.corrected_calcium_mg_dl(8.0, 2.5) == pytest.approx(0.3)


def test_stewart_2005_case_is_a_crisis_and_its_published_conversion_holds():
    assert round(ca.mg_dl_to_mmol_l(18.0), 1) == 4.5
    result = ca.assess_calcium(18.0, "mg/dL", 3.3, "g/dL")
    assert result.corrected_mg_dl == pytest.approx(18.56)
    assert result.band.name == "hypercalcaemic crisis"


@pytest.mark.parametrize("mmol_l, mg_dl", [(2.75, 11.0), (2.00, 8.0), (3.0, 12.0)])
def test_published_unit_conversions(mmol_l, mg_dl):
    # Payne 1979 (2.75 -> 11.0, 2.00 -> 8.0) and the zoledronic acid label (12 mg/dL = 3.0 mmol/L).
    assert round(ca.mmol_l_to_mg_dl(mmol_l), 1) == mg_dl
    assert round(ca.mg_dl_to_mmol_l(mg_dl), 2) == pytest.approx(mmol_l, abs=0.011)


def test_normal_albumin_means_no_correction_in_either_system():
    assert ca.corrected_calcium_mg_dl(10.0, 4.0) == pytest.approx(10.0)
    assert ca.corrected_calcium_mmol_l(2.50, 40) == pytest.approx(2.50)


def test_high_albumin_lowers_the_corrected_value():
    assert ca.corrected_calcium_mg_dl(10.9, 5.0) == pytest.approx(10.1)


def test_the_two_unit_systems_agree_for_the_same_sample():
    us = ca.assess_calcium(11.6, "mg/dL", 2.6, "g/dL")
    si = ca.assess_calcium(round(11.6 / 4.008, 2), "mmol/L", 26, "g/L")
    assert si.corrected_mg_dl == pytest.approx(us.corrected_mg_dl, abs=0.05)
    assert si.band == us.band


def test_mixed_units_albumin_is_converted_before_use():
    assert ca.assess_calcium(8.0, "mg/dL", 25, "g/L").corrected_mg_dl == pytest.approx(9.2)
    assert ca.assess_calcium(1.83, "mmol/L", 2.6, "g/dL").corrected_mmol_l == pytest.approx(2.11)


def test_the_result_is_given_in_both_units():
    result = ca.assess_calcium(8.9, "mg/dL", 2.4, "g/dL")
    assert result.corrected_mg_dl == pytest.approx(10.18)
    assert result.corrected_mmol_l == pytest.approx(10.18 / 4.008)
    assert "10.18 mg/dL (2.540 mmol/L)" in result.summary()


# ---------------------------------------------------------------- band edges (StatPearls 2023), both unit systems


@pytest.mark.parametrize("calcium_mg_dl, band", [
    (10.49, "below the hypercalcaemia range"),
    (10.5, "mild hypercalcaemia"),
    (11.9, "mild hypercalcaemia"),
    (11.99, "mild hypercalcaemia"),
    (12.0, "moderate hypercalcaemia"),
    (13.9, "moderate hypercalcaemia"),
    (13.99, "moderate hypercalcaemia"),
    (14.0, "hypercalcaemic crisis"),
])
def test_band_edges_in_mg_dl(calcium_mg_dl, band):
    assert ca.assess_calcium(calcium_mg_dl, "mg/dL", 4.0, "g/dL").band.name == band


@pytest.mark.parametrize("calcium_mmol_l, band", [
    (2.61, "below the hypercalcaemia range"),
    (2.62, "mild hypercalcaemia"),
    (2.99, "mild hypercalcaemia"),
    (3.00, "moderate hypercalcaemia"),
    (3.49, "moderate hypercalcaemia"),
    (3.50, "hypercalcaemic crisis"),
])
def test_band_edges_in_mmol_l(calcium_mmol_l, band):
    assert ca.assess_calcium(calcium_mmol_l, "mmol/L", 40, "g/L").band.name == band


def test_an_edge_reached_only_after_correction():
    # 11.2 + 0.8 x (4.0 - 3.0) = 12.0 exactly: float noise must not drop it into the mild band.
    assert ca.assess_calcium(11.2, "mg/dL", 3.0, "g/dL").band.name == "moderate hypercalcaemia"
    assert ca.assess_calcium(2.80, "mmol/L", 30, "g/L").band.name == "moderate hypercalcaemia"


@pytest.mark.parametrize("args, shown, band", [
    # The clinical review's inputs (E7, November 2026): with 2 decimals 14.0 mg/dL printed as 3.49 mmol/L
    # (crisis) while a typed 3.49 mmol/L was moderate, and 12.0 mg/dL printed as 2.99 mmol/L (moderate).
    ((14.0, "mg/dL", 4.0, "g/dL"), "14.00 mg/dL (3.493 mmol/L)", "hypercalcaemic crisis"),
    ((3.49, "mmol/L", 40, "g/L"), "13.99 mg/dL (3.490 mmol/L)", "moderate hypercalcaemia"),
    ((12.0, "mg/dL", 4.0, "g/dL"), "12.00 mg/dL (2.994 mmol/L)", "moderate hypercalcaemia"),
    ((2.99, "mmol/L", 40, "g/L"), "11.98 mg/dL (2.990 mmol/L)", "mild hypercalcaemia"),
])
def test_the_mmol_l_shown_never_contradicts_the_band_table(args, shown, band):
    result = ca.assess_calcium(*args)
    assert shown in result.summary() and result.band.name == band
    edges = dict(ca.display_edges_mmol_l())
    lowest = edges.get(band, 0.0)
    above = [v for v in edges.values() if v > lowest]
    assert round(result.corrected_mmol_l, 3) >= lowest
    assert all(round(result.corrected_mmol_l, 3) < v for v in above)


def test_the_printed_mmol_l_edges_are_the_mg_dl_edges_divided_by_4_008():
    assert ca.display_edges_mmol_l() == [("mild hypercalcaemia", 2.62), ("moderate hypercalcaemia", 2.994),
                                         ("hypercalcaemic crisis", 3.493)]
    assert "moderate hypercalcaemia from 2.994 mmol/L" in cc.band_table_text()


def test_mmol_l_edge_table_matches_the_bands():
    edges = dict(ca.band_edges_mmol_l())
    assert edges == {"mild hypercalcaemia": 2.62, "moderate hypercalcaemia": 3.00, "hypercalcaemic crisis": 3.50}
    for name, lowest in edges.items():
        assert ca.assess_calcium(lowest, "mmol/L", 40, "g/L").band.name == name
        assert ca.assess_calcium(round(lowest - 0.01, 2), "mmol/L", 40, "g/L").band.name != name


# ---------------------------------------------------------------- impossible input: clear messages


@pytest.mark.parametrize("args, words", [
    ((10.0, "mg/dL", 45, "g/dL"), "Albumin must be between 0.5 and 6.0 g/dL; you entered 45 g/dL. Did you mean g/L?"),
    ((2.4, "mmol/L", 3.5, "g/L"), "Albumin must be between 5.0 and 60.0 g/L; you entered 3.5 g/L. Did you mean g/dL?"),
    ((2.5, "mg/dL", 3.0, "g/dL"), "Calcium must be between 4.0 and 24.0 mg/dL; you entered 2.5 mg/dL. Did you mean "
                                  "mmol/L?"),
    ((10.2, "mmol/L", 30, "g/L"), "Calcium must be between 1.0 and 6.0 mmol/L; you entered 10.2 mmol/L. Did you mean "
                                  "mg/dL?"),
    ((45, "mg/dL", 3.0, "g/dL"), "Calcium must be between 4.0 and 24.0 mg/dL; you entered 45 mg/dL."),
    ((0, "mg/dL", 3.0, "g/dL"), "Calcium cannot be zero or negative"),
    ((-2.5, "mmol/L", 30, "g/L"), "Calcium cannot be zero or negative; you entered -2.5 mmol/L"),
    ((10.0, "mg/dL", 0, "g/dL"), "Albumin cannot be zero or negative"),
    ((10.0, "mg/dL", -3, "g/dL"), "Albumin cannot be zero or negative; you entered -3 g/dL"),
    ((10.0, "mg/L", 3.0, "g/dL"), "calcium unit must be one of mg/dL, mmol/L; you entered 'mg/L'"),
    ((10.0, "mg/dL", 3.0, "mg/dL"), "albumin unit must be one of g/dL, g/L; you entered 'mg/dL'"),
    ((float("nan"), "mg/dL", 3.0, "g/dL"), "Calcium must be an ordinary number"),
    ((10.0, "mg/dL", float("inf"), "g/dL"), "Albumin must be an ordinary number"),
    (("ten", "mg/dL", 3.0, "g/dL"), "Calcium must be a number; you entered 'ten'"),
    ((True, "mg/dL", 3.0, "g/dL"), "Calcium must be a number"),
])
def test_impossible_input_says_what_was_wrong_and_what_is_allowed(args, words):
    with pytest.raises(ValueError) as error:
        ca.assess_calcium(*args)
    assert words in str(error.value)


def test_no_unit_hint_when_the_value_fits_neither_unit():
    with pytest.raises(ValueError) as error:
        ca.check_calcium(45, "mg/dL")
    assert "Did you mean" not in str(error.value)


def test_the_unit_specific_functions_check_their_inputs_too():
    with pytest.raises(ValueError, match="Did you mean g/L"):
        ca.corrected_calcium_mg_dl(10.0, 45)
    with pytest.raises(ValueError, match="Did you mean mg/dL"):
        ca.corrected_calcium_mmol_l(10.4, 40)


def test_range_limits_are_accepted():
    for unit, (low, high) in ca.CALCIUM_RANGE.items():
        assert ca.check_calcium(low, unit) == low and ca.check_calcium(high, unit) == high
    for unit, (low, high) in ca.ALBUMIN_RANGE.items():
        assert ca.check_albumin(low, unit) == low and ca.check_albumin(high, unit) == high


# ---------------------------------------------------------------- the widget, driven from Python


def test_widget_opens_with_a_labelled_teaching_example():
    calc = cc.CalciumCalculator()
    assert calc.units.description and calc.calcium.description == "Measured total calcium (mg/dL):"
    assert calc.albumin.description == "Serum albumin (g/dL):"
    assert calc.symptoms.description
    assert "12.72 mg/dL (3.174 mmol/L)" in calc.text
    assert "moderate hypercalcaemia" in calc.text
    assert 'role="status"' in calc.status.value


def test_widget_always_reminds_about_egfr_ionised_calcium_and_symptoms():
    text = cc.CalciumCalculator().text
    assert "eGFR is below 60" in text and "ionised calcium" in text
    assert "Symptoms count as much as the number" in text
    assert "not Payne's 1973 original" in text


def test_typing_a_new_value_updates_the_text():
    calc = cc.CalciumCalculator()
    calc.albumin.value = 4.0
    calc.calcium.value = 14.0
    assert "14.00 mg/dL" in calc.text and "hypercalcaemic crisis" in calc.text
    assert "hypercalcaemic crisis" in calc.status.value


def test_a_bad_value_is_shown_as_a_message_not_an_exception():
    calc = cc.CalciumCalculator()
    calc.albumin.value = 45
    assert calc.text.startswith("Cannot calculate: Albumin must be between 0.5 and 6.0 g/dL")
    assert "Did you mean g/L?" in calc.status.value


def test_ticking_symptoms_adds_the_warning():
    calc = cc.CalciumCalculator()
    calc.symptoms.value = True
    assert calc.text.splitlines()[1].startswith("Symptoms reported:")


def test_switching_units_converts_the_sample_and_keeps_the_result():
    calc = cc.CalciumCalculator()
    assert "(3.174 mmol/L)" in calc.text
    calc.units.value = "SI units: calcium mmol/L, albumin g/L"
    assert calc.calcium.description == "Measured total calcium (mmol/L):"
    assert calc.calcium.value == pytest.approx(2.89) and calc.albumin.value == pytest.approx(26.0)
    assert "moderate hypercalcaemia" in calc.text
    assert "(3.170 mmol/L)" in calc.text  # the same sample, rounded to 2 decimals in mmol/L, gives 3.17
    calc.units.value = "US units: calcium mg/dL, albumin g/dL"
    assert calc.calcium.value == pytest.approx(11.6) and calc.albumin.value == pytest.approx(2.6)


def test_widget_can_open_in_si_units():
    calc = cc.CalciumCalculator(unit_system="SI units: calcium mmol/L, albumin g/L")
    assert calc.calcium.value == pytest.approx(2.89)
    assert "moderate hypercalcaemia" in calc.text


def test_band_table_text_gives_both_unit_systems():
    text = cc.band_table_text()
    assert "10.5 to 11.9 mg/dL" in text and "2.620 mmol/L" in text and "2.994 mmol/L" in text
    assert "3.493 mmol/L" in text and "from 2.62, 3.00, 3.50 mmol/L" in text


def test_band_table_text_follows_the_calculators_band_edges(monkeypatch):
    shifted = tuple(ca.Band(b.name, b.lower_mg_dl + 1, None if b.upper_mg_dl is None else b.upper_mg_dl + 1,
                            b.meaning) for b in ca.BANDS)
    monkeypatch.setattr(ca, "BANDS", shifted)
    assert "mild 11.5 to 12.9 mg/dL, moderate 13.0 to 14.9 mg/dL, crisis 15.0 mg/dL or more" in cc.band_table_text()

"""The Mirels score (bonemets.clinical.mirels) and its calculator widget (bonemets.learner.widgets.fracture_risk).

Sources checked against:
- Mirels H. Clin Orthop Relat Res 1989;(249):256-64 (PMID 2684463): four items, each 1 to 3 points
  (site: upper limb 1, lower limb 2, peritrochanteric 3; pain: mild 1, moderate 2, functional 3;
  lesion: blastic 1, mixed 2, lytic 3; size as a fraction of the bone's diameter: <1/3 1,
  1/3-2/3 2, >2/3 3), total 4 to 12.
- Bands as in the course's fact sheet (section 8) and Jawad & Scully 2010 (PMID 20352387):
  9 or more impending fracture, consider prophylactic fixation; 8 borderline, clinical judgement;
  7 or less radiotherapy or observation.
- Published worked statement (Ramsey et al. 2020, JAAOS Glob Res Rev, doi 10.5435/JAAOSGlobal-D-20-00141):
  a peritrochanteric, lytic lesion "alone" reaches a minimum Mirels score of 8 (3 + 3, plus the
  lowest pain and size scores 1 + 1).
"""

from __future__ import annotations

import itertools

import pytest

from bonemets.clinical import mirels
from bonemets.clinical.mirels import mirels_band, mirels_score, size_category
from bonemets.learner.widgets.fracture_risk import MIRELS_FIELDS, MirelsCalculator


def test_published_worked_statement_peritrochanteric_lytic_reaches_8_at_minimum():
    """Ramsey 2020: peritrochanteric + lytic alone give a minimum score of 8 (borderline)."""
    result = mirels_score("peritrochanteric", "mild", "lytic", "less than 1/3")
    assert result.total == 8
    assert result.points == {"site": 3, "pain": 1, "lesion": 3, "size": 1}
    assert result.band.startswith("8")


def test_the_range_is_4_to_12():
    """Mirels 1989: the lowest possible total is 4 and the highest 12."""
    assert mirels_score("upper limb", "mild", "blastic", "less than 1/3").total == 4
    assert mirels_score("peritrochanteric", "functional", "lytic", "more than 2/3").total == 12
    totals = {mirels_score(*combo).total for combo in itertools.product(
        mirels.SITE_POINTS, mirels.PAIN_POINTS, mirels.LESION_POINTS, mirels.SIZE_POINTS)}
    assert totals == set(range(4, 13))


@pytest.mark.parametrize("item, value, points", [
    ("site", "upper limb", 1), ("site", "lower limb", 2), ("site", "peritrochanteric", 3),
    ("pain", "mild", 1), ("pain", "moderate", 2), ("pain", "functional", 3),
    ("lesion", "blastic", 1), ("lesion", "mixed", 2), ("lesion", "lytic", 3),
    ("size", "less than 1/3", 1), ("size", "1/3 to 2/3", 2), ("size", "more than 2/3", 3),
])
def test_every_item_scores_its_published_points(item, value, points):
    base = {"site": "upper limb", "pain": "mild", "lesion": "blastic", "size": "less than 1/3"}
    result = mirels_score(**{**base, item: value})
    assert result.points[item] == points
    assert result.total == 3 + points


@pytest.mark.parametrize("args, total, band_start, words", [
    (("upper limb", "moderate", "mixed", "1/3 to 2/3"), 7, "7 or less", "radiotherapy or observation"),
    (("lower limb", "moderate", "mixed", "1/3 to 2/3"), 8, "8", "clinical judgement"),
    (("lower limb", "moderate", "lytic", "1/3 to 2/3"), 9, "9 or more", "prophylactic fixation"),
])
def test_band_edges_7_8_9(args, total, band_start, words):
    result = mirels_score(*args)
    assert result.total == total
    assert result.band.startswith(band_start)
    assert words in result.interpretation


def test_only_9_and_above_point_to_fixation():
    for total in range(4, 13):
        band, meaning = mirels_band(total)
        assert ("consider prophylactic fixation" in meaning) == (total >= 9), total


@pytest.mark.parametrize("bad", [3, 13, 8.5, "9", True, None])
def test_an_impossible_total_is_refused(bad):
    with pytest.raises(ValueError, match="whole number from 4 to 12"):
        mirels_band(bad)


def test_a_missing_item_is_named_with_its_allowed_values():
    with pytest.raises(ValueError) as err:
        mirels_score("lower limb", None, "lytic", "1/3 to 2/3")
    message = str(err.value)
    assert "pain" in message and "'mild', 'moderate', 'functional'" in message


def test_an_unknown_value_is_named_with_its_allowed_values():
    with pytest.raises(ValueError, match=r"'huge' is not an allowed size .* 'less than 1/3', '1/3 to 2/3', "
                                         r"'more than 2/3'"):
        mirels_score("lower limb", "mild", "lytic", "huge")


def test_a_spine_site_points_to_sins():
    with pytest.raises(ValueError, match="only for long bones .* use SINS"):
        mirels_score("spine", "mild", "lytic", "1/3 to 2/3")


def test_a_number_given_as_size_points_to_size_category():
    with pytest.raises(ValueError, match="use size_category"):
        mirels_score("lower limb", "mild", "lytic", 0.5)


def test_common_synonyms_and_capitals_are_understood():
    result = mirels_score("Lower Limb", " Functional ", "Sclerotic", ">2/3")
    assert result.points == {"site": 2, "pain": 3, "lesion": 1, "size": 3}


@pytest.mark.parametrize("fraction, category", [
    (0.1, "less than 1/3"), (0.33, "less than 1/3"), (1 / 3, "1/3 to 2/3"), (0.5, "1/3 to 2/3"),
    (2 / 3, "1/3 to 2/3"), (0.67, "more than 2/3"), (1.0, "more than 2/3"),
])
def test_size_category_edges(fraction, category):
    assert size_category(fraction) == category


def test_a_percentage_given_as_size_suggests_the_fraction():
    with pytest.raises(ValueError, match=r"between 0 and 1; you entered 50\. Did you mean 0\.50 \(50%\)\?"):
        size_category(50)


@pytest.mark.parametrize("bad", [0, -0.2, 250, float("nan"), "half", True])
def test_impossible_sizes_are_refused_with_a_message(bad):
    with pytest.raises(ValueError, match="size must be"):
        size_category(bad)


# The calculator widget


def test_every_control_is_a_labelled_dropdown_starting_unanswered():
    calculator = MirelsCalculator()
    assert set(calculator.dropdowns) == set(MIRELS_FIELDS)
    for dropdown in calculator.dropdowns.values():
        assert dropdown.description.strip()
        assert dropdown.value is None
    assert calculator.text.startswith("Not complete yet")
    assert 'role="status"' in calculator.status.value


def test_the_widget_lists_what_is_still_missing():
    calculator = MirelsCalculator(site="lower limb", lesion="lytic")
    assert "still to choose pain; size" in calculator.text


def test_choosing_every_item_shows_total_band_and_breakdown_in_words():
    calculator = MirelsCalculator()
    calculator.set(site="lower limb", pain="moderate", lesion="lytic", size="1/3 to 2/3")
    assert "Mirels score: 9 points" in calculator.text
    assert "impending fracture" in calculator.text
    assert "site 2; pain 2; lesion 3; size 2" in calculator.text
    assert "9 points" in calculator.status.value


def test_changing_one_dropdown_updates_the_result():
    calculator = MirelsCalculator(site="lower limb", pain="moderate", lesion="lytic", size="1/3 to 2/3")
    calculator.dropdowns["lesion"].value = "mixed"
    assert "Mirels score: 8 points" in calculator.text
    assert "clinical judgement" in calculator.text


def test_a_scoring_error_is_shown_as_text_not_raised(monkeypatch):
    def broken(**_values):
        raise ValueError("the size must be a fraction")

    monkeypatch.setattr(mirels, "mirels_score", broken)
    calculator = MirelsCalculator(site="lower limb", pain="moderate", lesion="lytic", size="1/3 to 2/3")
    assert calculator.text == "Cannot score this: the size must be a fraction"


def test_setting_an_unknown_item_is_refused():
    with pytest.raises(ValueError, match="'colour' is not an item"):
        MirelsCalculator(colour="red")


def test_an_upper_limb_total_carries_the_humerus_caution_in_every_band():
    """Clinical review S3, Mr Varga: mixed humeral lesion, half the diameter, functional pain = 8.

    In the humerus a cut-off of 9 missed most fractures (Evans 2008, sensitivity 14.5%); 8 or more
    predicted fracture best (Tat 2023). The output must not reassure about an arm lesion.
    """
    varga = mirels_score("upper limb", "functional", "mixed", "1/3 to 2/3")
    assert varga.total == 8
    assert "Caution for the arm" in varga.interpretation
    assert "orthopaedic review" in varga.interpretation
    low_arm = mirels_score("upper limb", "mild", "blastic", "less than 1/3")
    assert low_arm.total == 4
    assert "Caution for the arm" in low_arm.interpretation
    assert "without prophylactic fixation" not in low_arm.interpretation


def test_a_leg_total_has_no_arm_caution():
    assert "Caution for the arm" not in mirels_score("lower limb", "functional", "mixed", "1/3 to 2/3").interpretation


def test_the_widget_shows_the_arm_caution():
    calculator = MirelsCalculator(site="upper limb", pain="functional", lesion="mixed", size="1/3 to 2/3")
    assert "Mirels score: 8 points" in calculator.text
    assert "Caution for the arm" in calculator.text

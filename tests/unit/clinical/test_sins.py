"""SINS (bonemets.clinical.sins) and its calculator widget (bonemets.learner.widgets.fracture_risk).

Sources checked against:
- Fisher CG, et al. Spine 2010;35(22):E1221-9 (doi 10.1097/BRS.0b013e3181e16ae2), Table 1:
  location junctional (occiput-C2, C7-T2, T11-L1, L5-S1) 3, mobile (C3-C6, L2-L4) 2, semi-rigid
  (T3-T10) 1, rigid (S2-S5) 0; pain mechanical 3, occasional non-mechanical 1, pain-free 0; bone
  lesion lytic 2, mixed 1, blastic 0; alignment subluxation/translation 4, de novo deformity 2,
  normal 0; collapse >50% 3, <50% 2, no collapse with >50% of the body involved 1, none 0;
  posterolateral bilateral 3, unilateral 1, none 0. Total 0 to 18.
- Bands (Fisher 2010; Fourney et al. J Clin Oncol 2011;29:3072-7): 0-6 stable, 7-12 indeterminate
  (possibly impending instability), 13-18 unstable; 7 or more warrants surgical consultation.
No fully worked patient example with all six components could be located in these papers or in
the fact sheet's sources, so the tests check every published table entry, the extremes and
every band edge (6/7 and 12/13).
"""

from __future__ import annotations

import itertools

import pytest

from bonemets.clinical import sins
from bonemets.clinical.sins import location_category, sins_band, sins_score
from bonemets.learner.widgets.fracture_risk import SINS_FIELDS, SPINAL_LEVELS, SinsCalculator

LOWEST = {"location": "rigid", "pain": "pain-free", "bone_lesion": "blastic", "alignment": "normal",
          "collapse": "none", "posterolateral": "none"}
HIGHEST = {"location": "junctional", "pain": "mechanical", "bone_lesion": "lytic",
           "alignment": "subluxation or translation", "collapse": "more than 50%", "posterolateral": "bilateral"}


def test_the_range_is_0_to_18():
    assert sins_score(**LOWEST).total == 0
    assert sins_score(**HIGHEST).total == 18


@pytest.mark.parametrize("component, value, points", [
    ("location", "junctional", 3), ("location", "mobile", 2), ("location", "semi-rigid", 1), ("location", "rigid", 0),
    ("pain", "mechanical", 3), ("pain", "occasional non-mechanical", 1), ("pain", "pain-free", 0),
    ("bone_lesion", "lytic", 2), ("bone_lesion", "mixed", 1), ("bone_lesion", "blastic", 0),
    ("alignment", "subluxation or translation", 4), ("alignment", "de novo deformity", 2), ("alignment", "normal", 0),
    ("collapse", "more than 50%", 3), ("collapse", "less than 50%", 2),
    ("collapse", "no collapse, more than 50% of body involved", 1), ("collapse", "none", 0),
    ("posterolateral", "bilateral", 3), ("posterolateral", "unilateral", 1), ("posterolateral", "none", 0),
])
def test_every_component_scores_its_published_points(component, value, points):
    result = sins_score(**{**LOWEST, component: value})
    assert result.points[component] == points
    assert result.total == points


def test_occasional_non_mechanical_pain_scores_1_not_2():
    """The fact sheet warns that an online calculator mis-scores this item; Fisher 2010 gives 1."""
    assert sins_score(**{**LOWEST, "pain": "occasional non-mechanical"}).points["pain"] == 1


def test_every_combination_stays_within_0_and_18():
    totals = {sins_score(*combo).total for combo in itertools.product(
        sins.LOCATION_POINTS, sins.PAIN_POINTS, sins.BONE_LESION_POINTS, sins.ALIGNMENT_POINTS,
        sins.COLLAPSE_POINTS, sins.POSTEROLATERAL_POINTS)}
    assert totals == set(range(0, 19))


@pytest.mark.parametrize("changes, total, band_start, consult", [
    # 3 + 3 = 6: junctional level, mechanical pain, nothing else
    ({"location": "junctional", "pain": "mechanical"}, 6, "0 to 6: stable", False),
    # 3 + 3 + a mixed lesion (1) = 7
    ({"location": "junctional", "pain": "mechanical", "bone_lesion": "mixed"}, 7, "7 to 12", True),
    # 3 + 3 + 2 + 4 = 12
    ({"location": "junctional", "pain": "mechanical", "bone_lesion": "lytic",
      "alignment": "subluxation or translation"}, 12, "7 to 12", True),
    # 12 + unilateral posterolateral 1 = 13
    ({"location": "junctional", "pain": "mechanical", "bone_lesion": "lytic",
      "alignment": "subluxation or translation", "posterolateral": "unilateral"}, 13, "13 to 18: unstable", True),
])
def test_band_edges_6_7_12_13(changes, total, band_start, consult):
    result = sins_score(**{**LOWEST, **changes})
    assert result.total == total
    assert result.band.startswith(band_start)
    assert result.surgical_consultation is consult
    assert ("surgical consultation is recommended" in result.interpretation) is consult


def test_consultation_is_recommended_from_7_upwards_only():
    for total in range(0, 19):
        assert sins_band(total)[2] is (total >= 7), total


@pytest.mark.parametrize("bad", [-1, 19, 6.5, "7", None, False])
def test_an_impossible_total_is_refused(bad):
    with pytest.raises(ValueError, match="whole number from 0 to 18"):
        sins_band(bad)


def test_a_missing_component_is_named_with_its_allowed_values():
    with pytest.raises(ValueError) as err:
        sins_score(**{**LOWEST, "collapse": None})
    message = str(err.value)
    assert "vertebral body collapse (collapse)" in message
    assert "'more than 50%', 'less than 50%'" in message


def test_an_unknown_value_is_named_with_its_allowed_values():
    with pytest.raises(ValueError, match=r"'sideways' is not an allowed alignment for SINS\. Allowed: "
                                         r"'subluxation or translation', 'de novo deformity', 'normal'"):
        sins_score(**{**LOWEST, "alignment": "sideways"})


def test_synonyms_are_understood():
    result = sins_score("Semi rigid", "painless", "sclerotic", "kyphosis", ">50%", "none of the above")
    assert result.points == {"location": 1, "pain": 0, "bone_lesion": 0, "alignment": 2, "collapse": 3,
                             "posterolateral": 0}


@pytest.mark.parametrize("level, category", [
    ("occiput", "junctional"), ("C1", "junctional"), ("C2", "junctional"), ("C3", "mobile"), ("C6", "mobile"),
    ("C7", "junctional"), ("T1", "junctional"), ("T2", "junctional"), ("T3", "semi-rigid"), ("T10", "semi-rigid"),
    ("T11", "junctional"), ("T12", "junctional"), ("L1", "junctional"), ("L2", "mobile"), ("L4", "mobile"),
    ("L5", "junctional"), ("S1", "junctional"), ("S2", "rigid"), ("S5", "rigid"), ("t12", "junctional"),
])
def test_location_category_follows_the_published_levels(level, category):
    assert location_category(level) == category


def test_every_level_of_the_spine_has_a_category():
    for level in SPINAL_LEVELS:
        assert location_category(level) in sins.LOCATION_POINTS


@pytest.mark.parametrize("bad, words", [
    ("T13", "There is no level T13: T levels run from T1 to T12"),
    ("L6", "L levels run from L1 to L5"),
    ("X5", "'X5' is not a spinal level"),
    ("", "Give a spinal level"),
    (None, "Give a spinal level"),
])
def test_impossible_levels_are_refused_with_a_message(bad, words):
    with pytest.raises(ValueError, match=words):
        location_category(bad)


# The calculator widget


def test_every_control_is_a_labelled_dropdown_starting_unanswered():
    calculator = SinsCalculator()
    assert set(calculator.dropdowns) == set(SINS_FIELDS)
    for dropdown in [*calculator.dropdowns.values(), calculator.level]:
        assert dropdown.description.strip()
        assert dropdown.value is None
    assert calculator.text.startswith("Not complete yet")
    assert 'role="status"' in calculator.status.value


def test_choosing_a_level_fills_in_the_location():
    calculator = SinsCalculator()
    calculator.level.value = "T12"
    assert calculator.dropdowns["location"].value == "junctional"
    calculator.level.value = "T7"
    assert calculator.dropdowns["location"].value == "semi-rigid"


def test_a_complete_answer_shows_total_band_consultation_and_breakdown():
    calculator = SinsCalculator()
    calculator.level.value = "T12"
    calculator.set(pain="mechanical", bone_lesion="lytic", alignment="normal", collapse="less than 50%",
                   posterolateral="unilateral")
    assert "SINS: 11 points" in calculator.text
    assert "indeterminate" in calculator.text
    assert "Surgical consultation: recommended" in calculator.text
    assert "location 3; pain 3; bone lesion 2; alignment 0; collapse 2; posterolateral 1" in calculator.text


def test_a_stable_answer_says_no_consultation_for_instability():
    calculator = SinsCalculator(**{**LOWEST, "location": "mobile", "pain": "occasional non-mechanical"})
    assert "SINS: 3 points" in calculator.text
    assert "0 to 6: stable" in calculator.text
    assert "not needed for instability" in calculator.text


def test_a_partial_answer_lists_what_is_missing():
    calculator = SinsCalculator(location="mobile", pain="mechanical")
    assert "still to choose bone lesion on imaging; spinal alignment on imaging" in calculator.text


def test_a_scoring_error_is_shown_as_text_not_raised(monkeypatch):
    def broken(**_values):
        raise ValueError("something is impossible")

    monkeypatch.setattr(sins, "sins_score", broken)
    calculator = SinsCalculator(**LOWEST)
    assert calculator.text == "Cannot score this: something is impossible"


def test_a_low_sins_never_reassures_about_cord_compression():
    """Clinical review section 4, Ms Tanaka: blastic L3 lesion, occasional pain, >50% body involved = SINS 4.

    SINS does not assess neurology (Fisher 2010); any new neurological symptom means contacting the team
    immediately whatever the score (Hawkins 2023, NICE NG234).
    """
    tanaka = sins.sins_score("mobile", "occasional non-mechanical", "blastic", "normal",
                             "no collapse, more than 50% of body involved", "none")
    assert tanaka.total == 4
    assert tanaka.band.startswith("0 to 6")
    assert "never rules out spinal cord compression" in tanaka.interpretation
    assert "immediately" in tanaka.interpretation


@pytest.mark.parametrize("total", [0, 6, 7, 12, 13, 18])
def test_every_band_carries_the_cord_compression_caution(total):
    assert sins.CORD_COMPRESSION_CAUTION in sins.sins_band(total)[1]


def test_the_widget_shows_the_cord_compression_caution_on_a_stable_score():
    calculator = SinsCalculator(**{**LOWEST, "location": "mobile", "pain": "occasional non-mechanical"})
    assert "0 to 6: stable" in calculator.text
    assert "never rules out spinal cord compression" in calculator.text

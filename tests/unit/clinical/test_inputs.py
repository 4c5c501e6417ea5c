"""Input checks shared by the calculators (bonemets.clinical.inputs): the scored items' choice of category."""

from __future__ import annotations

import pytest

from bonemets.clinical.inputs import category

POINTS = {"lytic": 2, "mixed": 1, "blastic": 0}


def test_a_choice_is_matched_in_any_case_with_spaces_or_underscores_and_aliases():
    assert category("  LYTIC ", POINTS, label="lesion", what="the lesion type", score="X") == "lytic"
    assert category("osteolytic", POINTS, label="lesion", what="the lesion type", score="X",
                    aliases={"osteolytic": "lytic"}) == "lytic"


@pytest.mark.parametrize("value, words", [
    (None, "Choose the lesion type (lesion) first. Allowed: 'lytic', 'mixed', 'blastic'."),
    (" ", "Choose the lesion type (lesion) first. Allowed: 'lytic', 'mixed', 'blastic'."),
    (3, "The lesion must be one of 'lytic', 'mixed', 'blastic'; you entered 3. Use words."),
    ("huge", "'huge' is not an allowed lesion for the X score. Allowed: 'lytic', 'mixed', 'blastic'."),
    ("rib", "'rib' is not an allowed lesion for the X score. Allowed: 'lytic', 'mixed', 'blastic'. Not a rib."),
])
def test_a_missing_wrong_or_unknown_choice_says_what_is_allowed(value, words):
    with pytest.raises(ValueError) as error:
        category(value, POINTS, label="lesion", what="the lesion type", score="the X score",
                 not_text_hint=" Use words.", hints={"rib": " Not a rib."})
    assert str(error.value) == words

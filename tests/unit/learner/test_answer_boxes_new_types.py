"""Answer boxes of a graded quiz for the highlight and trend items: the same controls as the self-checks."""

from pathlib import Path

import ipywidgets as widgets
import pytest

from bonemets.assessment.answers import normalise
from bonemets.content.bank import parse_bank
from bonemets.learner.answer_sheet import AnswerBox

FIXTURE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"
ITEMS = {i.id.removeprefix("90-"): i for i in parse_bank(FIXTURE_FILE.read_text(), "90_item_types.yaml").items}
HIGHLIGHT_VIEW = {"options": [[p.id, p.text] for p in ITEMS["highlight"].phrases]}
TREND_VIEW = {"ask": {"rows": [r.text for r in ITEMS["trend"].rows],
                      "columns": [[c.id, c.text] for c in ITEMS["trend"].columns]}}


@pytest.mark.parametrize("view", [HIGHLIGHT_VIEW, {}], ids=["with labels", "letters only"])
def test_a_highlight_box_is_one_labelled_tick_box_per_phrase_and_records_a_set(view):
    form = ITEMS["highlight"].form()
    box = AnswerBox("q12", {"form": form, "view": view})
    assert all(isinstance(c, widgets.Checkbox) for c in box.controls) and len(box.controls) == 4
    assert box.controls[1].description == ("B. drizzle had started" if view else "B. ")
    assert box.value() is None
    box.controls[1].value = box.controls[3].value = True
    assert box.value() == {"B", "D"} and normalise("q12", box.value(), form) == ITEMS["highlight"].key_response
    box.set_value({"A"})
    assert box.value() == {"A"}


@pytest.mark.parametrize("view", [TREND_VIEW, {}], ids=["with labels", "numbered rows"])
def test_a_trend_box_uses_the_controls_of_its_question_type(view):
    form = ITEMS["trend"].form()
    box = AnswerBox("q13", {"form": form, "view": view})
    assert all(isinstance(c, widgets.Dropdown) for c in box.controls) and len(box.controls) == 3
    assert box.controls[0].description == ("Row 1: Temperature" if view else "Row 1: 1")
    box.set_value(["A", "B", "C"])
    assert normalise("q13", box.value(), form) == ITEMS["trend"].key_response

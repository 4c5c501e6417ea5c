"""The question bank: every real file validates; a malformed one names file, item and field."""

import pytest
import yaml
from bank_samples import bank_text

from bonemets.content.bank import BankError, all_banks, parse_bank


def parse(text: str):
    return parse_bank(text, "quizzes/01_overview.yaml", known_references={"gong2018"})


def test_a_good_file_parses_and_scores_with_its_rule():
    bank = parse(bank_text())
    item = bank.item("01-sample")
    assert item.score({"A", "B", "C"}).earned == 1  # 2 right - 1 wrong


def test_every_bank_in_the_repository_is_valid():
    banks = all_banks()
    assert banks, "no quizzes/*.yaml found"
    for bank in banks:
        assert bank.items


@pytest.mark.parametrize("changes, field, words", [
    ({"options": [{"id": "A", "text": "x"}, {"id": "B", "text": "y", "rationale": "A real reason."}]},
     "options.0.rationale", "Field required"),
    ({"key": ["A", "F"]}, "(item)", "do not exist"),
    ({"type": "multiple_choice", "scoring": "0/1"}, "(item)", "exactly one key"),
    ({"scoring": "0/1"}, "(item)", "is scored '+/-'"),
    ({"type": "essay"}, "type", "must be one of multiple_choice"),
    ({"objective": "01.9"}, "objective", "not one of"),
    ({"references": ["nobody2020"]}, "references", "unknown reference 'nobody2020'"),
    ({"ncjmm": "guess"}, "ncjmm", "Input should be"),
    ({"stem": None}, "stem", "Field required"),
])
def test_a_malformed_item_names_file_item_and_field(changes, field, words):
    with pytest.raises(BankError) as err:
        parse(bank_text(**changes))
    message = str(err.value)
    assert "quizzes/01_overview.yaml: item '01-sample'" in message
    assert f"field '{field}'" in message
    assert words in message


def test_invalid_yaml_names_the_file():
    with pytest.raises(BankError, match="quizzes/01_overview.yaml: not valid YAML"):
        parse("module: '01'\nitems: [\n")


def test_a_repeated_item_id_is_reported():
    doubled = yaml.safe_load(bank_text())
    doubled["items"].append(doubled["items"][0])
    with pytest.raises(BankError, match="the id is used twice"):
        parse(yaml.safe_dump(doubled))

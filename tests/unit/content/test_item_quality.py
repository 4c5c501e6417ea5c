"""Item-quality rules (bonemets.content.item_quality), each shown failing on a small bad bank and passing on a fix."""

import pytest
import yaml

from bonemets.content import item_quality as q
from bonemets.content.bank import parse_bank

CLIENT = "Ms Kaur, a fictional patient with bone metastases, asks the nurse what to do next."


def mc(item_id, key="B", texts=("Alpha one", "Bravo two", "Charlie three", "Delta four"), use="graded",
       stem=CLIENT, ncjmm="take action", bloom="apply", points=1):
    item = {"id": item_id, "module": "01", "use": [use], "type": "multiple_choice", "scoring": "0/1",
            "objective": "01.1", "references": ["gong2018"], "stem": stem, "points": points,
            "options": [{"id": chr(65 + n), "text": t, "rationale": "Why this option is right or wrong."}
                        for n, t in enumerate(texts)], "key": [key]}
    if ncjmm:
        item["ncjmm"] = ncjmm
    if bloom:
        item["bloom"] = bloom
    return item


def bank(*items):
    text = yaml.safe_dump({"module": "01", "title": "Test module",
                           "objectives": [{"id": "01.1", "text": "An objective for the tests."}],
                           "items": list(items)})
    return parse_bank(text, "quizzes/01_test.yaml", known_references={"gong2018"})


def rules(findings):
    return [f.rule for f in findings]


def test_a_recall_item_without_a_client_is_not_judgment():
    good = bank(mc("01-a"), mc("01-b", key="C"), mc("01-c", key="D"), mc("01-d", key="A"))
    assert q.judgment_share(good) == 1
    recall = bank(mc("01-a", stem="What share of patients had a fracture in the trial?"),
                  mc("01-b", key="C", bloom="remember"), mc("01-c", key="D", ncjmm=None), mc("01-d", key="A"))
    assert q.judgment_share(recall) == 0.25
    [finding] = q.check_judgment_share(recall)
    assert finding.rule == "JUDGMENT_SHARE" and "25%" in finding.message and "01-a" in finding.message


def test_the_judgment_share_weights_items_by_points():
    mixed = bank(mc("01-a", points=3), mc("01-b", key="C", ncjmm=None))
    assert q.judgment_share(mixed) == 0.75
    assert q.check_judgment_share(mixed) == []


def test_a_module_without_graded_items_has_no_share_and_passes():
    only_self_check = bank(mc("01-a", use="self_check", ncjmm=None, bloom=None))
    assert q.judgment_share(only_self_check) is None
    assert q.check_judgment_share(only_self_check) == []


def test_a_graded_item_needs_both_tags_but_a_self_check_does_not():
    findings = q.check_tags(bank(mc("01-a", ncjmm=None), mc("01-b", bloom=None),
                                 mc("01-c", use="self_check", ncjmm=None, bloom=None)))
    assert [(f.item, f.message) for f in findings] == [("01-a", "a graded item needs ncjmm"),
                                                       ("01-b", "a graded item needs bloom")]


def test_the_longest_key_rule_counts_ties_and_allows_a_third():
    long_key = ("Short", "A much longer correct option", "Tiny", "Small")
    tie = ("Same size", "Same size", "Other", "Other")
    assert q.key_is_longest(bank(mc("01-a", texts=tie)).item("01-a"))
    cued = bank(mc("01-a", texts=long_key), mc("01-b", texts=long_key), mc("01-c", key="A"))
    findings = q.check_longest_key([cued])
    assert rules(findings) == ["LONGEST_KEY", "LONGEST_KEY"]
    assert "2 of 3" in findings[0].message
    fair = bank(mc("01-a", texts=long_key), mc("01-b", key="A"), mc("01-c", key="D"))
    assert q.check_longest_key([fair]) == []


@pytest.mark.parametrize("n, allowed", [(1, 1), (2, 1), (4, 1), (5, 2), (10, 4)])
def test_the_key_letter_limit_is_40_percent_and_never_twice_in_small_sets(n, allowed):
    assert q.allowed_per_letter(n) == allowed


def test_key_positions_fail_per_graded_set_and_bank_wide():
    stacked = bank(mc("01-a"), mc("01-b"), mc("01-c", key="C"))
    findings = q.check_key_positions([stacked])
    assert [(f.item, f.rule) for f in findings] == [("(graded set)", "KEY_POSITION"), ("(whole bank)", "KEY_POSITION")]
    assert "'B' is the key of 2 of 3" in findings[0].message
    assert q.check_key_positions([bank(mc("01-a"), mc("01-b", key="A"), mc("01-c", key="C"))]) == []


def test_key_positions_ignore_items_with_fewer_than_4_options():
    three = ("One", "Two", "Three")
    assert q.check_key_positions([bank(mc("01-a", texts=three), mc("01-b", texts=three))]) == []


@pytest.mark.parametrize("text, words", [
    ("It always works", ["always"]), ("None of them broke", ["none"]), ("You must stop now", ["must"]),
    ("Not all patients", []), ("It is not always painful", []), ("Overall, small", []), ("Allowed", []),
    ("Nevertheless", []), ("Everyone", []), ("Bone-only disease", []), ("All-cause deaths", []),
])
def test_absolute_words_are_whole_words_and_negations_are_left_out(text, words):
    assert q.absolute_words(text) == words


def test_an_absolute_word_only_in_a_distractor_is_flagged():
    cued = bank(mc("01-a", texts=("It never happens", "Report it today", "Wait a week", "Ask a friend")))
    [finding] = q.check_absolute_words(cued)
    assert finding.rule == "ABSOLUTE_WORD" and "A (never)" in finding.message
    balanced = bank(mc("01-a", texts=("It never happens", "Report it today, every time", "Wait", "Ask")))
    assert q.check_absolute_words(balanced) == []


def test_a_graded_key_shown_in_a_self_check_is_a_leak():
    leaky = bank(mc("01-a", texts=("Pelvis", "Thoracic spine", "Ribs", "Skull")),
                 mc("01-b", use="self_check", stem="A survey found the thoracic spine in 56% of patients."))
    [finding] = q.check_leaks([leaky])
    assert finding.rule == "LEAK" and finding.item == "01-a" and "01-b" in finding.message
    short_key = bank(mc("01-a", texts=("Pelvis", "Femur", "Ribs", "Skull")),
                     mc("01-b", use="self_check", stem="Which bone is the femur?"))
    assert q.check_leaks([short_key]) == []


def test_findings_name_file_item_and_rule():
    finding = q.Finding("quizzes/01_*.yaml", "01-a", "TAGS", "a graded item needs bloom")
    assert str(finding) == "quizzes/01_*.yaml: item '01-a': TAGS: a graded item needs bloom"

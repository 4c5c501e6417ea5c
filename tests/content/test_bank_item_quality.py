"""Item quality of the whole question bank (rules in bonemets.content.item_quality; item-writing review 2026).

Applies to every quizzes/NN_*.yaml that exists, so new modules are checked as soon as they are written.
"""

import pytest

from bonemets.content import item_quality as q
from bonemets.content.bank import all_banks

BANKS = [bank for bank in all_banks() if not bank.module.startswith("9")]
BY_MODULE = {bank.module: bank for bank in BANKS}


def _fail(findings):
    assert not findings, "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("module", sorted(BY_MODULE))
def test_most_graded_points_are_on_nursing_judgment(module):
    _fail(q.check_judgment_share(BY_MODULE[module]))


@pytest.mark.parametrize("module", sorted(BY_MODULE))
def test_every_graded_item_has_an_ncjmm_step_and_a_bloom_level(module):
    _fail(q.check_tags(BY_MODULE[module]))


@pytest.mark.parametrize("module", sorted(BY_MODULE))
def test_no_graded_distractor_is_ruled_out_by_an_absolute_word(module):
    _fail(q.check_absolute_words(BY_MODULE[module]))


def test_the_key_is_the_longest_option_in_at_most_a_third_of_multiple_choice_items():
    _fail(q.check_longest_key(BANKS))


def test_key_letters_are_spread_per_graded_set_and_across_the_bank():
    _fail(q.check_key_positions(BANKS))


def test_no_graded_key_is_shown_in_a_self_check():
    _fail(q.check_leaks(BANKS))


@pytest.mark.parametrize("bank", all_banks(), ids=lambda b: b.module)
def test_every_objective_has_a_graded_item(bank):
    graded = {item.objective for item in bank.for_use("graded")}
    missing = [objective.id for objective in bank.objectives if objective.id not in graded]
    assert not missing, f"quizzes/{bank.module}_*.yaml: objectives with no graded item: {', '.join(missing)}"

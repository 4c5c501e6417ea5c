"""The spaced-retrieval schedule with a fixed clock (FSRS-6 default weights, retention 0.9, no fuzzing).

The intervals below were worked out once by running fsrs 6.3.2 and are explained where they are asserted:
with desired retention 0.9 FSRS sets the interval to the stability S in days (rounded, at least one day).
"""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bonemets.assessment.retrieval import ItemSchedule, Rating, Retrieval, rating_for

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
def retrieval() -> Retrieval:
    return Retrieval(fuzz=False)


@pytest.mark.parametrize(("fraction", "rating"), [
    (1.0, Rating.Good), (0.99, Rating.Hard), (0.5, Rating.Hard), (0.49, Rating.Again), (0.0, Rating.Again)])
def test_full_credit_is_good_half_or_more_is_hard_less_is_again(fraction, rating):
    assert rating_for(fraction) == rating


def test_a_fraction_outside_0_to_1_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1; got 1.5"):
        rating_for(1.5)


def test_a_time_without_a_zone_is_refused(retrieval):
    with pytest.raises(ValueError, match="needs its time zone"):
        retrieval.review(None, 1.0, datetime(2026, 9, 1, 9, 0))


def test_right_answers_spread_out_and_a_wrong_one_brings_the_item_back_the_next_day(retrieval):
    # 1st try right (Good): the one-day learning step is the last step, so the card graduates with the
    # initial stability for Good, w2 = 2.3065 days -> due in 2 days.
    s = retrieval.review(None, 1.0, START)
    assert (s.interval, round(s.stability, 4), s.reviews) == (2 * DAY, 2.3065, 1)
    assert not s.mastered  # one counted try only
    # 2nd try right on the due day: stability grows to 10.96 days -> 11 days; two full credits: mastered.
    s = retrieval.review(s, 1.0, s.due)
    assert (s.interval, round(s.stability, 2)) == (11 * DAY, 10.96)
    assert s.mastered
    # 3rd right: 46.28 -> 46 days.
    s = retrieval.review(s, 1.0, s.due)
    assert s.interval == 46 * DAY
    # Wrong on day 59 (Again): a lapse; the one-day relearning step, stability falls to 2.93 days.
    s = retrieval.review(s, 0.0, s.due)
    assert (s.interval, round(s.stability, 2), s.mastered) == (DAY, 2.93, False)
    assert s.due == datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
    # Right the next day: relearnt, back to review with 4.96 -> 5 days (not 46: the lapse raised difficulty).
    s = retrieval.review(s, 1.0, s.due)
    assert s.interval == 5 * DAY and not s.mastered  # the try before was wrong
    # Partly right, 60 % (Hard): still a recall, 9 days.
    s = retrieval.review(s, 0.6, s.due)
    assert (s.interval, s.due, s.reviews) == (9 * DAY, datetime(2026, 11, 14, 9, 0, tzinfo=UTC), 6)


def test_a_wrong_first_try_is_due_the_next_day_and_a_half_right_one_in_a_day_and_a_half(retrieval):
    assert retrieval.review(None, 0.0, START).due == START + DAY  # Again: the learning step
    assert retrieval.review(None, 0.5, START).due == START + 1.5 * DAY  # Hard on the only step: 1.5 steps


def test_a_second_press_within_12_hours_is_practice_and_does_not_move_the_schedule(retrieval):
    first = retrieval.review(None, 0.0, START)
    assert retrieval.review(first, 1.0, START + timedelta(minutes=2)) is first
    assert retrieval.review(first, 1.0, START + timedelta(hours=11, minutes=59)) is first
    later = retrieval.review(first, 1.0, START + timedelta(hours=12))
    assert later.reviews == 2 and later.previous_fraction == 0.0


def test_replay_takes_tries_in_time_order_and_other_zones_are_read_as_utc(retrieval):
    paris = timezone(timedelta(hours=2))
    tries = [(1.0, START + 2 * DAY), (1.0, (START + 13 * DAY).astimezone(paris)), (1.0, START)]
    replayed = retrieval.replay(tries)
    stepwise = retrieval.review(retrieval.review(retrieval.review(None, 1.0, START), 1.0, START + 2 * DAY),
                                1.0, START + 13 * DAY)
    assert replayed == stepwise
    assert replayed.interval == 46 * DAY
    assert retrieval.replay([]) is None


def test_due_compares_with_the_time_given():
    s = ItemSchedule(state=2, step=None, stability=2.3, difficulty=2.1, due=START + 2 * DAY, last_review=START,
                     reviews=1, last_fraction=1.0)
    assert not s.is_due(START + DAY) and s.is_due(START + 2 * DAY)

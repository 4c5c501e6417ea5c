"""Spaced retrieval, pure: a self-check score becomes an FSRS rating, and FSRS says when the item is due again.

No file, no clock: every function takes the time it is told (UTC). The progress store (learner/progress.py)
keeps the attempts and calls `review` or `replay`.

The rating rule (a self-check gives a score, not the learner's own rating):
- full credit (fraction 1.0)  -> Good: recalled; the interval grows.
- half credit or more         -> Hard: recalled with difficulty; the interval grows less.
- less than half              -> Again: a lapse; the item comes back the next day.
Easy is never given: a right answer does not say that it was easy, and Easy would stretch the interval.
Why half: under the NCSBN rules less than half the points means most of the answer was not recalled
(e.g. 1 of 5 bow-tie slots), which FSRS should count as forgotten, not as a hard success.

The counting rule: a try less than 12 hours after the last counted try of the same item is practice, not
spaced recall (the learner has just read the rationales). It is kept in the history but does not move the
schedule. So the schedule sees at most about one try per item per sitting.

Mastered: the last two counted tries of an item both earned full credit. Counted tries are at least 12 hours
apart, so mastery always includes a recall after time away (not two presses of Check in one sitting).

Scheduler settings: FSRS-6 default weights, desired retention 0.9, one learning step and one relearning step
of one day (days-scale: a self-check is not a flash-card deck drilled minute by minute), intervals at most
365 days. Fuzzing (FSRS spreads intervals of 3 days or more by a few percent so that items learnt together
do not stay due together) is on for learners and off in tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

PRACTICE_WINDOW = timedelta(hours=12)
HARD_FROM = 0.5
DESIRED_RETENTION = 0.9
MAXIMUM_INTERVAL_DAYS = 365
STEP = timedelta(days=1)

__all__ = ["DESIRED_RETENTION", "HARD_FROM", "PRACTICE_WINDOW", "ItemSchedule", "Rating", "Retrieval",
           "rating_for", "utc"]


def rating_for(fraction: float) -> Rating:
    """The FSRS rating of a score fraction: 1.0 Good, >= 0.5 Hard, below that Again."""
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"a score fraction is between 0 and 1; got {fraction}")
    if fraction >= 1.0:
        return Rating.Good
    return Rating.Hard if fraction >= HARD_FROM else Rating.Again


def utc(when: datetime) -> datetime:
    """`when` in UTC; a time without a time zone is refused (it would be read in the machine's zone)."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"a time needs its time zone (UTC); got {when.isoformat()} without one")
    return when.astimezone(UTC)


@dataclass(frozen=True)
class ItemSchedule:
    """Where one item stands: FSRS's card state plus the last two counted scores (for mastery)."""

    state: int
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    reviews: int
    last_fraction: float
    previous_fraction: float | None = None

    @property
    def mastered(self) -> bool:
        return self.last_fraction >= 1.0 and self.previous_fraction is not None and self.previous_fraction >= 1.0

    def is_due(self, now: datetime) -> bool:
        return self.due <= utc(now)

    @property
    def interval(self) -> timedelta:
        return self.due - self.last_review

    def card(self) -> Card:
        return Card(card_id=1, state=State(self.state), step=self.step, stability=self.stability,
                    difficulty=self.difficulty, due=self.due, last_review=self.last_review)


class Retrieval:
    """The course's FSRS scheduler with the rating and counting rules above."""

    def __init__(self, fuzz: bool = True) -> None:
        self.scheduler = Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=(STEP,),
                                   relearning_steps=(STEP,), maximum_interval=MAXIMUM_INTERVAL_DAYS,
                                   enable_fuzzing=fuzz)

    def counts(self, schedule: ItemSchedule | None, when: datetime) -> bool:
        """Whether a try at `when` moves the schedule (the first try, or 12 hours after the last counted one)."""
        return schedule is None or utc(when) - schedule.last_review >= PRACTICE_WINDOW

    def review(self, schedule: ItemSchedule | None, fraction: float, when: datetime) -> ItemSchedule:
        """The schedule after one try; unchanged when the try is practice inside the 12-hour window."""
        rating = rating_for(fraction)
        when = utc(when)
        if not self.counts(schedule, when):
            return schedule  # type: ignore[return-value]  # counts() is False only for a schedule
        card = Card(card_id=1, due=when) if schedule is None else schedule.card()
        card, _log = self.scheduler.review_card(card, rating, review_datetime=when)
        return ItemSchedule(state=int(card.state), step=card.step, stability=float(card.stability),
                            difficulty=float(card.difficulty), due=card.due, last_review=when,
                            reviews=(schedule.reviews if schedule else 0) + 1, last_fraction=fraction,
                            previous_fraction=schedule.last_fraction if schedule else None)

    def replay(self, tries: Iterable[tuple[float, datetime]]) -> ItemSchedule | None:
        """The schedule after every try of one item, taken in time order (used after an import)."""
        schedule = None
        for fraction, when in sorted(tries, key=lambda t: utc(t[1])):
            schedule = self.review(schedule, fraction, when)
        return schedule

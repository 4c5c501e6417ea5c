"""The NCSBN scoring rules for Next Generation NCLEX items, as pure functions.

Source: NCSBN, "Next Generation NCLEX: Item types and scoring" (W. Muntean).
- 0/1: one point per correct response; used where the student is told how many to choose.
- +/-: +1 per correct selection, -1 per incorrect one, item total floored at 0;
  used where the number of selections is open (select all that apply).
- rationale: one point only when every linked part ("do X because Y") is right.
The self-check widgets and the graded assignments both call these functions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """Points earned out of points possible for one item."""

    earned: int
    possible: int

    def __post_init__(self) -> None:
        if not 0 <= self.earned <= self.possible:
            raise ValueError(f"score {self.earned} is outside 0..{self.possible}")

    @property
    def fraction(self) -> float:
        return self.earned / self.possible if self.possible else 0.0

    @property
    def is_full(self) -> bool:
        return self.earned == self.possible


def zero_one(
    selected: Collection[str], key: Collection[str], max_selections: int | None = None
) -> Score:
    """0/1 rule: one point per key selected; at most `max_selections` may be chosen."""
    chosen, keys = set(selected), set(key)
    if max_selections is not None and len(chosen) > max_selections:
        raise ValueError(f"{len(chosen)} options chosen; at most {max_selections} allowed")
    return Score(len(chosen & keys), len(keys))


def plus_minus(selected: Collection[str], key: Collection[str]) -> Score:
    """+/- rule: +1 per correct selection, -1 per incorrect one, floored at 0."""
    chosen, keys = set(selected), set(key)
    raw = len(chosen & keys) - len(chosen - keys)
    return Score(max(0, raw), len(keys))


def zero_one_targets(responses: Mapping[str, str], key: Mapping[str, str]) -> Score:
    """0/1 rule per target (matrix row, cloze blank, ordered slot, bow-tie slot)."""
    return Score(sum(responses.get(target) == answer for target, answer in key.items()), len(key))


def plus_minus_by_column(selected: Sequence[Collection[str]], key: Sequence[Collection[str]]) -> Score:
    """Matrix multiple response: +/- within each column, each column floored at 0, then summed.

    `selected` and `key` hold, row by row, the columns ticked. This is the NCSBN rule for
    matrix multiple response (each column tallied separately, never below 0).
    """
    columns = set().union(*key, *selected) if key or selected else set()
    earned = 0
    for column in columns:
        right = sum(column in chosen and column in keys for chosen, keys in zip(selected, key, strict=True))
        wrong = sum(column in chosen and column not in keys for chosen, keys in zip(selected, key, strict=True))
        earned += max(0, right - wrong)
    return Score(earned, sum(len(set(keys)) for keys in key))


def rationale_pairs(
    responses: Sequence[str], key: Sequence[str], pairs: Sequence[tuple[int, int]]
) -> Score:
    """Rationale rule over linked pairs of blanks (numbered from 1): a point per pair with both parts right.

    A dyad has one pair; a triad links its first part with each of the other two (two points).
    """
    right = [r == k for r, k in zip(responses, key, strict=True)]
    return Score(sum(right[a - 1] and right[b - 1] for a, b in pairs), len(pairs))

"""Classical item analysis of one graded assignment, as pure functions (no files, no gradebook).

Per item: difficulty (mean fraction of the item's points earned, and the share with full credit),
discrimination (upper minus lower 27% group, Kelley 1939; and the corrected item-rest correlation),
and the share of students choosing each option, by group. For the test: Cronbach's alpha, which equals
KR-20 when every item is scored 0 or 1 (Kuder and Richardson 1937; Cronbach 1951).

Partial credit (NCSBN +/- and 0/1-per-part items) is kept as the fraction of the item's points earned:
difficulty is the mean fraction, the group difference compares mean fractions, and the correlation
uses the fractions. The thresholds of `flags` and their sources are in THRESHOLDS.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

GROUP_SHARE = 0.27  # Kelley 1939: upper and lower 27%
SMALL_CLASS = 100  # below this, indices vary widely between cohorts (Young et al. 2017)


@dataclass(frozen=True)
class Threshold:
    what: str
    value: float
    reference: str  # a key of assets/references.yaml


THRESHOLDS = {
    "hard": Threshold("difficulty (mean fraction earned) below", 0.30, "patel_item_analysis"),
    "poor_discrimination": Threshold("upper-lower discrimination below", 0.20, "patel_item_analysis"),
    "negative": Threshold("discrimination or item-rest correlation below", 0.0, "tarrant2009"),
    "non_functional": Threshold("a wrong option chosen by fewer than this share of students", 0.05, "tarrant2009"),
    "reliability": Threshold("Cronbach's alpha / KR-20 below", 0.70, "tavakol2011"),
}


@dataclass(frozen=True)
class Flag:
    kind: str
    message: str
    reference: str


@dataclass
class ItemStats:
    item_id: str
    points: float
    n: int
    difficulty: float
    full_credit: float
    discrimination: float | None
    item_rest: float | None
    partial_credit: bool
    option_shares: dict[str, float] = field(default_factory=dict)  # option label -> share of all students
    upper_shares: dict[str, float] = field(default_factory=dict)
    lower_shares: dict[str, float] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()
    flags: list[Flag] = field(default_factory=list)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def variance(values: Sequence[float]) -> float:
    """Population variance (divide by n); alpha's ratio is the same with n - 1 used throughout."""
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / len(values) if values else math.nan


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's r, or None when either variable does not vary (r is undefined)."""
    mx, my = mean(x), mean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx, syy = sum((a - mx) ** 2 for a in x), sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def groups(totals: Mapping[str, float], share: float = GROUP_SHARE) -> tuple[list[str], list[str]]:
    """The upper and lower groups: the top and bottom round(27% of n) students by total (at least 1 each).

    Ties at a boundary are broken by student id, so the result is reproducible; the report says so.
    """
    size = max(1, round(share * len(totals)))
    ranked = sorted(totals, key=lambda s: (-totals[s], s))
    return ranked[:size], ranked[::-1][:size][::-1]


def cronbach_alpha(scores: Sequence[Sequence[float]]) -> float | None:
    """Alpha from a students x items matrix of points: k/(k-1) * (1 - sum of item variances / total variance)."""
    if not scores or len(scores[0]) < 2:
        return None
    k = len(scores[0])
    item_variance = sum(variance([row[j] for row in scores]) for j in range(k))
    total_variance = variance([sum(row) for row in scores])
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - item_variance / total_variance)


def shares(choices: Mapping[str, frozenset[str] | None], students: Sequence[str]) -> dict[str, float]:
    """Share of the given students choosing each option label (a student may choose several)."""
    counts: dict[str, int] = {}
    for student in students:
        for label in choices.get(student) or ():
            counts[label] = counts.get(label, 0) + 1
    return {label: count / len(students) for label, count in counts.items()} if students else {}


def analyse_item(item_id: str, points: float, earned: Mapping[str, float], totals: Mapping[str, float],
                 upper: Sequence[str], lower: Sequence[str], choices: Mapping[str, frozenset[str] | None],
                 options: Sequence[str] = (), keys: frozenset[str] = frozenset()) -> ItemStats:
    """One item's indices. `earned` and `totals` are points per student; `options` are every option label."""
    students = sorted(earned)
    fractions = {s: earned[s] / points for s in students}
    rest = [totals[s] - earned[s] for s in students]
    stats = ItemStats(
        item_id=item_id, points=points, n=len(students),
        difficulty=mean(list(fractions.values())),
        full_credit=mean([1.0 if math.isclose(f, 1.0) else 0.0 for f in fractions.values()]),
        discrimination=(mean([fractions[s] for s in upper]) - mean([fractions[s] for s in lower])
                        if upper and lower else None),
        item_rest=pearson([fractions[s] for s in students], rest),
        partial_credit=any(not (math.isclose(f, 0) or math.isclose(f, 1)) for f in fractions.values()),
        keys=keys,
    )
    if options:
        stats.option_shares = {o: 0.0 for o in options} | shares(choices, students)
        stats.upper_shares = {o: 0.0 for o in options} | shares(choices, upper)
        stats.lower_shares = {o: 0.0 for o in options} | shares(choices, lower)
    stats.flags = flags(stats)
    return stats


def flags(stats: ItemStats) -> list[Flag]:
    """What an instructor should look at, most serious first, each with its threshold's source."""
    t = THRESHOLDS
    found = []
    negative = [name for name, value in (("discrimination", stats.discrimination), ("item-rest r", stats.item_rest))
                if value is not None and value < t["negative"].value]
    if negative:
        found.append(Flag("negative", f"Check the key: {' and '.join(negative)} negative (stronger students "
                                      "did worse on this item than weaker ones).", t["negative"].reference))
    attracting = [label for label in sorted(stats.option_shares) if label not in stats.keys
                  and stats.upper_shares.get(label, 0) > stats.lower_shares.get(label, 0)]
    if attracting:
        found.append(Flag("distractor_upper", "Wrong option chosen more often by the upper group than the lower "
                          f"group (check its wording and the key): {', '.join(attracting)}.", "tarrant2009"))
    if stats.difficulty < t["hard"].value:
        found.append(Flag("hard", f"Hard: difficulty {stats.difficulty:.2f} is below {t['hard'].value:.2f}.",
                          t["hard"].reference))
    if stats.discrimination is not None and 0 <= stats.discrimination < t["poor_discrimination"].value:
        found.append(Flag("poor_discrimination", f"Poor discrimination: {stats.discrimination:.2f} is below "
                          f"{t['poor_discrimination'].value:.2f}.", t["poor_discrimination"].reference))
    unused = [o for o, s in sorted(stats.option_shares.items())
              if o not in stats.keys and s < t["non_functional"].value]
    if unused:
        found.append(Flag("non_functional", f"Non-functional distractor{'s' if len(unused) > 1 else ''} "
                          f"(chosen by under 5%): {', '.join(unused)}.", t["non_functional"].reference))
    return found


@dataclass
class TestStats:
    n_students: int
    n_items: int
    mean_total: float
    max_total: float
    reliability: float | None
    reliability_name: str
    small_class: bool
    upper: list[str]
    lower: list[str]
    flags: list[Flag] = field(default_factory=list)


def analyse_test(scores: Mapping[str, Mapping[str, float]], points: Mapping[str, float]) -> TestStats:
    """Whole-test statistics from points earned per student per item."""
    students = sorted(scores)
    item_ids = list(points)
    matrix = [[scores[s][i] for i in item_ids] for s in students]
    totals = {s: sum(scores[s][i] for i in item_ids) for s in students}
    upper, lower = groups(totals)
    dichotomous = all(math.isclose(scores[s][i], 0) or math.isclose(scores[s][i], points[i])
                      for s in students for i in item_ids) and all(p == 1 for p in points.values())
    alpha = cronbach_alpha(matrix)
    stats = TestStats(len(students), len(item_ids), mean(list(totals.values())), sum(points.values()), alpha,
                      "KR-20" if dichotomous else "Cronbach's alpha", len(students) < SMALL_CLASS, upper, lower)
    if alpha is not None and alpha < THRESHOLDS["reliability"].value:
        stats.flags.append(Flag("reliability", f"Low reliability: {stats.reliability_name} {alpha:.2f} is below "
                                f"{THRESHOLDS['reliability'].value:.2f}.", THRESHOLDS["reliability"].reference))
    return stats

"""Mirels score for a metastasis in a long bone (Mirels 1989, Clin Orthop Relat Res 249:256-264).

Four items, each scored 1 to 3, give a total of 4 to 12 (Mirels 1989, scoring table; the same
table in Jawad & Scully 2010). Bands as the course's checked fact sheet gives them (section 8):
9 or more = impending fracture, consider prophylactic fixation; 8 = borderline, clinical
judgement; 7 or less = radiotherapy or observation. Mirels' own abstract proposed fixation from
8 upwards; later summaries treat 8 as borderline, which is the reading taught here.

The 91% sensitivity and 35% specificity usually quoted come from femoral cases (Damron 2003,
PMID 14600611). In the arm the site item gives only 1 point, and a cut-off of 9 missed most humeral
fractures (sensitivity 14.5%, Evans 2008, PMID 18357496); in a humeral cohort 8 or more worked best
(Tat 2023, PMID 37123507). So an upper-limb total always carries UPPER_LIMB_CAUTION, whatever the band.

A teaching calculator: the score is worked out by the medical team from imaging and examination.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from bonemets.clinical.inputs import category

# Mirels 1989, scoring table: points per item (also Jawad & Scully 2010, Table 1).
SITE_POINTS = {"upper limb": 1, "lower limb": 2, "peritrochanteric": 3}
PAIN_POINTS = {"mild": 1, "moderate": 2, "functional": 3}
LESION_POINTS = {"blastic": 1, "mixed": 2, "lytic": 3}
SIZE_POINTS = {"less than 1/3": 1, "1/3 to 2/3": 2, "more than 2/3": 3}

ITEMS = {
    "site": ("the site of the lesion", SITE_POINTS),
    "pain": ("the pain", PAIN_POINTS),
    "lesion": ("the type of lesion on imaging", LESION_POINTS),
    "size": ("the size of the lesion as a fraction of the bone's diameter", SIZE_POINTS),
}

# Other words a student may use for the same category; each maps to an allowed value.
ALIASES = {
    "upper extremity": "upper limb", "arm": "upper limb",
    "lower extremity": "lower limb", "leg": "lower limb",
    "intertrochanteric": "peritrochanteric", "trochanteric": "peritrochanteric",
    "sclerotic": "blastic", "osteoblastic": "blastic",
    "osteolytic": "lytic",
    "mixed lytic and blastic": "mixed", "mixed lytic/blastic": "mixed",
    "<1/3": "less than 1/3", "1/3-2/3": "1/3 to 2/3", ">2/3": "more than 2/3",
}
NOT_A_LONG_BONE = ("spine", "vertebra", "pelvis", "rib", "ribs", "skull", "sternum", "sacrum")

LOWEST, HIGHEST = 4, 12
FIXATION_THRESHOLD = 9  # fact sheet section 8: 9 or more = impending fracture
BORDERLINE = 8

# Printed with every upper-limb total (clinical review of November 2026, finding S3).
UPPER_LIMB_CAUTION = (
    "Caution for the arm (upper limb): this site scores only 1 point, so arm lesions rarely reach 9. "
    "In the humerus a cut-off of 9 missed most fractures (Evans 2008). A total of 8 or more, or pain on "
    "using the arm, should prompt an orthopaedic review (Tat 2023); a lower total does not rule out a fracture risk.")
SCREENING_NOTE = "The Mirels score is a screening aid for the team, not a decision on its own."


@dataclass(frozen=True)
class MirelsResult:
    """The total, its band, what the band means, and the points of each item."""

    total: int
    band: str
    interpretation: str
    points: dict[str, int]

    def breakdown(self) -> str:
        return "; ".join(f"{name} {value}" for name, value in self.points.items())


def _normalise(item: str, value: object) -> str:
    what, points = ITEMS[item]
    size_hint = " To turn a measured fraction such as 0.5 into a category, use size_category()."
    site_hint = " The Mirels score is only for long bones of the arms and legs; for the spine, use SINS."
    return category(value, points, label=item, what=what, score="the Mirels score", aliases=ALIASES,
                    not_text_hint=size_hint if item == "size" else "",
                    hints=dict.fromkeys(NOT_A_LONG_BONE, site_hint) if item == "site" else None)


def size_category(fraction_of_diameter: float) -> str:
    """The Mirels size category of a lesion that takes up this fraction (0 to 1) of the bone's diameter.

    Exactly 1/3 and exactly 2/3 fall in the middle category (1/3 to 2/3).
    """
    if isinstance(fraction_of_diameter, bool) or not isinstance(fraction_of_diameter, int | float | Fraction):
        raise ValueError("The size must be a number: the fraction of the bone's diameter taken up by the "
                         f"lesion, between 0 and 1; you entered {fraction_of_diameter!r}.")
    value = fraction_of_diameter
    if value != value:  # NaN
        raise ValueError("The size must be a number between 0 and 1; you entered NaN (not a number).")
    if 1 < value <= 100:
        raise ValueError(f"The size must be a fraction of the bone's diameter between 0 and 1; you entered "
                         f"{value:g}. Did you mean {value / 100:.2f} ({value:g}%)?")
    if not 0 < value <= 1:
        raise ValueError(f"The size must be more than 0 and at most 1 (the whole diameter); you entered {value:g}.")
    exact = Fraction(value).limit_denominator(10**6)
    if exact < Fraction(1, 3):
        return "less than 1/3"
    if exact <= Fraction(2, 3):
        return "1/3 to 2/3"
    return "more than 2/3"


def mirels_band(total: int) -> tuple[str, str]:
    """The band of a Mirels total and what it means (fact sheet section 8; Jawad & Scully 2010)."""
    if isinstance(total, bool) or not isinstance(total, int) or not LOWEST <= total <= HIGHEST:
        raise ValueError(f"A Mirels total is a whole number from {LOWEST} to {HIGHEST}; you entered {total!r}.")
    if total >= FIXATION_THRESHOLD:
        return ("9 or more: impending fracture",
                "High risk of fracture: the lesion counts as an impending fracture. Referral to an orthopaedic "
                "surgeon to consider prophylactic fixation (fixing the bone before it breaks) is recommended.")
    if total == BORDERLINE:
        return ("8: borderline",
                "Borderline: the decision between fixation and radiotherapy rests on clinical judgement by the "
                "team.")
    return ("7 or less: lower risk",
            "Lower risk of fracture on this score: radiotherapy or observation is usual. "
            f"{SCREENING_NOTE} Report new or worse pain on using the limb.")


def mirels_score(site: str | None, pain: str | None, lesion: str | None, size: str | None) -> MirelsResult:
    """Total Mirels score (4 to 12) from the four items, each given as one of its allowed words.

    site: 'upper limb', 'lower limb' or 'peritrochanteric'; pain: 'mild', 'moderate' or 'functional';
    lesion: 'blastic', 'mixed' or 'lytic'; size (fraction of bone diameter): 'less than 1/3',
    '1/3 to 2/3' or 'more than 2/3' (use `size_category` to convert a measured fraction).
    A missing or unknown item raises ValueError naming the item and its allowed values.
    """
    given = {"site": site, "pain": pain, "lesion": lesion, "size": size}
    keys = {item: _normalise(item, value) for item, value in given.items()}
    points = {item: ITEMS[item][1][key] for item, key in keys.items()}
    total = sum(points.values())
    band, interpretation = mirels_band(total)
    if keys["site"] == "upper limb":
        interpretation = f"{interpretation} {UPPER_LIMB_CAUTION}"
    return MirelsResult(total=total, band=band, interpretation=interpretation, points=points)

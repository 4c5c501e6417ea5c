"""Spinal Instability Neoplastic Score (SINS; Fisher et al. 2010, Spine 35:E1221-9).

Six components with the points of the published table (Fisher 2010, Table 1; the course's
checked fact sheet, section 8) give a total of 0 to 18. Bands (Fisher 2010; Fourney 2011):
0-6 stable, 7-12 indeterminate (possibly impending instability), 13-18 unstable; a total of 7 or
more warrants a surgical consultation.

Note the pain item: mechanical pain 3, occasional pain that is not mechanical 1, pain-free 0.
At least one online calculator scores it wrongly (fact sheet section 8).

SINS scores mechanical stability only. It does not assess neurology or epidural (cord) compression
(Fisher 2010), so every band carries CORD_COMPRESSION_CAUTION: a low score never reassures about
cord compression (clinical review of November 2026; Hawkins 2023, NICE NG234).

A teaching calculator: SINS is scored by the medical team from imaging and examination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bonemets.clinical import inputs

# Fisher 2010, Table 1: points per component.
LOCATION_POINTS = {"junctional": 3, "mobile": 2, "semi-rigid": 1, "rigid": 0}
PAIN_POINTS = {"mechanical": 3, "occasional non-mechanical": 1, "pain-free": 0}
BONE_LESION_POINTS = {"lytic": 2, "mixed": 1, "blastic": 0}
ALIGNMENT_POINTS = {"subluxation or translation": 4, "de novo deformity": 2, "normal": 0}
COLLAPSE_POINTS = {"more than 50%": 3, "less than 50%": 2, "no collapse, more than 50% of body involved": 1,
                   "none": 0}
POSTEROLATERAL_POINTS = {"bilateral": 3, "unilateral": 1, "none": 0}

COMPONENTS = {
    "location": ("the location in the spine", LOCATION_POINTS),
    "pain": ("the type of pain", PAIN_POINTS),
    "bone_lesion": ("the type of bone lesion on imaging", BONE_LESION_POINTS),
    "alignment": ("the spinal alignment on imaging", ALIGNMENT_POINTS),
    "collapse": ("the vertebral body collapse", COLLAPSE_POINTS),
    "posterolateral": ("the posterolateral involvement of the spinal elements", POSTEROLATERAL_POINTS),
}

ALIASES = {
    "semirigid": "semi-rigid", "semi rigid": "semi-rigid",
    "mobile spine": "mobile",
    "pain free": "pain-free", "painless": "pain-free", "no pain": "pain-free",
    "occasional": "occasional non-mechanical", "non-mechanical": "occasional non-mechanical",
    "mixed lytic/blastic": "mixed", "sclerotic": "blastic",
    "subluxation": "subluxation or translation", "translation": "subluxation or translation",
    "kyphosis": "de novo deformity", "scoliosis": "de novo deformity",
    ">50%": "more than 50%", "<50%": "less than 50%", "none of the above": "none",
}

LOWEST, HIGHEST = 0, 18
CONSULT_THRESHOLD = 7  # Fisher 2010: SINS 7-18 warrants surgical consultation

# Shown with every SINS result, whatever the total (Hawkins 2023; NICE NG234).
CORD_COMPRESSION_CAUTION = (
    "SINS does not check the nerves or the spinal cord, so a low score never rules out spinal cord "
    "compression. New limb weakness, numbness or tingling, bladder or bowel change, or numbness in the saddle "
    "area means contacting the acute oncology or MSCC team immediately, whatever the SINS.")

# Fisher 2010, location item: which vertebral levels fall in which category.
_JUNCTIONAL = {"occiput", "C1", "C2", "C7", "T1", "T2", "T11", "T12", "L1", "L5", "S1"}
_MOBILE = {"C3", "C4", "C5", "C6", "L2", "L3", "L4"}
_SEMI_RIGID = {f"T{n}" for n in range(3, 11)}
_RIGID = {"S2", "S3", "S4", "S5"}
_COUNTS = {"C": 7, "T": 12, "L": 5, "S": 5}


@dataclass(frozen=True)
class SinsResult:
    """The total, its band, what it means, whether to consult a surgeon, and the points per component."""

    total: int
    band: str
    interpretation: str
    surgical_consultation: bool
    points: dict[str, int]

    def breakdown(self) -> str:
        return "; ".join(f"{name.replace('_', ' ')} {value}" for name, value in self.points.items())


def _normalise(component: str, value: object) -> str:
    what, points = COMPONENTS[component]
    return inputs.category(value, points, label=component.replace("_", " "), what=what, score="SINS", aliases=ALIASES)


def location_category(level: str) -> str:
    """The SINS location category of a vertebral level such as 'T12', 'L3' or 'occiput' (Fisher 2010)."""
    if not isinstance(level, str) or not level.strip():
        raise ValueError("Give a spinal level such as 'C5', 'T12', 'L3' or 'S2' (or 'occiput').")
    text = level.strip()
    if text.lower() in {"occiput", "c0"}:
        return "junctional"
    match = re.fullmatch(r"([CcTtLlSs])\s*(\d{1,2})", text)
    if not match:
        raise ValueError(f"'{level}' is not a spinal level. Use a letter C, T, L or S and a number, such as "
                         "'T12' or 'L3'.")
    region, number = match.group(1).upper(), int(match.group(2))
    if not 1 <= number <= _COUNTS[region]:
        raise ValueError(f"There is no level {region}{number}: {region} levels run from {region}1 to "
                         f"{region}{_COUNTS[region]}.")
    name = f"{region}{number}"
    for category, levels in (("junctional", _JUNCTIONAL), ("mobile", _MOBILE), ("semi-rigid", _SEMI_RIGID),
                             ("rigid", _RIGID)):
        if name in levels:
            return category
    raise AssertionError(f"{name} has no category")  # every level is covered above; a test checks this


def sins_band(total: int) -> tuple[str, str, bool]:
    """Band, meaning and whether surgical consultation is recommended, for a SINS total (Fisher 2010)."""
    if isinstance(total, bool) or not isinstance(total, int) or not LOWEST <= total <= HIGHEST:
        raise ValueError(f"A SINS total is a whole number from {LOWEST} to {HIGHEST}; you entered {total!r}.")
    if total >= 13:
        return ("13 to 18: unstable",
                f"Unstable: a surgical consultation is recommended. {CORD_COMPRESSION_CAUTION}", True)
    if total >= CONSULT_THRESHOLD:
        return ("7 to 12: indeterminate (possibly impending instability)",
                "Indeterminate, possibly impending instability: a surgical consultation is recommended. "
                f"{CORD_COMPRESSION_CAUTION}", True)
    return ("0 to 6: stable",
            "Stable on this score: no surgical consultation is needed for instability alone. "
            f"{CORD_COMPRESSION_CAUTION}", False)


def sins_score(location: str | None, pain: str | None, bone_lesion: str | None, alignment: str | None,
               collapse: str | None, posterolateral: str | None) -> SinsResult:
    """Total SINS (0 to 18) from the six components, each given as one of its allowed words.

    location: 'junctional', 'mobile', 'semi-rigid' or 'rigid' (see `location_category`);
    pain: 'mechanical', 'occasional non-mechanical' or 'pain-free'; bone_lesion: 'lytic', 'mixed' or
    'blastic'; alignment: 'subluxation or translation', 'de novo deformity' or 'normal';
    collapse: 'more than 50%', 'less than 50%', 'no collapse, more than 50% of body involved' or 'none';
    posterolateral: 'bilateral', 'unilateral' or 'none'.
    A missing or unknown component raises ValueError naming it and its allowed values.
    """
    given = {"location": location, "pain": pain, "bone_lesion": bone_lesion, "alignment": alignment,
             "collapse": collapse, "posterolateral": posterolateral}
    keys = {name: _normalise(name, value) for name, value in given.items()}
    points = {name: COMPONENTS[name][1][key] for name, key in keys.items()}
    total = sum(points.values())
    band, interpretation, consult = sins_band(total)
    return SinsResult(total=total, band=band, interpretation=interpretation, surgical_consultation=consult,
                      points=points)

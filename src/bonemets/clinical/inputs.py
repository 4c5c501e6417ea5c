"""Checks every calculator applies to what a student types: a number, a known unit, a possible value."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping


def number(value: object, what: str) -> float:
    """`value` as a float, or a ValueError saying it must be an ordinary number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number; you entered {value!r}.")
    result = float(value)
    if math.isnan(result) or math.isinf(result):
        raise ValueError(f"{what} must be an ordinary number; you entered {value!r}.")
    return result


def fmt(value: float) -> str:
    return f"{value:g}"


def check_unit(unit: str, allowed: tuple[str, ...], what: str) -> None:
    if unit not in allowed:
        raise ValueError(f"{what} unit must be one of {', '.join(allowed)}; you entered {unit!r}.")


def measured_value(value: object, unit: str, *, what: str, ranges: dict[str, tuple[float, float]],
                   other_unit: dict[str, str], enter: str, show: Callable[[float], str] = fmt,
                   note: str = "") -> float:
    """A laboratory value in `unit`, inside its possible range; a value that fits the other unit says so."""
    result = number(value, what)
    low, high = ranges[unit]
    if result <= 0:
        raise ValueError(f"{what} cannot be zero or negative; you entered {fmt(result)} {unit}. "
                         f"Enter {enter}, between {show(low)} and {show(high)} {unit}.")
    if not low <= result <= high:
        other = other_unit[unit]
        other_low, other_high = ranges[other]
        hint = f" Did you mean {other}?" if other_low <= result <= other_high else ""
        raise ValueError(f"{what} must be between {show(low)} and {show(high)} {unit}; you entered "
                         f"{fmt(result)} {unit}.{hint}{note}")
    return result


def category(value: object, points: Mapping[str, int], *, label: str, what: str, score: str,
             aliases: Mapping[str, str] | None = None, not_text_hint: str = "",
             hints: Mapping[str, str] | None = None) -> str:
    """A scored item's choice as one of `points`' keys (any case, '_' or extra spaces allowed, `aliases` mapped).

    A missing, non-text or unknown choice raises ValueError naming the item (`label`, `what` it asks for) and
    listing the allowed choices; `hints` adds a sentence for a known wrong choice.
    """
    allowed = ", ".join(f"'{key}'" for key in points)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"Choose {what} ({label}) first. Allowed: {allowed}.")
    if not isinstance(value, str):
        raise ValueError(f"The {label} must be one of {allowed}; you entered {value!r}.{not_text_hint}")
    key = " ".join(value.strip().lower().replace("_", " ").split())
    key = (aliases or {}).get(key, key)
    if key not in points:
        raise ValueError(f"'{value}' is not an allowed {label} for {score}. Allowed: {allowed}."
                         f"{(hints or {}).get(key, '')}")
    return key

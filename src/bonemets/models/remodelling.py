"""Bone remodelling with a tumour: the Komarova 2003 osteoclast-osteoblast model with the tumour terms of Ayati 2010.

A teaching model with published parameters, not a prediction for any patient. The parameters live in
assets/data/remodelling_parameters.csv, one row each, with the paper that gives them; bonemets.content.
remodelling_parameters reads and checks them.

Equations (Ayati 2010, zero-dimensional model with tumour; with every r = 0 they are Komarova 2003's):

    dC/dt = alpha1 * C^(g11 * (1 + r11 * T/LT)) * B^(g21 * (1 + r21 * T/LT)) - beta1 * C     osteoclasts
    dB/dt = alpha2 * C^(g12 / (1 + r12 * T/LT)) * B^(g22 - r22 * T/LT)        - beta2 * B     osteoblasts
    dT/dt = gammaT * T * ln(LT / T)                                                           tumour (Gompertz)
    dz/dt = -k1 * max(0, C - Cbar) + k2 * max(0, B - Bbar)                                    bone mass, % of start

Cbar and Bbar are the non-trivial steady state with the tumour at its largest size, T = LT
(Ayati 2010 equations 13-14, with the typos corrected as in BioModels BIOMD0000000402; with r = 0 they are
Komarova 2003 equations A1-A3). Only osteoclasts above Cbar remove bone and only osteoblasts above Bbar add it.

What this course adds, and says so to the learner:
- `tumour_signalling_percent` scales the four tumour terms r11, r12, r21, r22 from 0% (no tumour effect on bone
  cells) to 100% (the values Ayati 2010 published). The tumour itself grows the same way in every run.
- `drug_effect_percent` is an anti-resorptive drug written as a cut in k1, the bone removed per active osteoclast:
  k1 * (1 - drug/100). Ayati 2010 modelled a different treatment (a slower osteoblast removal and a slower tumour
  growth, for myeloma), so this drug term is the course's own simple assumption, not a published one.
- Bone mass cannot fall below 0%: the running total is held at 0 while removal outweighs building.

The tumour equation is solved exactly, T(t) = LT * exp(ln(T0 / LT) * exp(-gammaT * t)); the cell equations with a
fixed-step fourth-order Runge-Kutta method (scipy is not a dependency of the course).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bonemets.content.remodelling_parameters import RemodellingParameters, TumourParameters, course_parameter_sets

DEFAULT_SET = "ayati2010"

TUMOUR_SIGNALLING_RANGE = (0.0, 100.0)
DRUG_EFFECT_RANGE = (0.0, 50.0)
DAYS_RANGE = (10.0, 3650.0)
STEP_DAYS = 1.0
DEFAULT_DAYS = 1200.0
_TINY = 1e-12  # cell numbers are kept above this so that fractional powers stay defined


def parameter_set(name: str = DEFAULT_SET) -> RemodellingParameters:
    sets = course_parameter_sets()
    if name not in sets:
        raise ValueError(f"unknown parameter set '{name}'; choose one of {sorted(sets)}")
    return sets[name]


def _effective_exponents(params: RemodellingParameters, signalling: float, tumour_fraction: float
                         ) -> tuple[float, float, float, float]:
    """g11', g21', g12', g22' with the tumour terms at `signalling` (0-1) and tumour size T/LT."""
    t = params.tumour
    if t is None or signalling == 0 or tumour_fraction == 0:
        return params.g11, params.g21, params.g12, params.g22
    x = signalling * tumour_fraction
    return (params.g11 * (1 + t.r11 * x), params.g21 * (1 + t.r21 * x),
            params.g12 / (1 + t.r12 * x), params.g22 - t.r22 * x)


def steady_state(params: RemodellingParameters | None = None, tumour_signalling_percent: float = 0.0
                 ) -> tuple[float, float]:
    """The non-trivial steady state (osteoclasts, osteoblasts), worked out in closed form.

    Komarova 2003 eqs A1-A3: with Gamma = g12*g21 - (1 - g11)(1 - g22),
    Cbar = (beta1/alpha1)^((1 - g22)/Gamma) * (beta2/alpha2)^(g21/Gamma) and
    Bbar = (beta1/alpha1)^(g12/Gamma) * (beta2/alpha2)^((1 - g11)/Gamma).
    With a tumour the exponents take the tumour terms at T = LT (Ayati 2010 eqs 13-14, corrected).
    """
    params = parameter_set() if params is None else params
    _check_percent("Tumour signalling", tumour_signalling_percent, TUMOUR_SIGNALLING_RANGE)
    g11, g21, g12, g22 = _effective_exponents(params, tumour_signalling_percent / 100, 1.0)
    gamma = g12 * g21 - (1 - g11) * (1 - g22)
    if gamma == 0:
        raise ValueError("these parameters have no single steady state (Gamma = 0)")
    ratio1, ratio2 = params.beta1 / params.alpha1, params.beta2 / params.alpha2
    osteoclasts = ratio1 ** ((1 - g22) / gamma) * ratio2 ** (g21 / gamma)
    osteoblasts = ratio1 ** (g12 / gamma) * ratio2 ** ((1 - g11) / gamma)
    return osteoclasts, osteoblasts


def _check_percent(label: str, value: float, allowed: tuple[float, float], unit: str = "%") -> float:
    low, high = allowed
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{label} must be a number between {low:g} and {high:g}{unit}; you entered {value!r}.") \
            from None
    if not math.isfinite(number) or not low <= number <= high:
        hint = ""
        if unit == "%" and number > high:
            hint = f" The largest value allowed is {high:g}%."
        raise ValueError(f"{label} must be between {low:g} and {high:g}{unit}; you entered {value}.{hint}")
    return number


def check_settings(tumour_signalling_percent: float, drug_effect_percent: float) -> tuple[float, float]:
    """Check the two learner settings; a bad value raises ValueError with a message a student understands."""
    signalling = _check_percent("Tumour signalling", tumour_signalling_percent, TUMOUR_SIGNALLING_RANGE)
    drug = _check_percent("Drug effect", drug_effect_percent, DRUG_EFFECT_RANGE)
    return signalling, drug


@dataclass(frozen=True)
class CellRun:
    """Cell numbers over time for one tumour-signalling setting (the drug does not change them in this model)."""

    days: np.ndarray
    osteoclasts: np.ndarray
    osteoblasts: np.ndarray
    tumour_percent: np.ndarray
    resorbing: np.ndarray  # running integral of max(0, C - Cbar), cell-days
    forming: np.ndarray  # running integral of max(0, B - Bbar), cell-days
    steady: tuple[float, float]


@lru_cache(maxsize=64)
def solve_cells(params: RemodellingParameters, tumour_signalling_percent: float, days: float = DEFAULT_DAYS,
                step_days: float = STEP_DAYS, extra_osteoclasts: float | None = None) -> CellRun:
    """Solve the cell equations with a fixed-step fourth-order Runge-Kutta method (plain floats: fast enough).

    The run starts at the steady state for this setting plus `extra_osteoclasts` (default: the published
    value, 10 osteoclasts), as in Komarova 2003 Fig. 2 and the Ayati 2010 model in BioModels.
    """
    signalling = _check_percent("Tumour signalling", tumour_signalling_percent, TUMOUR_SIGNALLING_RANGE) / 100
    _check_percent("Length of the run", days, DAYS_RANGE, unit=" days")
    if not 0 < step_days <= 5:
        raise ValueError(f"The time step must be between 0 and 5 days; you entered {step_days}.")
    if signalling > 0 and params.tumour is None:
        raise ValueError(f"parameter set '{params.name}' has no tumour terms; set tumour signalling to 0%")
    c_bar, b_bar = steady_state(params, tumour_signalling_percent)
    extra = params.extra_osteoclasts if extra_osteoclasts is None else float(extra_osteoclasts)
    a1, a2, b1, b2 = params.alpha1, params.alpha2, params.beta1, params.beta2
    steps = int(round(days / step_days))
    h = days / steps
    # The tumour does not depend on the bone cells, so its size, and with it the four exponents, is known in
    # advance at every time the solver needs: day n*h/2 for n = 0 .. 2*steps (steps and half steps).
    half_days = np.linspace(0.0, days, 2 * steps + 1)
    tumour = params.tumour
    if tumour is None:
        size = np.zeros_like(half_days)
        fraction = size
    else:
        # exact solution of the Gompertz equation dT/dt = gammaT * T * ln(LT / T)
        size = tumour.tumour_max * np.exp(np.log(tumour.tumour_start / tumour.tumour_max)
                                          * np.exp(-tumour.tumour_growth * half_days))
        fraction = signalling * size / tumour.tumour_max
    t = tumour or TumourParameters(0, 0, 0, 0, 1, 1, 1)
    e11 = (params.g11 * (1 + t.r11 * fraction)).tolist()
    e21 = (params.g21 * (1 + t.r21 * fraction)).tolist()
    e12 = (params.g12 / (1 + t.r12 * fraction)).tolist()
    e22 = (params.g22 - t.r22 * fraction).tolist()
    tiny = _TINY

    def rates(i: int, c: float, b: float) -> tuple[float, float]:
        c = c if c > tiny else tiny
        b = b if b > tiny else tiny
        return a1 * c ** e11[i] * b ** e21[i] - b1 * c, a2 * c ** e12[i] * b ** e22[i] - b2 * b

    c, b, res, form = c_bar + extra, b_bar, 0.0, 0.0
    cs, bs, ress, forms = [c], [b], [res], [form]
    half = h / 2
    for n in range(steps):
        i = 2 * n
        k1c, k1b = rates(i, c, b)
        mid1_c, mid1_b = c + half * k1c, b + half * k1b
        k2c, k2b = rates(i + 1, mid1_c, mid1_b)
        mid2_c, mid2_b = c + half * k2c, b + half * k2b
        k3c, k3b = rates(i + 1, mid2_c, mid2_b)
        end_c, end_b = c + h * k3c, b + h * k3b
        k4c, k4b = rates(i + 2, end_c, end_b)
        # bone-mass integrands max(0, C - Cbar) and max(0, B - Bbar), weighted at the same four RK4 stages
        res += h / 6 * (max(0.0, c - c_bar) + 2 * max(0.0, mid1_c - c_bar) + 2 * max(0.0, mid2_c - c_bar)
                        + max(0.0, end_c - c_bar))
        form += h / 6 * (max(0.0, b - b_bar) + 2 * max(0.0, mid1_b - b_bar) + 2 * max(0.0, mid2_b - b_bar)
                         + max(0.0, end_b - b_bar))
        c = max(c + h / 6 * (k1c + 2 * k2c + 2 * k3c + k4c), tiny)
        b = max(b + h / 6 * (k1b + 2 * k2b + 2 * k3b + k4b), tiny)
        cs.append(c)
        bs.append(b)
        ress.append(res)
        forms.append(form)
    out = np.column_stack([cs, bs, ress, forms])
    grid = np.linspace(0.0, days, steps + 1)
    tumour_curve = size[::2].copy()
    for array in (grid, out, tumour_curve):
        array.setflags(write=False)
    return CellRun(grid, out[:, 0], out[:, 1], tumour_curve, out[:, 2], out[:, 3], (c_bar, b_bar))


def bone_mass_percent(cells: CellRun, params: RemodellingParameters, drug_effect_percent: float = 0.0,
                      start_percent: float = 100.0) -> np.ndarray:
    """Bone mass over time: 100% - k1*(1 - drug)*resorbed + k2*formed, held at 0% once it reaches 0.

    Holding at zero is the Skorokhod reflection of the running sum: z = S - min(0, running minimum of S).
    """
    drug = _check_percent("Drug effect", drug_effect_percent, DRUG_EFFECT_RANGE) / 100
    running = start_percent - params.k1 * (1 - drug) * cells.resorbing + params.k2 * cells.forming
    return running - np.minimum(0.0, np.minimum.accumulate(running))


@dataclass(frozen=True)
class Trajectory:
    """One run of the model for the learner's settings."""

    tumour_signalling_percent: float
    drug_effect_percent: float
    days: np.ndarray
    osteoclasts: np.ndarray
    osteoblasts: np.ndarray
    bone_mass_percent: np.ndarray
    tumour_percent: np.ndarray
    untreated_bone_mass_percent: np.ndarray
    steady: tuple[float, float]

    @property
    def end_bone_mass(self) -> float:
        return float(self.bone_mass_percent[-1])

    @property
    def untreated_end_bone_mass(self) -> float:
        return float(self.untreated_bone_mass_percent[-1])


def simulate(tumour_signalling_percent: float = 100.0, drug_effect_percent: float = 0.0,
             days: float = DEFAULT_DAYS, params: RemodellingParameters | None = None,
             extra_osteoclasts: float | None = None, step_days: float = STEP_DAYS) -> Trajectory:
    """Run the teaching model for one pair of settings (percentages); invalid settings raise ValueError."""
    signalling, drug = check_settings(tumour_signalling_percent, drug_effect_percent)
    params = parameter_set() if params is None else params
    cells = solve_cells(params, signalling, float(days), step_days, extra_osteoclasts)
    treated = bone_mass_percent(cells, params, drug)
    untreated = treated if drug == 0 else bone_mass_percent(cells, params, 0.0)
    return Trajectory(signalling, drug, cells.days, cells.osteoclasts, cells.osteoblasts, treated,
                      cells.tumour_percent, untreated, cells.steady)


def summary_text(run: Trajectory) -> str:
    """The text alternative of the chart: what is plotted and what the run shows, in words."""
    days = run.days[-1]
    start, end = run.bone_mass_percent[0], run.end_bone_mass
    lowest = int(np.argmin(run.bone_mass_percent))
    peak = int(np.argmax(run.osteoclasts))
    lines = [
        f"Three line charts share one time axis, day 0 to day {days:.0f}. Top: osteoclasts (cells that remove "
        "bone). Middle: osteoblasts (cells that build bone). Bottom: bone mass as a percentage of the start.",
        f"Settings: tumour signalling {run.tumour_signalling_percent:g}% of the published value; drug effect "
        f"{run.drug_effect_percent:g}% (bone removed per active osteoclast cut by that share).",
        f"Bone mass goes from {start:.0f}% on day 0 to {end:.0f}% on day {days:.0f} "
        f"(lowest {run.bone_mass_percent[lowest]:.0f}% on day {run.days[lowest]:.0f}).",
        f"Osteoclasts peak at {run.osteoclasts[peak]:.1f} on day {run.days[peak]:.0f}; the balance point for "
        f"this setting is {run.steady[0]:.2f} osteoclasts and {run.steady[1]:.0f} osteoblasts.",
    ]
    if run.drug_effect_percent > 0:
        saved = end - run.untreated_end_bone_mass
        lines.append(f"Without the drug the same run ends at {run.untreated_end_bone_mass:.0f}% (dashed black "
                     f"line), so in this model the drug keeps {saved:.0f} percentage points more bone.")
    if end > 110:
        lines.append("Bone mass ends well above where it started. Real anti-resorptive drugs raise bone density "
                     "only a little: this is a limit of the model's simple drug term, which cuts bone removal but "
                     "leaves bone building untouched.")
    if run.bone_mass_percent.min() <= 0:
        lines.append("Bone mass reached 0% and is held there: in the model, the bone at this site is gone.")
    lines.append("This is a teaching model with published parameters (built for myeloma bone disease), "
                 "not a prediction for any patient.")
    return "\n".join(lines)

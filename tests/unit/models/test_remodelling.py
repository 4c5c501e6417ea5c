"""The bone-remodelling teaching model (Komarova 2003 with the tumour terms of Ayati 2010) and its explorer."""

from __future__ import annotations

import base64
import math

import ipywidgets as widgets
import numpy as np
import pytest

from bonemets.learner.widgets.remodelling_explorer import RemodellingExplorer
from bonemets.models import remodelling as model


def png_of(html: str) -> bytes:
    """The PNG inside an image_html() string."""
    return base64.b64decode(html.split("base64,", 1)[1].split('"', 1)[0])


@pytest.fixture(scope="module")
def ayati():
    return model.parameter_set("ayati2010")


@pytest.fixture(scope="module")
def komarova():
    return model.parameter_set("komarova2003")


# --- steady state, worked out as in Komarova 2003 --------------------------------------------------------------

def test_komarova_steady_state_matches_the_closed_form(komarova):
    # Gamma = g12*g21 - (1-g11)(1-g22) = -0.5 - 0.5 = -1, so
    # Cbar = (0.2/3)^-1 * (0.02/4)^0.5 = 15 * sqrt(0.005) and Bbar = 15 / sqrt(0.005) (about 212, as in BioModels).
    c_bar, b_bar = model.steady_state(komarova)
    assert c_bar == pytest.approx(15 * math.sqrt(0.005), rel=1e-12)
    assert b_bar == pytest.approx(15 / math.sqrt(0.005), rel=1e-12)
    assert round(b_bar, 2) == 212.13


def test_ayati_steady_states_match_the_published_model(ayati):
    # Without tumour: Gamma = -0.5 - (-0.1)(1) = -0.4; Cbar = 15^2.5 * 0.005^1.25, Bbar = 15^2.5 * 0.005^0.25.
    c_bar, b_bar = model.steady_state(ayati, 0)
    assert c_bar == pytest.approx(15 ** 2.5 * 0.005 ** 1.25, rel=1e-12)
    assert b_bar == pytest.approx(15 ** 2.5 * 0.005 ** 0.25, rel=1e-12)
    # With the tumour at full size, BioModels BIOMD0000000402 lists Cbar 4.99380996157 and Bbar 315.901488672.
    c_bar, b_bar = model.steady_state(ayati, 100)
    assert c_bar == pytest.approx(4.99380996157, rel=1e-9)
    assert b_bar == pytest.approx(315.901488672, rel=1e-9)


def test_the_steady_state_has_zero_rates(ayati):
    for signalling in (0, 100):
        c, b = model.steady_state(ayati, signalling)
        g11, g21, g12, g22 = model._effective_exponents(ayati, signalling / 100, 1.0)
        assert ayati.alpha1 * c ** g11 * b ** g21 - ayati.beta1 * c == pytest.approx(0, abs=1e-9)
        assert ayati.alpha2 * c ** g12 * b ** g22 - ayati.beta2 * b == pytest.approx(0, abs=1e-9)


def test_without_tumour_the_model_stays_at_its_steady_state(ayati):
    run = model.simulate(0, 0, params=ayati, extra_osteoclasts=0)
    c_bar, b_bar = model.steady_state(ayati, 0)
    assert np.allclose(run.osteoclasts, c_bar, rtol=1e-6)
    assert np.allclose(run.osteoblasts, b_bar, rtol=1e-6)
    assert np.allclose(run.bone_mass_percent, 100.0)


def test_komarova_single_cycle_returns_to_steady_state_and_to_its_bone_mass(komarova):
    # Komarova 2003 Fig. 2: 10 extra osteoclasts start one remodelling cycle; cells return to the steady state
    # and the bone removed is replaced.
    run = model.simulate(0, 0, days=400, params=komarova)
    c_bar, b_bar = model.steady_state(komarova)
    assert run.osteoclasts[0] == pytest.approx(c_bar + 10)
    assert run.osteoclasts[-1] == pytest.approx(c_bar, rel=1e-3)
    assert run.osteoblasts[-1] == pytest.approx(b_bar, rel=1e-3)
    assert run.bone_mass_percent.min() < 97  # bone was removed during the cycle ...
    assert run.end_bone_mass == pytest.approx(100, abs=0.1)  # ... and replaced by the end


def test_the_solver_step_is_small_enough(ayati):
    coarse = model.simulate(60, 0, params=ayati)
    fine = model.simulate(60, 0, params=ayati, step_days=0.05)
    ratio = round(model.STEP_DAYS / 0.05)
    assert coarse.end_bone_mass == pytest.approx(fine.end_bone_mass, abs=0.5)
    assert np.max(np.abs(coarse.bone_mass_percent - fine.bone_mass_percent[::ratio])) < 0.5
    assert np.max(np.abs(coarse.osteoclasts - fine.osteoclasts[::ratio])) < 0.5


# --- tumour and drug ------------------------------------------------------------------------------------------

def test_the_tumour_follows_the_gompertz_curve_of_ayati_2010(ayati):
    # dT/dt = 0.005 * T * ln(100 / T), T(0) = 1: integrate by small Euler steps and compare with the exact solution.
    size, step = 1.0, 0.01
    for _ in range(int(600 / step)):
        size += step * 0.005 * size * math.log(100 / size)
    run = model.simulate(100, 0, params=ayati)
    assert run.tumour_percent[0] == pytest.approx(1.0)
    assert run.tumour_percent[round(600 / model.STEP_DAYS)] == pytest.approx(size, rel=1e-3)
    assert 95 < run.tumour_percent[-1] < 100


def test_the_published_tumour_destroys_bone_and_none_does_not():
    healthy = model.simulate(0, 0)
    tumour = model.simulate(100, 0)
    assert healthy.end_bone_mass > 95
    assert tumour.end_bone_mass < 10
    assert tumour.osteoclasts.max() > healthy.osteoclasts.max()


def test_more_tumour_signalling_means_less_bone_at_the_end():
    ends = [model.simulate(s, 0).end_bone_mass for s in range(0, 101, 10)]
    assert all(later <= earlier for earlier, later in zip(ends, ends[1:], strict=False))
    assert ends[0] - ends[-1] > 90


def test_an_anti_resorptive_keeps_more_bone_than_no_treatment():
    untreated = model.simulate(100, 0)
    treated = model.simulate(100, 30)
    assert treated.end_bone_mass > untreated.end_bone_mass + 20
    assert treated.untreated_end_bone_mass == pytest.approx(untreated.end_bone_mass)
    ends = [model.simulate(100, d).end_bone_mass for d in range(0, 51, 10)]
    assert ends == sorted(ends)


def test_the_drug_does_not_change_cell_numbers_in_this_model():
    assert np.array_equal(model.simulate(100, 0).osteoclasts, model.simulate(100, 50).osteoclasts)


def test_bone_mass_reaches_zero_with_the_published_tumour_but_never_goes_below():
    run = model.simulate(100, 0)
    assert run.bone_mass_percent.min() == pytest.approx(0, abs=1e-9)
    assert run.bone_mass_percent.min() >= 0
    assert "held there" in model.summary_text(run)


def test_holding_at_zero_is_applied_to_the_running_sum():
    cells = model.solve_cells(model.parameter_set(), 100.0)
    raw = 100 - model.parameter_set().k1 * cells.resorbing + model.parameter_set().k2 * cells.forming
    held = model.bone_mass_percent(cells, model.parameter_set())
    before = raw >= 0
    first_negative = int(np.argmax(~before))
    assert np.allclose(held[:first_negative], raw[:first_negative])
    assert held.min() >= 0


# --- bad input ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("signalling, drug, words", [
    (150, 0, "Tumour signalling must be between 0 and 100%; you entered 150. The largest value allowed is 100%."),
    (-10, 0, "Tumour signalling must be between 0 and 100%; you entered -10."),
    (100, 60, "Drug effect must be between 0 and 50%; you entered 60. The largest value allowed is 50%."),
    (100, "a lot", "Drug effect must be a number between 0 and 50%; you entered 'a lot'."),
    (float("nan"), 0, "Tumour signalling must be between 0 and 100%"),
])
def test_invalid_settings_are_refused_with_a_clear_message(signalling, drug, words):
    with pytest.raises(ValueError) as err:
        model.simulate(signalling, drug)
    assert words in str(err.value)


def test_tumour_signalling_needs_a_parameter_set_with_tumour_terms(komarova):
    with pytest.raises(ValueError, match="has no tumour terms; set tumour signalling to 0%"):
        model.simulate(50, 0, params=komarova)


def test_an_unknown_parameter_set_is_named():
    with pytest.raises(ValueError, match="unknown parameter set 'smith2099'"):
        model.parameter_set("smith2099")


# --- the text summary and the explorer --------------------------------------------------------------------------

def test_the_summary_describes_plot_settings_and_result_in_words():
    run = model.simulate(100, 30)
    text = model.summary_text(run)
    assert "Three line charts" in text and "osteoclasts" in text and "osteoblasts" in text
    assert "tumour signalling 100%" in text and "drug effect 30%" in text
    assert f"to {run.end_bone_mass:.0f}% on day 1200" in text
    assert f"Without the drug the same run ends at {run.untreated_end_bone_mass:.0f}%" in text
    assert "not a prediction for any patient" in text


def test_the_summary_flags_bone_gain_as_a_limit_of_the_model():
    assert "limit of the model" in model.summary_text(model.simulate(0, 50))
    assert "limit of the model" not in model.summary_text(model.simulate(100, 0))


def test_the_explorer_has_labelled_settings_a_chart_with_alt_text_and_a_summary():
    explorer = RemodellingExplorer()
    assert isinstance(explorer.widget, widgets.VBox)
    assert "Tumour signalling" in explorer.tumour.description
    assert "drug effect" in explorer.drug.description
    values = [v for _, v in explorer.tumour.options], [v for _, v in explorer.drug.options]
    assert values == (list(range(0, 101, 10)), list(range(0, 51, 10)))
    assert png_of(explorer.chart.value).startswith(b"\x89PNG") and 'alt="Three line charts' in explorer.chart.value
    assert 'aria-live="polite"' in explorer.status.value
    assert "not a prediction" in explorer.widget.children[0].value


def test_moving_the_drug_slider_updates_text_and_chart():
    explorer = RemodellingExplorer()
    before_text, before_chart = explorer.text, png_of(explorer.chart.value)
    explorer.drug.value = 30
    assert explorer.text != before_text
    assert "drug effect 30%" in explorer.text
    assert "Without the drug the same run ends at 0%" in explorer.text
    assert png_of(explorer.chart.value) != before_chart


def test_moving_the_tumour_slider_to_zero_shows_healthy_remodelling():
    explorer = RemodellingExplorer()
    explorer.tumour.value = 0
    assert "tumour signalling 0%" in explorer.text
    assert f"to {model.simulate(0, 0).end_bone_mass:.0f}% on day 1200" in explorer.text


def test_an_invalid_value_is_shown_as_text_and_the_chart_is_kept():
    explorer = RemodellingExplorer()
    chart = png_of(explorer.chart.value)
    text = explorer.update(tumour_signalling_percent=250)
    assert text.startswith("The model was not run.")
    assert "Tumour signalling must be between 0 and 100%; you entered 250." in explorer.status.value
    assert png_of(explorer.chart.value) == chart


def test_the_chart_scales_grow_for_a_run_beyond_them():
    from bonemets.learner.widgets.remodelling_explorer import RemodellingChart

    chart = RemodellingChart(osteoclast_max=5.0)
    chart.show(model.simulate(100, 0))
    assert chart.axes[0].get_ylim()[1] >= model.simulate(100, 0).osteoclasts.max()
    assert chart.png().startswith(b"\x89PNG")

"""ROI estimator over the whole input range: properties, numerical edge cases, and the
inputs of plans saved by the earlier model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.roi import (
    BOUNDS,
    DRIVERS,
    EXAMPLE,
    LEVERS,
    RoiInputs,
    RoiResult,
    estimate,
    outcome,
)
from calculators.roi.inputs import bounds
from playbook import roi_report

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "roi_v1_plans.json").read_text())
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
NUMBERS = [
    name
    for name, field in RoiInputs.model_fields.items()
    if field.annotation in (float, int) and name not in ("version",)
]


def _value(name: str) -> st.SearchStrategy[float]:
    """Anything the model accepts for ``name``: its bounds, tiny values and all between."""
    low, high = bounds(name)
    edges = st.sampled_from([low, high, 1e-300, 1e-17, 5e-324, (low + high) / 2])
    inside = st.floats(low, high, allow_nan=False)
    whole = RoiInputs.model_fields[name].annotation is int
    if whole:
        return st.integers(int(low), int(high))
    return st.one_of(edges.filter(lambda x: low <= x <= high), inside)


@st.composite
def any_inputs(draw: st.DrawFn) -> RoiInputs:
    values = {name: draw(_value(name)) for name in NUMBERS if draw(st.booleans())}
    levers = {f"{lever}_on": draw(st.booleans()) for lever in LEVERS}
    return RoiInputs(**values, **levers)


def _finite_or_none(value: float | None) -> bool:
    return value is None or math.isfinite(value)


@SETTINGS
@given(any_inputs())
def test_no_accepted_input_gives_a_non_finite_figure_or_fails_to_format(data):
    result = estimate(data, draws=200)
    base = result.base
    for outcome_ in (base, result.low, result.high):
        assert all(math.isfinite(m.cumulative) and m.members >= 0 for m in outcome_.months)
        assert _finite_or_none(outcome_.roi_pct) and math.isfinite(outcome_.npv)
    assert math.isfinite(base.ltv) and _finite_or_none(base.ltv_to_cac)
    assert base.cac is None or math.isfinite(base.cac.total)
    assert RoiResult.model_validate_json(result.model_dump_json()) == result  # page cache
    band = result.band
    assert all(map(_finite_or_none, (band.roi_p10, band.roi_p50, band.loss_chance_pct)))
    for lang in ("zh", "en"):
        assert roi_report.headline(data, result, lang)
        assert all(value for _, value in roi_report.metrics(data, result, lang))
        roi_report.explanations(data, result, lang)
        roi_report.scenario_rows(result, lang)


@SETTINGS
@given(any_inputs(), st.sampled_from(LEVERS))
def test_turning_a_lever_off_never_raises_roi(data, lever):
    data = data.model_copy(update={f"{lever}_on": True})
    with_it = outcome(data).roi_pct
    without = outcome(data.model_copy(update={f"{lever}_on": False})).roi_pct
    if with_it is not None and without is not None:
        assert without <= with_it + 1e-9 * max(1.0, abs(with_it))


@SETTINGS
@given(any_inputs(), st.floats(1, 1e6))
def test_no_value_at_all_gives_minus_100_percent_when_something_is_spent(data, setup):
    idle = data.model_copy(update={f"{lever}_on": False for lever in LEVERS})
    idle = idle.model_copy(update={"setup_cost": setup})
    assert outcome(idle).roi_pct == pytest.approx(-100)
    # every lever on, each adding nothing: no purchase above the baseline, the same churn
    # as non-members, no referral, question, piece or other profit
    no_uplift = data.model_copy(
        update={f"{lever}_on": True for lever in LEVERS}
        | {"baseline_share_pct": 100, "churn_gap_pts": 0, "referrals_per_100": 0,
           "questions_per_month": 0, "ugc_per_month": 0, "other_profit": 0, "setup_cost": setup}
    )  # fmt: skip
    assert outcome(no_uplift).roi_pct == pytest.approx(-100)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(any_inputs())
def test_simulated_percentiles_are_ordered(data):
    result = estimate(data, draws=500)
    band, cash = result.band, result.cash
    assert cash is not None
    for p10, p50, p90 in zip(cash.p10, cash.p50, cash.p90, strict=True):
        assert p10 <= p50 + 1e-9 * max(1, abs(p50)) and p50 <= p90 + 1e-9 * max(1, abs(p90))
    if band.roi_p10 is not None:
        assert band.roi_p10 <= band.roi_p50 <= band.roi_p90  # type: ignore[operator]


def test_a_tiny_churn_keeps_new_members_and_lifetime_value_finite():
    # problem 6: churn ≤ 1e-15% lost every new member to rounding, ≤ 1e-294% made LTV infinite
    common = {"horizon_months": 24, "new_members_per_month": 100, "buyer_share_pct": 10,
              "orders_per_buyer": 1, "average_order_value": 100, "gross_margin_pct": 50,
              "purchase_on": True, "baseline_share_pct": 0, "tools_cost": 1}  # fmt: skip
    none, tiny, smallest = (
        outcome(RoiInputs(**common, member_churn_pct=c)) for c in (0, 1e-17, 5e-324)
    )
    assert tiny.months[-1].members == pytest.approx(2400)  # 100 × 24, nobody lost
    assert smallest.months[-1].members == pytest.approx(2400)
    # a member stays the horizon, worth 5 a month: LTV 120 with no churn or almost none
    assert none.ltv == pytest.approx(120) and tiny.ltv == pytest.approx(120)
    assert smallest.ltv == pytest.approx(120)
    # and it does not jump with the horizon at 0%: more months, proportionally more value
    longer = outcome(RoiInputs(**common | {"horizon_months": 48}, member_churn_pct=0))
    assert longer.ltv == pytest.approx(240)


def test_the_largest_accepted_figures_format_without_overflow():
    # problem 6: monthly revenue above 9.2e18 overflowed round() on the page
    data = RoiInputs(
        starting_members=100_000_000, buyer_share_pct=100, orders_per_buyer=1000,
        average_order_value=1e10, gross_margin_pct=100, purchase_on=True, baseline_share_pct=0,
        tools_cost=1e-300,
    )  # fmt: skip
    result = estimate(data, draws=100)
    assert result.base.months[0].value == pytest.approx(1e21)
    assert result.base.roi_pct is None  # value ÷ 1e-300 overflows: stated as not defined
    assert roi_report.money(result.base.value, "en").startswith("24,000,000,000,000,")


def test_ranges_are_bounded_like_the_values_they_describe():
    for driver in DRIVERS:
        assert BOUNDS[driver] == bounds(driver)
    assert BOUNDS["member_churn_pct"] == (0, 100)
    assert BOUNDS["new_members_per_month"] == (0, 10_000_000)


@pytest.mark.parametrize("name", sorted(FIXTURE))
def test_inputs_saved_by_the_earlier_model_give_the_figures_they_gave_then(name):
    saved = FIXTURE[name]
    data = RoiInputs.from_section(saved["plan"]["sections"]["roi"])
    then = saved["computed_then"]
    assert data.upgraded_from == 1 and data.purchase_on and data.baseline_share_pct == 0
    now = outcome(data)
    assert now.roi_pct == pytest.approx(then["roi_pct"])
    assert now.value == pytest.approx(then["gross_profit"])
    assert now.cost == pytest.approx(then["cost"])
    # the earlier payback was the first month at zero; these plans never fell back below
    assert now.payback_month == then["payback_month"]


def test_only_the_ranges_a_team_touched_are_kept_as_its_own():
    data = RoiInputs.from_section(FIXTURE["own_figures"]["plan"]["sections"]["roi"])
    # the team raised the high end of buyer share to 18; the low end it saw was 10
    assert data.ranges["buyer_share_pct"].model_dump() == {"low": 10, "high": 18}
    # new members 260 no longer uses the example's 250–600, but 260 ± 20%
    assert "new_members_per_month" not in data.ranges
    assert data.span("new_members_per_month") == pytest.approx((208, 312))


def test_a_stored_plan_of_the_earlier_model_loads_with_its_section_carried_over():
    from playbook.plan import Plan

    for saved in FIXTURE.values():
        plan = Plan.model_validate_json(json.dumps(saved["plan"]))
        assert plan.sections.roi is not None and plan.sections.roi.upgraded_from == 1
        # stored again, it keeps the mark until the page has written the note
        again = Plan.model_validate_json(plan.model_dump_json())
        assert again.sections.roi == plan.sections.roi


def test_a_vanishing_number_of_new_members_leaves_cac_not_defined():
    data = RoiInputs(new_members_per_month=5e-324, tools_cost=1e10, acquisition_share_pct=100)
    result = outcome(data)
    assert result.cac is None and result.ltv_to_cac is None


def _tornado_one_end_at_a_time(data: RoiInputs) -> list[tuple]:
    """The sensitivity as it was computed before: one full outcome per end of a range."""
    bars = []
    for driver in data.live_drivers():
        low, high = data.span(driver)
        if high <= low:
            continue
        at_low = outcome(data, {driver: low}).roi_pct
        at_high = outcome(data, {driver: high}).roi_pct
        if at_low is None or at_high is None or at_low == at_high:
            continue
        bars.append((driver, low, high, at_low, at_high, abs(at_high - at_low)))
    return sorted(bars, key=lambda bar: bar[-1], reverse=True)


@SETTINGS
@given(any_inputs())
def test_the_sensitivity_in_one_projection_equals_one_outcome_per_end(data):
    from calculators.roi.uncertainty import tornado

    bars = [(b.driver, b.low, b.high, b.roi_at_low, b.roi_at_high, b.swing) for b in tornado(data)]
    assert bars == _tornado_one_end_at_a_time(data)


def test_the_example_sensitivity_equals_one_outcome_per_end():
    from calculators.roi import EXAMPLE
    from calculators.roi.uncertainty import tornado

    data = RoiInputs.model_validate(EXAMPLE)
    bars = tornado(data)
    assert len(bars) >= 5
    assert [
        (b.driver, b.low, b.high, b.roi_at_low, b.roi_at_high, b.swing) for b in bars
    ] == _tornado_one_end_at_a_time(data)


@SETTINGS
@given(any_inputs(), st.integers(0, 2**32 - 1))
def test_the_simulations_horizon_sums_equal_the_monthly_projections(data, seed):
    # the ROI percentiles come from these sums; the cash band from the monthly arrays
    from calculators.roi import model
    from calculators.roi.uncertainty import _draws

    drawn = _draws(data, 50, seed)
    value, cost = model.totals(data, drawn)
    arrays = model.project(data, drawn)
    assert value.shape == cost.shape == arrays["value_total"].shape
    assert value == pytest.approx(arrays["value_total"], rel=1e-9, abs=1e-6)
    assert cost == pytest.approx(arrays["cost_total"], rel=1e-12)


@SETTINGS
@given(any_inputs(), st.integers(0, 2**32 - 1), st.integers(1, 300))
def test_the_scenarios_are_one_generators_draws_taken_driver_by_driver(data, seed, draws):
    # each driver's draws are made apart (and kept), yet they are exactly what one
    # generator gives drawing the varying drivers in turn: the figures of a seed never move
    import numpy as np

    from calculators.roi.uncertainty import _draws

    rng = np.random.default_rng(seed)
    expected = {}
    for driver in data.live_drivers():
        low, high = data.span(driver)
        if high > low:
            base = float(getattr(data, driver))
            expected[driver] = rng.triangular(low, base, high, size=(draws, 1))
    drawn = _draws(data, draws, seed)
    assert {d for d, v in drawn.items() if v.shape[0] == draws and draws > 1} <= set(expected)
    for driver, values in expected.items():
        assert np.array_equal(drawn[driver], values)
        assert not drawn[driver].flags.writeable  # shared between estimates
    again = _draws(data, draws, seed)
    assert all(np.array_equal(again[d], drawn[d]) for d in drawn)


def test_an_estimate_without_the_cash_band_has_every_other_figure_unchanged():
    data = RoiInputs.model_validate(EXAMPLE)
    full, light = estimate(data, draws=2_000), estimate(data, draws=2_000, cash=False)
    assert light.cash is None and full.cash is not None
    assert light.model_copy(update={"cash": full.cash}) == full
    assert len(full.cash.p50) == data.horizon_months

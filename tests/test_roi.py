"""ROI estimator: hand-computed cases, edge cases and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from calculators.roi import DRIVERS, RoiInput, estimate, outcome, scenario, simulate, tornado


def test_a_steady_community_that_does_not_pay_back():
    data = RoiInput(
        horizon_months=3,
        starting_members=100,
        buyer_share_pct=10,
        orders_per_buyer=2,
        average_order_value=50,
        gross_margin_pct=40,
        team_headcount=1,
        cost_per_head=1000,
    )
    result = outcome(data)
    # 100 members, 10 buyers × 2 orders × 50 = 1,000 revenue, 40% → 400 gross profit a month
    assert [m.members for m in result.months] == [100, 100, 100]
    assert [m.revenue for m in result.months] == [1000, 1000, 1000]
    assert [m.cumulative for m in result.months] == [-600, -1200, -1800]
    assert result.roi_pct == pytest.approx(-60)  # (1,200 − 3,000) / 3,000
    assert result.payback_month is None
    # a member brings 0.1 × 2 × 50 × 0.4 = 4 a month; no churn → lifetime = horizon (3)
    assert result.ltv == pytest.approx(12)
    assert result.cac is None and result.ltv_to_cac is None  # nobody was acquired


def test_a_growing_community_with_churn_pays_back_in_month_two():
    data = RoiInput(
        horizon_months=3,
        new_members_per_month=100,
        monthly_churn_pct=10,
        buyer_share_pct=50,
        orders_per_buyer=1,
        average_order_value=100,
        gross_margin_pct=50,
        tools_cost=1000,
        paid_acquisition_per_member=5,
        setup_cost=2000,
    )
    result = outcome(data)
    # members: 100; 100×0.9+100 = 190; 190×0.9+100 = 271
    assert [round(m.members, 6) for m in result.months] == [100, 190, 271]
    # gross profit: members × 0.5 × 100 × 0.5 = 25 per member → 2,500; 4,750; 6,775
    assert [round(m.gross_profit, 6) for m in result.months] == [2500, 4750, 6775]
    # cost: 1,000 tools + 100 × 5 acquisition (+ 2,000 set-up in month 1)
    assert [m.cost for m in result.months] == [3500, 1500, 1500]
    assert [round(m.cumulative, 6) for m in result.months] == [-1000, 2250, 7525]
    assert result.payback_month == 2
    assert result.roi_pct == pytest.approx(7525 / 6500 * 100)
    assert result.member_lifetime_months == pytest.approx(10)  # 1 / 10% churn
    assert result.ltv == pytest.approx(250)  # 25 × 10
    assert result.cac == pytest.approx(6500 / 300)  # all costs / 300 members acquired
    assert result.ltv_to_cac == pytest.approx(250 / (6500 / 300))
    assert result.paid_cac == 5


def test_nothing_spent_means_roi_is_undefined_not_a_division_by_zero():
    data = RoiInput(horizon_months=12, starting_members=10, buyer_share_pct=10)
    result = estimate(data)
    assert result.base.roi_pct is None
    assert result.base.payback_month == 1  # cumulative cash is never below zero
    assert result.band.roi_p50 is None
    assert result.tornado == []


def test_a_one_month_horizon_works():
    result = outcome(RoiInput(horizon_months=1, setup_cost=100))
    assert len(result.months) == 1 and result.roi_pct == -100


def test_low_and_high_scenarios_take_the_pessimistic_and_optimistic_ends():
    data = RoiInput(
        horizon_months=12,
        new_members_per_month=100,
        monthly_churn_pct=5,
        buyer_share_pct=10,
        orders_per_buyer=1,
        average_order_value=100,
        gross_margin_pct=40,
        tools_cost=500,
        ranges={
            "monthly_churn_pct": {"low": 2, "high": 10},
            "buyer_share_pct": {"low": 5, "high": 20},
        },
    )
    low = scenario(data, "low")
    high = scenario(data, "high")
    base = outcome(data)
    assert low.net < base.net < high.net
    assert low.months[-1].members < base.months[-1].members  # churn at its high end
    bars = tornado(data)
    assert [b.driver for b in bars] == ["buyer_share_pct", "monthly_churn_pct"]
    assert bars[0].swing >= bars[1].swing


@pytest.mark.parametrize(
    "bad",
    [
        {"starting_members": -1},
        {"monthly_churn_pct": 101},
        {"buyer_share_pct": float("nan")},
        {"average_order_value": float("inf")},
        {"average_order_value": 10**30},
        {"horizon_months": 0},
        {"horizon_months": 61},
        {"ranges": {"buyer_share_pct": {"low": 20, "high": 5}}},
        {"ranges": {"buyer_share_pct": {"low": 20, "high": 30}}},  # base 10 outside the range
        {"ranges": {"monthly_churn_pct": {"low": 0, "high": 150}}},
        {"unknown_field": 1},
    ],
)
def test_invalid_inputs_are_refused(bad):
    with pytest.raises(ValidationError):
        RoiInput(**({"buyer_share_pct": 10, "monthly_churn_pct": 5} | bad))


rates = st.floats(0, 100, allow_nan=False)
money = st.floats(0, 1e6, allow_nan=False)
inputs = st.builds(
    RoiInput,
    horizon_months=st.integers(1, 60),
    starting_members=st.integers(0, 100_000),
    new_members_per_month=st.floats(0, 10_000, allow_nan=False),
    monthly_churn_pct=rates,
    buyer_share_pct=rates,
    orders_per_buyer=st.floats(0, 10, allow_nan=False),
    average_order_value=money,
    gross_margin_pct=rates,
    tools_cost=money,
    setup_cost=money,
)


@settings(max_examples=60, deadline=None)
@given(inputs, st.floats(0, 100, allow_nan=False))
def test_more_conversion_never_lowers_revenue(data, extra):
    better = data.model_copy(update={"buyer_share_pct": min(100.0, data.buyer_share_pct + extra)})
    assert outcome(better).revenue >= outcome(data).revenue - 1e-6 * max(1, outcome(data).revenue)


@settings(max_examples=60, deadline=None)
@given(inputs)
def test_zero_revenue_with_cost_gives_minus_100_percent(data):
    data = data.model_copy(update={"buyer_share_pct": 0.0, "setup_cost": data.setup_cost + 1})
    assert outcome(data).roi_pct == pytest.approx(-100)


@settings(max_examples=25, deadline=None)
@given(inputs, st.floats(0, 1, allow_nan=False), st.floats(0, 1, allow_nan=False))
def test_simulated_percentiles_are_ordered(data, below, above):
    share = data.buyer_share_pct
    span = {"low": share * below, "high": share + (100 - share) * above}
    data = RoiInput.model_validate(data.model_dump() | {"ranges": {"buyer_share_pct": span}})
    band = simulate(data, draws=2000)
    for p10, p50, p90 in zip(band.p10, band.p50, band.p90, strict=True):
        assert p10 <= p50 + 1e-6 * max(1, abs(p50)) and p50 <= p90 + 1e-6 * max(1, abs(p90))
    if band.roi_p10 is not None:
        assert band.roi_p10 <= band.roi_p50 <= band.roi_p90


def test_the_simulation_draws_ten_thousand_scenarios_and_is_repeatable():
    data = RoiInput(
        horizon_months=24,
        new_members_per_month=50,
        monthly_churn_pct=5,
        buyer_share_pct=10,
        orders_per_buyer=1,
        average_order_value=80,
        gross_margin_pct=30,
        tools_cost=300,
        ranges={d: {"low": 0, "high": 100} for d in DRIVERS if d.endswith("_pct")},
    )
    first, second = simulate(data), simulate(data)
    assert first.draws == 10_000 and first == second
    assert len(first.p50) == 24 and all(math.isfinite(v) for v in first.p90)

"""ROI estimator: hand-computed cases for each lever, CAC, NPV, payback and the problems a
finance review found in the earlier model."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from calculators.roi import RoiInputs, estimate, outcome
from calculators.roi.model import monthly_rate, sustained_payback

# a member's gross profit a month: 10% buy × 2 orders × 50 × 40% margin = 4
BUYS = {"buyer_share_pct": 10, "orders_per_buyer": 2, "average_order_value": 50,
        "gross_margin_pct": 40}  # fmt: skip


def test_purchase_uplift_counts_only_what_members_buy_beyond_the_baseline():
    data = RoiInputs(
        horizon_months=3, starting_members=100, **BUYS, purchase_on=True,
        baseline_share_pct=75, tools_cost=200,
    )  # fmt: skip
    result = outcome(data)
    # 100 members × 4 × (1 − 0.75) = 100 a month; cost 200 a month
    assert [m.value for m in result.months] == pytest.approx([100, 100, 100])
    assert [m.cumulative for m in result.months] == pytest.approx([-100, -200, -300])
    assert result.by_lever == pytest.approx({"purchase": 300})
    assert result.roi_pct == pytest.approx(-50)  # (300 − 600) / 600
    assert result.payback_month is None


def test_retention_uplift_values_the_members_kept_at_their_baseline_profit():
    data = RoiInputs(
        horizon_months=2, starting_members=1000, member_churn_pct=10, **BUYS,
        baseline_share_pct=50, retention_on=True, churn_gap_pts=10, tools_cost=100,
    )  # fmt: skip
    result = outcome(data)
    # members 1000 → 900 → 810; non-members at 20% churn 1000 → 800 → 640
    # kept 100 then 170, each worth 4 × 50% = 2 a month → 200, 340
    assert [m.members for m in result.months] == pytest.approx([900, 810])
    assert result.by_lever == pytest.approx({"retention": 540})


def test_purchase_and_retention_together_count_a_kept_member_once():
    base = {"horizon_months": 2, "starting_members": 1000, "member_churn_pct": 10, **BUYS,
            "baseline_share_pct": 50, "churn_gap_pts": 10}  # fmt: skip
    both = outcome(RoiInputs(**base, purchase_on=True, retention_on=True))
    # purchase: (900 + 810) × 4 × 0.5 = 3,420; retention: 540 (above); together 3,960
    # = every member kept by the community at full profit: (100 + 170) × 4 = 1,080, plus
    # the uplift of the 800 + 640 members who would have stayed anyway: 1,440 × 2 = 2,880
    assert both.by_lever == pytest.approx({"purchase": 3420, "retention": 540})
    assert both.value == pytest.approx(1080 + 2880)


def test_referrals_are_valued_at_the_paid_acquisition_cost_they_save():
    data = RoiInputs(
        horizon_months=2, starting_members=200, referral_on=True, referrals_per_100=2,
        saved_cac=50, setup_cost=100,
    )  # fmt: skip
    # 200 members × 2 / 100 = 4 referred customers × 50 saved = 200 a month
    result = outcome(data)
    assert result.by_lever == pytest.approx({"referral": 400})
    assert result.roi_pct == pytest.approx(300)  # (400 − 100) / 100


def test_support_content_and_other_revenue_are_monthly_amounts():
    data = RoiInputs(
        horizon_months=1,
        support_on=True, questions_per_month=1000, deflection_pct=30, ticket_cost=25,
        content_on=True, ugc_per_month=20, value_per_piece=150,
        other_on=True, other_profit=500,
        tools_cost=11_000,
    )  # fmt: skip
    result = outcome(data)
    # support 1,000 × 30% × 25 = 7,500; content 20 × 150 = 3,000; other 500 → 11,000
    assert result.by_lever == pytest.approx({"support": 7500, "content": 3000, "other": 500})
    assert result.roi_pct == pytest.approx(0)
    assert result.payback_month == 1


def test_cac_is_paid_acquisition_plus_the_share_of_costs_marked_as_acquisition():
    data = RoiInputs(
        horizon_months=12, new_members_per_month=300, team_headcount=2, cost_per_head=10_000,
        content_cost=5_000, events_cost=3_000, incentives_cost=1_000, tools_cost=1_000,
        acquisition_share_pct=20, paid_acquisition_per_member=15,
    )  # fmt: skip
    cac = outcome(data).cac
    # running 2 × 10,000 + 5,000 + 3,000 + 1,000 + 1,000 = 30,000; 20% = 6,000 / 300 = 20
    assert cac is not None
    assert (cac.paid, cac.shared, cac.total) == pytest.approx((15, 20, 35))


def test_ltv_to_cac_uses_that_cac():
    data = RoiInputs(
        horizon_months=24, new_members_per_month=100, **BUYS, purchase_on=True,
        baseline_share_pct=50, paid_acquisition_per_member=8,
    )  # fmt: skip
    result = outcome(data)
    # no churn: a member stays the whole horizon, 24 × 4 × 0.5 = 48; CAC = 8 → 6
    assert result.stay_months == pytest.approx(24)
    assert result.ltv == pytest.approx(48)
    assert result.ltv_to_cac == pytest.approx(6)


def test_npv_discounts_each_month_at_the_monthly_equivalent_of_the_annual_rate():
    # 1.01^12 = 1.12682503… so this annual rate is exactly 1% a month
    annual = (1.01**12 - 1) * 100
    assert monthly_rate(annual) == pytest.approx(0.01)
    data = RoiInputs(horizon_months=2, other_on=True, other_profit=2000, tools_cost=1000,
                     discount_rate_pct=annual)  # fmt: skip
    # net 1,000 a month: 1,000 / 1.01 + 1,000 / 1.0201 = 990.099 + 980.296 = 1,970.395
    assert outcome(data).npv == pytest.approx(1970.395, abs=1e-3)
    undiscounted = outcome(data.model_copy(update={"discount_rate_pct": 0}))
    assert undiscounted.npv == pytest.approx(2000)


def test_payback_is_the_month_after_which_cumulative_cash_stays_at_or_above_zero():
    cumulative = np.array(
        [
            [-1.0, 2.0, -1.0, 3.0, 4.0],  # touches zero in month 2, stays from month 4
            [5.0, 4.0, 3.0, 2.0, 1.0],  # never below: month 1
            [-1.0, 1.0, 2.0, 3.0, -0.5],  # ends below zero: none (0)
            [-3.0, -2.0, -1.0, 0.0, 0.0],  # zero counts as paid back: month 4
        ]
    )
    assert sustained_payback(cumulative).tolist() == [4, 1, 0, 4]


def test_a_decaying_community_does_not_show_payback_in_month_one():
    # problem 4: 1,000 members, half leave each month, each worth 10 a month, cost 3,000
    data = RoiInputs(
        horizon_months=6, starting_members=1000, member_churn_pct=50, buyer_share_pct=100,
        orders_per_buyer=1, average_order_value=10, gross_margin_pct=100, purchase_on=True,
        baseline_share_pct=0, tools_cost=3000,
    )  # fmt: skip
    result = outcome(data)
    # value 5,000, 2,500, 1,250 … → cumulative 2,000, 1,500, −250, … falling further
    assert [m.cumulative for m in result.months[:3]] == pytest.approx([2000, 1500, -250])
    assert result.payback_month is None
    assert result.roi_pct is not None and result.roi_pct < 0


def _v1_example() -> RoiInputs:
    return RoiInputs.from_section({"horizon_months": 24})  # the earlier example, as saved then


def test_the_worked_example_carried_over_keeps_its_figure_until_a_baseline_is_stated():
    # problem 1. Members from the 2,000 at the start: 2,000 × Σ 0.96^t (t = 1…24)
    # = 2,000 × 0.96 × (1 − 0.96^24) / 0.04 = 29,980 member-months; from the 400 a month:
    # 10,000 × (24 − 14.990) = 90,100; gross profit 12.6 a member-month (15% × 1.2 × 200 ×
    # 35%) → 1,513,000 against a cost of 24 × (49,000 + 6,000) + 50,000 = 1,370,000.
    before = outcome(_v1_example())
    assert before.cost == pytest.approx(1_370_000)
    assert before.roi_pct == pytest.approx(10.44, abs=0.01)
    # counting only the difference: the 2,000 were customers before, so their share is the
    # baseline: 29,980 / 120,080 = 24.97%
    starting_share = 29_980.3 / 120_080.3 * 100
    after = outcome(_v1_example().model_copy(update={"baseline_share_pct": starting_share}))
    assert after.roi_pct == pytest.approx(-17.1, abs=0.05)


def test_a_big_community_with_few_new_members_has_a_cac_that_agrees_with_its_roi():
    # problem 2: 100,000 members, 10 new a month. The earlier CAC spread every running cost
    # over 240 new members (LTV/CAC 0.10 beside ROI +838%); now CAC is the paid 15.
    data = RoiInputs.from_section({"starting_members": 100_000, "new_members_per_month": 10})
    result = outcome(data)
    assert result.roi_pct is not None and result.roi_pct > 800
    assert result.cac is not None and result.cac.total == pytest.approx(15)
    # LTV = 12.6 × expected stay at 4% churn within 24 months (−expm1(24·log1p(−0.04))/0.04
    # = 15.615) = 196.7; / 15 = 13.1
    assert result.ltv_to_cac == pytest.approx(12.6 * 15.6147 / 15, rel=1e-4)


def test_ranges_default_to_the_teams_own_value_not_the_examples():
    # problem 3: saving 260 new members a month keeps 250–600 in the earlier model
    data = RoiInputs(new_members_per_month=260, range_pct=20, purchase_on=True)
    assert data.span("new_members_per_month") == pytest.approx((208, 312))
    # a base the example's range excluded (0% churn) is accepted, and its range is 0–0
    assert RoiInputs(member_churn_pct=0).span("member_churn_pct") == (0, 0)
    # and a percentage range never leaves 0–100
    assert RoiInputs(baseline_share_pct=95, range_pct=50).span("baseline_share_pct") == (47.5, 100)


def test_a_base_outside_the_teams_own_range_widens_it_instead_of_being_refused():
    data = RoiInputs(buyer_share_pct=10, ranges={"buyer_share_pct": {"low": 8, "high": 12}})
    assert data.ranges_holding("buyer_share_pct", 11) is None
    assert data.ranges_holding("buyer_share_pct", 30) == {"buyer_share_pct": {"low": 8, "high": 30}}
    assert data.ranges_holding("gross_margin_pct", 30) is None  # no range of its own


def test_high_scenario_takes_fewer_members_when_each_costs_more_than_it_brings():
    # problem 6: a member brings 4 × 0.5 = 2 a month, at most 24 in 12 months, but costs
    # 100 to acquire. With 1,000 members already there, no churn, n new a month:
    # value = 2 × (12,000 + 78 n), cost = 1,200 n → n = 80: 36,480 / 96,000 − 1 = −62.0%;
    # n = 100: 39,600 / 120,000 − 1 = −67.0%; n = 120: 42,720 / 144,000 − 1 = −70.3%
    data = RoiInputs(
        horizon_months=12, starting_members=1000, new_members_per_month=100, **BUYS,
        purchase_on=True, baseline_share_pct=50, paid_acquisition_per_member=100,
    )  # fmt: skip
    result = estimate(data, draws=500)
    bar = next(b for b in result.tornado if b.driver == "new_members_per_month")
    assert (bar.roi_at_low, bar.roi_at_high) == pytest.approx((-62.0, -70.333), abs=1e-3)
    assert result.high.months[-1].members == pytest.approx(1000 + 80 * 12)  # 100 − 20%
    assert result.low.months[-1].members == pytest.approx(1000 + 120 * 12)
    assert result.low.roi_pct <= result.base.roi_pct <= result.high.roi_pct


def test_the_headline_says_it_is_the_base_case_beside_p50_and_the_chance_of_a_loss():
    from playbook.roi_report import headline

    data = _v1_example()
    result = estimate(data)
    text = headline(data, result, "en")
    assert text.startswith("Base case")
    assert f"{result.band.roi_p50:,.1f}%" in text and f"{result.band.loss_chance_pct:,.1f}%" in text


@pytest.mark.parametrize(
    "bad",
    [
        {"starting_members": -1},
        {"member_churn_pct": 101},
        {"buyer_share_pct": float("nan")},
        {"average_order_value": float("inf")},
        {"average_order_value": 1e11},
        {"horizon_months": 0},
        {"horizon_months": 61},
        {"ranges": {"buyer_share_pct": {"low": 20, "high": 5}}},
        {"ranges": {"buyer_share_pct": {"low": 20, "high": 30}}},  # base 10 outside
        {"ranges": {"member_churn_pct": {"low": 0, "high": 150}}},  # a range beyond 100%
        {"ranges": {"new_members_per_month": {"low": 0, "high": 1e9}}},  # beyond the cap
        {"monthly_churn_pct": 5},  # the earlier model's name, only read from stored plans
    ],
)
def test_invalid_inputs_are_refused(bad):
    with pytest.raises(ValidationError):
        RoiInputs(**({"buyer_share_pct": 10, "member_churn_pct": 5} | bad))


def test_the_review_flags_a_negative_base_case_from_the_same_model():
    from datetime import date

    from playbook.content import content
    from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
    from playbook.review import review

    meta = PlanMeta(team="团队", community="社群", industry="automotive")
    empty = Plan(id=new_plan_id(), meta=meta)

    def finding(roi_section: dict | None):
        plan = apply_changes(empty, {"sections.roi": roi_section})
        found = review(plan, content(), date(2026, 11, 23)).findings
        return next((f.values for f in found if f.rule == "negative_roi"), None)

    assert finding(None) is None  # nothing entered: nothing to say
    # support 1,000 × 30% × 25 = 7,500 a month against 10,000: (7,500 − 10,000) / 10,000
    losing = {"version": 2, "horizon_months": 12, "support_on": True, "questions_per_month": 1000,
              "deflection_pct": 30, "ticket_cost": 25, "tools_cost": 10_000}  # fmt: skip
    assert finding(losing) == {"roi": "-25.0", "months": 12}
    assert finding(losing | {"tools_cost": 5_000}) is None  # +50%


def test_paid_acquisition_makes_the_number_of_new_members_uncertain_without_a_member_lever():
    # other profit 3,000 a month; 100 new members a month at 10 each = 1,000 a month
    data = RoiInputs(horizon_months=1, new_members_per_month=100, paid_acquisition_per_member=10,
                     other_on=True, other_profit=3000)  # fmt: skip
    bar = next(b for b in estimate(data, draws=200).tornado if b.driver == "new_members_per_month")
    # 80 new: (3,000 − 800) / 800 = 275%; 120 new: (3,000 − 1,200) / 1,200 = 150%
    assert (bar.roi_at_low, bar.roi_at_high) == pytest.approx((275, 150))


def test_the_estimate_draws_its_scenarios_once_for_the_band_and_the_cash():
    from calculators.roi import EXAMPLE, cash_band, simulate

    data = RoiInputs.model_validate(EXAMPLE)
    result = estimate(data)
    assert result.band == simulate(data)
    assert result.cash == cash_band(data)

"""Derived metrics of the actuals, worked out by hand; periods; weeks into months."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook.actuals import (
    Actuals,
    ActualValues,
    actuals_content,
    combine,
    monthly,
    parse_period,
    period_end,
    period_key,
    period_label,
)
from playbook.metrics import FORMULAS, Target, compute, light, parse_target

OCTOBER = ActualValues(
    groups=5,
    members=340,
    new=104,
    left=8,
    posters=100,
    messages=1010,
    events=4,
    attendance=170,
    buyers=34,
    revenue=20_400.0,
    spend=9_000.0,
    questions=50,
    answered=35,
)


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("new_members", 104),
        ("net_growth", 96),  # 104 - 8
        ("churn_rate", 8 / 348),  # 8 / (340 + 8) = 0.02299
        ("participation_rate", 100 / 340),  # 0.2941
        ("messages_per_active", 10.1),  # 1010 / 100
        ("attendance_rate", 0.125),  # 170 / (4 × 340)
        ("conversion_rate", 0.1),  # 34 / 340
        ("revenue_per_member", 60.0),  # 20 400 / 340
        ("community_revenue", 20_400.0),
        ("deflected_questions", 0.7),  # 35 / 50
    ],
)
def test_each_derived_metric_matches_the_hand_computed_value(metric, expected):
    found = compute(metric, OCTOBER)
    assert found.status == "ok"
    assert found.value == pytest.approx(expected)


def test_every_metric_in_the_content_has_one_formula_and_a_known_kpi():
    content = actuals_content()
    assert {m.id for m in content.metrics} == set(FORMULAS)
    from playbook.content import content as playbook_content

    objectives = {o.id: {m.id for m in o.metrics} for o in playbook_content().objectives}
    for metric in content.metrics:
        assert metric.objective in objectives
        assert metric.kpi_metric is None or metric.kpi_metric in objectives[metric.objective]


def test_a_zero_denominator_is_not_defined_and_a_missing_number_is_missing():
    empty = ActualValues(
        members=0, posters=0, left=0, events=0, attendance=0, questions=0, answered=0
    )
    assert compute("participation_rate", empty).status == "undefined"
    assert compute("churn_rate", empty).status == "undefined"
    assert compute("attendance_rate", empty).status == "undefined"
    assert compute("deflected_questions", empty).status == "undefined"
    assert compute("revenue_per_member", ActualValues(members=0, revenue=10)).status == "undefined"
    assert compute("messages_per_active", ActualValues(messages=5)).status == "missing"
    assert compute("net_growth", ActualValues(new=3)).value is None


def test_a_part_larger_than_its_whole_is_refused():
    with pytest.raises(ValidationError, match="actuals_posters_over"):
        ActualValues(members=10, posters=11)
    with pytest.raises(ValidationError, match="actuals_answered_over"):
        ActualValues(questions=3, answered=4)
    with pytest.raises(ValidationError, match="actuals_attendance_over"):
        ActualValues(members=10, events=2, attendance=21)


def test_periods_are_keyed_labelled_and_bounded():
    assert period_key(date(2026, 10, 15), "month") == "m2026_10"
    assert period_key(date(2026, 10, 15), "week") == "w2026_42"
    assert period_label("w2026_42") == "2026-W42"
    assert period_end("m2028_02") == date(2028, 2, 29)
    assert period_end("w2026_42") == date(2026, 10, 18)
    assert parse_period("2026年10月", "month") == "m2026_10"
    assert parse_period("2026-W43", "week") == "w2026_43"
    assert parse_period("2026/10/15", "week") == "w2026_42"
    with pytest.raises(ValueError):
        parse_period("2026-10", "week")
    with pytest.raises(ValueError):
        parse_period("October", "month")


def test_weeks_combine_into_their_month_stocks_last_flows_added_posters_highest():
    weeks = Actuals(
        cadence="week",
        periods={
            "w2026_40": ActualValues(members=100, new=10, left=2, posters=30, messages=200),
            "w2026_41": ActualValues(members=110, new=14, left=4, posters=40, messages=260),
            "w2026_44": ActualValues(members=120, new=12, left=2, posters=35, messages=240),
        },
    )
    # w40 starts Mon 2026-09-28 but its Thursday is 1 October; w44's Thursday is 29 October
    ((month, values),) = monthly(weeks)
    assert month == "m2026_10"
    assert (values.members, values.new, values.left) == (120, 36, 8)
    assert (values.posters, values.messages) == (40, 700)


def test_a_combined_month_never_has_more_posters_than_members():
    values = combine([ActualValues(members=50, posters=50), ActualValues(members=20, posters=20)])
    assert values.posters == 20


@pytest.mark.parametrize(
    ("text", "metric", "expected"),
    [
        ("≥ 30%", "participation_rate", Target(0.3, None)),
        ("25–35%", "participation_rate", Target(0.25, 0.35)),
        ("30", "participation_rate", Target(0.3, None)),
        ("< 3%", "churn_rate", Target(None, 0.03)),
        ("5%", "churn_rate", Target(None, 0.05)),
        ("每月新增 500", "new_members", Target(500, None)),
        ("1.2万", "community_revenue", Target(12_000, None)),
        ("at most 40", "new_members", Target(None, 40)),
        ("30%", "new_members", None),  # a share is no target for a count
        ("600", "participation_rate", None),  # no rate above 100 %
        ("保持活跃", "participation_rate", None),
    ],
)
def test_targets_are_read_from_what_the_team_typed(text, metric, expected):
    assert parse_target(text, actuals_content().metric(metric)) == expected


def test_traffic_lights_are_green_on_target_amber_close_red_far():
    floor = Target(0.30, None)
    assert light(0.31, floor, 0.1) == "green"
    assert light(0.28, floor, 0.1) == "amber"  # 0.02 short, within 10 % of 0.30
    assert light(0.20, floor, 0.1) == "red"
    assert light(0.034, Target(None, 0.03), 0.1) == "red"  # 0.004 over a ceiling of 0.03


counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**7))
money = st.one_of(st.none(), st.floats(min_value=0, max_value=1e9, allow_nan=False))


@st.composite
def actual_values(draw):
    members = draw(counts)
    questions = draw(counts)
    events = draw(counts)

    def part(whole):
        if whole is None:
            return draw(st.none())
        return draw(st.one_of(st.none(), st.integers(min_value=0, max_value=whole)))

    full_house = None if members is None or events is None else min(members * events, 10**9)
    return ActualValues(
        groups=draw(counts),
        members=members,
        new=draw(counts),
        left=draw(counts),
        posters=part(members),
        messages=draw(counts),
        events=events,
        attendance=part(full_house),
        buyers=part(members),
        revenue=draw(money),
        spend=draw(money),
        questions=questions,
        answered=part(questions),
    )


@given(actual_values())
def test_random_actuals_give_rates_within_zero_and_one_or_a_stated_reason(values):
    content = actuals_content()
    for metric in content.metrics:
        found = compute(metric.id, values)
        assert found.status in ("ok", "missing", "undefined")
        if found.status != "ok":
            assert found.value is None
            continue
        if metric.kind == "rate":
            assert 0 <= found.value <= 1, (metric.id, values)


@given(actual_values())
def test_a_rate_is_not_defined_exactly_when_its_denominator_is_zero(values):
    found = compute("participation_rate", values)
    if values.posters is not None and values.members == 0:
        assert found.status == "undefined"
    if values.left is not None and values.members is not None and values.members + values.left == 0:
        assert compute("churn_rate", values).status == "undefined"

"""Group-size calculator: hand-checked cases and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from calculators.group_size import (
    Closeness,
    GroupSizeInput,
    GroupSizeSection,
    Mode,
    Purpose,
    dunbar_layer,
    interaction_mode,
    mode_key,
    pairwise_ties,
    plan_groups,
    split_key,
)
from playbook.content import content


def test_a_small_circle_stays_one_semi_acquaintance_group():
    result = plan_groups(GroupSizeInput(target_members=40, group_cap=500, admins_available=1))
    assert (result.groups, result.members_per_group) == (1, 40)
    assert result.group_mode is Mode.SEMI_ACQUAINTANCE
    assert result.layer == 50
    assert result.ties_one_group == 40 * 39 // 2 == 780
    assert (result.admins_needed, result.admin_shortfall) == (1, 0)
    # 90-9-1: ceil(40 × 1%) = 1 creator, ceil(40 × 9%) = 4 contributors; core ≥ 2 per group
    assert (result.creators, result.contributors, result.core_to_recruit) == (1, 4, 2)
    assert result.cadence.moderation == "light"


def test_a_thousand_members_split_into_stable_groups():
    result = plan_groups(
        GroupSizeInput(target_members=1000, group_cap=500, admins_available=3, closeness="stable")
    )
    # closeness caps a group at 150 (below the platform's 500): ceil(1000 / 150) = 7 groups,
    # an even split gives ceil(1000 / 7) = 143 (six groups of 143, one of 142)
    assert (result.group_size_limit, result.limited_by) == (150, "closeness")
    assert (result.groups, result.members_per_group) == (7, 143)
    assert result.group_mode is Mode.SEMI_STRANGER
    # 143 and 142 members: 1 admin + 1 per further 100 → 2 each → 14; the team has 3
    assert (result.admins_needed, result.admin_shortfall) == (14, 11)
    assert result.ties_per_group == 143 * 142 // 2 == 10_153
    assert result.ties_one_group == 1000 * 999 // 2
    assert (result.creators, result.contributors, result.core_to_recruit) == (10, 90, 14)
    # each group of 143 is semi-stranger: 3 topics a week, 4 events a month, plus one
    # cross-group event because there are seven groups
    assert result.cadence.model_dump() == {
        "topics_per_week": 3,
        "themed_events_per_month": 4,
        "moderation": "daily",
        "cross_group_events_per_month": 1,
    }
    assert result.layer == 1500


def test_the_platform_cap_binds_when_it_is_smaller():
    result = plan_groups(
        GroupSizeInput(target_members=1000, group_cap=200, admins_available=0, closeness="broad")
    )
    assert (result.group_size_limit, result.limited_by) == (200, "platform")
    assert (result.groups, result.members_per_group) == (5, 200)
    assert result.group_mode is Mode.LARGE  # 200 a group is still above ~150
    assert result.sub_groups_advised and mode_key(result) == "large_discussion"


def test_a_thousand_wecom_customers_at_broad_closeness_make_two_groups_of_500():
    caps = content().group_caps()
    assert (caps["wecom"], caps["wecom_internal"]) == (500, 2000)
    saved = {"target_members": 1000, "platform": "wecom", "closeness": "broad"}
    result = plan_groups(GroupSizeInput.from_section(saved, caps))
    # ceil(1000 / 500) = 2 groups, 500 each (it was 5 groups of 200 under the old cap)
    assert (result.group_size_limit, result.groups, result.members_per_group) == (500, 2, 500)


def test_an_old_plan_saved_with_the_old_wecom_cap_uses_todays_cap():
    old = {"target_members": 1000, "platform": "wecom", "group_cap": 200, "closeness": "broad"}
    data = GroupSizeInput.from_section(old, content().group_caps())
    assert (data.group_cap, data.purpose) == (500, Purpose.DISCUSSION)
    # a custom cap is the team's own and stays
    custom = GroupSizeInput.from_section(old | {"platform": None}, content().group_caps())
    assert custom.group_cap == 200


def test_the_stored_section_model_loads_partial_and_old_inputs():
    assert GroupSizeSection.model_validate({"target_members": 40}).purpose is None
    typed = GroupSizeSection(target_members=40, purpose=Purpose.SERVICE)
    data = GroupSizeInput.from_section(typed)
    assert (data.target_members, data.group_cap, data.purpose) == (40, 500, Purpose.SERVICE)
    with pytest.raises(ValidationError):
        GroupSizeSection.model_validate({"target_members": 0})
    with pytest.raises(ValidationError):
        GroupSizeSection.model_validate({"unknown": 1})


def test_a_single_500_member_after_sales_group_is_not_told_to_split():
    data = GroupSizeInput(
        target_members=500, group_cap=500, admins_available=5, closeness="broad", purpose="service"
    )
    result = plan_groups(data)
    assert (result.groups, result.group_mode) == (1, Mode.LARGE)
    assert not result.sub_groups_advised and mode_key(result) == "large_service"
    # a service group: one notice a week, one event a month, answers every working day
    assert (result.cadence.topics_per_week, result.cadence.themed_events_per_month) == (1, 1)
    assert result.cadence.moderation == "service"
    assert split_key(result) == "gs.split_one"


def test_the_same_group_as_a_discussion_group_explains_why_it_should_be_divided():
    data = GroupSizeInput(target_members=500, group_cap=500, admins_available=5, closeness="broad")
    result = plan_groups(data)
    assert result.groups == 1 and result.sub_groups_advised
    assert mode_key(result) == "large_discussion"


def test_small_groups_get_fewer_organised_activities_than_larger_ones():
    small = plan_groups(
        GroupSizeInput(target_members=200, group_cap=500, admins_available=4, closeness="close")
    )
    # ceil(200 / 50) = 4 groups of 50: semi-acquaintance, so 1 topic a week and 1 event a
    # month each (not the 3 and 4 of a larger group), plus one cross-group event
    assert (small.groups, small.members_per_group, small.group_mode) == (
        4,
        50,
        Mode.SEMI_ACQUAINTANCE,
    )
    assert (small.cadence.topics_per_week, small.cadence.themed_events_per_month) == (1, 1)
    assert small.cadence.cross_group_events_per_month == 1
    big = plan_groups(GroupSizeInput(target_members=200, group_cap=500, admins_available=4))
    assert big.cadence.themed_events_per_month > small.cadence.themed_events_per_month


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_a_tiny_community_never_has_more_core_members_than_members(n):
    result = plan_groups(GroupSizeInput(target_members=n, group_cap=500, admins_available=1))
    # 2 opinion leaders per group, but never more than the n members there are
    assert result.core_to_recruit == min(2, n)


def test_an_even_split_is_described_without_a_zero_clause():
    result = plan_groups(GroupSizeInput(target_members=600, group_cap=500, admins_available=8))
    assert (result.groups, result.members_per_group) == (4, 150)  # ceil(600/150) = 4 × 150
    assert split_key(result) == "gs.split_even"
    uneven = plan_groups(GroupSizeInput(target_members=1000, group_cap=500, admins_available=8))
    assert split_key(uneven) == "gs.split_summary"  # 6 × 143 and 1 × 142


@pytest.mark.parametrize(
    ("n", "layer", "mode"),
    [
        (1, 5, "semi_acquaintance"),
        (50, 50, "semi_acquaintance"),
        (51, 150, "semi_stranger"),
        (150, 150, "semi_stranger"),
        (151, 500, "large"),
        (1500, 1500, "large"),
        (1501, None, "large"),
    ],
)
def test_layers_and_modes_at_their_thresholds(n, layer, mode):
    assert dunbar_layer(n) == layer
    assert interaction_mode(n) == mode


@pytest.mark.parametrize(
    "bad",
    [
        {"target_members": 0},
        {"target_members": -5},
        {"target_members": 10**30},
        {"target_members": float("nan")},
        {"group_cap": 1},
        {"admins_available": -1},
        {"closeness": "intimate"},
        {"purpose": "chat"},
    ],
)
def test_out_of_range_inputs_are_refused(bad):
    with pytest.raises(ValidationError):
        GroupSizeInput(**({"target_members": 100, "group_cap": 500, "admins_available": 1} | bad))


@given(
    st.integers(1, 10_000_000),
    st.integers(2, 1_000_000),
    st.integers(0, 1000),
    st.sampled_from(list(Closeness)),
    st.sampled_from(list(Purpose)),
)
def test_sub_groups_always_cover_the_target_within_the_limit(
    target, cap, admins, closeness, purpose
):
    result = plan_groups(
        GroupSizeInput(
            target_members=target,
            group_cap=cap,
            admins_available=admins,
            closeness=closeness,
            purpose=purpose,
        )
    )
    assert result.groups * result.group_size_limit >= target
    assert result.groups * result.members_per_group >= target
    assert result.members_per_group <= result.group_size_limit <= cap
    assert result.groups == 1 or (result.groups - 1) * result.members_per_group < target
    assert result.admins_needed >= result.groups
    assert result.core_to_recruit == min(target, max(2 * result.groups, result.creators))
    assert 1 <= result.core_to_recruit <= target
    # the rhythm follows the mode: a small circle never gets more events than a larger group
    if result.group_mode is Mode.SEMI_ACQUAINTANCE:
        assert result.cadence.themed_events_per_month == 1
    assert result.sub_groups_advised == (
        result.group_mode is Mode.LARGE and purpose is Purpose.DISCUSSION
    )


@given(st.integers(0, 100_000))
def test_ties_are_the_number_of_pairs(n):
    assert pairwise_ties(n) == math.comb(n, 2)

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
    Mode,
    dunbar_layer,
    interaction_mode,
    pairwise_ties,
    plan_groups,
)


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
    assert result.cadence.moderation == "daily_per_group"
    assert result.layer == 1500


def test_the_platform_cap_binds_when_it_is_smaller():
    result = plan_groups(
        GroupSizeInput(target_members=1000, group_cap=200, admins_available=0, closeness="broad")
    )
    assert (result.group_size_limit, result.limited_by) == (200, "platform")
    assert (result.groups, result.members_per_group) == (5, 200)
    assert result.group_mode is Mode.SPLIT  # 200 a group is still above ~150


@pytest.mark.parametrize(
    ("n", "layer", "mode"),
    [
        (1, 5, "semi_acquaintance"),
        (50, 50, "semi_acquaintance"),
        (51, 150, "semi_stranger"),
        (150, 150, "semi_stranger"),
        (151, 500, "split"),
        (1500, 1500, "split"),
        (1501, None, "split"),
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
)
def test_sub_groups_always_cover_the_target_within_the_limit(target, cap, admins, closeness):
    result = plan_groups(
        GroupSizeInput(
            target_members=target, group_cap=cap, admins_available=admins, closeness=closeness
        )
    )
    assert result.groups * result.group_size_limit >= target
    assert result.groups * result.members_per_group >= target
    assert result.members_per_group <= result.group_size_limit <= cap
    assert result.groups == 1 or (result.groups - 1) * result.members_per_group < target
    assert result.admins_needed >= result.groups
    assert result.core_to_recruit >= 2 * result.groups


@given(st.integers(0, 100_000))
def test_ties_are_the_number_of_pairs(n):
    assert pairwise_ties(n) == math.comb(n, 2)

"""Group-size calculator: how big one group should be, and how to split a community.

Facts behind the figures (shown with their sources in the page):
- Dunbar's layers of about 5 / 15 / 50 / 150 / 500 / 1,500 relationships, each roughly
  three times the last; ~150 is the limit on stable relationships
  (Zhou, Sornette, Hill & Dunbar 2005, Proc. R. Soc. B 272:439–444).
- The seed's rule of thumb: up to ~50 members a group keeps talking on shared interests
  by itself (semi-acquaintance); above ~50 it needs strong rules and activities
  (semi-stranger sharing); above ~150 it should be split into sub-groups.
- The 90-9-1 participation pattern: ~1% of members create most content, ~9% contribute
  now and then, ~90% mostly read (Nielsen 2006, "Participation Inequality").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DUNBAR_LAYERS: tuple[int, ...] = (5, 15, 50, 150, 500, 1500)
SEMI_ACQUAINTANCE_MAX = 50
STABLE_MAX = 150
CREATOR_SHARE = 0.01
CONTRIBUTOR_SHARE = 0.09
# Stated staffing assumption: one admin per group, plus one more for every further
# MEMBERS_PER_EXTRA_ADMIN members in groups that run on rules and activities.
MEMBERS_PER_EXTRA_ADMIN = 100
MAX_MEMBERS = 10_000_000


class Closeness(StrEnum):
    CLOSE = "close"  # a semi-acquaintance circle: at most ~50 per group
    STABLE = "stable"  # a group people can still know: at most ~150 per group
    BROAD = "broad"  # as large as the platform allows


CLOSENESS_LIMIT: dict[Closeness, int | None] = {
    Closeness.CLOSE: SEMI_ACQUAINTANCE_MAX,
    Closeness.STABLE: STABLE_MAX,
    Closeness.BROAD: None,
}


class Mode(StrEnum):
    SEMI_ACQUAINTANCE = "semi_acquaintance"  # <= ~50
    SEMI_STRANGER = "semi_stranger"  # ~51..150: needs rules and activities
    SPLIT = "split"  # > ~150: split into sub-groups


class GroupSizeInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_members: int = Field(ge=1, le=MAX_MEMBERS)
    platform: str | None = Field(default=None, max_length=40)  # where group_cap came from
    group_cap: int = Field(ge=2, le=1_000_000)
    admins_available: int = Field(ge=0, le=100_000)
    closeness: Closeness = Closeness.STABLE


EXAMPLE: dict[str, Any] = {
    "target_members": 1000,
    "platform": "wechat_group",
    "group_cap": 500,
    "admins_available": 2,
    "closeness": "stable",
}


def effective(saved: Mapping[str, Any] | None) -> dict[str, Any]:
    """The example overlaid with what a team saved."""
    return EXAMPLE | dict(saved or {})


def from_section(saved: Mapping[str, Any] | None) -> GroupSizeInput:
    """The calculator's input from a plan's stored section (raises ValidationError)."""
    return GroupSizeInput.model_validate(effective(saved))


class Cadence(BaseModel):
    topics_per_week: int
    themed_events_per_month: int
    moderation: Literal["light", "daily", "daily_per_group"]


class GroupSizeResult(BaseModel):
    target_members: int
    layer: int | None  # the smallest Dunbar layer that holds the target; None beyond 1,500
    target_mode: Mode  # the mode one group of the whole target would be in
    group_size_limit: int  # the largest group allowed by cap and closeness
    limited_by: Literal["platform", "closeness"]
    groups: int
    members_per_group: int  # the largest sub-group after an even split
    group_mode: Mode  # the mode each sub-group is in
    ties_one_group: int  # pairwise ties if everyone were in one group
    ties_per_group: int
    admins_needed: int
    admin_shortfall: int
    creators: int  # ~1% who create
    contributors: int  # ~9% who contribute
    core_to_recruit: int  # opinion leaders / core members: max(2 per group, ~1%)
    cadence: Cadence


def pairwise_ties(n: int) -> int:
    """Possible one-to-one relationships among ``n`` people: n(n-1)/2."""
    return n * (n - 1) // 2


def dunbar_layer(n: int) -> int | None:
    """The smallest Dunbar layer that holds ``n`` people (None beyond the last)."""
    return next((layer for layer in DUNBAR_LAYERS if n <= layer), None)


def interaction_mode(n: int) -> Mode:
    if n <= SEMI_ACQUAINTANCE_MAX:
        return Mode.SEMI_ACQUAINTANCE
    if n <= STABLE_MAX:
        return Mode.SEMI_STRANGER
    return Mode.SPLIT


CADENCE: dict[Mode, Cadence] = {
    # small circles talk by themselves: keep topics light, meet monthly
    Mode.SEMI_ACQUAINTANCE: Cadence(
        topics_per_week=1, themed_events_per_month=1, moderation="light"
    ),
    # semi-strangers need rhythm: a topic most days, a themed activity every week
    Mode.SEMI_STRANGER: Cadence(topics_per_week=3, themed_events_per_month=4, moderation="daily"),
    # a split community: each sub-group as semi-strangers, plus cross-group events
    Mode.SPLIT: Cadence(topics_per_week=3, themed_events_per_month=4, moderation="daily_per_group"),
}


def admins_for_group(members: int) -> int:
    if interaction_mode(members) is Mode.SEMI_ACQUAINTANCE:
        return 1
    return 1 + (members - 1) // MEMBERS_PER_EXTRA_ADMIN


def plan_groups(data: GroupSizeInput) -> GroupSizeResult:
    closeness_limit = CLOSENESS_LIMIT[data.closeness]
    if closeness_limit is not None and closeness_limit < data.group_cap:
        limit, limited_by = closeness_limit, "closeness"
    else:
        limit, limited_by = data.group_cap, "platform"
    groups = math.ceil(data.target_members / limit)
    per_group = math.ceil(data.target_members / groups)
    # an even split: (target % groups) groups of per_group, the rest one fewer
    full = data.target_members - (per_group - 1) * groups
    admins = full * admins_for_group(per_group) + (groups - full) * admins_for_group(
        max(per_group - 1, 1)
    )
    group_mode = interaction_mode(per_group)
    cadence = CADENCE[group_mode if groups == 1 else Mode.SPLIT]
    creators = math.ceil(data.target_members * CREATOR_SHARE)
    return GroupSizeResult(
        target_members=data.target_members,
        layer=dunbar_layer(data.target_members),
        target_mode=interaction_mode(data.target_members),
        group_size_limit=limit,
        limited_by=limited_by,
        groups=groups,
        members_per_group=per_group,
        group_mode=group_mode,
        ties_one_group=pairwise_ties(data.target_members),
        ties_per_group=pairwise_ties(per_group),
        admins_needed=admins,
        admin_shortfall=max(0, admins - data.admins_available),
        creators=creators,
        contributors=math.ceil(data.target_members * CONTRIBUTOR_SHARE),
        core_to_recruit=max(2 * groups, creators),
        cadence=cadence,
    )


def group_sizes(target: int, groups: int) -> list[int]:
    """Members in each group after an even split (largest first)."""
    base, extra = divmod(target, groups)
    return [base + 1] * extra + [base] * (groups - extra)


def ties_curve(up_to: int, points: int = 80) -> list[tuple[int, int]]:
    """(group size, pairwise ties) from 2 to ``up_to`` people, for a chart."""
    up_to = max(up_to, 3)
    sizes = sorted({round(2 + (up_to - 2) * i / (points - 1)) for i in range(points)})
    return [(n, pairwise_ties(n)) for n in sizes]


def split_summary(result: GroupSizeResult) -> dict[str, int]:
    """How the even split falls: ``full`` groups of ``per_group``, ``rest`` of ``smaller``."""
    sizes = group_sizes(result.target_members, result.groups)
    rest = sum(1 for size in sizes if size < sizes[0])
    return {
        "groups": result.groups,
        "full": result.groups - rest,
        "per_group": sizes[0],
        "rest": rest,
        "smaller": sizes[-1],
    }

"""Group-size calculator: how big one group should be, and how to split a community.

Facts behind the figures (shown with their sources on the page):
- Dunbar's layers of about 5 / 15 / 50 / 150 / 500 / 1,500; ~150 is the limit on stable
  relationships (Zhou, Sornette, Hill & Dunbar 2005, Proc. R. Soc. B 272:439–444).
- The source (Q&A, question 2): below ~50 members a group talks by itself; above ~50 it
  needs rules and activities; large loose groups are "not wrong" for after-sales and
  consulting, but veterans fall silent in them. Sub-groups: question 1 §5, no number.
- 90-9-1 participation (Nielsen 2006, "Participation Inequality").
The tool's own assumptions (not a source's figures) are listed in ``ASSUMPTIONS``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

DUNBAR_LAYERS: tuple[int, ...] = (5, 15, 50, 150, 500, 1500)
SEMI_ACQUAINTANCE_MAX = 50
STABLE_MAX = 150
CREATOR_SHARE = 0.01
CONTRIBUTOR_SHARE = 0.09
# Figures this tool assumes, each with its basis on the page (texts ``gs.assume.<id>``).
ASSUMPTIONS: tuple[str, ...] = ("cadence", "leaders", "admins", "promo")
MEMBERS_PER_EXTRA_ADMIN = 100
LEADERS_PER_GROUP = 2
MAX_MEMBERS = 10_000_000
MAX_CAP = 1_000_000


class Closeness(StrEnum):
    CLOSE = "close"  # a semi-acquaintance circle: at most ~50 per group
    STABLE = "stable"  # a group people can still know: at most ~150 per group
    BROAD = "broad"  # as large as the platform allows


CLOSENESS_LIMIT: dict[Closeness, int | None] = {
    Closeness.CLOSE: SEMI_ACQUAINTANCE_MAX,
    Closeness.STABLE: STABLE_MAX,
    Closeness.BROAD: None,
}


class Purpose(StrEnum):
    DISCUSSION = "discussion"  # members talk to each other: interest, core, co-creation
    SERVICE = "service"  # after-sales, consulting, notices: members mostly ask the brand


class Mode(StrEnum):
    SEMI_ACQUAINTANCE = "semi_acquaintance"  # <= ~50
    SEMI_STRANGER = "semi_stranger"  # ~51..150: needs rules and activities
    LARGE = "large"  # > ~150: beyond stable relationships


class GroupSizeSection(BaseModel):
    """The group-size inputs as a plan stores them: only what the team changed.

    Every field is optional (the example fills the rest); plans saved before ``purpose``
    existed load unchanged and count as discussion groups.
    """

    model_config = ConfigDict(extra="forbid")

    target_members: int | None = Field(default=None, ge=1, le=MAX_MEMBERS)
    platform: str | None = Field(default=None, max_length=40)
    group_cap: int | None = Field(default=None, ge=2, le=MAX_CAP)
    admins_available: int | None = Field(default=None, ge=0, le=100_000)
    closeness: Closeness | None = None
    purpose: Purpose | None = None

    def __bool__(self) -> bool:
        """False when nothing is set, like the empty section it stands for."""
        return any(getattr(self, name) is not None for name in type(self).model_fields)

    @model_serializer(mode="wrap")
    def _only_what_is_set(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Stored as only the inputs the team changed (``None`` means "the example's")."""
        return {k: v for k, v in handler(self).items() if v is not None}


class GroupSizeInput(BaseModel):
    """What a team enters on the group-size page (stored as ``sections.group_size``)."""

    model_config = ConfigDict(extra="forbid")

    target_members: int = Field(ge=1, le=MAX_MEMBERS)
    platform: str | None = Field(default=None, max_length=40)  # where group_cap came from
    group_cap: int = Field(ge=2, le=MAX_CAP)
    admins_available: int = Field(ge=0, le=100_000)
    closeness: Closeness = Closeness.STABLE
    purpose: Purpose = Purpose.DISCUSSION

    @classmethod
    def from_section(
        cls,
        saved: Mapping[str, Any] | BaseModel | None,
        caps: Mapping[str, int] | None = None,
    ) -> GroupSizeInput:
        """The inputs a plan stores, over the example; a known platform's current cap wins.

        ``caps`` maps platform ids to the cap the platform publishes today, so a plan saved
        when a platform had another cap is computed with today's figure.
        Raises ``pydantic.ValidationError`` when the stored values are out of range.
        """
        if isinstance(saved, BaseModel):
            saved = saved.model_dump(exclude_none=True)
        merged = effective(saved)
        platform = merged.get("platform")
        if caps and isinstance(platform, str) and platform in caps:
            merged["group_cap"] = caps[platform]
        return cls.model_validate(merged)


EXAMPLE: dict[str, Any] = {
    "target_members": 1000,
    "platform": "wechat_group",
    "group_cap": 500,
    "admins_available": 2,
    "closeness": "stable",
    "purpose": "discussion",
}


def effective(saved: Mapping[str, Any] | None) -> dict[str, Any]:
    """The example overlaid with what a team saved."""
    return EXAMPLE | dict(saved or {})


def from_section(
    saved: Mapping[str, Any] | BaseModel | None, caps: Mapping[str, int] | None = None
) -> GroupSizeInput:
    """The calculator's input from a plan's stored section (raises ValidationError);
    ``caps``: each platform's published cap, which wins over a stored copy."""
    return GroupSizeInput.from_section(saved, caps)


class Cadence(BaseModel):
    topics_per_week: int
    themed_events_per_month: int
    moderation: Literal["light", "daily", "service"]
    cross_group_events_per_month: int  # 1 when there are several groups, else 0


class GroupSizeResult(BaseModel):
    target_members: int
    purpose: Purpose
    layer: int | None  # the smallest Dunbar layer that holds the target; None beyond 1,500
    target_mode: Mode  # the mode one group of the whole target would be in
    group_size_limit: int  # the largest group allowed by cap and closeness
    limited_by: Literal["platform", "closeness"]
    groups: int
    members_per_group: int  # the largest sub-group after an even split
    group_mode: Mode  # the mode each sub-group is in
    sub_groups_advised: bool  # a discussion group beyond ~150: divide it into sub-groups
    ties_one_group: int  # pairwise ties if everyone were in one group
    ties_per_group: int
    admins_needed: int
    admin_shortfall: int
    creators: int  # ~1% who create
    contributors: int  # ~9% who contribute
    core_to_recruit: int  # opinion leaders / core members: max(2 per group, ~1%), ≤ target
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
    return Mode.LARGE


# topics a week, themed events a month, moderation: by the kind of group
_RHYTHM: dict[str, tuple[int, int, Literal["light", "daily", "service"]]] = {
    "small": (1, 1, "light"),  # talks on shared interests by itself
    "service": (1, 1, "service"),  # a weekly notice; answers every working day
    "discussion": (3, 4, "daily"),  # needs rules and activities to keep talking
}


def cadence_for(mode: Mode, purpose: Purpose, groups: int) -> Cadence:
    """The rhythm one group needs: fewer organised activities the smaller it is; several
    discussion groups also need one cross-group event a month."""
    if mode is Mode.SEMI_ACQUAINTANCE:
        kind = "small"
    elif purpose is Purpose.SERVICE:
        kind = "service"
    else:
        kind = "discussion"
    topics, events, moderation = _RHYTHM[kind]
    return Cadence(
        topics_per_week=topics,
        themed_events_per_month=events,
        moderation=moderation,
        cross_group_events_per_month=1 if groups > 1 and kind != "service" else 0,
    )


def admins_for_group(members: int) -> int:
    if interaction_mode(members) is Mode.SEMI_ACQUAINTANCE:
        return 1
    return 1 + (members - 1) // MEMBERS_PER_EXTRA_ADMIN


def _limit(data: GroupSizeInput) -> tuple[int, Literal["platform", "closeness"]]:
    closeness_limit = CLOSENESS_LIMIT[data.closeness]
    if closeness_limit is not None and closeness_limit < data.group_cap:
        return closeness_limit, "closeness"
    return data.group_cap, "platform"


def plan_groups(data: GroupSizeInput) -> GroupSizeResult:
    limit, limited_by = _limit(data)
    groups = math.ceil(data.target_members / limit)
    per_group = math.ceil(data.target_members / groups)
    # an even split: (target % groups) groups of per_group, the rest one fewer
    full = data.target_members - (per_group - 1) * groups
    admins = full * admins_for_group(per_group) + (groups - full) * admins_for_group(
        max(per_group - 1, 1)
    )
    group_mode = interaction_mode(per_group)
    creators = math.ceil(data.target_members * CREATOR_SHARE)
    leaders = max(LEADERS_PER_GROUP * groups, creators)
    return GroupSizeResult(
        target_members=data.target_members,
        purpose=data.purpose,
        layer=dunbar_layer(data.target_members),
        target_mode=interaction_mode(data.target_members),
        group_size_limit=limit,
        limited_by=limited_by,
        groups=groups,
        members_per_group=per_group,
        group_mode=group_mode,
        sub_groups_advised=group_mode is Mode.LARGE and data.purpose is Purpose.DISCUSSION,
        ties_one_group=pairwise_ties(data.target_members),
        ties_per_group=pairwise_ties(per_group),
        admins_needed=admins,
        admin_shortfall=max(0, admins - data.admins_available),
        creators=creators,
        contributors=math.ceil(data.target_members * CONTRIBUTOR_SHARE),
        core_to_recruit=min(leaders, data.target_members),
        cadence=cadence_for(group_mode, data.purpose, groups),
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


def mode_key(result: GroupSizeResult) -> str:
    """Which description of a group's mode applies: a large group's depends on its purpose."""
    if result.group_mode is Mode.LARGE:
        return f"large_{result.purpose.value}"
    return result.group_mode.value


def split_key(result: GroupSizeResult) -> str:
    """The message that describes the split without a zero clause."""
    if result.groups == 1:
        return "gs.split_one"
    return "gs.split_even" if split_summary(result)["rest"] == 0 else "gs.split_summary"

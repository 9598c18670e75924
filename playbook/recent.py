"""The plans a browser opened ("my recent plans"), kept in a cookie in that browser.

Nothing about them is kept on the server: the cookie holds, for each plan, only the link it
was opened with (a token, which is what grants access), the link's role and when it was last
opened. The plan's title is read from the store when the list is shown, so a plan renamed,
deleted or whose link was replaced shows as it is now.

The cookie value is ``<token>.<role>.<unix seconds>`` entries joined by ``~`` (characters a
cookie may hold without quoting), newest first, at most :data:`KEEP` of them. A value the
browser sends is untrusted: each entry is validated and any that is not valid is dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from playbook.access import Role
from playbook.ids import PlanId

COOKIE = "playbook_recent"
KEEP = 10
MAX_AGE = 400 * 24 * 3600  # the longest lifetime browsers grant a cookie
MAX_LENGTH = 4096  # what browsers store per cookie; a longer value is not ours
_SEPARATOR = "~"
_EARLIEST = 1_600_000_000  # 2020-09-13: no plan of this playbook was opened before


class RecentPlan(BaseModel):
    """One plan this browser opened: the link's token, its role, when it was last opened."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    token: PlanId
    role: Role
    opened: int = Field(ge=_EARLIEST, lt=2**36)  # unix seconds

    @property
    def opened_at(self) -> datetime:
        return datetime.fromtimestamp(self.opened, UTC)

    def entry(self) -> str:
        return f"{self.token}.{self.role.value}.{self.opened}"


def _entry(text: str) -> RecentPlan | None:
    parts = text.split(".")
    if len(parts) != 3 or not parts[2].isascii() or not parts[2].isdigit():
        return None
    try:
        return RecentPlan(token=parts[0], role=Role(parts[1]), opened=int(parts[2]))
    except (ValidationError, ValueError):
        return None


def parse(value: str | None) -> list[RecentPlan]:
    """The plans in a cookie's value, newest first; whatever is not a valid entry is dropped
    (a tampered or truncated cookie gives the valid part, or nothing)."""
    if not value or len(value) > MAX_LENGTH:
        return []
    plans: list[RecentPlan] = []
    for text in value.split(_SEPARATOR):
        plan = _entry(text)
        if plan is not None and all(p.token != plan.token for p in plans):
            plans.append(plan)
    plans.sort(key=lambda p: p.opened, reverse=True)
    return plans[:KEEP]


def value(plans: list[RecentPlan]) -> str:
    """The cookie's value for ``plans``."""
    return _SEPARATOR.join(p.entry() for p in plans[:KEEP])


def remember(
    plans: list[RecentPlan], token: str, role: Role, now: datetime
) -> tuple[list[RecentPlan], RecentPlan]:
    """``plans`` with ``token`` first (opened ``now``), and that entry; the oldest beyond
    :data:`KEEP` are dropped."""
    entry = RecentPlan(token=token, role=role, opened=int(now.timestamp()))
    return [entry, *(p for p in plans if p.token != token)][:KEEP], entry


def forget(plans: list[RecentPlan], token: str) -> list[RecentPlan]:
    return [p for p in plans if p.token != token]

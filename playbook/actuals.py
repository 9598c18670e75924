"""After launch: the numbers a community records per period (week or month).

Actuals belong to the plan (``sections.actuals``), so every import or edit is a revision
that history can show and restore. Periods are keyed by a slug (``m2026_10`` for a month,
``w2026_43`` for an ISO week) because change-set paths only take slugs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from playbook.content import Strict, Text, read_toml
from playbook.ids import Slug
from playbook.text import ShortText

if TYPE_CHECKING:
    from playbook.plan import Plan

Cadence = Literal["month", "week"]
Aggregate = Literal["last", "sum", "max"]
MetricKind = Literal["count", "rate", "ratio", "money"]
PERIOD_KEY = r"^(m\d{4}_(0[1-9]|1[0-2])|w\d{4}_(0[1-9]|[1-4]\d|5[0-3]))$"
PeriodKey = Annotated[str, StringConstraints(pattern=PERIOD_KEY)]
Count = Annotated[int, Field(ge=0, le=1_000_000_000)]
Money = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]


# -- content -------------------------------------------------------------------------
class FieldDef(Strict):
    id: Slug
    label: Text
    aggregate: Aggregate
    money: bool = False


class TemplateHeaders(Strict):
    period: Text
    group: Text
    custom: Text


class WecomLayout(Strict):
    date: list[str]
    owner: list[str]
    group: list[str]
    ignored: list[str]
    columns: dict[str, Slug]


class MetricDef(Strict):
    id: Slug
    label: Text
    formula: Text
    objective: Slug
    kpi_metric: Slug | None = None
    kind: MetricKind
    lower_is_better: bool = False


class Thresholds(Strict):
    falling_periods: int = Field(ge=2, le=12)
    event_free_above: int = Field(ge=2)
    amber_within: float = Field(ge=0, le=1)
    kept_groups: int = Field(ge=1, le=100)


class ActualsContent(Strict):
    fields: list[FieldDef]
    template: TemplateHeaders
    wecom: WecomLayout
    metrics: list[MetricDef]
    thresholds: Thresholds

    @model_validator(mode="after")
    def _known_fields(self) -> ActualsContent:
        ids = {f.id for f in self.fields}
        if set(ActualValues.model_fields) - {"custom", "largest"} != ids:
            raise ValueError("actuals.toml fields must match the stored period's numbers")
        if not set(self.wecom.columns.values()) <= ids:
            raise ValueError("a WeCom column maps to an unknown field")
        return self

    def field(self, field_id: str) -> FieldDef:
        return next(f for f in self.fields if f.id == field_id)

    def metric(self, metric_id: str) -> MetricDef:
        return next(m for m in self.metrics if m.id == metric_id)


@lru_cache(maxsize=1)
def actuals_content() -> ActualsContent:
    return ActualsContent.model_validate(read_toml("actuals.toml"))


# -- stored numbers ------------------------------------------------------------------
class GroupFacts(BaseModel):
    """One group (or one owner's groups, on average) in a period, for the group rules."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[ShortText, StringConstraints(min_length=1)]
    size: Count  # members per group
    groups: int = Field(default=1, ge=1, le=1_000_000)  # groups the size is an average of
    events: Count | None = None


class ActualValues(BaseModel):
    """What happened in one period; a number left out was not recorded."""

    model_config = ConfigDict(extra="forbid")

    groups: Count | None = None
    members: Count | None = None
    new: Count | None = None
    left: Count | None = None
    posters: Count | None = None
    messages: Count | None = None
    events: Count | None = None
    attendance: Count | None = None
    buyers: Count | None = None
    revenue: Money | None = None
    spend: Money | None = None
    questions: Count | None = None
    answered: Count | None = None
    custom: dict[Slug, Annotated[float, Field(allow_inf_nan=False)]] = Field(
        default_factory=dict, max_length=50
    )
    largest: list[GroupFacts] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _consistent(self) -> ActualValues:
        # counts of a part cannot exceed the whole they are part of
        pairs = (
            ("posters", self.posters, self.members),
            ("buyers", self.buyers, self.members),
            ("answered", self.answered, self.questions),
        )
        for name, part, whole in pairs:
            if part is not None and whole is not None and part > whole:
                raise ValueError(f"actuals_{name}_over:{part}>{whole}")
        if None not in (self.attendance, self.events, self.members):
            assert self.attendance is not None and self.events is not None
            assert self.members is not None
            if self.attendance > self.events * self.members:
                raise ValueError("actuals_attendance_over:")
        return self

    def numbers(self) -> dict[str, float]:
        """The recorded numbers by field id (custom metrics and groups left out)."""
        data = self.model_dump(exclude={"custom", "largest"}, exclude_none=True)
        return {k: float(v) for k, v in data.items()}


class Actuals(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cadence: Cadence = "month"
    periods: dict[PeriodKey, ActualValues] = Field(default_factory=dict, max_length=600)

    @model_validator(mode="after")
    def _one_cadence(self) -> Actuals:
        prefix = self.cadence[0]
        if any(not key.startswith(prefix) for key in self.periods):
            raise ValueError("actuals_cadence_mixed:")
        return self

    def ordered(self) -> list[tuple[str, ActualValues]]:
        return sorted(self.periods.items(), key=lambda item: period_start(item[0]))


def of_plan(plan: Plan) -> Actuals:
    """The plan's actuals (none recorded: an empty monthly record)."""
    return plan.sections.actuals


# -- periods -------------------------------------------------------------------------
def period_key(day: date, cadence: Cadence) -> str:
    if cadence == "month":
        return f"m{day.year}_{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"w{year}_{week:02d}"


def period_start(key: str) -> date:
    year, number = int(key[1:5]), int(key[6:8])
    if key[0] == "m":
        return date(year, number, 1)
    return date.fromisocalendar(year, number, 1)


def period_end(key: str) -> date:
    start = period_start(key)
    if key[0] == "w":
        return start + timedelta(days=6)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_label(key: str) -> str:
    return f"{key[1:5]}-{key[6:8]}" if key[0] == "m" else f"{key[1:5]}-W{key[6:8]}"


def month_of(key: str) -> str:
    """The month a period belongs to (a week: the month of its Thursday, as ISO does)."""
    if key[0] == "m":
        return key
    return period_key(period_start(key) + timedelta(days=3), "month")


_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_WEEK = re.compile(r"^(\d{4})\s*-?\s*[Ww](\d{1,2})$")


def parse_period(text: str, cadence: Cadence) -> str:
    """A period written as ``2026-10``, ``2026年10月``, ``2026-W43`` or a date.

    Raises ``ValueError`` when the text is none of these, or names a month for weekly
    actuals (a week cannot be read from a month)."""
    text = text.strip()
    if found := _MONTH.fullmatch(text):
        if cadence == "week":
            raise ValueError("month_for_weeks")
        return period_key(date(int(found[1]), int(found[2]), 1), "month")
    if found := _WEEK.fullmatch(text):
        week = period_key(date.fromisocalendar(int(found[1]), int(found[2]), 1), "week")
        return month_of(week) if cadence == "month" else week
    return period_key(date.fromisoformat(text.replace("/", "-")), cadence)


_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+[\d:]+)?$")


def read_when(text: str, cadence: Cadence) -> tuple[str | None, date | None]:
    """A cell of the date or period column: its period and the day it stands for."""
    try:
        if found := _DAY.fullmatch(text):
            day = date(int(found[1]), int(found[2]), int(found[3]))
            return period_key(day, cadence), day
        key = parse_period(text, cadence)
    except ValueError:
        return None, None
    return key, period_start(key)


# -- combining periods -----------------------------------------------------------------
def combine(parts: Iterable[ActualValues]) -> ActualValues:
    """Several periods (in time order) as one: weeks into their month."""
    items = list(parts)
    rules = {f.id: f.aggregate for f in actuals_content().fields}
    out: dict[str, Any] = {}
    for field_id, how in rules.items():
        values = [getattr(p, field_id) for p in items if getattr(p, field_id) is not None]
        if values:
            if how == "last":
                out[field_id] = values[-1]
            else:
                out[field_id] = max(values) if how == "max" else sum(values)
    custom: dict[str, float] = {}
    for part in items:
        custom |= part.custom
    out["custom"] = custom
    out["largest"] = next((p.largest for p in reversed(items) if p.largest), [])
    return ActualValues.model_validate(_bounded(out))


def _bounded(out: dict[str, Any]) -> dict[str, Any]:
    """Weeks added into a month may count one person in several weeks; the month's
    posters and buyers are at most its members, its attendance at most a full house at
    every event."""
    members = out.get("members")
    if members is not None:
        for part in ("posters", "buyers"):
            if out.get(part) is not None:
                out[part] = min(out[part], members)
        if out.get("attendance") is not None and out.get("events") is not None:
            out["attendance"] = min(out["attendance"], out["events"] * members)
    return out


def monthly(actuals: Actuals) -> list[tuple[str, ActualValues]]:
    """The actuals month by month (weekly records combined into their months)."""
    ordered = actuals.ordered()
    if actuals.cadence == "month":
        return ordered
    months: dict[str, list[ActualValues]] = {}
    for key, values in ordered:
        months.setdefault(month_of(key), []).append(values)
    return [(key, combine(parts)) for key, parts in sorted(months.items())]

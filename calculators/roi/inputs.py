"""The stored ROI inputs: one typed model that the page, the plan review and the export read.

Every lever (a way the community creates value a finance team can check) is off until the
team turns it on, and every figure is the team's own: nothing is borrowed from the worked
example unless the team asks for it. Inputs that are uncertain ("drivers") carry a range,
which is the team's own value ± ``range_pct`` unless the team states one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, model_validator

MODEL_VERSION: Literal[2] = 2

Money = Annotated[float, Field(ge=0, le=1e10, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Count = Annotated[float, Field(ge=0, le=100_000_000, allow_inf_nan=False)]

Lever = Literal["purchase", "retention", "referral", "support", "content", "other"]
LEVERS: tuple[Lever, ...] = get_args(Lever)

Driver = Literal[
    "new_members_per_month",
    "member_churn_pct",
    "buyer_share_pct",
    "orders_per_buyer",
    "average_order_value",
    "gross_margin_pct",
    "baseline_share_pct",
    "churn_gap_pts",
    "referrals_per_100",
    "saved_cac",
    "questions_per_month",
    "deflection_pct",
    "ticket_cost",
    "ugc_per_month",
    "value_per_piece",
    "other_profit",
]
DRIVERS: tuple[Driver, ...] = get_args(Driver)

# The drivers each lever reads; a driver is uncertain only while a lever that reads it is on.
# Members and what a member buys are read by several levers (and by LTV).
LEVER_DRIVERS: dict[Lever, tuple[Driver, ...]] = {
    "purchase": ("buyer_share_pct", "orders_per_buyer", "average_order_value",
                 "gross_margin_pct", "baseline_share_pct"),
    "retention": ("buyer_share_pct", "orders_per_buyer", "average_order_value",
                  "gross_margin_pct", "baseline_share_pct", "churn_gap_pts"),
    "referral": ("referrals_per_100", "saved_cac"),
    "support": ("questions_per_month", "deflection_pct", "ticket_cost"),
    "content": ("ugc_per_month", "value_per_piece"),
    "other": ("other_profit",),
}  # fmt: skip
MEMBER_DRIVERS: tuple[Driver, ...] = ("new_members_per_month", "member_churn_pct")
MEMBER_LEVERS: tuple[Lever, ...] = ("purchase", "retention", "referral")
RUNNING_COSTS = ("content_cost", "events_cost", "incentives_cost", "tools_cost")


class DriverRange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    low: float = Field(ge=0, le=1e10, allow_inf_nan=False)
    high: float = Field(ge=0, le=1e10, allow_inf_nan=False)

    @model_validator(mode="after")
    def _ordered(self) -> DriverRange:
        if self.low > self.high:
            raise ValueError("range_order")
        return self


class RoiInputs(BaseModel):
    """What a team states about its community (the stored ``sections.roi``)."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[2] = MODEL_VERSION
    # set when the inputs were carried over from the earlier model and the plan's history
    # does not yet say so
    upgraded_from: Literal[1] | None = None
    horizon_months: int = Field(default=24, ge=1, le=60)
    discount_rate_pct: Percent = 0  # a year; 0 leaves cash undiscounted
    range_pct: Percent = 20  # default range of every driver: own value ± this share

    starting_members: int = Field(default=0, ge=0, le=100_000_000)
    new_members_per_month: float = Field(default=0, ge=0, le=10_000_000, allow_inf_nan=False)
    member_churn_pct: Percent = 0

    buyer_share_pct: Percent = 0
    orders_per_buyer: float = Field(default=0, ge=0, le=1000, allow_inf_nan=False)
    average_order_value: Money = 0
    gross_margin_pct: Percent = 0

    purchase_on: bool = False
    baseline_share_pct: Percent = 100  # no uplift until the team states a baseline
    retention_on: bool = False
    churn_gap_pts: Percent = 0  # non-members' monthly churn minus members', in points
    referral_on: bool = False
    referrals_per_100: float = Field(default=0, ge=0, le=1000, allow_inf_nan=False)
    saved_cac: Money = 0
    support_on: bool = False
    questions_per_month: Count = 0
    deflection_pct: Percent = 0
    ticket_cost: Money = 0
    content_on: bool = False
    ugc_per_month: Count = 0
    value_per_piece: Money = 0
    other_on: bool = False
    other_profit: Money = 0

    team_headcount: float = Field(default=0, ge=0, le=10_000, allow_inf_nan=False)
    cost_per_head: Money = 0
    content_cost: Money = 0
    events_cost: Money = 0
    incentives_cost: Money = 0
    tools_cost: Money = 0
    acquisition_share_pct: Percent = 0  # of the running costs, spent on acquiring members
    paid_acquisition_per_member: Money = 0
    setup_cost: Money = 0

    ranges: dict[Driver, DriverRange] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ranges_fit(self) -> RoiInputs:
        for driver, span in self.ranges.items():
            low_bound, high_bound = BOUNDS[driver]
            if span.low < low_bound or span.high > high_bound:
                raise ValueError(f"range_bounds:{driver}")
            if not span.low <= getattr(self, driver) <= span.high:
                raise ValueError(f"range_excludes_base:{driver}")
        return self

    def lever_on(self, lever: Lever) -> bool:
        return bool(getattr(self, f"{lever}_on"))

    def levers_on(self) -> tuple[Lever, ...]:
        return tuple(lever for lever in LEVERS if self.lever_on(lever))

    def running_cost(self) -> float:
        """Monthly running cost: the team and the four budget lines."""
        lines = sum(float(getattr(self, name)) for name in RUNNING_COSTS)
        return self.team_headcount * self.cost_per_head + lines

    def live_drivers(self) -> tuple[Driver, ...]:
        """The drivers some lever that is on reads (member drivers only with a member lever),
        and the number of new members whenever each one costs paid acquisition."""
        on = self.levers_on()
        live: set[Driver] = {d for lever in on for d in LEVER_DRIVERS[lever]}
        if any(lever in MEMBER_LEVERS for lever in on):
            live.update(MEMBER_DRIVERS)
        if self.paid_acquisition_per_member > 0:  # new members cost money either way
            live.add("new_members_per_month")
        return tuple(d for d in DRIVERS if d in live)

    def span(self, driver: Driver) -> tuple[float, float]:
        """The driver's range: the team's own, else its value ± ``range_pct``, kept in bounds."""
        found = self.ranges.get(driver)
        if found is not None:
            return found.low, found.high
        base = float(getattr(self, driver))
        low_bound, high_bound = BOUNDS[driver]
        share = self.range_pct / 100
        return max(low_bound, base * (1 - share)), min(high_bound, base * (1 + share))

    def ranges_holding(self, driver: str, value: float) -> dict[str, dict[str, float]] | None:
        """The team's ranges widened to hold a new value of ``driver``; None when they
        already do (or the driver has no range of the team's own)."""
        found = self.ranges.get(driver)  # type: ignore[call-overload]
        if found is None or found.low <= value <= found.high:
            return None
        spans: dict[str, dict[str, float]] = {d: s.model_dump() for d, s in self.ranges.items()}
        spans[driver] = {"low": min(found.low, value), "high": max(found.high, value)}
        return spans

    def values(self) -> dict[Driver, float]:
        return {d: float(getattr(self, d)) for d in DRIVERS}

    @classmethod
    def from_section(cls, section: RoiInputs | Mapping[str, Any] | None) -> RoiInputs:
        """The inputs of a plan's ``sections.roi`` (stored in any shape this site has used)."""
        if isinstance(section, RoiInputs):
            return section
        from calculators.roi.legacy import stored

        return cls.model_validate(stored(section))


def bounds(name: str) -> tuple[float, float]:
    low, high = 0.0, 1e10
    for item in RoiInputs.model_fields[name].metadata:
        if isinstance(item, annotated_types.Ge):
            low = float(item.ge)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Le):
            high = float(item.le)  # type: ignore[arg-type]
    return low, high


BOUNDS: dict[Driver, tuple[float, float]] = {d: bounds(d) for d in DRIVERS}


# A brand's owners' club, to show how the tool reads; offered with one click, never mixed
# into a team's own figures. Every figure here is an illustration, not a benchmark.
EXAMPLE: dict[str, Any] = {
    "version": MODEL_VERSION,
    "horizon_months": 24,
    "discount_rate_pct": 8,
    "range_pct": 25,
    "starting_members": 2_000,
    "new_members_per_month": 400,
    "member_churn_pct": 4,
    "buyer_share_pct": 15,
    "orders_per_buyer": 1.2,
    "average_order_value": 200,
    "gross_margin_pct": 35,
    "purchase_on": True,
    "baseline_share_pct": 70,
    "retention_on": True,
    "churn_gap_pts": 2,
    "referral_on": True,
    "referrals_per_100": 1,
    "saved_cac": 60,
    "support_on": True,
    "questions_per_month": 600,
    "deflection_pct": 30,
    "ticket_cost": 25,
    "content_on": True,
    "ugc_per_month": 20,
    "value_per_piece": 150,
    "other_on": False,
    "team_headcount": 2,
    "cost_per_head": 15_000,
    "content_cost": 5_000,
    "events_cost": 8_000,
    "incentives_cost": 5_000,
    "tools_cost": 1_000,
    "acquisition_share_pct": 20,
    "paid_acquisition_per_member": 15,
    "setup_cost": 50_000,
}

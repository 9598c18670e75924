"""ROI estimator: a monthly model of a community's members, revenue and costs.

Members follow m_t = m_{t-1}·(1 − churn) + new (churn applied to those present at the start
of the month, newcomers join during it), which has the closed form used here so that the
same code projects one scenario or ten thousand simulated ones at once (numpy arrays).

Stated meanings for the edge cases: with no cost at all, ROI and LTV/CAC are undefined
(None); with no churn, a member's lifetime is taken as the horizon; payback is the first
month whose cumulative cash is at least zero (None when that never happens).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

Money = Annotated[float, Field(ge=0, le=1e10, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]

Driver = Literal[
    "new_members_per_month",
    "monthly_churn_pct",
    "buyer_share_pct",
    "orders_per_buyer",
    "average_order_value",
    "gross_margin_pct",
]
DRIVERS: tuple[Driver, ...] = get_args(Driver)
LOWER_IS_BETTER = {"monthly_churn_pct"}
DRAWS = 10_000


class DriverRange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    low: float = Field(ge=0, le=1e10, allow_inf_nan=False)
    high: float = Field(ge=0, le=1e10, allow_inf_nan=False)

    @model_validator(mode="after")
    def _ordered(self) -> DriverRange:
        if self.low > self.high:
            raise ValueError("range_order")
        return self


class RoiInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    horizon_months: int = Field(default=24, ge=1, le=60)
    starting_members: int = Field(default=0, ge=0, le=100_000_000)
    new_members_per_month: float = Field(default=0, ge=0, le=10_000_000, allow_inf_nan=False)
    monthly_churn_pct: Percent = 0
    buyer_share_pct: Percent = 0
    orders_per_buyer: float = Field(default=0, ge=0, le=1000, allow_inf_nan=False)
    average_order_value: Money = 0
    gross_margin_pct: Percent = 0
    team_headcount: float = Field(default=0, ge=0, le=10_000, allow_inf_nan=False)
    cost_per_head: Money = 0
    content_cost: Money = 0
    events_cost: Money = 0
    incentives_cost: Money = 0
    tools_cost: Money = 0
    paid_acquisition_per_member: Money = 0
    setup_cost: Money = 0
    ranges: dict[Driver, DriverRange] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ranges_hold_the_base(self) -> RoiInput:
        for driver, span in self.ranges.items():
            base = getattr(self, driver)
            if not span.low <= base <= span.high:
                raise ValueError(f"range_excludes_base:{driver}")
            if driver.endswith("_pct") and span.high > 100:
                raise ValueError(f"range_over_100:{driver}")
        return self

    def monthly_fixed_cost(self) -> float:
        return (
            self.team_headcount * self.cost_per_head
            + self.content_cost
            + self.events_cost
            + self.incentives_cost
            + self.tools_cost
        )

    def span(self, driver: Driver) -> tuple[float, float]:
        base = getattr(self, driver)
        found = self.ranges.get(driver)
        return (found.low, found.high) if found else (base, base)


# A worked example shown until a team enters its own figures (a brand's owners' club).
EXAMPLE: dict[str, Any] = {
    "horizon_months": 24,
    "starting_members": 2_000,
    "new_members_per_month": 400,
    "monthly_churn_pct": 4,
    "buyer_share_pct": 15,
    "orders_per_buyer": 1.2,
    "average_order_value": 200,
    "gross_margin_pct": 35,
    "team_headcount": 2,
    "cost_per_head": 15_000,
    "content_cost": 5_000,
    "events_cost": 8_000,
    "incentives_cost": 5_000,
    "tools_cost": 1_000,
    "paid_acquisition_per_member": 15,
    "setup_cost": 50_000,
    "ranges": {
        "new_members_per_month": {"low": 250, "high": 600},
        "monthly_churn_pct": {"low": 2.5, "high": 7},
        "buyer_share_pct": {"low": 10, "high": 20},
        "orders_per_buyer": {"low": 0.8, "high": 1.5},
        "average_order_value": {"low": 160, "high": 240},
        "gross_margin_pct": {"low": 30, "high": 40},
    },
}


def effective(saved: Mapping[str, Any] | None) -> dict[str, Any]:
    """The example overlaid with what a team saved (ranges merged driver by driver)."""
    saved = dict(saved or {})
    ranges = {k: dict(v) for k, v in EXAMPLE["ranges"].items()}
    for driver, span in (saved.pop("ranges", None) or {}).items():
        ranges[driver] = ranges.get(driver, {}) | dict(span or {})
    return EXAMPLE | saved | {"ranges": ranges}


def from_section(saved: Mapping[str, Any] | None) -> RoiInput:
    """The estimator's input from a plan's stored section (raises ValidationError)."""
    return RoiInput.model_validate(effective(saved))


class Month(BaseModel):
    month: int
    members: float
    buyers: float
    revenue: float
    gross_profit: float
    cost: float
    net: float
    cumulative: float


class Outcome(BaseModel):
    months: list[Month]
    revenue: float
    gross_profit: float
    cost: float
    net: float
    roi_pct: float | None
    payback_month: int | None
    ltv: float
    member_lifetime_months: float
    cac: float | None  # all community costs per member acquired
    paid_cac: float
    ltv_to_cac: float | None


class Band(BaseModel):
    p10: list[float]
    p50: list[float]
    p90: list[float]
    roi_p10: float | None
    roi_p50: float | None
    roi_p90: float | None
    draws: int


class TornadoBar(BaseModel):
    driver: Driver
    roi_at_low: float
    roi_at_high: float
    swing: float


class RoiResult(BaseModel):
    base: Outcome
    low: Outcome
    high: Outcome
    band: Band
    tornado: list[TornadoBar]


def _project(values: dict[str, np.ndarray], data: RoiInput) -> dict[str, np.ndarray]:
    """Monthly arrays of shape (scenarios, months) for driver arrays of shape (scenarios,)."""
    months = np.arange(1, data.horizon_months + 1, dtype=float)
    churn = values["monthly_churn_pct"][:, None] / 100
    new = values["new_members_per_month"][:, None]
    keep = (1 - churn) ** months[None, :]
    grown = np.divide(
        1 - keep, churn, out=np.broadcast_to(months, keep.shape).copy(), where=churn > 0
    )
    members = data.starting_members * keep + new * grown
    buyers = members * values["buyer_share_pct"][:, None] / 100
    revenue = buyers * values["orders_per_buyer"][:, None] * values["average_order_value"][:, None]
    gross_profit = revenue * values["gross_margin_pct"][:, None] / 100
    cost = np.broadcast_to(
        data.monthly_fixed_cost() + new * data.paid_acquisition_per_member, members.shape
    ).copy()
    cost[:, 0] += data.setup_cost
    net = gross_profit - cost
    return {
        "members": members,
        "buyers": buyers,
        "revenue": revenue,
        "gross_profit": gross_profit,
        "cost": cost,
        "net": net,
        "cumulative": np.cumsum(net, axis=1),
    }


def _roi(net: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """ROI % per scenario (NaN where nothing was spent)."""
    total_cost = cost.sum(axis=1)
    return np.divide(
        net.sum(axis=1) * 100,
        total_cost,
        out=np.full(total_cost.shape, np.nan),
        where=total_cost > 0,
    )


def _point(data: RoiInput, overrides: dict[str, float] | None = None) -> dict[str, np.ndarray]:
    values = {d: np.array([float(getattr(data, d))]) for d in DRIVERS}
    for key, value in (overrides or {}).items():
        values[key] = np.array([float(value)])
    return _project(values, data)


def outcome(data: RoiInput, overrides: dict[str, float] | None = None) -> Outcome:
    """One deterministic scenario (the base case, or the base with some drivers changed)."""
    arrays = {k: v[0] for k, v in _point(data, overrides).items()}
    drivers = {d: float(getattr(data, d)) for d in DRIVERS} | (overrides or {})
    months = [
        Month(
            month=i + 1,
            **{k: float(arrays[k][i]) for k in ("members", "buyers", "revenue", "gross_profit")},
            cost=float(arrays["cost"][i]),
            net=float(arrays["net"][i]),
            cumulative=float(arrays["cumulative"][i]),
        )
        for i in range(data.horizon_months)
    ]
    cost = float(arrays["cost"].sum())
    net = float(arrays["net"].sum())
    paid_back = np.flatnonzero(arrays["cumulative"] >= 0)
    churn = drivers["monthly_churn_pct"] / 100
    lifetime = 1 / churn if churn > 0 else float(data.horizon_months)
    per_member_month = (
        drivers["buyer_share_pct"]
        / 100
        * drivers["orders_per_buyer"]
        * drivers["average_order_value"]
        * drivers["gross_margin_pct"]
        / 100
    )
    ltv = per_member_month * lifetime
    acquired = drivers["new_members_per_month"] * data.horizon_months
    cac = cost / acquired if acquired > 0 else None
    return Outcome(
        months=months,
        revenue=float(arrays["revenue"].sum()),
        gross_profit=float(arrays["gross_profit"].sum()),
        cost=cost,
        net=net,
        roi_pct=net / cost * 100 if cost > 0 else None,
        payback_month=int(paid_back[0]) + 1 if paid_back.size else None,
        ltv=ltv,
        member_lifetime_months=lifetime,
        cac=cac,
        paid_cac=data.paid_acquisition_per_member,
        ltv_to_cac=ltv / cac if cac else None,
    )


def scenario(data: RoiInput, which: Literal["low", "high"]) -> Outcome:
    """Every driver at the pessimistic (low) or optimistic (high) end of its range."""
    chosen = {}
    for driver in DRIVERS:
        low, high = data.span(driver)
        optimistic = high if driver not in LOWER_IS_BETTER else low
        pessimistic = low if driver not in LOWER_IS_BETTER else high
        chosen[driver] = optimistic if which == "high" else pessimistic
    return outcome(data, chosen)


def _nan_to_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def simulate(data: RoiInput, draws: int = DRAWS, seed: int = 20_261_123) -> Band:
    """P10/P50/P90 of cumulative cash from ``draws`` scenarios, each driver drawn from a
    triangular distribution over (low, base, high) independently."""
    rng = np.random.default_rng(seed)
    values = {}
    for driver in DRIVERS:
        low, high = data.span(driver)
        base = float(getattr(data, driver))
        if high > low:
            values[driver] = rng.triangular(low, base, high, size=draws)
        else:
            values[driver] = np.full(draws, base)
    arrays = _project(values, data)
    p10, p50, p90 = np.percentile(arrays["cumulative"], [10, 50, 90], axis=0)
    roi = _roi(arrays["net"], arrays["cost"])
    all_nan = np.isnan(roi).all()
    roi_p = np.full(3, np.nan) if all_nan else np.nanpercentile(roi, [10, 50, 90])
    return Band(
        p10=p10.tolist(),
        p50=p50.tolist(),
        p90=p90.tolist(),
        roi_p10=_nan_to_none(roi_p[0]),
        roi_p50=_nan_to_none(roi_p[1]),
        roi_p90=_nan_to_none(roi_p[2]),
        draws=draws,
    )


def tornado(data: RoiInput) -> list[TornadoBar]:
    """ROI at each end of each driver's range, the others at base; widest swing first."""
    bars = []
    for driver in DRIVERS:
        low, high = data.span(driver)
        if high <= low:
            continue
        at_low = outcome(data, {driver: low}).roi_pct
        at_high = outcome(data, {driver: high}).roi_pct
        if at_low is None or at_high is None:
            continue
        bars.append(
            TornadoBar(
                driver=driver, roi_at_low=at_low, roi_at_high=at_high, swing=abs(at_high - at_low)
            )
        )
    return sorted(bars, key=lambda bar: bar.swing, reverse=True)


def estimate(data: RoiInput, draws: int = DRAWS) -> RoiResult:
    return RoiResult(
        base=outcome(data),
        low=scenario(data, "low"),
        high=scenario(data, "high"),
        band=simulate(data, draws),
        tornado=tornado(data),
    )

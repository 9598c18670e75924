"""One deterministic scenario and the figures a finance reader asks for.

Stated meanings: ROI = (incremental value − cost) ÷ cost over the horizon, undefined when
nothing is spent; payback is the first month after which cumulative cash stays ≥ 0;
NPV discounts month t's net cash by t months at the stated annual rate; a member's
expected stay is counted within the horizon (so LTV is finite and continuous at 0%
churn); CAC = paid acquisition per new member + the share of running costs the team
marks as acquisition, spread over the members acquired in a month.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from pydantic import BaseModel, ConfigDict

from calculators.roi.inputs import Driver, Lever, RoiInputs
from calculators.roi.model import (
    kept_months,
    npv,
    per_member_profit,
    point,
    project,
    roi_pct,
    sustained_payback,
)


class Month(BaseModel):
    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    month: int
    members: float
    value: float
    cost: float
    net: float
    cumulative: float


class Cac(BaseModel):
    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    paid: float  # paid acquisition per new member
    shared: float  # running costs marked as acquisition, per new member
    total: float


class Outcome(BaseModel):
    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    months: list[Month]
    by_lever: dict[Lever, float]  # value over the horizon, levers that are on
    value: float
    cost: float
    net: float
    npv: float
    roi_pct: float | None
    payback_month: int | None
    ltv: float  # incremental value of one member over their expected stay
    stay_months: float  # expected months a member stays, within the horizon
    cac: Cac | None  # None when no member is acquired
    ltv_to_cac: float | None


def _optional(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def member_ltv(data: RoiInputs, values: Mapping[Driver, float]) -> tuple[float, float]:
    """(LTV, expected stay): a member joining in month 1, over the horizon."""
    horizon = np.array([float(data.horizon_months)])
    churn = np.array([values["member_churn_pct"] / 100])
    stay = float(kept_months(churn, horizon)[0])
    profit = float(per_member_profit({k: np.array(v) for k, v in values.items()}))
    anyway = values["baseline_share_pct"] / 100
    ltv = 0.0
    if data.purchase_on:
        ltv += profit * (1 - anyway) * stay
    if data.retention_on:
        outside = np.minimum(churn + values["churn_gap_pts"] / 100, 1.0)
        ltv += profit * anyway * (stay - float(kept_months(outside, horizon)[0]))
    if data.referral_on:
        ltv += values["referrals_per_100"] / 100 * values["saved_cac"] * stay
    return ltv, stay


def member_cac(data: RoiInputs, values: Mapping[Driver, float]) -> Cac | None:
    new = values["new_members_per_month"]
    if new <= 0:
        return None
    shared = data.running_cost() * data.acquisition_share_pct / 100 / new
    if not math.isfinite(shared):  # a vanishing number of new members: no meaningful CAC
        return None
    return Cac(
        paid=data.paid_acquisition_per_member,
        shared=shared,
        total=data.paid_acquisition_per_member + shared,
    )


def outcome(data: RoiInputs, overrides: Mapping[Driver, float] | None = None) -> Outcome:
    """The base case, or the base with some drivers replaced."""
    values = data.values() | dict(overrides or {})
    arrays = {k: v[0] for k, v in project(data, point(data, overrides), detail=True).items()}
    months = [
        Month(
            month=i + 1,
            members=float(arrays["members"][i]),
            value=float(arrays["value"][i]),
            cost=float(arrays["cost"][i]),
            net=float(arrays["net"][i]),
            cumulative=float(arrays["cumulative"][i]),
        )
        for i in range(data.horizon_months)
    ]
    paid_back = int(sustained_payback(arrays["cumulative"][None, :])[0])
    roi = float(roi_pct(arrays["value_total"], arrays["cost_total"]))
    ltv, stay = member_ltv(data, values)
    cac = member_cac(data, values)
    ratio = ltv / cac.total if cac is not None and cac.total > 0 else None
    return Outcome(
        months=months,
        by_lever={k: float(arrays[f"lever_{k}"].sum()) for k in data.levers_on()},
        value=float(arrays["value"].sum()),
        cost=float(arrays["cost"].sum()),
        net=float(arrays["net"].sum()),
        npv=float(npv(arrays["net"][None, :], data.discount_rate_pct)[0]),
        roi_pct=_optional(roi),
        payback_month=paid_back or None,
        ltv=ltv,
        stay_months=stay,
        cac=cac,
        ltv_to_cac=None if ratio is None else _optional(ratio),
    )

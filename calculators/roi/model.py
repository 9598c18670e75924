"""The monthly model: members, the value each lever adds, costs and cash.

Members follow m(t) = m(t−1)·(1 − c) + n (churn on those present at the start of a month,
newcomers join during it). Its closed form is written with log1p/expm1,
m(t) = s·(1 − c)^t + n·(−expm1(t·log1p(−c)) / c), which stays exact for a churn as small
as 1e-300 and tends to s + n·t at c = 0, so one code path projects one scenario or ten
thousand simulated ones (numpy arrays of shape (scenarios, months)). A simulation's ROI
needs only each scenario's totals over the horizon: :func:`totals` sums the members month
by month on (scenarios, 1) vectors instead (a test holds the two equal).

Value is *incremental*: what the community adds beyond what members would have done
without it.
- purchase: members' gross profit × (1 − the share they would have bought anyway);
- retention: the members kept because members churn less than non-members, × the gross
  profit they would have brought as ordinary customers (the baseline share);
- referral: new customers members bring × the paid acquisition cost each one saves;
- support: questions answered in the community × the share that would otherwise have
  become a ticket × the cost of a ticket;
- content: pieces members create × what a comparable piece would cost to commission;
- other: profit from non-purchase revenue (paid membership, courses, events).
The purchase and retention terms add up, for a kept member, to all of their gross profit,
so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from calculators.roi.inputs import Driver, Lever, RoiInputs

Arrays = dict[str, np.ndarray]


def kept_months(churn: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Σ_{k<t} (1 − c)^k = −expm1(t·log1p(−c)) / c, and t when c = 0 (shape broadcast)."""
    return _grown(churn, months)[1]


def _grown(churn: np.ndarray, months: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((1 − c)^t − 1, Σ_{k<t} (1 − c)^k), both from one expm1 (c = 1 gives log1p = −inf).

    Full-size (scenarios, months) arrays are few and reused in place, and dividing by c is
    a product with 1/c per scenario: on this machine a fresh full-size array or a division
    by a broadcast column each cost several times an in-place product."""
    with np.errstate(divide="ignore", invalid="ignore"):
        gone = months * np.log1p(-churn)
        np.expm1(gone, out=gone)
    # below 1e-300, t·c is below 1e-298 and the sum is t to every digit a double holds
    # (1/c would overflow for the smallest subnormal churns)
    positive = churn > 1e-300
    inverse = np.divide(-1.0, churn, out=np.zeros(np.shape(churn)), where=positive)
    grown = gone * inverse
    if not positive.all():
        grown = np.where(positive, grown, months)
    return gone, grown


def _add(total: np.ndarray, part: np.ndarray) -> np.ndarray:
    """``total + part``, in place when ``total`` already has the result's shape."""
    if np.broadcast_shapes(total.shape, np.shape(part)) == total.shape:
        total += part
        return total
    return total + part


def _times(total: np.ndarray, factor: np.ndarray | float) -> np.ndarray:
    """``total × factor``, in place when ``total`` already has the result's shape."""
    if np.broadcast_shapes(total.shape, np.shape(factor)) == total.shape:
        total *= factor
        return total
    return total * factor


def members(start: float, new: np.ndarray, churn: np.ndarray, months: np.ndarray) -> np.ndarray:
    """s·(1 − c)^t + n·Σ_{k<t} (1 − c)^k (a fresh array the caller may change)."""
    gone, grown = _grown(churn, months)
    gone += 1.0
    gone *= start
    return _add(_times(grown, new), gone)


def per_member_profit(v: Mapping[Driver, np.ndarray]) -> np.ndarray:
    """Gross profit a member brings in a month: share buying × orders × order value × margin."""
    return (
        v["buyer_share_pct"]
        / 100
        * v["orders_per_buyer"]
        * v["average_order_value"]
        * v["gross_margin_pct"]
        / 100
    )


def lever_rates(data: RoiInputs, v: Mapping[Driver, np.ndarray]) -> dict[Lever, np.ndarray]:
    """Per scenario (shape (scenarios, 1)): value a member brings a month for purchase and
    referral, a kept member's baseline profit for retention, a month's value otherwise."""
    profit = per_member_profit(v)
    anyway = v["baseline_share_pct"] / 100
    rates = {
        "purchase": profit * (1 - anyway),
        "retention": profit * anyway,
        "referral": v["referrals_per_100"] / 100 * v["saved_cac"],
        "support": v["questions_per_month"] * (v["deflection_pct"] / 100) * v["ticket_cost"],
        "content": v["ugc_per_month"] * v["value_per_piece"],
        "other": v["other_profit"],
    }
    return {lever: rates[lever] for lever in data.levers_on()}


def _combined(rates: Mapping[Lever, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(value a member brings a month, value a month regardless of members), per scenario."""
    per_member = sum((rates[k] for k in ("purchase", "referral") if k in rates), np.zeros((1, 1)))
    flat = sum((rates[k] for k in ("support", "content", "other") if k in rates), np.zeros((1, 1)))
    return per_member, flat


def project(data: RoiInputs, v: Mapping[Driver, np.ndarray], detail: bool = False) -> Arrays:
    """Arrays of shape (scenarios, months) — members, value, cumulative cash — and the
    totals per scenario, for drivers of shape (scenarios, 1). With ``detail``, also each
    month's cost and net cash and each lever's value (for one scenario's table and chart).

    Per-member rates are combined per scenario before they meet the (scenarios, months)
    member counts, which keeps a 10,000-scenario run to a handful of full-size operations.
    """
    months = np.arange(1, data.horizon_months + 1, dtype=float)[None, :]
    churn = v["member_churn_pct"] / 100
    new = v["new_members_per_month"]
    shape = (max(a.shape[0] for a in v.values()), data.horizon_months)
    m = members(data.starting_members, new, churn, months)
    rates = lever_rates(data, v)
    per_member, flat = _combined(rates)
    value = _add(m * per_member, flat)
    retained = np.zeros((1, 1))
    if "retention" in rates:
        outside = np.minimum(churn + v["churn_gap_pts"] / 100, 1.0)
        lost = members(data.starting_members, new, outside, months)
        retained = _times(np.subtract(m, lost, out=lost) if lost.shape == m.shape else m - lost,
                          rates["retention"])  # fmt: skip
        value = _add(value, retained)
    value = np.broadcast_to(value, shape)
    monthly, cost_total = _costs(data, new)
    out: Arrays = {
        "members": np.broadcast_to(m, shape),
        "value": value,
        "value_total": value.sum(axis=1),
        "cost_total": np.broadcast_to(cost_total, shape[:1]),
    }
    net = value - monthly
    net[:, 0] -= data.setup_cost
    if detail:
        cost = np.broadcast_to(monthly, shape).copy()
        cost[:, 0] += data.setup_cost
        out |= {"cost": cost, "net": net.copy()}
        for lever, rate in rates.items():
            if lever == "retention":
                out[f"lever_{lever}"] = np.broadcast_to(retained, shape)
            else:
                basis = m if lever in ("purchase", "referral") else np.ones((1, 1))
                out[f"lever_{lever}"] = np.broadcast_to(basis * rate, shape)
    out["cumulative"] = np.cumsum(net, axis=1, out=net)
    return out


def _costs(data: RoiInputs, new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The monthly cost (shape (scenarios, 1): running cost and paid acquisition of the
    new members) and the horizon's cost per scenario (with the setup cost)."""
    monthly = data.running_cost() + new * data.paid_acquisition_per_member
    return monthly, np.ravel(monthly) * data.horizon_months + data.setup_cost


def member_months(start: float, new: np.ndarray, churn: np.ndarray, horizon: int) -> np.ndarray:
    """Σ_{t=1..T} m(t) per scenario (shape (scenarios, 1)), month by month with
    m(t) = m(t−1)·(1 − c) + n: each step multiplies by a factor in [0, 1], so it is as exact
    as the closed form, including a churn that rounds 1 − c to 1 (m = s + n·t)."""
    kept = 1.0 - churn
    shape = np.broadcast_shapes(np.shape(new), np.shape(kept))
    current = np.full(shape, float(start))
    total = np.zeros(shape)
    for _ in range(horizon):
        current *= kept
        current += new
        total += current
    return total


def totals(data: RoiInputs, v: Mapping[Driver, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Value and cost over the horizon per scenario (shape (scenarios,)): the sums
    :func:`project` returns as ``value_total`` and ``cost_total``, without its
    (scenarios, months) arrays (a 10,000-draw simulation's ROI in a fifth of the time).

    Every month's value is linear in its member count, so the horizon's value is the rates
    times the members summed over the months."""
    horizon = data.horizon_months
    churn = v["member_churn_pct"] / 100
    new = v["new_members_per_month"]
    rates = lever_rates(data, v)
    per_member, flat = _combined(rates)
    present = member_months(data.starting_members, new, churn, horizon)
    value = present * per_member + flat * horizon
    if "retention" in rates:
        outside = np.minimum(churn + v["churn_gap_pts"] / 100, 1.0)
        lost = member_months(data.starting_members, new, outside, horizon)
        value = value + (present - lost) * rates["retention"]
    scenarios = max(a.shape[0] for a in v.values())
    cost = _costs(data, new)[1]
    return np.broadcast_to(np.ravel(value), (scenarios,)), np.broadcast_to(cost, (scenarios,))


def roi_pct(value_total: np.ndarray, cost_total: np.ndarray) -> np.ndarray:
    """ROI % per scenario over the horizon; NaN where nothing was spent or it overflows."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        roi = (value_total - cost_total) / cost_total * 100
    return np.where((cost_total > 0) & np.isfinite(roi), roi, np.nan)


def sustained_payback(cumulative: np.ndarray) -> np.ndarray:
    """The first month after which cumulative cash stays ≥ 0 (0 where it ends below zero)."""
    months = cumulative.shape[1]
    below = cumulative < 0
    # index of the last month below zero (−1 when never), counted from the start
    last_below = months - 1 - np.argmax(below[:, ::-1], axis=1)
    last_below = np.where(below.any(axis=1), last_below, -1)
    return np.where(below[:, -1], 0, last_below + 2)


def monthly_rate(annual_pct: float) -> float:
    """The monthly rate equivalent to an annual discount rate: (1 + R)^(1/12) − 1."""
    return float(np.expm1(np.log1p(annual_pct / 100) / 12))


def npv(net: np.ndarray, annual_pct: float) -> np.ndarray:
    """Net cash of month t discounted by t months, summed per scenario."""
    months = np.arange(1, net.shape[1] + 1, dtype=float)
    factors = np.exp(-months * np.log1p(monthly_rate(annual_pct)))
    return (net * factors).sum(axis=1)


def point(
    data: RoiInputs, overrides: Mapping[Driver, float] | None = None
) -> dict[Driver, np.ndarray]:
    """Driver arrays of one scenario: the base values, some of them replaced."""
    values = data.values() | dict(overrides or {})
    return {d: np.array([[float(x)]]) for d, x in values.items()}

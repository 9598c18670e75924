"""How uncertain the result is: sensitivity, low/high scenarios and a simulation.

The low and high scenarios are built from the sensitivity: each driver goes to the end of
its range that lowers (low) or raises (high) ROI with the others at base. A fixed
direction would be wrong: more new members lower ROI when each costs more to acquire
than they bring.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from calculators.roi.inputs import Driver, RoiInputs
from calculators.roi.model import project, roi_pct, totals
from calculators.roi.outcome import Outcome, outcome

DRAWS = 10_000
SEED = 20_261_123


class TornadoBar(BaseModel):
    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    driver: Driver
    low: float  # the driver's range
    high: float
    roi_at_low: float
    roi_at_high: float
    swing: float


class Band(BaseModel):
    """ROI over the horizon across the simulated scenarios."""

    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    roi_p10: float | None
    roi_p50: float | None
    roi_p90: float | None
    loss_chance_pct: float | None  # share of scenarios with ROI < 0
    draws: int


class CashBand(BaseModel):
    """Cumulative cash by month across the same simulated scenarios."""

    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    p10: list[float]
    p50: list[float]
    p90: list[float]


class RoiResult(BaseModel):
    model_config = ConfigDict(frozen=True)  # estimates are shared, read-only

    base: Outcome
    low: Outcome
    high: Outcome
    band: Band
    tornado: list[TornadoBar]
    cash: CashBand | None = None  # None when the estimate was asked for without it


def tornado(data: RoiInputs) -> list[TornadoBar]:
    """ROI at each end of each live driver's range, the others at base; widest first.

    Drivers that do not move ROI (or while ROI is undefined) get no bar. Every end is a
    row of one projection (two rows a driver), the same arithmetic as one :func:`outcome`
    per end at a fraction of its cost."""
    spans = []
    for driver in data.live_drivers():
        low, high = data.span(driver)
        if high > low:
            spans.append((driver, low, high))
    if not spans:
        return []
    rows = 2 * len(spans)
    values = {d: np.full((rows, 1), float(v)) for d, v in data.values().items()}
    for i, (driver, low, high) in enumerate(spans):
        values[driver][2 * i, 0] = low
        values[driver][2 * i + 1, 0] = high
    arrays = project(data, values)
    roi = roi_pct(arrays["value_total"], arrays["cost_total"])
    bars = []
    for i, (driver, low, high) in enumerate(spans):
        at_low, at_high = float(roi[2 * i]), float(roi[2 * i + 1])
        if not (np.isfinite(at_low) and np.isfinite(at_high)) or at_low == at_high:
            continue
        bars.append(
            TornadoBar(
                driver=driver,
                low=low,
                high=high,
                roi_at_low=at_low,
                roi_at_high=at_high,
                swing=abs(at_high - at_low),
            )
        )
    return sorted(bars, key=lambda bar: bar.swing, reverse=True)


def scenario(data: RoiInputs, which: Literal["low", "high"], bars: list[TornadoBar]) -> Outcome:
    """Every driver at the end of its range that lowers (low) or raises (high) ROI."""
    chosen: dict[Driver, float] = {}
    for bar in bars:
        high_helps = bar.roi_at_high > bar.roi_at_low
        chosen[bar.driver] = bar.high if high_helps == (which == "high") else bar.low
    return outcome(data, chosen)


def _percentiles(values: np.ndarray) -> list[float | None]:
    kept = values[np.isfinite(values)]
    if kept.size == 0:
        return [None, None, None]
    return [float(x) for x in np.percentile(kept, [10, 50, 90])]


# each driver's value in every scenario; a varying driver's draws are shared between
# estimates and read-only (every calculation makes new arrays from them)
Scenarios = dict[Driver, np.ndarray]


# About 30 MB at most (80 kB a driver at 10,000 draws): the drivers of some 25 plans.
DRIVER_CACHE = 384


@lru_cache(maxsize=DRIVER_CACHE)
def _triangular(
    position: int, low: float, base: float, high: float, draws: int, seed: int
) -> np.ndarray:
    """The draws of the ``position``-th varying driver (counted from 0), read-only.

    They are the numbers one generator seeded with ``seed`` gives when it draws the
    varying drivers in turn, ``draws`` each: the generator is moved past the earlier
    drivers' draws (one 64-bit step a draw) instead of drawing them. A changed input
    therefore draws only the driver it moves; the others are looked up."""
    bits = np.random.PCG64(seed)
    bits.advance(position * draws)
    out = np.random.Generator(bits).triangular(low, base, high, size=(draws, 1))
    out.flags.writeable = False
    return out


def _draws(data: RoiInputs, draws: int, seed: int) -> Scenarios:
    """The drivers of ``draws`` scenarios: each live driver drawn independently from a
    triangular distribution over (low, base, high), the others held at base (see
    :func:`_triangular`: the draws are shared and read-only)."""
    values: dict[Driver, np.ndarray] = {d: np.array([[v]]) for d, v in data.values().items()}
    position = 0
    for driver in data.live_drivers():
        low, high = data.span(driver)
        if high > low:
            base = float(getattr(data, driver))
            values[driver] = _triangular(position, low, base, high, draws, seed)
            position += 1
    return values


def simulate(
    data: RoiInputs, draws: int = DRAWS, seed: int = SEED, scenarios: Scenarios | None = None
) -> Band:
    """ROI percentiles and the chance of a loss over ``draws`` scenarios (see :func:`_draws`;
    ``scenarios``: those drawn already)."""
    drawn = _draws(data, draws, seed) if scenarios is None else scenarios
    value_total, cost_total = totals(data, drawn)
    roi = roi_pct(value_total, cost_total)
    defined = roi[np.isfinite(roi)]
    loss = float((defined < 0).mean() * 100) if defined.size else None
    roi_p10, roi_p50, roi_p90 = _percentiles(roi)
    return Band(
        roi_p10=roi_p10, roi_p50=roi_p50, roi_p90=roi_p90, loss_chance_pct=loss, draws=draws
    )


def cash_band(
    data: RoiInputs, draws: int = DRAWS, seed: int = SEED, scenarios: Scenarios | None = None
) -> CashBand:
    """P10, P50 and P90 of cumulative cash in each month, over the scenarios of
    :func:`simulate` (month by month: about three times the cost of the ROI alone)."""
    arrays = project(data, _draws(data, draws, seed) if scenarios is None else scenarios)
    # percentiles along the contiguous axis: twice as fast as along axis 0
    by_month = np.ascontiguousarray(arrays["cumulative"].T)
    p10, p50, p90 = np.percentile(by_month, [10, 50, 90], axis=1)
    return CashBand(p10=p10.tolist(), p50=p50.tolist(), p90=p90.tolist())


def estimate(data: RoiInputs, draws: int = DRAWS, cash: bool = True) -> RoiResult:
    """Every figure of the estimate; without ``cash``, all but the simulated cash by month
    (what a page needs until its cash chart is opened)."""
    bars = tornado(data)
    drawn = _draws(data, draws, SEED)  # one set of scenarios for the band and the cash
    return RoiResult(
        base=outcome(data),
        low=scenario(data, "low", bars),
        high=scenario(data, "high", bars),
        band=simulate(data, draws, scenarios=drawn),
        tornado=bars,
        cash=cash_band(data, draws, scenarios=drawn) if cash else None,
    )

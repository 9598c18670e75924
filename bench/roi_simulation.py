"""Median time of the ROI estimator's 10,000-draw simulation with every lever on (target:
< 50 ms at 24 months), and of the whole estimate (base, sensitivity, scenarios, band).

Run: .venv/bin/python bench/roi_simulation.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators import roi


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and median CPU time of ``fn`` in ms (CPU time is the steadier
    figure on a machine shared with other work)."""
    fn()  # warm up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def all_levers_on(horizon: int) -> roi.RoiInputs:
    """The worked example with the one lever it leaves off turned on as well."""
    return roi.RoiInputs.model_validate(
        roi.EXAMPLE | {"horizon_months": horizon, "other_on": True, "other_profit": 2_000}
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    data = all_levers_on(24)
    print(
        f"ROI estimator, median of {args.repeat} runs, {roi.DRAWS:,} draws, "
        f"all {len(data.levers_on())} levers on, {len(data.live_drivers())} drivers ranged"
    )
    for horizon in (12, 24, 60):
        data = all_levers_on(horizon)
        sim, sim_cpu = median_ms(lambda data=data: roi.simulate(data), args.repeat)
        cash, cash_cpu = median_ms(lambda data=data: roi.cash_band(data), args.repeat)
        page, page_cpu = median_ms(lambda data=data: roi.estimate(data, cash=False), args.repeat)
        full, full_cpu = median_ms(lambda data=data: roi.estimate(data), args.repeat)
        print(
            f"  horizon {horizon:2d} months: ROI band {sim:5.1f} ms ({sim_cpu:5.1f} CPU), "
            f"cash by month {cash:5.1f} ms ({cash_cpu:5.1f} CPU), "
            f"estimate without / with the cash {page:5.1f} / {full:5.1f} ms "
            f"({page_cpu:5.1f} / {full_cpu:5.1f} CPU)"
        )


if __name__ == "__main__":
    main()

"""Median time of the ROI estimator's 10,000-draw simulation (target: < 50 ms).

Run: .venv/bin/python bench/roi_simulation.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators import roi


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(
        f"ROI estimator, median of {args.repeat} runs, {roi.DRAWS:,} draws, all six drivers ranged"
    )
    for horizon in (12, 24, 60):
        data = roi.RoiInput.model_validate(roi.effective({"horizon_months": horizon}))
        sim = median_ms(lambda data=data: roi.simulate(data), args.repeat)
        full = median_ms(lambda data=data: roi.estimate(data), args.repeat)
        print(f"  horizon {horizon:2d} months: simulation {sim:6.1f} ms, estimate {full:6.1f} ms")


if __name__ == "__main__":
    main()

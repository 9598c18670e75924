"""Import of three years of WeCom daily group statistics for 200 groups (219,000 rows).

Prints the size of the file and the time to read, check and add it up into months and
weeks (median of 3 runs), and the time to store the resulting months as one revision.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pages.shared import tables
from playbook.actuals import of_plan
from playbook.actuals_import import preview
from playbook.actuals_table import import_changes as changes
from playbook.plan import PlanMeta
from playbook.storage import Store

tables.python_strings()  # as the site runs

GROUPS, DAYS = 200, 3 * 365
START = date(2023, 10, 1)


def wecom_file() -> bytes:
    rng = np.random.default_rng(7)
    days = [START + timedelta(days=i) for i in range(DAYS)]
    n = GROUPS * DAYS
    members = rng.integers(40, 190, size=n)
    frame = pd.DataFrame(
        {
            "日期": np.repeat([d.isoformat() for d in days], GROUPS),
            "群名称": np.tile([f"车主{i:03d}群" for i in range(GROUPS)], DAYS),
            "群主": np.tile([f"运营{i % 12:02d}" for i in range(GROUPS)], DAYS),
            "群总数": 1,
            "群成员总数": members,
            "新增群成员数": rng.integers(0, 6, size=n),
            "退群成员数": rng.integers(0, 4, size=n),
            "发过消息的群成员数": (members * rng.uniform(0.05, 0.4, size=n)).astype(int),
            "群聊消息总数": rng.integers(0, 400, size=n),
        }
    )
    return frame.drop(columns=["群主"]).to_csv(index=False).encode("utf-8")


def timed(data: bytes, cadence: str) -> tuple[float, object]:
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        found = preview(data, "wecom.csv", cadence, date(2026, 11, 23), {})  # type: ignore[arg-type]
        runs.append(time.perf_counter() - began)
    return statistics.median(runs), found


def main() -> None:
    data = wecom_file()
    print(f"file: {GROUPS * DAYS:,} rows, {len(data) / 1e6:.1f} MB")
    for cadence in ("month", "week"):
        seconds, found = timed(data, cadence)
        assert found.ok, found.errors[:3]  # type: ignore[attr-defined]
        print(f"preview by {cadence}: {seconds * 1000:.0f} ms, {len(found.periods)} periods")  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.sqlite3")
        plan_id = store.create(PlanMeta(team="t", community="c", industry="other")).plan.id
        _, found = timed(data, "month")
        began = time.perf_counter()
        record = store.update(plan_id, changes(found, of_plan(store.get(plan_id).plan), "month"))  # type: ignore[arg-type]
        stored = time.perf_counter() - began
        size = len(record.plan.to_json())
        print(
            f"store 36 months as one revision: {stored * 1000:.0f} ms,",
            f"plan JSON {size / 1e3:.0f} kB",
        )


if __name__ == "__main__":
    main()

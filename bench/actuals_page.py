"""Script-run time of the actuals dashboard (a quarter of WeCom statistics, four KPIs with
targets, a business case) next to a one-line page and the KPI page, as page_runs.py does.

Run: .venv/bin/python bench/actuals_page.py [--runs N]
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import page_runs

from playbook.actuals import of_plan
from playbook.actuals_import import preview
from playbook.actuals_table import import_changes
from playbook.storage import Store

QUARTER = page_runs.ROOT / "tests" / "data" / "wecom_quarter.csv"


def plan_with_actuals() -> str:
    plan_id = page_runs.filled_plan()
    store = Store()
    store.update(
        plan_id,
        {
            "sections.kpis.engagement": {"on": True, "target": "≥ 25%"},
            "sections.kpis.retention": {"on": True, "metric": "churn_rate", "target": "< 12%"},
            "sections.kpis.acquisition": {"on": True, "target": "每月新增 250"},
            "sections.kpis.sales": {"on": True, "metric": "community_revenue"},
            "sections.roi": {"starting_members": 600},
        },
    )
    found = preview(QUARTER.read_bytes(), "wecom.csv", "month", date(2026, 11, 23), {})
    store.update(plan_id, import_changes(found, of_plan(store.get(plan_id).plan), "month"))
    return plan_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    page_runs.PAGES = ["pages/plan/home.py", "pages/plan/kpis.py", "pages/plan/actuals.py"]
    plan_id = plan_with_actuals()
    shared = page_runs.ScriptCache()
    page_runs.app_test_module.ScriptCache = lambda: shared  # compile once, as a server does
    page_runs.report(
        f"AppTest script run, median of {args.runs}, bytecode kept (as the server does)",
        page_runs.measure(plan_id, args.runs),
    )


if __name__ == "__main__":
    main()

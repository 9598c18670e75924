"""Median script-run time of each page under AppTest, next to a one-line Streamlit page.

Both are measured in the same process, alternating, so machine load affects them alike.
AppTest compiles every script afresh on each run, which a server does only once (it keeps
the bytecode), so a second pass shares one script cache to show the server's cost too.
Run: .venv/bin/python bench/page_runs.py [--runs N]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PLAYBOOK_DATA_DIR", tempfile.mkdtemp(prefix="playbook-bench-"))

import streamlit.testing.v1.app_test as app_test_module  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from pages.shared.registry import PAGE_FILES  # noqa: E402
from playbook.content import content  # noqa: E402
from playbook.plan import PlanMeta  # noqa: E402
from playbook.storage import Store  # noqa: E402

BARE = 'import streamlit as st\nst.write("hello")\n'
PAGES = list(PAGE_FILES)  # every registered page


def filled_plan() -> str:
    """A plan with every summary and some long answers, and a few revisions."""
    store = Store()
    plan_id = store.create(
        PlanMeta(team="华东用户运营组", community="蓝色车主俱乐部", industry="automotive")
    ).plan.id
    for variable in content().variables:
        changes = {}
        for field in variable.fields:
            if field.kind in ("line", "text"):
                changes[f"answers.{variable.id}.{field.id}"] = variable.example.answer.zh[:190]
            elif field.kind == "choices":
                changes[f"answers.{variable.id}.{field.id}"] = [field.options[0].id]
            elif field.kind == "choice":
                changes[f"answers.{variable.id}.{field.id}"] = field.options[0].id
        store.update(plan_id, changes)
    return plan_id


def time_runs(at: AppTest, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return samples


def measure(plan_id: str, runs: int) -> dict[str, list[float]]:
    bare = AppTest.from_string(BARE, default_timeout=30)
    bare.run()
    apps = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.query_params.update(plan=plan_id, lang="zh")
        at.run()
        if page != PAGES[0]:
            at.switch_page(page).run()
        apps[page] = at
    samples: dict[str, list[float]] = {"one-line page": [], **{p: [] for p in PAGES}}
    for _ in range(runs):  # interleave so drift hits every page alike
        samples["one-line page"] += time_runs(bare, 1)
        for page, at in apps.items():
            samples[page] += time_runs(at, 1)
    return samples


def report(title: str, samples: dict[str, list[float]]) -> None:
    base = statistics.median(samples["one-line page"])
    print(title)
    print(f"  {'page':26} {'median ms':>10} {'vs one-line':>12}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"  {name:26} {median * 1000:10.1f} {median / base:11.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    plan_id = filled_plan()
    report(
        f"AppTest script run, median of {args.runs} (filled plan, zh)", measure(plan_id, args.runs)
    )
    shared = ScriptCache()
    app_test_module.ScriptCache = lambda: shared  # compile once, as a server does
    report("Same, bytecode kept between runs (as the server does)", measure(plan_id, args.runs))


if __name__ == "__main__":
    main()

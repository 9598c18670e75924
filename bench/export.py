"""Time to export a fully filled plan in every format (target: all formats < 0.5 s).

The first export in a process also starts the chart renderer and reads the fonts; it is
reported on its own line. CPU time is printed too: on a shared machine the wall-clock
times include waiting for a core. Run: .venv/bin/python bench/export.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playbook.content import content  # noqa: E402
from playbook.export import calendar_io, json_io  # noqa: E402
from playbook.export.build import build_document  # noqa: E402
from playbook.export.docx_writer import to_docx  # noqa: E402
from playbook.export.html_writer import to_html  # noqa: E402
from playbook.export.markdown_writer import to_markdown_zip  # noqa: E402
from playbook.export.pdf_writer import to_pdf  # noqa: E402
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id  # noqa: E402
from playbook.roadmap import suggested_tasks, task_changes  # noqa: E402

TODAY = date(2026, 11, 23)


def filled_plan() -> Plan:
    """Every wizard field answered (the examples), a full roadmap, KPIs, both calculators."""
    c = content()
    plan = Plan(
        id=new_plan_id(),
        meta=PlanMeta(team="华东用户运营组", community="蓝色车主俱乐部", industry="automotive"),
    )
    changes: dict = {}
    for variable in c.variables:
        for field in variable.fields:
            path = f"answers.{variable.id}.{field.id}"
            if field.kind in ("line", "text"):
                limit = 190 if field.kind == "line" else 2000
                changes[path] = variable.example.answer.zh[:limit]
            elif field.kind == "choices":
                changes[path] = [o.id for o in field.options[:3]]
            elif field.kind == "choice":
                changes[path] = field.options[0].id
            else:
                changes[path] = 1 if field.id == "promo_per_week" else 120
    tasks = suggested_tasks(c, "growing", TODAY, "zh")
    tasks = {k: v.model_copy(update={"owner": "运营组"}) for k, v in tasks.items()}
    changes |= task_changes(None, tasks)
    changes |= {
        "sections.roadmap.platforms": ["wechat_group", "wecom"],
        "sections.kpis.engagement": {"on": True, "metric": "active_rate", "target": "≥ 30%"},
        "sections.kpis.sales": {"on": True, "metric": "conversion_rate", "target": "≥ 8%"},
        "sections.group_size": {"target_members": 1000, "admins_available": 6},
        "sections.roi": {"horizon_months": 24},
    }
    return apply_changes(plan, changes)


def export_all(plan: Plan) -> dict[str, float]:
    timings = {}
    start, cpu = time.perf_counter(), time.process_time()
    document = build_document(plan, content(), "zh", TODAY)
    timings["document model (charts included)"] = time.perf_counter() - start
    for name, write in (
        ("docx", to_docx),
        ("pdf", to_pdf),
        ("markdown (zip with charts)", to_markdown_zip),
        ("html", to_html),
    ):
        t = time.perf_counter()
        write(document)
        timings[name] = time.perf_counter() - t
    for name, write in (
        ("json", lambda: json_io.to_json(plan)),
        ("csv", lambda: calendar_io.to_csv(plan, "zh", TODAY)),
        ("ics", lambda: calendar_io.to_ics(plan, "zh", TODAY)),
    ):
        t = time.perf_counter()
        write()
        timings[name] = time.perf_counter() - t
    timings["all formats"] = time.perf_counter() - start
    timings["all formats, CPU time"] = time.process_time() - cpu
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    plan = filled_plan()
    first = export_all(plan)
    runs = [export_all(plan) for _ in range(args.repeat)]
    print(f"Export of a filled plan ({len(plan.answers)} variables, roadmap, KPIs, calculators)")
    print(f"  {'step':36} {'first (ms)':>11} {'median (ms)':>12}")
    for key in first:
        median = statistics.median(run[key] for run in runs)
        print(f"  {key:36} {first[key] * 1000:11.0f} {median * 1000:12.0f}")


if __name__ == "__main__":
    main()

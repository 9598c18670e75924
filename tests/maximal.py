"""Plans at the edges of what the model accepts, for the export tests, the browser test and
the benchmark: every text field at its maximum length, or hundreds of roadmap tasks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from playbook.content import content
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from playbook.text import MAX_SHORT, MAX_TEXT

ZH = "社群活跃率（月活跃成员÷总成员）目标 20%，2026 年 11 月复盘；Owner 确认 KPI。"
EN = "Monthly active rate (active members / all members) reaches 20% by November 2026; "


def filler(length: int, lang: str = "zh") -> str:
    """Text of exactly ``length`` characters mixing words, numbers and punctuation."""
    phrase = ZH if lang == "zh" else EN
    return (phrase * (length // len(phrase) + 1))[:length].strip().ljust(length, "。")


def maximal_plan(lang: str = "zh", tasks: int = 20) -> Plan:
    """Every text field the plan has, filled to the limit its model sets."""
    c = content()
    meta = PlanMeta(
        team=filler(MAX_SHORT, lang),
        community=filler(MAX_SHORT, lang),
        industry="automotive",
        stage="growing",
    )
    changes: dict[str, Any] = {"notes": filler(MAX_TEXT, lang)}
    for variable in c.variables:
        for spec in variable.fields:
            path = f"answers.{variable.id}.{spec.id}"
            if spec.kind == "line":
                changes[path] = filler(spec.max_chars or MAX_SHORT, lang)
            elif spec.kind == "text":
                changes[path] = filler(spec.max_chars or MAX_TEXT, lang)
            elif spec.kind == "choices":
                changes[path] = [o.id for o in spec.options]
            elif spec.kind == "choice":
                changes[path] = spec.options[0].id
            else:
                changes[path] = spec.max
    for number, objective in enumerate(c.objectives):
        changes[f"sections.kpis.{objective.id}"] = {
            "on": True,
            "question": filler(MAX_SHORT, lang),
            "metric": objective.metrics[0].id,
            # the last word marks the end of the longest cell of the document
            "formula": filler(MAX_TEXT - 6, lang) + f" END{number:02d}",
            "target": filler(MAX_SHORT, lang),
        }
    for item in c.items:
        changes[f"sections.checklist.{item.id}"] = {"done": True, "note": filler(MAX_SHORT, lang)}
    changes["sections.roadmap"] = {
        "started": True,
        "platforms": [p.id for p in c.platforms],
        "rationale": filler(MAX_TEXT, lang),
        "tasks": roadmap_tasks(tasks, lang, MAX_SHORT),
    }
    changes["sections.group_size"] = {"target_members": 1000, "admins_available": 4}
    changes["sections.roi"] = {"horizon_months": 24}
    return apply_changes(Plan(id=new_plan_id(), meta=meta), changes)


def roadmap_tasks(count: int, lang: str = "zh", title_length: int = 0) -> dict[str, Any]:
    """``count`` tasks over the seven steps, each with a numbered, distinct title."""
    steps = [s.id for s in content().steps]
    start = date(2026, 11, 1)
    tasks = {}
    for index in range(count):
        label = f"任务 {index + 1:03d} " if lang == "zh" else f"Task {index + 1:03d} "
        title = label + (filler(title_length - len(label), lang) if title_length else "")
        begins = start + timedelta(days=index % 120)
        tasks[f"t{index:04d}"] = {
            "step": steps[index % len(steps)],
            "title": title,
            "owner": filler(MAX_SHORT, lang) if title_length else "运营组",
            "start": begins.isoformat(),
            "due": (begins + timedelta(days=7 + index % 30)).isoformat(),
            "status": ["todo", "doing", "done", "blocked"][index % 4],
            "notes": filler(MAX_TEXT, lang) if title_length else "",
            "order": index,
        }
    return tasks

"""Roadmap tasks: dates, suggestions per stage, table rows and change sets, platform fit."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from playbook.content import content
from playbook.i18n import error_messages
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from playbook.roadmap import (
    Task,
    platform_fit,
    stored_tasks,
    suggested_tasks,
    task_changes,
    tasks_from_rows,
)

START = date(2026, 12, 1)


def test_a_due_date_before_the_start_is_refused_with_a_translated_message():
    with pytest.raises(ValidationError) as exc:
        Task(step="positioning", title="访谈", start=date(2026, 12, 5), due=date(2026, 12, 1))
    assert error_messages(exc.value, "zh") == ["截止日期不能早于开始日期。"]
    assert error_messages(exc.value, "en") == ["The due date cannot be before the start date."]
    same_day = Task(step="positioning", title="访谈", start=START, due=START)
    assert same_day.due == same_day.start


def test_overdue_means_past_due_and_not_done():
    task = Task(step="data", title="看板", start=date(2026, 11, 1), due=date(2026, 11, 10))
    assert task.overdue(date(2026, 11, 11))
    assert not task.overdue(date(2026, 11, 10))
    assert not task.model_copy(update={"status": "done"}).overdue(date(2026, 12, 1))


def test_suggested_tasks_differ_by_stage_and_cover_the_seven_steps():
    cold = suggested_tasks(content(), "cold_start", START, "zh")
    mature = suggested_tasks(content(), "mature", START, "en")
    assert {t.step for t in cold.values()} == {s.id for s in content().steps}
    assert {t.title for t in cold.values()} != {t.title for t in mature.values()}
    assert "Assess whether the time has come for ecosystem partners" in {
        t.title for t in mature.values()
    }
    assert all(t.start >= START and t.due >= t.start for t in cold.values())


def test_table_rows_become_tasks_and_bad_rows_are_reported_by_number():
    existing = {"a1": Task(step="data", title="旧任务", start=START, due=START, order=4)}
    rows = [
        {"id": "a1", "step": "data", "title": "改名", "start": START, "due": START},
        {"id": None, "step": "content", "title": "新任务", "start": START, "due": START},
        {"id": None, "step": "content", "title": "", "start": START, "due": START},
        {
            "id": None,
            "step": "content",
            "title": "日期反了",
            "start": START,
            "due": date(2026, 1, 1),
        },
    ]
    tasks, errors = tasks_from_rows(rows, existing)
    assert tasks["a1"].title == "改名" and tasks["a1"].order == 4
    new = [t for tid, t in tasks.items() if tid != "a1"]
    assert [t.title for t in new] == ["新任务"] and new[0].order == 5
    assert [number for number, _ in errors] == [3, 4]


def test_change_sets_touch_only_the_tasks_that_changed():
    a = Task(step="data", title="A", start=START, due=START)
    b = Task(step="data", title="B", start=START, due=START)
    changes = task_changes({"a": a, "b": b}, {"a": a, "c": b})
    assert changes == {
        "sections.roadmap.tasks.b": None,
        "sections.roadmap.tasks.c": b.model_dump(mode="json"),
    }
    first = task_changes(None, {})
    assert first == {"sections.roadmap.started": True}


def test_stored_tasks_round_trip_through_a_plan():
    plan = Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))
    assert stored_tasks(plan) is None
    task = Task(step="platform", title="对比平台", owner="李四", start=START, due=START)
    plan = apply_changes(plan, task_changes(None, {"x1": task}))
    assert stored_tasks(plan) == {"x1": task}


def test_platform_fit_follows_the_community_boundary():
    wechat = next(p for p in content().platforms if p.id == "wechat_group")
    zhihu = next(p for p in content().platforms if p.id == "zhihu")
    plan = Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))
    assert platform_fit(wechat, plan) is None
    closed = apply_changes(plan, {"answers.target.boundary": "customers_only"})
    assert (platform_fit(wechat, closed), platform_fit(zhihu, closed)) == ("strong", "weak")
    open_ = apply_changes(plan, {"answers.target.boundary": "open_interest"})
    assert (platform_fit(wechat, open_), platform_fit(zhihu, open_)) == ("partial", "strong")


def test_cold_start_recruits_seed_members_and_opens_entry_points_before_the_first_event():
    tasks = list(suggested_tasks(content(), "cold_start", START, "en").values())
    first_event = next(t for t in tasks if t.title == "Run the first online themed activity")
    seeds = next(t for t in tasks if t.title.startswith("Recruit the first seed members"))
    entries = next(t for t in tasks if t.title.startswith("Open every entry point"))
    # seeds: days 21–35, entry points: days 28–38, first event: from day 42
    assert seeds.due < first_event.start and entries.due < first_event.start
    assert seeds.step == entries.step == "platform"
    platform_step = next(s for s in content().steps if s.id == "platform")
    assert "acquisition" in platform_step.variables


def test_the_task_table_round_trips_in_both_languages():
    from datetime import date

    from playbook.content import content
    from playbook.roadmap import suggested_tasks, tasks_from_rows
    from playbook.roadmap_table import TaskTable

    tasks = suggested_tasks(content(), "growing", date(2026, 11, 23), "zh")
    for lang in ("zh", "en"):
        layout = TaskTable.for_language(content(), lang)
        frame = layout.frame(tasks, {}, lang)
        assert frame["step"].iloc[0].startswith("1. ")
        back, problems = tasks_from_rows(layout.records(frame), tasks)
        assert problems == [] and back == tasks


def test_tasks_with_the_same_title_keep_a_line_each_in_the_timeline():
    import json
    from datetime import date

    from playbook.charts import roadmap_spec
    from playbook.roadmap import Task

    task = Task(
        step="positioning", title="访谈车主", start=date(2026, 12, 1), due=date(2026, 12, 5)
    )
    payload = json.dumps({"a": task.model_dump_json(), "b": task.model_dump_json()})
    spec = roadmap_spec(payload, "2026-11-23", "zh")
    rows = [r for data in spec.get("datasets", {}).values() for r in data if "task" in r]
    assert sorted(r["task"] for r in rows) == ["1. 访谈车主", "1. 访谈车主 (2)"]


def test_an_incomplete_row_is_kept_as_a_draft_that_says_what_is_missing():
    from datetime import date

    from playbook.content import content
    from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
    from playbook.roadmap import in_table_order, rows_to_tasks, stored_tasks, task_changes
    from playbook.roadmap_table import TaskTable

    plan = Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))
    rows = [
        {
            "step": "positioning",
            "title": "访谈车主",
            "start": date(2026, 12, 1),
            "due": date(2026, 12, 5),
        },
        {
            "step": "positioning",
            "title": "",
            "start": date(2026, 12, 2),
            "due": date(2026, 12, 3),
            "owner": "小王",
        },
    ]
    tasks, drafts, problems = rows_to_tasks(rows)
    assert len(tasks) == 1 and len(drafts) == 1 and [p[0] for p in problems] == [2]
    plan = apply_changes(plan, task_changes(None, tasks, {}, drafts))
    assert len(stored_tasks(plan)) == 1
    kept = plan.sections.roadmap.drafts
    assert [d.owner for d in kept.values()] == ["小王"]  # nothing typed is lost
    frame = TaskTable.for_language(content(), "zh").frame(stored_tasks(plan), kept, "zh")
    assert list(frame["title"]) == ["访谈车主", ""]  # the new row stays last
    assert list(frame["problem"]) == ["", "任务：此项不能为空。"]
    en = TaskTable.for_language(content(), "en").frame(stored_tasks(plan), kept, "en")
    assert en["problem"].iloc[1] == "Task: This field cannot be empty."
    # once the title is filled in, the draft becomes a task
    draft_id = next(iter(kept))
    saved = stored_tasks(plan)
    table = [{"id": tid, **task.model_dump()} for tid, task in saved.items()]
    table.append({"id": draft_id, **kept[draft_id].model_dump(), "title": "约车主喝咖啡"})
    tasks2, drafts2, problems2 = rows_to_tasks(table, {**saved, **kept})
    plan = apply_changes(plan, task_changes(saved, tasks2, kept, drafts2))
    assert plan.sections.roadmap.drafts == {} and problems2 == []
    titles = [t.title for _, t in in_table_order(dict(stored_tasks(plan)))]
    assert titles == ["访谈车主", "约车主喝咖啡"]


def _altair_timeline(tasks_json: str, today_iso: str, lang: str, width="container") -> dict:
    """The timeline as it was authored with Altair: the reference ``roadmap_spec`` must
    equal."""
    import json

    import altair as alt
    import pandas as pd

    from playbook.charts import ACCENT, STATUS_COLOURS, altair_spec
    from playbook.content import content
    from playbook.i18n import t
    from playbook.roadmap import Task

    tasks = {tid: Task.model_validate_json(raw) for tid, raw in json.loads(tasks_json).items()}
    today = pd.Timestamp(today_iso).date()
    steps = {s.id: s.number for s in content().steps}
    rows = pd.DataFrame(
        [
            {
                "task": f"{steps[task.step]}. {task.title}"[:60],
                "start": task.start.isoformat(),
                "end": (task.due + pd.Timedelta(days=1)).isoformat(),
                "due": task.due.isoformat(),
                "status": t(f"rm.status.{task.status.value}", lang),
                "owner": task.owner,
                "late": t("rm.overdue", lang) if task.overdue(today) else "",
                "state": t(f"rm.status.{task.status.value}", lang)
                + (f" · {t('rm.overdue', lang)}" if task.overdue(today) else ""),
            }
            for task in tasks.values()
        ]
    )
    seen: dict[str, int] = {}
    unique = []
    for label in rows["task"] if len(rows) else []:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    if unique:
        rows["task"] = unique
    order = list(rows["task"]) if len(rows) else []
    labels = [t(f"rm.status.{s}", lang) for s in STATUS_COLOURS]
    bars = (
        alt.Chart(rows)
        .mark_bar(cornerRadius=3, height={"band": 0.7})
        .encode(
            y=alt.Y("task:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%m-%d")),
            x2="end:T",
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=labels, range=list(STATUS_COLOURS.values())),
                title=t("rm.col.status", lang),
                legend=alt.Legend(symbolStrokeWidth=0),
            ),
            stroke=alt.condition(alt.datum.late != "", alt.value(ACCENT), alt.value(None)),
            strokeWidth=alt.condition(alt.datum.late != "", alt.value(2.5), alt.value(0)),
            tooltip=[
                alt.Tooltip("task:N", title=t("rm.col.title", lang)),
                alt.Tooltip("owner:N", title=t("rm.col.owner", lang)),
                alt.Tooltip("start:T", title=t("rm.col.start", lang), format="%Y-%m-%d"),
                alt.Tooltip("due:T", title=t("rm.col.due", lang), format="%Y-%m-%d"),
                alt.Tooltip("state:N", title=t("rm.col.status", lang)),
            ],
        )
    )
    now = (
        alt.Chart(pd.DataFrame({"today": [today_iso]}))
        .mark_rule(color=ACCENT, strokeDash=[4, 3])
        .encode(x="today:T")
    )
    return altair_spec((bars + now).properties(height=max(120, 26 * len(rows))), width)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", ["container", 640])
def test_the_timeline_spec_is_the_altair_chart_it_replaces(lang, width):
    import json
    from datetime import date

    import altair as alt

    from playbook.charts import roadmap_spec
    from playbook.content import content
    from playbook.roadmap import Task, TaskStatus, suggested_tasks
    from tests.test_chart_specs import _inline

    tasks = suggested_tasks(content(), "cold_start", date(2026, 11, 2), lang)
    same = Task(step="positioning", title="访谈", start=date(2026, 11, 1), due=date(2026, 11, 3))
    extra = {
        "late": same,
        "again": same.model_copy(update={"status": TaskStatus.DOING, "owner": "小王 <b>"}),
        "done": same.model_copy(update={"status": TaskStatus.DONE}),
        "blocked": same.model_copy(update={"status": TaskStatus.BLOCKED, "title": "x" * 80}),
    }
    for chosen in (tasks, tasks | extra, {}):
        payload = json.dumps({tid: task.model_dump_json() for tid, task in chosen.items()})
        spec = roadmap_spec(payload, "2026-11-23", lang, width)
        assert _inline(spec) == _inline(_altair_timeline(payload, "2026-11-23", lang, width))
        alt.LayerChart.from_dict(spec)  # a valid Vega-Lite layer chart


def test_a_page_sends_chart_data_converted_once_and_leaves_the_spec_alone():
    import json
    from datetime import date

    import pyarrow as pa

    from pages.shared import charts as page_charts
    from playbook.charts import roadmap_spec
    from playbook.roadmap import Task

    task = Task(step="positioning", title="访谈", start=date(2026, 12, 1), due=date(2026, 12, 5))
    payload = json.dumps({"a": task.model_dump_json()})
    spec = roadmap_spec(payload, "2026-11-23", "zh")
    sent = page_charts.arrow_datasets(spec)
    assert all(isinstance(data, bytes) for data in sent["datasets"].values())
    assert isinstance(spec["datasets"]["tasks"], list)  # the spec itself is unchanged
    table = pa.ipc.open_stream(sent["datasets"]["tasks"]).read_all()
    assert table.column("task").to_pylist() == ["1. 访谈"]
    assert table.column("due").to_pylist() == ["2026-12-05"]
    assert page_charts.arrow_datasets(sent) == sent  # bytes are sent as they are
    assert page_charts.roadmap_spec(payload, "2026-11-23", "zh") is page_charts.roadmap_spec(
        payload, "2026-11-23", "zh"
    )

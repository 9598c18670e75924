"""The revision history describes every kind of change in words, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.content import content
from playbook.describe import path_label, summary, value_at, value_text
from playbook.plan import Plan, apply_changes, changed_paths
from tests.conftest import assert_clean, open_app

DATA = Path(__file__).parent / "data"


def _every_kind_of_change(store, plan_id: str) -> str:
    """Checklist tick, KPI row, calculator inputs, roadmap task, case copy, restore."""
    store.update(plan_id, {"sections.checklist.no_over_marketing.done": True})
    store.update(plan_id, {"sections.kpis.sales": {"on": True, "target": "≥ 8%"}})
    store.restore(plan_id, 2)
    store.update(plan_id, {"sections.kpis.sales": {"on": True, "target": "≥ 8%"}})
    store.update(plan_id, {"sections.group_size.target_members": 40})
    store.update(plan_id, {"sections.roi.ranges.monthly_churn_pct.high": 9.0})
    task = {
        "step": "positioning",
        "title": "访谈种子用户",
        "start": "2026-12-01",
        "due": "2026-12-10",
        "status": "doing",
    }
    store.update(plan_id, {"sections.roadmap.started": True, "sections.roadmap.tasks.t1": task})
    store.update(plan_id, {"answers.target.summary": "车主"}, source="copy:xiaomi")
    return plan_id


WORDS = {
    "zh": [
        "检查清单 · 避免过度营销",
        "KPI 计划 · 销售转化",
        "社群规模计算器 · 目标成员数",
        "实施路线图 · 任务",
        "ROI 估算",
        "复制案例做法",
        "恢复自第 2 版",
    ],
    "en": [
        "Checklist · Avoid over-marketing",
        "KPI plan · Sales",
        "Group-size calculator · Target",
        "Implementation roadmap · Task",
        "ROI estimator",
        "Case pattern copied",
        "Restored from revision 2",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_of_change_reads_as_words(plan_id, shared_store, lang):
    _every_kind_of_change(shared_store, plan_id)
    at = open_app("pages/plan/history.py", lang=lang, plan=plan_id)
    assert_clean(at)
    table = at.dataframe[0].value
    text = " | ".join(str(v) for v in table.to_numpy().ravel())
    for words in WORDS[lang]:
        assert words in text, (words, text)
    assert "{" not in text and "'" not in text  # no Python dicts or reprs
    # comparing with the first revision lists each change with its values in words
    at.selectbox(key="history_version").set_value(1).run()
    assert_clean(at)
    compared = " | ".join(str(v) for v in at.dataframe[1].value.to_numpy().ravel())
    assert "{" not in compared
    assert "访谈种子用户" in compared
    assert ("进行中" if lang == "zh" else "In progress") in compared


def test_a_tick_and_a_task_edit_are_described_field_by_field():
    c = content()
    old = Plan.model_validate_json((DATA / "plan_stored_2026_11.json").read_text())
    task_id = next(iter(old.sections.roadmap.tasks))
    new = apply_changes(
        old,
        {
            "sections.checklist.no_over_marketing.done": False,
            f"sections.roadmap.tasks.{task_id}.status": "done",
            "sections.kpis.engagement.target": "≥ 40%",
        },
    )
    paths = changed_paths(old, new)
    assert paths == [
        "sections.checklist.no_over_marketing",
        f"sections.roadmap.tasks.{task_id}",
        "sections.kpis.engagement",
    ] or sorted(paths) == sorted(
        [
            "sections.checklist.no_over_marketing",
            f"sections.roadmap.tasks.{task_id}",
            "sections.kpis.engagement",
        ]
    )
    tick = "sections.checklist.no_over_marketing"
    assert value_text(tick, value_at(old, tick), c, "en") == "Done · 每周最多一次推广"
    assert value_text(tick, value_at(new, tick), c, "zh") == "未完成 · 每周最多一次推广"
    kpi = "sections.kpis.engagement"
    assert value_text(kpi, value_at(new, kpi), c, "en") == "On · Active rate · ≥ 40% · Weekly"
    assert path_label(kpi, c, "zh") == "KPI 计划 · 活跃与参与"
    assert summary(paths, c, "en", shown=1).endswith(" (and 2 more)")
    assert "；" in summary(paths, c, "zh") and "; " not in summary(paths, c, "zh")
    assert summary(paths, c, "zh", shown=1).endswith("（另 2 项）")


def test_revisions_saved_before_changes_were_itemised_still_read_as_words():
    """Older revisions name a whole section (``sections.checklist``)."""
    c = content()
    plan = Plan.model_validate_json((DATA / "plan_stored_2026_11.json").read_text())
    for path, zh in [
        ("sections.checklist", "已完成 1 项"),
        ("sections.kpis", "已启用的目标：活跃与参与"),
        ("sections.roadmap", "任务数：15"),
        ("sections.group_size", "目标成员数（人）：1000"),
    ]:
        text = value_text(path, value_at(plan, path), c, "zh")
        assert text.startswith(zh), text
        assert "{" not in text
    assert json.loads((DATA / "plan_stored_2026_11.json").read_text())["sections"]["checklist"]


def test_times_are_shown_in_the_readers_zone():
    from datetime import UTC, datetime

    from playbook.clock import local_time, zone

    moment = datetime(2026, 11, 23, 16, 56, tzinfo=UTC)
    assert local_time(moment, zone(None, "zh")) == "2026-11-24 00:56 (UTC+08:00)"
    assert local_time(moment, zone("Europe/Berlin", "zh")) == "2026-11-23 17:56 (UTC+01:00)"
    assert local_time(moment, zone("Not/AZone", "en")) == "2026-11-23 16:56 (UTC+00:00)"


def test_consecutive_edits_by_one_browser_become_one_entry():
    from datetime import UTC, datetime, timedelta

    from playbook.history import grouped
    from playbook.storage import RevisionInfo

    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def rev(version: int, minutes: int, source: str, path: str) -> RevisionInfo:
        return RevisionInfo(version, start + timedelta(minutes=minutes), [path], source)

    revisions = [  # newest first, as the store returns them
        rev(7, 90, "edit:aaaa", "answers.value.summary"),  # 50 min after v6: a new entry
        rev(6, 40, "edit:aaaa", "answers.target.summary"),
        rev(5, 35, "edit:aaaa", "answers.target.segments"),
        rev(4, 30, "edit:bbbb", "answers.entry.online"),  # another browser in between
        rev(3, 20, "edit:aaaa", "answers.target.summary"),
        rev(2, 10, "edit:aaaa", "answers.target.summary"),
        rev(1, 0, "create", "*"),
    ]
    entries = grouped(revisions)
    assert [e.versions for e in entries] == [(7, 7), (5, 6), (4, 4), (2, 3), (1, 1)]
    assert entries[1].changed == ["answers.target.segments", "answers.target.summary"]


def test_a_long_text_change_is_shown_word_by_word():
    from playbook.history import word_diff

    pieces = word_diff("We meet every Friday in the store.", "We meet every Saturday in the store.")
    assert ("removed", "Friday") in pieces and ("added", "Saturday") in pieces
    zh = word_diff("每周五在门店见面", "每周六在门店见面")
    assert ("removed", "五") in zh and ("added", "六") in zh
    assert "".join(t for k, t in zh if k != "removed") == "每周六在门店见面"


def test_a_sessions_edits_are_grouped_and_attributed_on_the_page(plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    at.text_input(key="ans.target.summary").input("Commuting owners").run()
    at.text_area(key="ans.target.segments").input("Families who drive to school").run()
    at.switch_page("pages/plan/history.py").run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert list(table["Revision"]) == ["2–3", "1"]
    assert table["Action"].iloc[0] == "Edit (this browser)"
    assert "(UTC" in table["When"].iloc[0]


def test_the_history_is_read_once_per_stored_version(plan_id, shared_store, monkeypatch):
    from playbook.storage import Store

    reads = {"revisions": 0, "revision": 0}
    for name in reads:
        original = getattr(Store, name)

        def counted(self, *args, _name=name, _original=original, **kwargs):
            reads[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Store, name, counted)
    shared_store.update(plan_id, {"answers.target.summary": "First"})
    at = open_app("pages/plan/history.py", lang="en", plan=plan_id)
    at.selectbox(key="history_version").select(1).run()
    assert_clean(at)
    assert reads == {"revisions": 1, "revision": 1}
    at.run()
    at.run()
    assert reads == {"revisions": 1, "revision": 1}  # nothing new stored: nothing read again
    shared_store.update(plan_id, {"answers.target.summary": "Second"})  # a teammate's edit
    at.run()
    assert reads == {"revisions": 2, "revision": 1}  # version 1 itself never changes
    assert list(at.dataframe[0].value["Revision"]) == ["3", "2", "1"]  # the new one listed
    assert at.selectbox(key="history_version").options == ["Revision 2", "Revision 1"]


def test_a_browsers_windows_share_its_tag_in_the_history():
    from datetime import UTC, datetime, timedelta

    from playbook.history import editor_tag, grouped
    from playbook.storage import RevisionInfo

    assert editor_tag("edit:ab12cd34.9f3e") == "ab12cd34"
    assert editor_tag("edit:ab12cd34") == "ab12cd34"  # saved before windows were told apart
    assert editor_tag("copy:xiaomi") is None
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    revisions = [  # two tabs of one browser, newest first
        RevisionInfo(
            3, start + timedelta(minutes=2), ["answers.value.summary"], "edit:ab12cd34.0002"
        ),
        RevisionInfo(
            2, start + timedelta(minutes=1), ["answers.target.summary"], "edit:ab12cd34.0001"
        ),
        RevisionInfo(1, start, ["*"], "create"),
    ]
    assert [e.versions for e in grouped(revisions)] == [(2, 3), (1, 1)]


NAMED = {
    "zh": [
        ("6", "恢复自第 1 版 · 王芳"),
        ("4–5", "编辑：王芳（此浏览器）"),
        ("3", "编辑：*Li* Lei（其他浏览器）"),
        ("2", "编辑（其他浏览器）"),
        ("1", "创建"),
    ],
    "en": [
        ("6", "Restored from revision 1 by 王芳"),
        ("4–5", "Edit by 王芳 (this browser)"),
        ("3", "Edit by *Li* Lei (another browser)"),
        ("2", "Edit (another browser)"),
        ("1", "Created"),
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_history_names_who_edited_by_their_display_name(plan_id, shared_store, lang):
    shared_store.update(plan_id, {"notes": "他们的笔记"}, source="edit:0000aaaa.0001")
    shared_store.update(
        plan_id, {"notes": "他们的第二条笔记"}, source="edit:0000bbbb.0001", author="*Li* Lei"
    )
    at = open_app("pages/plan/wizard.py", lang=lang, plan=plan_id)
    at.sidebar.text_input(key="live.name_input").input("王芳").run()
    at.text_input(key="ans.target.summary").input("通勤车主").run()
    at.text_area(key="ans.target.segments").input("每天开车送孩子上学的家庭").run()
    at.switch_page("pages/plan/history.py").run()
    at.selectbox(key="history_version").set_value(1).run()
    restore = next(b for b in at.button if b.label.startswith(("恢复第", "Restore")))
    restore.click().run()
    assert_clean(at)
    table = at.dataframe[0].value
    columns = list(table.columns)
    # the name is shown as typed: a table cell is plain text, never Markdown
    assert list(zip(table[columns[0]], table[columns[2]], strict=True)) == NAMED[lang]
    assert [r.author for r in shared_store.revisions(plan_id)] == [
        "王芳",
        "王芳",
        "王芳",
        "*Li* Lei",
        None,
        None,
    ]

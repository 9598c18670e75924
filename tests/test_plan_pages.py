"""Roadmap, checklist, KPI and review pages: edits persist in the plan, in both languages."""

from __future__ import annotations

from playbook.roadmap import stored_tasks
from tests.conftest import assert_clean, open_app

ROADMAP = "pages/plan/roadmap.py"


def edit_table(at, edits: dict) -> None:
    """Apply cell edits to the roadmap's data editor as the browser would."""
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []} | edits
    at.run()


def test_the_roadmap_starts_with_suggested_tasks_and_saves_an_edit(plan_id, shared_store):
    at = open_app(ROADMAP, lang="zh", plan=plan_id)
    assert_clean(at)
    suggested = at.data_editor[0].value
    assert len(suggested) >= 7 and stored_tasks(shared_store.get(plan_id).plan) is None
    edit_table(at, {"edited_rows": {"0": {"owner": "王五"}}})
    assert_clean(at)
    tasks = stored_tasks(shared_store.get(plan_id).plan)
    assert tasks is not None and len(tasks) == len(suggested)
    first = min(tasks.values(), key=lambda t: (t.start, t.order))
    assert first.owner == "王五"
    fresh = open_app(ROADMAP, lang="en", plan=plan_id)
    assert fresh.data_editor[0].value["owner"].iloc[0] == "王五"


def test_a_task_due_before_it_starts_is_refused_and_nothing_is_saved(plan_id, shared_store):
    at = open_app(ROADMAP, lang="en", plan=plan_id)
    edit_table(at, {"edited_rows": {"1": {"due": "2020-01-01"}}})
    assert_clean(at)
    assert "The table has invalid entries and was not saved. Correct the rows listed." in [
        e.value for e in at.error
    ]
    assert any(
        "Row 2: The due date cannot be before the start date." in m.value for m in at.markdown
    )
    assert stored_tasks(shared_store.get(plan_id).plan) is None


def test_added_and_deleted_rows_are_saved(plan_id, shared_store):
    at = open_app(ROADMAP, lang="zh", plan=plan_id)
    count = len(at.data_editor[0].value)
    step = at.data_editor[0].value["step"].iloc[0]
    edit_table(
        at,
        {
            "deleted_rows": [0],
            "added_rows": [
                {
                    "step": step,
                    "title": "新增的任务",
                    "start": "2027-01-04",
                    "due": "2027-01-08",
                    "status": "待办",
                }
            ],
        },
    )
    assert_clean(at)
    tasks = stored_tasks(shared_store.get(plan_id).plan)
    assert len(tasks) == count
    assert "新增的任务" in {t.title for t in tasks.values()}


def test_platform_choice_and_rationale_are_saved(plan_id, shared_store):
    at = open_app(ROADMAP, lang="zh", plan=plan_id)
    at.multiselect(key="rm.platforms").select("wecom").run()
    at.text_area(key="rm.rationale").input("车主以微信为主").run()
    assert_clean(at)
    roadmap = shared_store.get(plan_id).plan.sections.roadmap
    assert (roadmap.platforms, roadmap.rationale) == (["wecom"], "车主以微信为主")


def test_a_ticked_checklist_item_and_its_note_persist(plan_id, shared_store):
    at = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    assert_clean(at)
    at.checkbox(key="ck.no_over_marketing.done").check().run()
    at.text_input(key="ck.no_over_marketing.note").input("One post a week at most").run()
    saved = shared_store.get(plan_id).plan.sections.checklist["no_over_marketing"]
    assert (saved.done, saved.note) == (True, "One post a week at most")
    fresh = open_app("pages/plan/checklist.py", lang="zh", plan=plan_id)
    assert fresh.checkbox(key="ck.no_over_marketing.done").value is True
    assert any("1/5 项已完成" in p.text for p in fresh.get("progress"))


def test_a_kpi_objective_with_metric_and_target_is_saved(plan_id, shared_store):
    at = open_app("pages/plan/kpis.py", lang="zh", plan=plan_id)
    at.multiselect(key="kp.objectives").select("engagement").run()
    at.selectbox(key="kp.engagement.metric").select("event_participation").run()
    at.text_input(key="kp.engagement.target").input("≥ 30%").run()
    assert_clean(at)
    kpi = shared_store.get(plan_id).plan.sections.kpis["engagement"]
    assert (kpi.on, kpi.metric, kpi.target) == (True, "event_participation", "≥ 30%")
    assert kpi.formula == "参加活动的成员数 ÷ 受邀成员数"
    at.multiselect(key="kp.objectives").unselect("engagement").run()
    kpi = shared_store.get(plan_id).plan.sections.kpis["engagement"]
    assert kpi.on is False and kpi.target == "≥ 30%"  # kept for when it is turned on


def test_the_review_lists_findings_with_links_and_a_score(plan_id, shared_store):
    at = open_app("pages/plan/review.py", lang="en", plan=plan_id)
    assert_clean(at)
    assert at.metric[0].label == "Readiness"
    assert any("No core members or opinion leaders are named" in e.value for e in at.error)
    shared_store.update(plan_id, {"answers.structure.core_members": "三位老车主 **粗体**"})
    at.run()
    assert not any("No core members" in e.value for e in at.error)
    assert at.get("page_link")


def test_the_export_page_offers_every_download(plan_id):
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    assert_clean(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Word (DOCX)",
        "PDF",
        "Markdown",
        "HTML (printable)",
        "JSON (whole plan)",
        "Operations calendar (CSV)",
        "Operations calendar (iCalendar)",
    ]


def test_importing_a_plan_creates_a_new_plan_and_leaves_the_open_one(plan_id, shared_store):
    from playbook.export import json_io

    shared_store.update(plan_id, {"answers.target.summary": "原计划"})
    exported = json_io.to_json(shared_store.get(plan_id).plan)
    before = shared_store.get(plan_id)
    at = open_app("pages/plan/export.py", lang="zh", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", exported, "application/json")
    at.run()
    assert_clean(at)
    assert any("已导入为新计划" in s.value for s in at.success)
    assert shared_store.get(plan_id) == before
    copies = [p for p in shared_store.list_plans(limit=10_000) if p.id != plan_id]
    assert any(shared_store.get(p.id).plan.answer("target", "summary") == "原计划" for p in copies)


def test_a_broken_import_explains_what_is_wrong(plan_id, shared_store):
    before = len(shared_store.list_plans(limit=10_000))
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", b"{oops", "application/json")
    at.run()
    assert_clean(at)
    assert any("This is not a valid JSON file" in e.value for e in at.error)
    assert len(shared_store.list_plans(limit=10_000)) == before


def test_the_export_preview_shows_the_document_with_the_teams_text_escaped(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "<b>车主</b> **粗体**"})
    at = open_app("pages/plan/export.py", lang="zh", plan=plan_id)
    at.toggle(key="export_preview").set_value(True).run()
    assert_clean(at)
    shown = " ".join(m.value for m in at.markdown)
    assert "执行摘要" in shown and "\\<b\\>车主\\</b\\> \\*\\*粗体\\*\\*" in shown

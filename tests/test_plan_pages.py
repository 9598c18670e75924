"""Roadmap, checklist, KPI and review pages: edits persist in the plan, in both languages."""

from __future__ import annotations

import pytest

from playbook.roadmap import stored_tasks
from tests.conftest import assert_clean, open_app, open_checklist

ROADMAP = "pages/plan/roadmap.py"


def edit_table(at, edits: dict) -> None:
    """Apply cell edits to the roadmap's data editor as the browser would: the table keeps
    every edit made since it was drawn from what is stored, and adds the new one."""
    editor = at.data_editor[0]
    state = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    if editor.key in at.session_state:
        state = {k: v for k, v in at.session_state[editor.key].items() if k in state} or state
    for row, cells in edits.get("edited_rows", {}).items():
        state["edited_rows"][row] = state["edited_rows"].get(row, {}) | cells
    state["added_rows"] = state["added_rows"] + edits.get("added_rows", [])
    state["deleted_rows"] = state["deleted_rows"] + edits.get("deleted_rows", [])
    at.session_state[editor.key] = state
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


def test_a_task_due_before_it_starts_is_kept_as_a_draft_that_says_why(plan_id, shared_store):
    at = open_app(ROADMAP, lang="en", plan=plan_id)
    count = len(at.data_editor[0].value)
    title = at.data_editor[0].value["title"].iloc[1]
    edit_table(at, {"edited_rows": {"1": {"due": "2020-01-01"}}})
    assert_clean(at)
    plan = shared_store.get(plan_id).plan
    assert len(stored_tasks(plan)) == count - 1  # every other row is saved as a task
    (draft,) = plan.sections.roadmap.drafts.values()
    assert draft.title == title and str(draft.due) == "2020-01-01"  # kept as typed
    assert any("not complete yet: 1" in w.value for w in at.warning)
    table = at.data_editor[0].value
    row = table[table["title"] == title].iloc[0]
    assert row["problem"] == "Due: The due date cannot be before the start date."
    assert list(table["title"]).index(title) == 1  # the row stays where it was


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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_platforms_table_follows_the_plans_positioning_and_sources_open_on_request(
    plan_id, shared_store, lang
):
    from playbook.content import content
    from playbook.i18n import t

    at = open_app(ROADMAP, lang=lang, plan=plan_id)
    fit = t("rm.col.fit", lang)
    (table,) = [d for d in at.dataframe if fit in d.value.columns]
    assert set(table.value[fit]) == {t("rm.fit.unknown", lang)}  # no boundary set yet
    assert list(table.value[t("rm.col.platform", lang)]) == [
        p.label.get(lang) for p in content().platforms
    ]
    shared_store.update(plan_id, {"answers.target.boundary": "customers_only"})
    at.run()
    (table,) = [d for d in at.dataframe if fit in d.value.columns]
    assert set(table.value[fit]) == {t(f"rm.fit.{f}", lang) for f in ("strong", "weak")}
    notes = [p.cap_note.get(lang) for p in content().platforms if p.cap_note]
    assert not any(notes[0] in m.value for m in at.markdown)  # drawn when opened
    at.session_state["rm.cap_sources"] = True
    at.run()
    assert any(notes[0] in m.value for m in at.markdown)


def test_a_ticked_checklist_item_and_its_note_persist(plan_id, shared_store):
    at = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    assert_clean(at)
    assert "ck.no_over_marketing.done" not in [c.key for c in at.checkbox]  # group closed
    open_checklist(at)
    at.checkbox(key="ck.no_over_marketing.done").check().run()
    assert "ck.no_over_marketing.note" not in [t.key for t in at.text_input]  # drawn when opened
    at.session_state["ck.no_over_marketing.open"] = True  # the item's details panel opened
    at.run()
    at.text_input(key="ck.no_over_marketing.note").input("One post a week at most").run()
    saved = shared_store.get(plan_id).plan.sections.checklist["no_over_marketing"]
    assert (saved.done, saved.note) == (True, "One post a week at most")
    fresh = open_app("pages/plan/checklist.py", lang="zh", plan=plan_id)
    assert any(c.value.startswith("1/6 项已完成") for c in fresh.caption)  # beside its group
    open_checklist(fresh)
    assert fresh.checkbox(key="ck.no_over_marketing.done").value is True


def test_a_note_that_could_not_be_saved_keeps_its_group_and_panel_open(
    plan_id, shared_store, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    from playbook.storage import Store

    at = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    open_checklist(at, details=True)

    def down(self, *args, **kwargs):
        raise OperationalError("UPDATE plans", {}, Exception("database is gone"))

    monkeypatch.setattr(Store, "_write", down)
    at.text_input(key="ck.no_over_marketing.note").input("Typed while offline").run()
    at.session_state["ck.group.cautions"] = False  # the group and the item closed by clicks
    at.session_state["ck.no_over_marketing.open"] = False
    at.run()
    assert_clean(at)
    assert at.text_input(key="ck.no_over_marketing.note").value == "Typed while offline"
    assert at.error, "the failure is said next to the note"
    monkeypatch.undo()
    at.text_input(key="ck.no_over_marketing.note").input("Typed once back online").run()
    saved = shared_store.get(plan_id).plan.sections.checklist["no_over_marketing"]
    assert saved.note == "Typed once back online"


def test_open_panels_stay_open_when_the_language_changes(plan_id):
    at = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    at.session_state["ck.group.cautions"] = True  # a group and an item's details opened
    at.run()
    at.session_state["ck.no_over_marketing.open"] = True
    at.run()
    assert at.text_input(key="ck.no_over_marketing.note").label == "Note"
    at.segmented_control(key="lang_picker").set_value("zh").run()
    assert_clean(at)
    assert at.text_input(key="ck.no_over_marketing.note").label == "说明"  # still open
    assert at.checkbox(key="ck.respect_privacy.done")  # the group too


def test_a_tick_that_could_not_be_saved_keeps_its_group_open(plan_id, shared_store, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from playbook.storage import Store

    at = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    open_checklist(at)

    def down(self, *args, **kwargs):
        raise OperationalError("UPDATE plans", {}, Exception("database is gone"))

    monkeypatch.setattr(Store, "_write", down)
    at.checkbox(key="ck.no_over_marketing.done").check().run()
    at.session_state["ck.group.cautions"] = False  # the group closed by a click
    at.run()
    assert_clean(at)
    assert at.checkbox(key="ck.no_over_marketing.done").value is True  # still ticked
    assert at.error, "the failure is said next to the tick"
    monkeypatch.undo()  # the database is back: the next change stores the tick too
    at.checkbox(key="ck.respect_privacy.done").check().run()
    stored = shared_store.get(plan_id).plan.sections.checklist
    assert stored["no_over_marketing"].done and stored["respect_privacy"].done


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
    boxes = " ".join(h.proto.body for h in at.get("html"))
    assert "No core members or opinion leaders are named" in boxes
    shared_store.update(plan_id, {"answers.structure.core_members": "三位老车主 **粗体**"})
    at.run()
    assert "No core members" not in " ".join(h.proto.body for h in at.get("html"))
    assert at.get("page_link")


def test_the_export_page_offers_every_download(plan_id):
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    assert_clean(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Word (DOCX)",
        "PDF",
        "Markdown with charts (ZIP)",
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
    assert any("已导入为新计划" in h.proto.body for h in at.get("html"))
    assert shared_store.get(plan_id) == before
    copies = [p for p in shared_store.list_plans(limit=10_000) if p.id != plan_id]
    assert any(shared_store.get(p.id).plan.answer("target", "summary") == "原计划" for p in copies)


def test_a_broken_import_explains_what_is_wrong(plan_id, shared_store):
    before = len(shared_store.list_plans(limit=10_000))
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", b"{oops", "application/json")
    at.run()
    assert_clean(at)
    assert any("This is not a valid JSON file" in h.proto.body for h in at.get("html"))
    assert len(shared_store.list_plans(limit=10_000)) == before


def test_the_export_preview_shows_the_document_with_the_teams_text_escaped(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "<b>车主</b> **粗体**"})
    at = open_app("pages/plan/export.py", lang="zh", plan=plan_id)
    at.toggle(key="export_preview").set_value(True).run()
    assert_clean(at)
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "执行摘要" in shown and "&lt;b&gt;车主&lt;/b&gt; **粗体**" in shown
    assert "pb-info" not in shown  # every character can be printed


def test_the_export_preview_names_characters_the_pdf_cannot_print(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "吉野家的𠮷 🚗 车主"})
    at = open_app("pages/plan/export.py", lang="zh", plan=plan_id)
    at.toggle(key="export_preview").set_value(True).run()
    assert_clean(at)
    (note,) = [h.proto.body for h in at.get("html") if "pb-info" in h.proto.body]
    assert "𠮷" in note and "🚗" in note and "□" in note


def test_focus_now_marks_only_a_few_unfinished_items(plan_id, shared_store):
    at = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    open_checklist(at)
    badged = [c for c in at.checkbox if "Focus now" in c.label]
    assert 1 <= len(badged) <= 4  # a cold-start plan: at most four items matter now
    first = badged[0].key
    at.checkbox(key=first).check().run()
    assert len([c for c in at.checkbox if "Focus now" in c.label]) == len(badged) - 1
    # the car quick start is for car-industry plans only (this plan is automotive)
    assert any("quick start" in e.label.lower() for e in at.expander)
    shared_store.update(plan_id, {"meta.industry": "software_saas"})
    other = open_app("pages/plan/checklist.py", lang="en", plan=plan_id)
    assert not any("quick start" in e.label.lower() for e in other.expander)


def _fill_every_summary(store, plan_id):
    from playbook.content import content

    changes = {}
    for variable in content().variables:
        for spec in variable.fields:
            if spec.required or spec.id == "summary":
                if spec.kind in ("line", "text"):
                    changes[f"answers.{variable.id}.{spec.id}"] = variable.example.answer.zh[:150]
                elif spec.kind == "choice":
                    changes[f"answers.{variable.id}.{spec.id}"] = spec.options[0].id
                elif spec.kind == "choices":
                    changes[f"answers.{variable.id}.{spec.id}"] = [spec.options[0].id]
                else:
                    changes[f"answers.{variable.id}.{spec.id}"] = spec.min or 1
    store.update(plan_id, changes)


def test_the_last_variable_leads_on_to_roadmap_review_and_export(plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id, step="ecosystem")
    assert_clean(at)
    assert any("been through all ten variables" in m.value for m in at.markdown)
    targets = {link.proto.page for link in at.get("page_link")}
    assert {"roadmap", "review", "export"} <= targets
    # "next" is not greyed out at the end: it leads on to the roadmap
    assert "Next: the roadmap" in [link.proto.label for link in at.get("page_link")]
    assert not [b for b in at.button if b.label == "Next"]
    first = open_app("pages/plan/wizard.py", lang="en", plan=plan_id, step="target")
    assert not any("been through all ten variables" in m.value for m in first.markdown)


def test_home_shows_the_reviews_next_step_once_the_variables_are_done(plan_id, shared_store):
    at = open_app(None, lang="en", plan=plan_id)
    assert "Continue with the ten variables" in [link.proto.label for link in at.get("page_link")]
    _fill_every_summary(shared_store, plan_id)
    at = open_app(None, lang="en", plan=plan_id)
    assert_clean(at)
    labels = [link.proto.label for link in at.get("page_link")]
    assert "Continue with the ten variables" not in labels
    assert any("Next best step" in h.proto.body for h in at.get("html")) or any(
        "found nothing to fix" in s.value for s in at.success
    )


def test_the_wizard_offers_the_calculators_group_size(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.structure.group_size": 200})
    shared_store.update(plan_id, {"sections.group_size": {"target_members": 1000}})
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id, step="structure")
    assert_clean(at)
    use = next(b for b in at.button if b.label.startswith('Set "Planned members per group"'))
    per_group = int(use.label.rsplit(" ", 1)[1])
    use.click().run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("structure", "group_size") == per_group
    assert at.number_input(key="ans.structure.group_size").value == per_group

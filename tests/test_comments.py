"""Comments on a plan: the threads, their storage with the plan's revisions, and who may
write them (edit and comment links; never a view-only link, whatever its browser sends)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from playbook import comments
from playbook.access import AccessStore, CommentOnlyStore, ReadOnly, ReadOnlyStore, Role
from playbook.describe import path_label
from playbook.errors import InvalidData
from tests.conftest import assert_clean, open_app

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def _add(store, plan_id, target="variable:target", text="目标成员写得太宽了", author="小王", at=T0):
    path, value = comments.new_comment(target, text, author, at)
    store.update(plan_id, {path: value}, source="edit:test")
    return path.split(".")[1]


def test_a_new_comment_is_cleaned_and_refused_when_empty_or_too_long():
    path, value = comments.new_comment("variable:target", " 第一行\r\n第二行\x07 ", "  小  王 ", T0)
    assert comments.is_comment_path(path)
    assert value["text"] == "第一行\n第二行" and value["author"] == "小 王"
    assert value["resolved"] is False
    for bad in ("", "   ", "x" * (comments.MAX_COMMENT + 1)):
        with pytest.raises(ValueError):
            comments.new_comment("variable:target", bad)
    with pytest.raises(ValueError):
        comments.new_comment("variable:Not-a-slug", "文字")


def test_threads_counts_and_the_open_list(store, meta):
    plan_id = store.create(meta).plan.id
    first = _add(store, plan_id, text="一", at=T0)
    second = _add(store, plan_id, text="二", at=T0.replace(hour=2))
    _add(store, plan_id, target="variable:entry", text="三", at=T0.replace(hour=3))
    store.update(plan_id, comments.resolve_change(first, True), source="edit:test")
    plan = store.get(plan_id).plan
    assert [c.text for _, c in comments.thread(plan.comments, "variable:target")] == ["一", "二"]
    assert comments.open_counts(plan.comments) == {"variable:target": 1, "variable:entry": 1}
    assert [c.text for _, c in comments.open_comments(plan.comments)] == ["三", "二"]
    store.update(plan_id, comments.resolve_change(first, False), source="edit:test")
    assert comments.open_counts(store.get(plan_id).plan.comments)["variable:target"] == 2
    assert second in store.get(plan_id).plan.comments


def test_comments_are_revisions_survive_a_restore_and_two_at_once_both_stay(store, meta):
    from playbook.content import content as load_content

    content = load_content()
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"answers.target.summary": "第一版"})
    first = _add(store, plan_id, text="第一条")
    revision = store.revisions(plan_id)[0]
    assert revision.changed == [f"comments.{first}"]
    assert path_label(revision.changed[0], content, "en") == "Comment"
    # two comments made from the same stale plan both survive (change sets are re-applied)
    _add(store, plan_id, text="第二条")
    store.restore(plan_id, 2)  # before any comment
    plan = store.get(plan_id).plan
    assert plan.answer("target", "summary") == "第一版"
    assert sorted(c.text for c in plan.comments.values()) == ["第一条", "第二条"]


def test_a_comment_cannot_be_resolved_before_it_exists(store, meta):
    plan_id = store.create(meta).plan.id
    with pytest.raises(InvalidData):
        store.update(plan_id, comments.resolve_change("c" + "0" * 12, True))


def test_a_comment_link_writes_comments_only(shared_store, plan_id):
    guarded = CommentOnlyStore(shared_store)
    cid = _add(guarded, plan_id, text="评论链接的意见")
    guarded.update(plan_id, comments.resolve_change(cid, True))
    assert shared_store.get(plan_id).plan.comments[cid].resolved
    before = shared_store.get(plan_id)
    path, value = comments.new_comment("variable:target", "夹带的修改")
    for forged in (
        {"answers.target.summary": "改过了"},
        {path: value, "answers.target.summary": "改过了"},
        {f"comments.{cid}": {**value, "text": "改写别人的评论"}},
        {},
    ):
        with pytest.raises(ReadOnly):
            guarded.update(plan_id, forged)
    with pytest.raises(ReadOnly):
        guarded.restore(plan_id, 1)
    assert shared_store.get(plan_id) == before


def test_a_view_only_link_cannot_comment(shared_store, plan_id):
    path, value = comments.new_comment("variable:target", "只读链接的评论")
    with pytest.raises(ReadOnly):
        ReadOnlyStore(shared_store).update(plan_id, {path: value})
    assert shared_store.get(plan_id).plan.comments == {}


def _comment_box(at):
    return next(a for a in at.text_area if a.key == "comment.text.variable.target")


def test_an_editor_comments_in_the_wizard_and_sees_the_badges(shared_store, plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    assert_clean(at)
    assert "No comments yet." in [c.value for c in at.caption]
    _comment_box(at).input("Who exactly are the members?")
    at.button(key="FormSubmitter:comment.form.variable.target-Add comment").click().run()
    assert_clean(at)
    stored = shared_store.get(plan_id).plan.comments
    assert [c.text for c in stored.values()] == ["Who exactly are the members?"]
    assert _comment_box(at).value == ""  # ready for the next one
    assert "Comments (1 open)" in "".join(m.value for m in at.markdown)
    steps = [o.content for o in at.get("button_group")[0].proto.options]
    assert steps[0].endswith(" 💬1") and "💬" not in steps[1]
    at.switch_page("pages/plan/home.py").run()
    assert_clean(at)
    assert any(":blue-badge[:material/forum: 1]" in m.value for m in at.markdown)
    assert "Open comments" in [s.value for s in at.subheader]
    # resolving takes it off the open list
    cid = next(iter(stored))
    at.button(key=f"comment.{cid}.toggle").click().run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.comments[cid].resolved
    assert "No open comments." in [c.value for c in at.caption]


def test_a_comment_link_comments_but_changes_nothing_else(shared_store, plan_id):
    token = AccessStore(shared_store).link(plan_id, Role.COMMENT)
    at = open_app("pages/plan/wizard.py", lang="en", plan=token)
    assert_clean(at)
    assert at.text_input(key="ans.target.summary").disabled
    assert any("Comment: you can read" in i.value for i in at.info)
    _comment_box(at).input("Looks good to me")
    at.button(key="FormSubmitter:comment.form.variable.target-Add comment").click().run()
    assert_clean(at)
    plan = shared_store.get(plan_id).plan
    assert [c.text for c in plan.comments.values()] == ["Looks good to me"]
    assert plan.answers == {}


def test_a_view_only_link_reads_comments_and_its_forged_comment_is_refused(shared_store, plan_id):
    _add(shared_store, plan_id, text="编辑写的评论")
    view = AccessStore(shared_store).link(plan_id, Role.VIEW)
    reader = open_app("pages/plan/wizard.py", lang="en", plan=view)
    assert_clean(reader)
    assert not [a for a in reader.text_area if a.key and a.key.startswith("comment.text")]
    assert "A view-only link shows the comments but cannot add any." in [
        c.value for c in reader.caption
    ]
    assert "编辑写的评论" in "".join(h.proto.body for h in reader.get("html"))
    # a form drawn while the session could comment, sent after it became view-only
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    before = shared_store.get(plan_id)
    at.session_state["plan_role"] = "view"
    _comment_box(at).input("伪造的评论")
    at.button(key="FormSubmitter:comment.form.variable.target-Add comment").click().run()
    assert shared_store.get(plan_id) == before
    assert "This is a view-only link; the plan cannot be changed through it." in [
        e.value for e in at.error
    ]


def test_a_roadmap_task_has_its_thread_and_shows_on_home(shared_store, plan_id):
    from datetime import date

    from playbook import roadmap
    from playbook.content import content

    suggested = roadmap.suggested_tasks(content(), "cold_start", date(2026, 12, 1), "en")
    shared_store.update(plan_id, roadmap.task_changes(None, suggested))
    at = open_app("pages/plan/roadmap.py", lang="en", plan=plan_id)
    assert_clean(at)
    tasks = shared_store.get(plan_id).plan.sections.roadmap.tasks
    assert tasks
    task_id = at.selectbox(key="task_comment_pick").value
    box = next(a for a in at.text_area if a.key == f"comment.text.task.{task_id}")
    box.input("Who owns this?")
    at.button(key=f"FormSubmitter:comment.form.task.{task_id}-Add comment").click().run()
    assert_clean(at)
    stored = shared_store.get(plan_id).plan.comments
    assert [c.target for c in stored.values()] == [f"task:{task_id}"]
    assert at.selectbox(key="task_comment_pick").format_func(task_id).endswith(" 💬1")
    home = open_app(None, lang="en", plan=plan_id)
    assert_clean(home)
    body = "".join(h.proto.body for h in home.get("html"))
    assert f"Task · {tasks[task_id].title}" in body and "Who owns this?" in body


def test_the_exported_documents_may_end_with_the_comments(shared_store, plan_id):
    from datetime import date

    from playbook.content import content
    from playbook.export.build import build_document
    from playbook.export.formats import write_document
    from playbook.export.markdown_writer import to_markdown

    shared_store.update(plan_id, {"meta.time_zone": "Asia/Shanghai"})
    _add(shared_store, plan_id, text="写得*太宽*了 <b>", author="小王", at=T0)
    plan = shared_store.get(plan_id).plan
    plain_doc = build_document(plan, content(), "zh", date(2026, 12, 5), with_charts=False)
    assert "附录：评论" not in to_markdown(plain_doc)
    document = build_document(
        plan, content(), "zh", date(2026, 12, 5), with_charts=False, with_comments=True
    )
    markdown = to_markdown(document)
    assert "附录：评论" in markdown and "1 社群对象" in markdown
    assert "2026-11-24 09:00 (UTC+08:00)" in markdown  # the plan's time zone
    assert "写得\\*太宽\\*了 &lt;b&gt;" in markdown or "写得\\*太宽\\*了 \\<b\\>" in markdown
    for writer in ("docx", "pdf", "html"):
        assert write_document(document, writer)


def test_the_export_page_offers_the_appendix_only_when_there_are_comments(shared_store, plan_id):
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    assert not [t for t in at.toggle if t.key == "export_comments"]
    _add(shared_store, plan_id)
    at.run()
    assert_clean(at)
    toggle = next(t for t in at.toggle if t.key == "export_comments")
    toggle.set_value(True).run()
    at.toggle(key="export_preview").set_value(True).run()
    assert_clean(at)
    assert "Appendix: comments" in "".join(h.proto.body for h in at.get("html"))


def test_comments_travel_with_the_plan_as_json(store, meta):
    from playbook.export import json_io

    plan_id = store.create(meta).plan.id
    _add(store, plan_id, text="随 JSON 一起导出")
    plan = store.get(plan_id).plan
    again = json_io.read_plan(json_io.to_json(plan))
    assert again.comments == plan.comments

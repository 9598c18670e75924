"""Links with roles: a view-only link reads and downloads but cannot change anything
(enforced where plans are written), and a replaced link says it was replaced."""

from __future__ import annotations

import pytest

from playbook.access import AccessStore, LinkRevoked, ReadOnly, ReadOnlyStore, Role
from playbook.errors import PlanNotFound
from tests.conftest import assert_clean, open_app, open_checklist


@pytest.fixture
def links(shared_store) -> AccessStore:
    return AccessStore(shared_store)


def test_each_role_has_its_own_link_and_a_replaced_link_is_refused(links, plan_id):
    assert links.resolve(plan_id).role is Role.EDIT  # a new plan opens by its id
    view = links.link(plan_id, Role.VIEW)
    assert view != plan_id and links.link(plan_id, Role.VIEW) == view
    assert (links.resolve(view).plan_id, links.resolve(view).role) == (plan_id, Role.VIEW)
    new_view = links.replace(plan_id, Role.VIEW)
    with pytest.raises(LinkRevoked):
        links.resolve(view)
    assert links.resolve(new_view).role is Role.VIEW
    new_edit = links.replace(plan_id, Role.EDIT)
    with pytest.raises(LinkRevoked):
        links.resolve(plan_id)  # the plan id no longer opens the plan
    assert links.resolve(new_edit).role is Role.EDIT
    assert links.link(plan_id, Role.EDIT) == new_edit
    with pytest.raises(PlanNotFound):
        links.resolve("A" * 22)


def test_a_read_only_store_refuses_every_change(shared_store, plan_id):
    before = shared_store.get(plan_id)
    guarded = ReadOnlyStore(shared_store)
    assert guarded.get(plan_id) == before
    with pytest.raises(ReadOnly):
        guarded.update(plan_id, {"answers.target.summary": "改过了"})
    with pytest.raises(ReadOnly):
        guarded.restore(plan_id, 1)
    assert shared_store.get(plan_id) == before


def _forge(widget):
    """A widget message as a crafted client would send it, ignoring ``disabled``."""
    widget.proto.disabled = False
    return widget


def _view_app(links, plan_id, page, lang="en"):
    return open_app(page, lang=lang, plan=links.link(plan_id, Role.VIEW))


def test_forged_changes_to_disabled_inputs_change_nothing(links, plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "原来的回答"})
    before = shared_store.get(plan_id)
    at = _view_app(links, plan_id, "pages/plan/wizard.py")
    assert_clean(at)
    box = at.text_input(key="ans.target.summary")
    assert box.disabled
    _forge(box).input("伪造的修改").run()
    at.switch_page("pages/tools/group_size.py").run()
    first = at.number_input[0]
    assert first.disabled
    _forge(first).set_value((first.value or 0) + 7).run()
    assert_clean(at)
    assert shared_store.get(plan_id) == before


@pytest.mark.parametrize(
    ("page", "key", "value"),
    [
        ("pages/plan/wizard.py", "ans.target.summary", "伪造的修改"),
        ("pages/plan/checklist.py", None, True),
        ("pages/tools/group_size.py", None, 777),
    ],
)
def test_change_sets_from_a_view_only_session_are_refused_by_the_save_path(
    plan_id, shared_store, page, key, value
):
    """Inputs drawn while the session could edit, changed after it became view-only:
    the change set reaches the save path, which refuses it."""
    at = open_app(page, lang="en", plan=plan_id)
    if page == "pages/plan/checklist.py":
        open_checklist(at)  # the ticks are drawn, enabled, while the session can edit
    before = shared_store.get(plan_id)
    at.session_state["plan_role"] = "view"
    if key is not None:
        at.text_input(key=key).input(value).run()
    elif page == "pages/plan/checklist.py":
        at.checkbox[0].check().run()
    else:
        at.number_input[0].set_value(value).run()
    assert shared_store.get(plan_id) == before
    assert "This is a view-only link; the plan cannot be changed through it." in [
        e.value for e in at.error
    ]


@pytest.mark.parametrize(
    "page",
    [
        "pages/plan/home.py",
        "pages/plan/wizard.py",
        "pages/plan/roadmap.py",
        "pages/plan/checklist.py",
        "pages/plan/kpis.py",
        "pages/plan/review.py",
        "pages/plan/export.py",
        "pages/plan/history.py",
        "pages/learn/compare.py",
        "pages/tools/roi.py",
    ],
)
def test_every_page_reads_through_a_view_only_link_with_inputs_disabled(links, plan_id, page):
    at = _view_app(links, plan_id, page)
    if page == "pages/plan/checklist.py":  # every group and item opened (drawn when opened)
        open_checklist(at, details=True)
        assert at.text_input, "the notes are drawn"
    assert_clean(at)
    editable = [
        w
        for kind in ("text_input", "text_area", "number_input", "checkbox", "multiselect")
        for w in at.get(kind)
        if not w.disabled
    ]
    assert editable == [], [w.key for w in editable]
    assert plan_id not in str(at.query_params)
    assert not any(plan_id in code.value for code in at.code)
    if page == "pages/plan/export.py":
        assert len(at.get("download_button")) == 7 and not at.get("file_uploader")
    if page == "pages/learn/compare.py":
        assert all(b.disabled for b in at.button)


def test_the_view_only_home_page_offers_only_the_view_link(links, plan_id):
    at = _view_app(links, plan_id, "pages/plan/home.py")
    codes = [c.value for c in at.code]
    assert len(codes) == 1 and links.link(plan_id, Role.VIEW) in codes[0]
    assert [m for m in at.markdown if m.value.startswith("**View-only link**")]
    assert not at.text_input  # no plan details to edit


def test_history_through_a_view_only_link_offers_no_restore(links, plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "第二版"})
    at = _view_app(links, plan_id, "pages/plan/history.py")
    assert_clean(at)
    assert not [b for b in at.button if "Restore" in b.label]


def test_an_editor_replaces_the_view_link_and_the_old_one_explains(links, plan_id):
    old_view = links.link(plan_id, Role.VIEW)
    at = open_app("pages/plan/home.py", lang="en", plan=plan_id)
    assert_clean(at)
    assert len(at.code) == 3  # edit, view-only and comment links
    at.session_state["replace_open.view"] = True  # the confirmation, drawn when asked for
    at.run()
    at.button(key="replace.view").click().run()
    assert_clean(at)
    assert not [b for b in at.button if b.key == "replace.view"]  # the confirmation closed
    assert "A new view-only link is ready; the old one no longer works." in [
        s.value for s in at.success
    ]
    new_view = links.link(plan_id, Role.VIEW)
    assert new_view != old_view and any(new_view in c.value for c in at.code)
    reader = open_app("pages/plan/home.py", lang="en", plan=old_view)
    assert_clean(reader)
    assert any("This link has been replaced" in e.value for e in reader.error)


def test_replacing_the_edit_link_keeps_the_editor_and_locks_out_the_old_link(links, plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    at.switch_page("pages/plan/home.py").run()
    at.session_state["replace_open.edit"] = True
    at.run()
    at.button(key="replace.edit").click().run()
    assert_clean(at)
    new_edit = links.link(plan_id, Role.EDIT)
    assert new_edit != plan_id
    assert str(at.query_params["plan"]).strip("[]'") == new_edit
    at.switch_page("pages/plan/wizard.py").run()
    assert not at.text_input(key="ans.target.summary").disabled
    old = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    assert any("This link has been replaced" in e.value for e in old.error)


def test_opening_a_link_answers_what_resolving_it_does_with_the_plans_version(store, meta):
    """The one-query open (every page view) against the link rules, on both databases."""
    links = AccessStore(store)
    plan_id = store.create(meta).plan.id
    other_id = store.create(meta).plan.id

    def same(token: str) -> None:
        access, version = links.open(token)
        assert access == links.resolve(token)
        assert version == store.get(access.plan_id).version

    same(plan_id)
    store.update(plan_id, {"answers.target.summary": "车主"})
    same(plan_id)  # the version read with the link is the stored one
    view, comment = links.link(plan_id, Role.VIEW), links.link(plan_id, Role.COMMENT)
    same(view)
    same(comment)
    same(links.link(other_id, Role.VIEW))  # another plan's link opens that plan
    new_view = links.replace(plan_id, Role.VIEW)
    same(new_view)
    new_edit = links.replace(plan_id, Role.EDIT)
    same(new_edit)
    for revoked in (view, plan_id):
        with pytest.raises(LinkRevoked):
            links.open(revoked)
    for unknown in ("A" * 22, "not a token", ""):
        with pytest.raises(PlanNotFound):
            links.open(unknown)

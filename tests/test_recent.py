"""'My recent plans': the cookie's value (parsed, updated, never trusted) and home's list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playbook import recent
from playbook.access import Role
from playbook.recent import RecentPlan
from tests.conftest import assert_clean, open_app

NOW = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
A = "A" * 22
B = "B" * 22


def _token(n: int) -> str:
    return f"{n:022d}"


def test_a_value_round_trips():
    plans, _ = recent.remember([], A, Role.EDIT, NOW)
    plans, _ = recent.remember(plans, B, Role.VIEW, NOW + timedelta(minutes=1))
    text = recent.value(plans)
    assert text == f"{B}.view.{int(NOW.timestamp()) + 60}~{A}.edit.{int(NOW.timestamp())}"
    assert recent.parse(text) == plans


def test_opening_again_moves_a_plan_first_and_the_list_keeps_ten():
    plans: list[RecentPlan] = []
    for n in range(15):
        plans, _ = recent.remember(plans, _token(n), Role.EDIT, NOW + timedelta(minutes=n))
    assert [p.token for p in plans] == [_token(n) for n in range(14, 4, -1)]
    plans, entry = recent.remember(plans, _token(7), Role.EDIT, NOW + timedelta(hours=1))
    assert plans[0] == entry and entry.token == _token(7)
    assert [p.token for p in plans].count(_token(7)) == 1 and len(plans) == recent.KEEP


def test_forgetting_takes_one_plan_off():
    plans, _ = recent.remember([], A, Role.EDIT, NOW)
    plans, _ = recent.remember(plans, B, Role.VIEW, NOW)
    assert [p.token for p in recent.forget(plans, A)] == [B]
    assert recent.forget(plans, "C" * 22) == plans


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "garbage",
        "~~~",
        f"{A}.edit",
        f"{A}.owner.1796458851",  # no such role
        f"{A}.edit.12",  # before any plan existed
        f"{A}.edit.{'9' * 400}",
        f"{A}.edit.١٧٩٦٤٥٨٨٥١",  # digits, but not ASCII ones
        "short.edit.1796458851",
        f"{A}<script>.edit.1796458851",
        f"{A}.edit.1796458851.extra",
        f"{A}.edit.1796458851~" + "x" * 5000,  # longer than any cookie a browser keeps
        '{"token": "' + A + '"}',
    ],
)
def test_a_tampered_value_gives_no_plans(value):
    assert recent.parse(value) == []


def test_the_valid_entries_of_a_damaged_value_are_kept_newest_first():
    value = f"{A}.edit.1796458800~junk~{B}.view.1796458900~{A}.view.1796459999"
    assert [(p.token, p.role) for p in recent.parse(value)] == [(B, Role.VIEW), (A, Role.EDIT)]


@given(st.text(max_size=600))
def test_no_value_breaks_the_parser(value):
    plans = recent.parse(value)
    assert len(plans) <= recent.KEEP
    assert recent.parse(recent.value(plans)) == plans


# -- home's list (AppTest; the browser's cookie is given to the page) ---------------------


@pytest.fixture
def cookie(monkeypatch):
    """Set what the browser sends as the cookie."""
    from pages.shared import remembered

    sent: dict[str, str | None] = {"value": None}
    monkeypatch.setattr(remembered, "_browser_cookie", lambda: sent["value"])

    def give(value: str | None) -> None:
        sent["value"] = value

    return give


def _stamp(offset: int = 0) -> int:
    return int(NOW.timestamp()) + offset


def _texts(at) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def test_home_lists_this_browsers_plans_with_title_role_and_time(
    cookie, shared_store, meta, plan_id
):
    from playbook.access import AccessStore

    view = AccessStore(shared_store).link(plan_id, Role.VIEW)
    other = shared_store.create(meta.model_copy(update={"community": "跑者之家"})).plan.id
    cookie(f"{view}.view.{_stamp(60)}~{other}.edit.{_stamp()}")
    at = open_app(lang="en")
    assert_clean(at)
    shown = _texts(at)
    assert "蓝色车主俱乐部" in shown and "跑者之家" in shown
    assert "view only" in shown and "can edit" in shown
    assert shown.index("蓝色车主俱乐部") < shown.index("跑者之家")  # newest first
    assert "last opened 2026-12-05" in shown


def test_a_replaced_link_and_a_missing_plan_are_shown_as_such(cookie, shared_store, plan_id):
    from playbook.access import AccessStore

    AccessStore(shared_store).replace(plan_id, Role.EDIT)  # the plan id no longer opens it
    cookie(f"{plan_id}.edit.{_stamp()}~{'Z' * 22}.view.{_stamp()}")
    at = open_app(lang="en")
    assert_clean(at)
    shown = _texts(at)
    assert "A plan whose link was replaced" in shown
    assert "A plan that no longer exists" in shown
    assert "蓝色车主俱乐部" not in shown
    assert not [b for b in at.button if b.label == "Open" and (b.key or "").startswith("recent.")]


def test_open_opens_the_plan_and_forget_takes_it_off(cookie, plan_id):
    cookie(f"{plan_id}.edit.{_stamp()}")
    at = open_app(lang="en")
    at.button(key=f"recent.open.{plan_id}").click().run()
    assert_clean(at)
    assert at.session_state["plan_id"] == plan_id
    assert any("Community strategy canvas" in h.value for h in at.subheader)
    at.button(key=next(b.key for b in at.button if b.label == "Close this plan")).click().run()
    assert any("stays under" in i.value for i in at.info)
    at.button(key=f"recent.forget.{plan_id}").click().run()
    assert_clean(at)
    assert "蓝色车主俱乐部" not in _texts(at)
    assert any("None yet" in c.value for c in at.caption)
    assert f'"token": "{plan_id}", "entry": null' in _texts(at)  # the browser is told


def test_a_plan_opened_by_its_link_is_remembered_in_the_browser(cookie, plan_id):
    cookie(None)
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    assert_clean(at)
    assert f'"entry": "{plan_id}.edit.' in _texts(at)
    assert "document.cookie" in _texts(at) and "SameSite=Lax" in _texts(at)


@pytest.mark.parametrize("value", ["<b>x</b>", "%%%", "a" * 5000, f"{'Q' * 22}.edit.1e9"])
def test_a_tampered_cookie_never_breaks_home(cookie, value):
    cookie(value)
    at = open_app(lang="en")
    assert_clean(at)
    assert any("None yet" in c.value for c in at.caption)


def test_creating_a_plan_says_how_to_come_back(cookie):
    cookie(None)
    at = open_app(lang="en")
    at.text_input[0].input("Growth")
    at.text_input[1].input("Runners")
    at.selectbox[0].select("automotive")
    next(b for b in at.button if b.label == "Create the plan and begin").click().run()
    assert_clean(at)
    assert any("To come back to it, keep the link below" in s.value for s in at.success)
    plan_id = at.session_state["plan_id"]
    assert any(f"plan={plan_id}" in c.value for c in at.code)
    assert f'"entry": "{plan_id}.edit.' in _texts(at)


def test_the_servers_plan_list_shows_titles_as_typed(monkeypatch, shared_store, meta):
    """The operator's option (every plan on the server) draws titles as text, not Markdown."""
    monkeypatch.setenv("PLAYBOOK_SHOW_PLAN_LIST", "1")
    hostile = "![x](http://127.0.0.1:9/p.png) :material/home:"
    plan_id = shared_store.create(meta.model_copy(update={"team": hostile})).plan.id
    at = open_app(lang="en")
    assert_clean(at)
    assert any(hostile in h.proto.body for h in at.get("html"))
    assert not any(hostile in b.label for b in at.button)
    at.button(key=f"open.{plan_id}").click().run()
    assert at.session_state["plan_id"] == plan_id


def test_the_servers_plan_list_opens_a_plan_whose_edit_link_was_replaced(
    monkeypatch, shared_store, plan_id
):
    from playbook.access import AccessStore

    monkeypatch.setenv("PLAYBOOK_SHOW_PLAN_LIST", "1")
    token = AccessStore(shared_store).replace(plan_id, Role.EDIT)
    at = open_app(lang="en")
    at.button(key=f"open.{plan_id}").click().run()
    assert_clean(at)
    assert at.session_state["plan_id"] == plan_id
    assert at.session_state["plan_link"] == token
    assert any("Community strategy canvas" in h.value for h in at.subheader)

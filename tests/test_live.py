"""A page that took in a teammate's save (as the live plan does every few seconds) and
then saves over it: the later saver is told what the teammate had saved."""

from __future__ import annotations

import pytest

from tests.conftest import assert_clean, open_app
from tests.test_race import KEY, _notice


def test_saving_over_a_teammates_fresh_value_quotes_it_with_restore_theirs(plan_id, shared_store):
    mine = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    shared_store.update(plan_id, {"answers.target.summary": "城市夜跑爱好者"}, source="edit:mate")
    mine.run()  # the page takes the teammate's save in (the browser keeps what is typed)
    mine.text_input(key=KEY).input("新手车主").run()
    assert_clean(mine)
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "新手车主"
    assert "Shortly before you saved" in _notice(mine) and "城市夜跑爱好者" in _notice(mine)
    mine.button(key=f"race.restore.{KEY}").click().run()
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "城市夜跑爱好者"
    assert mine.text_input(key=KEY).value == "城市夜跑爱好者"
    assert _notice(mine) == ""


def test_keeping_mine_dismisses_the_notice(plan_id, shared_store):
    mine = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    shared_store.update(plan_id, {"answers.target.summary": "城市夜跑爱好者"}, source="edit:mate")
    mine.run()
    mine.text_input(key=KEY).input("新手车主").run()
    mine.button(key=f"race.over.{KEY}").click().run()
    assert _notice(mine) == ""
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "新手车主"


def test_a_first_answer_over_an_empty_field_says_nothing(plan_id, shared_store):
    mine = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    mine.text_input(key=KEY).input("新手车主").run()
    assert _notice(mine) == ""


def test_many_open_tabs_look_less_often_so_a_server_answers_a_bounded_number_of_looks():
    from pages.shared import live

    assert live.INTERVAL == 2.5
    assert live.interval(1) == live.interval(100) == 2.5
    assert live.interval(200) == 5.0
    assert 200 / live.interval(200) <= live.LOOKS_PER_SECOND


def test_a_page_view_reuses_a_fresh_look_and_looks_again_once_it_is_old(plan_id, monkeypatch):
    """Every full run restarts the ticks, so someone moving through pages faster than the
    tick interval is kept present by the page runs: they reuse a look younger than
    BEAT_EVERY and look (and beat) again after it."""
    from types import SimpleNamespace

    from pages.shared import live
    from playbook.storage import PresenceStore

    if live.interval() is None:
        pytest.skip("live looks are off in this environment")
    clock = [1_000_000.0]
    monkeypatch.setattr(live, "time", SimpleNamespace(time=lambda: clock[0]))
    looks: list[float] = []
    original = PresenceStore.look

    def look(self, plan, session_id, **kwargs):
        looks.append(kwargs.get("now"))
        return original(self, plan, session_id, **kwargs)

    monkeypatch.setattr(PresenceStore, "look", look)
    at = open_app("pages/plan/wizard.py", plan=plan_id)
    first = len(looks)
    assert first >= 1  # a session's first view of the plan looks
    clock[0] += 3
    at.run()
    assert len(looks) == first  # a page view 3 s later reuses that look
    clock[0] += live.BEAT_EVERY
    at.run()
    assert len(looks) == first + 1  # an old look is taken again
    assert not at.exception

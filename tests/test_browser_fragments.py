"""Fragments in a real browser: a checklist item's details are drawn when opened and its
note is saved from there; a roadmap save keeps the table where it was."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from tests import test_browser as journeys
from tests.test_browser import _require_browser, running_server

pytestmark = pytest.mark.browser
browser = journeys.browser
page = journeys.page

SCROLLER = "[data-testid=stDataFrame] .dvn-scroller"
HEADER, ROW = 36, 35  # the grid's header and row heights, in pixels


def _sections(database) -> dict:
    with sqlite3.connect(database) as conn:
        (data,) = conn.execute("SELECT data FROM plans").fetchone()
    return json.loads(data)["sections"]


def _roadmap(database) -> dict:
    return _sections(database)["roadmap"]


def _wait_for(check, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("not saved in time")
        time.sleep(0.2)


def _type_into_cell(page, x: float, y: float, text: str) -> None:
    """Open the cell's editor with a double click (again if the grid was not ready yet),
    type and commit with Enter."""
    editor = page.locator("textarea.gdg-input")
    for _ in range(5):
        page.mouse.dblclick(x, y)
        try:
            editor.wait_for(timeout=3000)
            break
        except Exception:  # the grid did not take the click yet
            page.keyboard.press("Escape")
    editor.fill(text)
    editor.press("Enter")


def test_a_cell_edit_keeps_the_tables_scroll_and_a_new_rows_text(tmp_path, page):
    """A saved cell edit redraws neither the table nor its scroll position, and a row
    added with "+" can be typed into after the save its adding caused."""
    from playbook.plan import PlanMeta
    from playbook.storage.plans import Store
    from tests.maximal import roadmap_tasks

    _require_browser()
    database = tmp_path / "playbook.sqlite3"
    store = Store(f"sqlite:///{database}")
    plan_id = store.create(PlanMeta(team="t", community="c", industry="automotive")).plan.id
    store.update(plan_id, {"sections.roadmap": {"started": True, "tasks": roadmap_tasks(30)}})
    with running_server(tmp_path) as base:
        page.goto(f"{base}/roadmap?plan={plan_id}&lang=en")
        grid = page.get_by_test_id("stDataFrame").first
        grid.wait_for()
        page.get_by_test_id("glide-cell-2-0").first.wait_for(state="attached")
        page.wait_for_timeout(1000)
        page.eval_on_selector(SCROLLER, "s => s.scrollTop = 350")  # rows 11 and on in view
        page.wait_for_timeout(300)
        box = grid.bounding_box()
        # the owner cell of a row in the middle of the view
        _type_into_cell(page, box["x"] + 400, box["y"] + HEADER + 3 * ROW + ROW // 2, "Alice")
        _wait_for(lambda: any(t["owner"] == "Alice" for t in _roadmap(database)["tasks"].values()))
        page.wait_for_timeout(1000)  # the fragment's rerun has been drawn
        assert page.eval_on_selector(SCROLLER, "s => s.scrollTop") == 350

        grid.hover()
        page.get_by_role("button", name="Add row").first.dispatch_event("click")
        _wait_for(lambda: len(_roadmap(database).get("drafts") or {}) == 1)  # saved as a draft
        page.wait_for_timeout(1000)
        scrolled = page.eval_on_selector(SCROLLER, "s => s.scrollTop")
        assert scrolled > 350  # the new row, at the bottom, is in view
        box = grid.bounding_box()
        # its task cell
        _type_into_cell(page, box["x"] + 200, box["y"] + box["height"] - 20, "Weekly review")
        _wait_for(
            lambda: any(t["title"] == "Weekly review" for t in _roadmap(database)["tasks"].values())
        )
        page.wait_for_timeout(1000)
        # Enter moves to the row below (the "+" row): the table scrolls by one row at most
        assert scrolled <= page.eval_on_selector(SCROLLER, "s => s.scrollTop") <= scrolled + ROW
        assert not _roadmap(database).get("drafts")  # the draft became a task
        assert page.get_by_test_id("stAlertContentError").count() == 0


def test_a_checklist_items_details_open_and_its_note_is_saved_and_kept(tmp_path, page):
    from playwright.sync_api import expect

    from playbook.plan import PlanMeta
    from playbook.storage.plans import Store

    _require_browser()
    database = tmp_path / "playbook.sqlite3"
    store = Store(f"sqlite:///{database}")
    plan_id = store.create(PlanMeta(team="t", community="c", industry="automotive")).plan.id
    with running_server(tmp_path) as base:
        page.goto(f"{base}/checklist?plan={plan_id}&lang=en")
        # the first group with an item to focus on now is open (a new plan's: the rules);
        # the others are headers only, their items drawn when opened
        details = page.get_by_text("Why it matters, how to check, note")
        details.first.wait_for()
        assert details.count() == 3  # the rules' three items
        assert page.get_by_role("checkbox", name="Avoid over-marketing").count() == 0
        assert page.get_by_label("Note").count() == 0  # no panel is drawn until opened
        details.first.click()
        note = page.get_by_label("Note")
        note.fill("Agreed with the seed members")
        note.press("Enter")
        _wait_for(lambda: bool(_sections(database).get("checklist")))
        (entry,) = _sections(database)["checklist"].values()
        assert entry["note"] == "Agreed with the seed members"
        page.reload()
        page.get_by_text("Why it matters, how to check, note").first.click()
        expect(page.get_by_label("Note")).to_have_value("Agreed with the seed members")

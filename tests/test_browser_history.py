"""The revision history tells this browser's edits from another's, across tabs and reloads
(a cookie of this site keeps the browser's id)."""

from __future__ import annotations

import pytest

from tests import test_browser as journeys
from tests.test_browser import create_plan, running_server, summary_box, type_and_save

pytestmark = pytest.mark.browser

browser = journeys.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    journeys._require_browser()
    with running_server(tmp_path_factory.mktemp("history-data")) as base:
        yield base


def test_the_history_names_this_browser_in_a_new_tab_and_another_browser_elsewhere(server, browser):
    from playwright.sync_api import expect

    mine = browser.new_context(viewport={"width": 1400, "height": 1000})
    theirs = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = mine.new_page()
        url = create_plan(page, server, "华东用户运营组", "蓝色车主俱乐部")
        type_and_save(page, summary_box(page), "已提车的车主", "第 2 版")
        assert "playbook_browser" in {c["name"] for c in mine.cookies()}
        history = url.replace("/wizard?", "/history?")
        tab = mine.new_page()  # a new tab is a new session: the cookie says it is this browser
        tab.goto(history)
        table = tab.get_by_test_id("stDataFrame").first
        expect(table).to_contain_text("编辑（此浏览器）", timeout=20_000)

        other = theirs.new_page()
        other.goto(history)
        expect(other.get_by_test_id("stDataFrame").first).to_contain_text(
            "编辑（其他浏览器）", timeout=20_000
        )
    finally:
        mine.close()
        theirs.close()


def test_the_history_names_an_editor_by_the_name_they_gave(server, browser):
    from playwright.sync_api import expect

    from tests.test_browser_live import _name

    mine = browser.new_context(viewport={"width": 1400, "height": 1000})
    theirs = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = mine.new_page()
        url = create_plan(page, server, "华东用户运营组", "蓝色车主俱乐部")
        other = theirs.new_page()
        other.goto(url)
        _name(other, "王芳")
        type_and_save(other, summary_box(other), "已提车的车主", "第 2 版")
        # a new tab of that browser: the name comes back from its cookie
        tab = theirs.new_page()
        tab.goto(url)
        type_and_save(tab, summary_box(tab), "已提车的车主，通勤为主", "第 3 版")

        history = url.replace("/wizard?", "/history?")
        page.goto(history)
        table = page.get_by_test_id("stDataFrame").first
        expect(table).to_contain_text("编辑：王芳（其他浏览器）", timeout=20_000)
        expect(table).to_contain_text("2–3")
        tab.goto(history)
        expect(tab.get_by_test_id("stDataFrame").first).to_contain_text(
            "编辑：王芳（此浏览器）", timeout=20_000
        )
    finally:
        mine.close()
        theirs.close()

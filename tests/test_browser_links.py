"""In a real browser: /home opens the home page, the favicon comes from the app, and a
trainer who opens a plan does not carry the workshop into its address."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from tests import test_browser as journeys
from tests.test_browser import create_plan

pytestmark = pytest.mark.browser

server = journeys.server
browser = journeys.browser
page = journeys.page


def test_home_by_name_opens_the_home_page_with_the_plan(server, page):
    from playwright.sync_api import expect

    url = create_plan(page, server, "Growth", "Runners' club")
    plan_id = re.search(r"plan=([A-Za-z0-9_-]+)", url).group(1)
    page.goto(f"{server}/home?lang=EN&plan={plan_id}")
    expect(page.get_by_role("heading", name="Community strategy canvas")).to_be_visible()
    assert page.get_by_text("Page not found").count() == 0
    assert f"plan={plan_id}" in page.url and "lang=en" in page.url


def test_the_favicon_is_served_by_the_app(server, page):
    page.goto(f"{server}/")
    page.get_by_role("heading", name="社群营销作战手册").wait_for()
    icon = page.locator("link[rel~='icon']").first.get_attribute("href")
    assert icon and icon.startswith("data:image/png;base64,"), icon
    assert "gstatic" not in icon and "googleapis" not in icon


def test_a_trainer_opening_a_plan_leaves_the_workshop_out_of_its_address(server, page):
    page.goto(f"{server}/workshop")
    page.get_by_label("工作坊名称").fill("华东训练营")
    page.get_by_role("button", name="创建工作坊").click()
    page.wait_for_url(re.compile(r".*workshop=[A-Za-z0-9_-]{22}"))
    workshop_id = re.search(r"workshop=([A-Za-z0-9_-]+)", page.url).group(1)
    page.get_by_test_id("stSidebar").get_by_text("首页与计划画布").click()
    form = page.get_by_test_id("stForm").filter(has_text="创建计划并开始")
    form.get_by_label("团队名称").fill("一组")
    form.get_by_label("社群名称").fill("跑者之家")
    form.get_by_label("行业").click()
    page.get_by_role("option", name="汽车").click()
    form.get_by_role("button", name="创建计划并开始").click()
    page.wait_for_url(re.compile(r".*/wizard\?.*plan="))
    page.get_by_test_id("stSidebar").get_by_text("首页与计划画布").click()
    page.get_by_text("分享这份计划").wait_for()
    page.wait_for_timeout(500)
    assert workshop_id not in page.url
    assert workshop_id not in page.content()


def test_a_view_only_link_reads_and_downloads_but_changes_nothing(server, page, browser):
    from playwright.sync_api import expect

    create_plan(page, server, "只读测试", "跑者之家")
    journeys.type_and_save(page, journeys.summary_box(page), "城市夜跑爱好者", "第 2 版")
    page.get_by_test_id("stSidebar").get_by_text("首页与计划画布").click()
    page.get_by_text("只读链接").wait_for()
    codes = page.get_by_test_id("stCode")
    expect(codes).to_have_count(3)  # edit, view-only, comment
    edit_id = re.search(r"plan=([A-Za-z0-9_-]+)", page.url).group(1)
    links = [c.strip() for c in codes.all_inner_texts()]
    assert f"plan={edit_id}" in links[0]
    view_url = links[1]
    assert "plan=" in view_url and edit_id not in view_url

    reader = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        other = reader.new_page()
        other.set_default_timeout(journeys.TIMEOUT_MS)
        other.goto(view_url)
        expect(other.get_by_text("你通过只读链接打开了这份计划")).to_be_visible()
        other.get_by_test_id("stSidebar").get_by_text("十大策略变量").click()
        box = journeys.summary_box(other)
        expect(box).to_have_value("城市夜跑爱好者")
        expect(box).to_be_disabled()
        other.get_by_test_id("stSidebar").get_by_text("计划导出").click()
        with other.expect_download() as download:
            other.get_by_role("button", name="Markdown").click()
        with zipfile.ZipFile(download.value.path()) as bundle:  # Markdown and its charts
            markdown = next(n for n in bundle.namelist() if n.endswith(".md"))
            assert "城市夜跑爱好者" in bundle.read(markdown).decode("utf-8")
        assert other.get_by_text("导入计划").count() == 0
    finally:
        reader.close()


def test_menu_links_open_the_same_plan_in_the_same_language_in_a_new_tab(server, page):
    from playwright.sync_api import expect

    url = create_plan(page, server, "Growth", "Runners' club")
    plan_id = re.search(r"plan=([A-Za-z0-9_-]+)", url).group(1)
    page.goto(f"{server}/roadmap?lang=en&plan={plan_id}")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name="Revision history").wait_for()
    hrefs = {
        name: sidebar.get_by_role("link", name=name).evaluate("a => a.href")
        for name in ("Home and plan canvas", "The ten variables", "Checklist")
    }
    for name, href in hrefs.items():
        assert f"plan={plan_id}" in href and "lang=en" in href, (name, href)
    tab = page.context.new_page()  # what "open in new tab" does: a fresh session
    tab.goto(hrefs["Checklist"])
    expect(tab.get_by_role("heading", name="Checklist").first).to_be_visible()
    assert tab.get_by_text("No plan is open").count() == 0
    tab.goto(hrefs["Home and plan canvas"])  # /home, which forwards to / with the plan
    tab.wait_for_url(re.compile(rf".*/\?.*plan={plan_id}"))
    expect(tab.get_by_role("heading", name="Community strategy canvas").first).to_be_visible()


def _recent(page, community: str):
    """The row of "my recent plans" that shows ``community``."""
    return page.locator("[class*='st-key-recent_']").filter(has_text=community)


def _wait_for_cookie(context, entries: int) -> None:
    """Wait until the page's script has written ``entries`` plans into the cookie."""
    for _ in range(100):
        values = [c["value"] for c in context.cookies() if c["name"] == "playbook_recent"]
        if len(values[0].split("~") if values and values[0] else []) == entries:
            return
        time.sleep(0.1)
    raise AssertionError(f"the cookie does not hold {entries} plans: {values}")


def test_the_browser_remembers_the_plans_it_opened(server, page, browser):
    from playwright.sync_api import expect

    create_plan(page, server, "A 组", "Alpha 俱乐部")
    other = page.context.new_page()
    create_plan(other, server, "B 组", "Beta 俱乐部")
    _wait_for_cookie(page.context, 2)  # two tabs, one cookie: neither erased the other

    home = page.context.new_page()
    home.goto(f"{server}/")
    expect(_recent(home, "Alpha 俱乐部")).to_be_visible()
    expect(_recent(home, "Beta 俱乐部")).to_be_visible()
    assert "B 组 · 可编辑" in _recent(home, "Beta 俱乐部").inner_text()
    _recent(home, "Alpha 俱乐部").get_by_role("button", name="打开").click()
    expect(home.get_by_role("heading", name="社群策略画布")).to_be_visible()
    home.get_by_role("button", name="关闭此计划").click()
    expect(home.get_by_text("计划已关闭")).to_be_visible()

    _recent(home, "Beta 俱乐部").get_by_role("button", name="移除").click()
    expect(_recent(home, "Beta 俱乐部")).to_have_count(0)
    _wait_for_cookie(page.context, 1)
    home.reload()
    expect(_recent(home, "Alpha 俱乐部")).to_be_visible()
    expect(_recent(home, "Beta 俱乐部")).to_have_count(0)

    stranger = browser.new_context()
    try:
        fresh = stranger.new_page()
        fresh.set_default_timeout(journeys.TIMEOUT_MS)
        fresh.goto(f"{server}/")
        expect(
            fresh.get_by_text("还没有。在这个浏览器里新建或打开的计划会列在这里。")
        ).to_be_visible()
        assert fresh.get_by_text("Alpha 俱乐部").count() == 0
    finally:
        stranger.close()


def test_a_bad_import_says_why_and_the_calendar_of_a_good_one_holds_no_plan_id(server, page):
    """On the real export page: a file nested 400,000 deep gets one plain message and
    makes no plan; a valid file becomes a plan whose calendar names its tasks, not its id."""
    import json

    from playwright.sync_api import expect

    from tests.test_import_rules import _document

    create_plan(page, server, "导入测试", "跑者之家")
    page.get_by_test_id("stSidebar").get_by_text("计划导出").click()
    upload = page.locator("input[type=file]")
    upload.set_input_files(
        files=[{"name": "deep.json", "mimeType": "application/json", "buffer": b"[" * 400_000}]
    )
    expect(page.get_by_text("文件的嵌套层级过深", exact=False)).to_have_count(1)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("Traceback").count() == 0

    good = json.dumps(_document()).encode()
    upload.set_input_files(
        files=[{"name": "plan.json", "mimeType": "application/json", "buffer": good}]
    )
    page.get_by_role("button", name="打开导入的计划").click()
    page.wait_for_url(re.compile(r".*/\?.*plan="))
    plan_id = re.search(r"plan=([A-Za-z0-9_-]+)", page.url).group(1)
    expect(page.get_by_text("蓝色车主俱乐部").first).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("计划导出").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="运营日历（iCalendar）").click()
    calendar = Path(download.value.path()).read_text("utf-8")
    assert "BEGIN:VEVENT" in calendar and "访谈 10 位车主" in calendar
    assert plan_id not in calendar

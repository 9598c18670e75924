"""In a real browser: /home opens the home page, the favicon comes from the app, and a
trainer who opens a plan does not carry the workshop into its address."""

from __future__ import annotations

import re
import zipfile

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
    assert icon and (icon.startswith("/") or icon.startswith(server)), icon
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

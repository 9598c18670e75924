"""In a real browser: /home opens the home page, the favicon comes from the app, and a
trainer who opens a plan does not carry the workshop into its address."""

from __future__ import annotations

import re

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
    page.get_by_text("分享此链接").wait_for()
    page.wait_for_timeout(500)
    assert workshop_id not in page.url
    assert workshop_id not in page.content()

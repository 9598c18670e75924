"""In a real browser: the audience view shows the slide alone and follows the trainer's
keys, a team page shows the workshop's running timer after a reload, the trainer's board
updates by itself, and the QR code on the page decodes to the join link."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest

from tests import test_browser as journeys
from tests.test_browser import TIMEOUT_MS

pytestmark = pytest.mark.browser

server = journeys.server
browser = journeys.browser
page = journeys.page
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp"))


def _new_workshop(page, server: str) -> tuple[str, str]:
    """Create a workshop in the browser; its trainer URL and join code."""
    page.goto(f"{server}/workshop")
    page.get_by_label("工作坊名称").fill("华东训练营")
    page.get_by_role("button", name="创建工作坊").click()
    page.wait_for_url(re.compile(r".*workshop=[A-Za-z0-9_-]{22}"))
    code = page.get_by_test_id("stMetricValue").first.inner_text().strip()
    return page.url, code


def _join(browser, server: str, code: str, team: str):
    """A team joins through the join link (what the QR code opens); its page."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    member = context.new_page()
    member.goto(f"{server}/?join={code}&lang=zh")
    form = member.get_by_test_id("stForm").filter(has_text="加入并开始")
    expect(form.get_by_label("培训师给的加入码")).to_have_value(code)
    form.get_by_label("团队名称").fill(team)
    form.get_by_label("社群名称").fill("跑者之家")
    form.get_by_role("button", name="加入并开始").click()
    member.wait_for_url(re.compile(r".*/wizard\?.*plan="))
    return member


def _decode_img(locator) -> str:
    import zxingcpp
    from PIL import Image

    png = locator.screenshot()
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return found.text


def test_the_audience_view_shows_only_the_slide_and_follows_the_keys(server, page, browser):
    from playwright.sync_api import expect

    trainer_url, code = _new_workshop(page, server)
    page.goto(trainer_url.replace("/workshop?", "/present?"))
    opener = page.get_by_role("link", name="打开投影画面")
    screen_url = opener.get_attribute("href")
    assert "screen=" in screen_url and trainer_url.split("workshop=")[1][:22] not in screen_url

    projector = browser.new_context(viewport={"width": 1280, "height": 720})
    projector.set_default_timeout(TIMEOUT_MS)
    try:
        audience = projector.new_page()
        audience.goto(screen_url)
        audience.locator(".screen[data-slide='1']").wait_for()
        audience.wait_for_timeout(800)
        audience.screenshot(path=str(SHOTS / "audience-join-1280.png"))
        # only the slide: no sidebar, no header, no page title, no notes
        for hidden in ("stSidebar", "stHeader", "stToolbar"):
            assert not audience.get_by_test_id(hidden).is_visible()
        assert audience.get_by_role("heading", name="演示模式").count() == 0
        assert audience.get_by_text("讲师备注").count() == 0
        box = audience.locator(".screen").bounding_box()
        assert box is not None and abs(box["width"] - 1280) <= 1 and abs(box["height"] - 720) <= 1
        # the join slide's QR code opens the join link
        qr = audience.locator(".join-qr img")
        assert _decode_img(qr) == f"{server}/?join={code}&lang=zh"
        assert qr.bounding_box()["width"] >= 400  # large enough from the back of a room

        # a key press in the trainer's window moves the projector's slide
        page.locator(".pb-current[data-slide='1']").wait_for()
        page.get_by_role("button", name="下一页").first.wait_for()
        started = time.monotonic()
        page.keyboard.press("ArrowRight")
        audience.locator(".screen[data-slide='2']").wait_for()
        followed = time.monotonic() - started
        print(f"audience view followed the key press in {followed:.2f} s")
        assert followed < 5
        page.keyboard.press("PageDown")  # a clicker
        audience.locator(".screen[data-slide='3']").wait_for()
        audience.screenshot(path=str(SHOTS / "audience-slide-1280.png"))
        # the clicker aimed at the projector's window moves the trainer's view too
        audience.get_by_role("button").first.wait_for(state="attached")
        audience.keyboard.press("ArrowLeft")
        expect(page.locator(".pb-current[data-slide='2']")).to_be_attached()
        audience.set_viewport_size({"width": 1920, "height": 1080})
        audience.wait_for_timeout(500)
        box = audience.locator(".screen").bounding_box()
        assert abs(box["width"] - 1920) <= 1 and abs(box["height"] - 1080) <= 1
        audience.screenshot(path=str(SHOTS / "audience-slide-1920.png"))
    finally:
        projector.close()


def test_a_team_page_shows_the_running_timer_after_a_reload(server, page, browser):
    trainer_url, code = _new_workshop(page, server)
    member = _join(browser, server, code, "一组")
    try:
        assert member.locator(".pb-team-timer").count() == 0  # no timer running yet
        page.goto(trainer_url.replace("/workshop?", "/timer?"))
        page.get_by_role("button", name="开始").click()
        page.get_by_text("计时中").wait_for()
        # the team's open page notices within its poll, without any action there
        member.locator(".pb-team-timer").wait_for(timeout=10_000)
        member.reload()
        clock = member.locator(".pb-team-timer .pb-count")
        clock.wait_for()

        def left() -> int:
            # read in one step in the page: the timer is redrawn with each poll
            return int(
                member.evaluate(
                    "() => getComputedStyle(document.querySelector('.pb-team-timer .pb-count'))"
                    ".getPropertyValue('--pb-left')"
                )
            )

        first = left()
        assert 550 < first <= 600  # the ten minutes the trainer started, not a fresh timer
        member.wait_for_timeout(2100)
        assert first - 3 <= left() <= first - 1  # it ticks in the browser
        # the page, clipped to the timer: the timer itself is redrawn with each poll
        box = member.locator(".pb-team-timer").bounding_box()
        member.screenshot(path=str(SHOTS / "team-timer.png"), clip=box)
        page.reload()  # the trainer's reload neither resets nor pauses it
        page.get_by_text("计时中").wait_for()
    finally:
        member.context.close()


def test_the_board_shows_five_teams_edits_without_a_click(server, page, browser):
    from playwright.sync_api import expect

    trainer_url, code = _new_workshop(page, server)
    members = [_join(browser, server, code, f"{n} 组") for n in range(1, 6)]
    try:
        page.goto(trainer_url.replace("/workshop?", "/teams?"))
        page.get_by_text("进度看板").wait_for()
        expect(page.get_by_text("还没有回答。").first).to_be_visible()
        for n, member in enumerate(members, start=1):
            journeys.type_and_save(
                member, journeys.summary_box(member), f"夜跑者 {n} 号", "第 2 版"
            )
        started = time.monotonic()
        for n in range(1, 6):  # the trainer's page is not touched
            expect(page.get_by_text(f"夜跑者 {n} 号")).to_be_visible(timeout=15_000)
        print(f"the board showed five teams' edits in {time.monotonic() - started:.2f} s")
        expect(page.get_by_role("link", name="只读打开")).to_have_count(5)
        page.screenshot(path=str(SHOTS / "live-room.png"), full_page=True)
    finally:
        for member in members:
            member.context.close()


def test_the_plan_links_qr_code_decodes_to_the_link(server, page):
    journeys.create_plan(page, server, "二维码", "跑者之家")
    page.get_by_test_id("stSidebar").get_by_text("首页与计划画布").click()
    page.get_by_text("只读链接").wait_for()
    view_link = page.get_by_test_id("stCode").nth(1).inner_text().strip()
    page.get_by_role("button", name="二维码").nth(1).click()
    image = page.locator(".pb-qr img").last
    image.wait_for()
    src = image.get_attribute("src")
    assert src.startswith("data:image/svg+xml;base64,")
    assert _decode_img(image) == view_link

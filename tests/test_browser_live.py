"""Three people on one plan in real browsers: edits appear by themselves, typed text stays,
each sees who else is there."""

from __future__ import annotations

import time

import pytest

from tests import test_browser as journeys
from tests.test_browser import create_plan, running_server, summary_box, type_and_save

pytestmark = pytest.mark.browser

browser = journeys.browser
OUTSIDERS = "不属于本社群的人群"
LIVE_MS = 5_000  # an edit must appear in another open tab within this time
SCROLL = "[document.querySelector('[data-testid=\"stMain\"]').scrollTop, window.scrollY]"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    journeys._require_browser()
    with running_server(tmp_path_factory.mktemp("live-data")) as base:
        yield base


@pytest.fixture
def people(browser):
    """Three browser contexts (three people), each with one tab."""
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(3)]
    pages = []
    for context in contexts:
        context.set_default_timeout(journeys.TIMEOUT_MS)
        pages.append(context.new_page())
    yield pages
    for context in contexts:
        context.close()


def _name(page, name: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_role("textbox", name="你的名字（队友可见）")
    box.fill(name)
    box.press("Enter")
    page.wait_for_timeout(300)


def test_an_edit_appears_in_other_tabs_without_touching_what_they_type(server, people):
    from playwright.sync_api import expect

    a, b, c = people
    url = create_plan(a, server, "协作测试", "跑者之家")
    _name(a, "小王")
    for other in (b, c):
        other.goto(url)
        summary_box(other).wait_for()
    _name(b, "Lee")
    # B starts typing in another field and does not leave it
    outsiders = b.get_by_role("textbox", name=OUTSIDERS)
    outsiders.click()
    outsiders.press_sequentially("二手车")
    b.wait_for_timeout(300)
    scrolled = b.evaluate(SCROLL)

    type_and_save(a, summary_box(a), "城市夜跑爱好者", "第 2 版")
    started = time.monotonic()
    expect(summary_box(b)).to_have_value("城市夜跑爱好者", timeout=LIVE_MS)
    expect(summary_box(c)).to_have_value("城市夜跑爱好者", timeout=LIVE_MS)
    print(f"edit seen in B after {time.monotonic() - started:.2f} s")
    # B's half-typed text is still there, the field still has the focus, and typing goes on
    expect(outsiders).to_have_value("二手车")
    assert b.evaluate("document.activeElement.getAttribute('aria-label')") == OUTSIDERS
    assert b.evaluate(SCROLL) == scrolled  # the page did not jump
    outsiders.press_sequentially("商")
    outsiders.press("Tab")
    b.get_by_text("第 3 版").wait_for()
    expect(a.get_by_role("textbox", name=OUTSIDERS)).to_have_value("二手车商", timeout=LIVE_MS)

    # everybody sees the others, by name where one was given
    expect(a.get_by_text("也在这里：2 人")).to_be_visible(timeout=LIVE_MS)
    expect(a.get_by_text("Lee：十大策略变量 · 对象")).to_be_visible(timeout=LIVE_MS)
    expect(b.get_by_text("小王：十大策略变量 · 对象")).to_be_visible(timeout=LIVE_MS)


def test_a_comment_appears_live_with_its_badge_and_a_reader_cannot_add_one(server, people):
    from playwright.sync_api import expect

    a, b, reader = people
    url = create_plan(a, server, "评论测试", "跑者之家")
    _name(a, "小王")
    b.goto(url)
    summary_box(b).wait_for()
    a.get_by_test_id("stSidebar").get_by_text("首页与计划画布").click()
    view_url = a.get_by_test_id("stCode").nth(1).inner_text().strip()
    reader.goto(view_url)
    reader.get_by_text("你通过只读链接打开了这份计划", exact=False).wait_for()
    reader.get_by_test_id("stSidebar").get_by_text("十大策略变量").click()
    summary_box(reader).wait_for()

    a.get_by_test_id("stSidebar").get_by_text("十大策略变量").click()
    box = a.get_by_role("textbox", name="写评论")
    box.fill("目标成员是不是太宽了？")
    a.get_by_role("button", name="发表评论").click()
    expect(a.get_by_text("评论（1 条未解决）")).to_be_visible()

    started = time.monotonic()
    for other in (b, reader):
        expect(other.get_by_text("目标成员是不是太宽了？")).to_be_visible(timeout=LIVE_MS)
        expect(other.get_by_text("小王 · ", exact=False).first).to_be_visible()
        # the step picker's badge
        expect(other.get_by_role("radio", name="1 对象 💬1", exact=False)).to_be_visible()
    print(f"comment seen after {time.monotonic() - started:.2f} s")
    assert reader.get_by_role("textbox", name="写评论").count() == 0
    assert reader.get_by_role("button", name="发表评论").count() == 0
    expect(reader.get_by_text("只读链接可以看评论，但不能发表。")).to_be_visible()
    assert reader.get_by_role("button", name="标记为已解决").count() == 0
    # B resolves it; the badge goes away in A
    b.get_by_role("button", name="标记为已解决").click()
    expect(a.get_by_text("已解决", exact=False).first).to_be_visible(timeout=LIVE_MS)
    expect(a.get_by_role("radio", name="1 对象 💬1", exact=False)).to_have_count(0, timeout=LIVE_MS)


def test_typing_over_a_teammates_new_value_keeps_the_text_and_the_teammate_is_told(server, people):
    """B types in a field while A saves the same field: B's text stays on screen, and is
    saved when B leaves the field; A's page then shows the race notice by itself."""
    from playwright.sync_api import expect

    a, b, _ = people
    url = create_plan(a, server, "同一字段", "跑者之家")
    b.goto(url)
    box_b = summary_box(b)
    box_b.click()
    box_b.press_sequentially("新手车主")
    type_and_save(a, summary_box(a), "城市夜跑爱好者", "第 2 版")
    b.wait_for_timeout(4_000)  # B's page has taken in A's save meanwhile
    expect(box_b).to_have_value("新手车主")
    assert b.evaluate("document.activeElement.getAttribute('aria-label')") == "一句话描述目标成员 *"
    box_b.press("Tab")
    b.get_by_text("第 3 版").wait_for()
    expect(summary_box(a)).to_have_value("新手车主", timeout=LIVE_MS)
    expect(a.get_by_text("你保存的是：城市夜跑爱好者", exact=False)).to_be_visible(timeout=LIVE_MS)
    expect(b.get_by_text("队友保存的是：城市夜跑爱好者", exact=False)).to_be_visible()


def test_a_teammates_tick_keeps_a_note_being_typed_in_the_same_group(server, people):
    from playwright.sync_api import expect

    a, b, _ = people
    url = create_plan(a, server, "清单协作", "跑者之家")
    checklist = url.replace("/wizard", "/checklist")
    for person in (a, b):
        person.goto(checklist)
    # a new plan's rules are open on a first visit (its first group with an item to focus on)
    b.get_by_text("为什么重要、如何核对、说明").first.click()
    note = b.get_by_role("textbox", name="说明")
    note.click()
    note.press_sequentially("先试行两周")  # not sent yet: B is still typing
    a.get_by_text("有激励机制和角色分工", exact=True).click()  # A ticks an item of the rules
    expect(b.get_by_text("1/3 项已完成").first).to_be_visible(timeout=LIVE_MS)  # B sees it
    expect(note).to_have_value("先试行两周")  # and B's half-typed note is still there
    assert b.evaluate("document.activeElement.getAttribute('aria-label')") == "说明"
    note.press_sequentially("再定")
    note.press("Enter")  # saved: A's page shows it, and it is there after B's reload
    b.wait_for_timeout(500)
    b.reload()
    b.get_by_text("为什么重要、如何核对、说明").first.click()
    expect(b.get_by_role("textbox", name="说明")).to_have_value("先试行两周再定")

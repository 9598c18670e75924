"""In a real browser: hostile team, community and workshop names render as text on every
page, and nothing is fetched from the host their Markdown image points at."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from pages.shared.registry import DEFAULT_PAGE, FILES
from tests import test_browser as journeys
from tests.test_browser import create_plan, summary_box

# the browser journeys' fixtures: one server and one Chromium for this module
server = journeys.server
browser = journeys.browser
page = journeys.page

pytestmark = pytest.mark.browser
WAIT = journeys.TIMEOUT_MS  # a loaded machine draws a page in more than 5 s


@pytest.fixture
def image_host() -> Iterator[tuple[int, list[str]]]:
    """A web server that records every request (a tracking pixel's host)."""
    hits: list[str] = []

    class Pixel(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pixel)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], hits
    httpd.shutdown()


def test_hostile_names_show_as_typed_and_fetch_nothing(server, page, image_host):
    from playwright.sync_api import expect

    port, hits = image_host
    team = f"![x](http://127.0.0.1:{port}/pixel.png) [click](http://evil.example)"
    community = ":material/home: $x$ :red[红] &lt;b&gt;"
    answer = f"第一行\n    缩进的第二行 ![y](http://127.0.0.1:{port}/answer.png)"
    leaving: list[str] = []
    page.on("request", lambda r: leaving.append(r.url) if not r.url.startswith(server) else None)

    url = create_plan(page, server, team, community)
    box = summary_box(page)
    box.fill(answer)
    box.press("Tab")
    page.get_by_text("第 2 版").wait_for()
    plan_query = url.split("?", 1)[1]
    # every page of the site (its sidebar shows both names), home at "/"
    paths = ["", *sorted(set(FILES) - {DEFAULT_PAGE})]
    for path in paths:
        page.goto(f"{server}/{path}?{plan_query}")
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(team, exact=True)).to_be_visible(timeout=WAIT)
        expect(sidebar.get_by_text(community, exact=True)).to_be_visible(timeout=WAIT)
        if path == "export":
            page.get_by_text("预览文档").click()
        if path in ("", "compare", "export"):
            expect(page.get_by_text("缩进的第二行", exact=False).first).to_be_visible(timeout=WAIT)
        page.wait_for_timeout(300)
        assert page.locator("main a[href*='evil'], section a[href*='evil']").count() == 0
        assert page.locator(f"img[src*='{port}']").count() == 0
        assert page.locator("[data-testid=stException]").count() == 0
    page.goto(f"{server}/?{plan_query}")
    header = page.locator(".pb-plain").filter(has_text=community).first
    expect(header).to_have_text(community, timeout=WAIT)
    # this browser's "my recent plans", in a tab with no plan open
    home = page.context.new_page()
    home.goto(f"{server}/")
    row = home.locator("[class*='st-key-recent_']").first
    expect(row.locator(".pb-plain").filter(has_text=community).first).to_have_text(
        community, timeout=WAIT
    )
    expect(row).to_contain_text(f"{team} · 可编辑", timeout=WAIT)
    assert row.locator("a, img").count() == 0
    assert hits == [] and leaving == [], (hits, leaving)


def test_a_hostile_workshop_title_shows_as_typed(server, page, image_host):
    from playwright.sync_api import expect

    port, hits = image_host
    title = f"![x](http://127.0.0.1:{port}/w.png) :material/home: [go](http://evil.example)"
    page.goto(f"{server}/workshop")
    page.get_by_label("工作坊名称").fill(title)
    page.get_by_role("button", name="创建工作坊").click()
    expect(page.get_by_text(title, exact=True)).to_be_visible(timeout=WAIT)
    assert page.locator("a[href*='evil']").count() == 0
    assert hits == []

"""In a real browser: an answer typed after the server lost the tab's session (a restart)
is saved by the first edit, not replaced by the stored value."""

from __future__ import annotations

import contextlib
import socket
import threading

import pytest

from tests import test_browser as journeys
from tests.test_browser import _free_port, create_plan, running_server, summary_box

pytestmark = pytest.mark.browser

browser = journeys.browser
page = journeys.page


def _reconnected(page) -> None:
    """Wait until the tab has its connection back (Streamlit retries on its own)."""
    page.wait_for_timeout(1000)
    page.get_by_test_id("stStatusWidget").filter(has_text="Connecting").wait_for(
        state="detached", timeout=30_000
    )
    page.wait_for_timeout(1500)


def _settled(page) -> None:
    """Wait until the page is drawn and has fetched its scripts: a browser that loses the
    server while a script is on its way keeps that script's failure until a reload."""
    page.get_by_text("第 1 版").wait_for()
    page.wait_for_load_state("networkidle")


def test_the_first_edit_after_a_server_restart_is_saved(tmp_path, page):
    from playwright.sync_api import expect

    journeys._require_browser()
    port = _free_port()
    with running_server(tmp_path, port) as base:
        url = create_plan(page, base, "重启测试", "跑者之家")
        _settled(page)
    with running_server(tmp_path, port):
        _reconnected(page)
        box = summary_box(page)
        box.fill("城市夜跑爱好者")
        box.press("Tab")
        expect(page.get_by_text("第 2 版")).to_be_visible(timeout=20_000)
        page.goto(url)
        expect(summary_box(page)).to_have_value("城市夜跑爱好者", timeout=20_000)


def test_text_typed_before_the_server_went_down_is_saved_after_it_returns(tmp_path, page):
    """Streamlit disables inputs while a tab is disconnected; text typed before the drop
    but not yet saved (the field still has focus) is saved when the field is left."""
    from playwright.sync_api import expect

    journeys._require_browser()
    port = _free_port()
    with running_server(tmp_path, port) as base:
        url = create_plan(page, base, "断线测试", "跑者之家")
        _settled(page)
        summary_box(page).fill("断线前写下的回答")  # typed, not yet saved
    with running_server(tmp_path, port):
        _reconnected(page)
        summary_box(page).press("Tab")
        expect(page.get_by_text("第 2 版")).to_be_visible(timeout=20_000)
        page.goto(url)
        expect(summary_box(page)).to_have_value("断线前写下的回答", timeout=20_000)


def test_leaving_with_typed_unsaved_text_asks_first(tmp_path, page):
    from playwright.sync_api import Error as PlaywrightError

    journeys._require_browser()
    with running_server(tmp_path) as base:
        create_plan(page, base, "离开测试", "跑者之家")
        asked: list[str] = []

        def answer(dialog) -> None:
            asked.append(dialog.type)
            dialog.dismiss()  # stay on the page

        page.on("dialog", answer)
        box = summary_box(page)
        box.click()
        box.press_sequentially("还没保存的回答")
        # staying on the page cancels the reload
        with contextlib.suppress(PlaywrightError):
            page.reload(timeout=3_000)
        assert asked == ["beforeunload"]
        assert box.input_value() == "还没保存的回答"
        box.press("Tab")  # saved: leaving no longer asks
        page.get_by_text("第 2 版").wait_for()
        asked.clear()
        page.reload()
        assert asked == []


def test_a_same_field_race_shows_the_notice_and_keep_mine_restores(tmp_path, page, browser):
    from playwright.sync_api import expect

    journeys._require_browser()
    with running_server(tmp_path) as base:
        url = create_plan(page, base, "并发测试", "跑者之家")
        other_context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            other = other_context.new_page()
            other.set_default_timeout(journeys.TIMEOUT_MS)
            other.goto(url)
            summary_box(other).wait_for()
            journeys.type_and_save(page, summary_box(page), "城市夜跑爱好者", "第 2 版")
            journeys.type_and_save(other, summary_box(other), "新手车主", "第 3 版")
        finally:
            other_context.close()
        # the first editor's next action (another field) brings the notice
        second = page.get_by_role("textbox", name="不属于本社群的人群")
        journeys.type_and_save(page, second, "二手车商", "第 4 版")
        expect(summary_box(page)).to_have_value("新手车主")
        expect(page.get_by_text("你保存的是：城市夜跑爱好者")).to_be_visible()
        page.get_by_role("button", name="保留我的版本").click()
        expect(summary_box(page)).to_have_value("城市夜跑爱好者")
        page.goto(url)
        expect(summary_box(page)).to_have_value("城市夜跑爱好者", timeout=20_000)


class Cable:
    """A TCP relay between the browser and the server that can be unplugged: open
    connections are cut and new ones refused until it is plugged back in."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.plugged = True
        self.sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.plugged:
                client.close()
                continue
            server = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.close()

    def unplug(self) -> None:
        self.plugged = False
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self.sockets.clear()

    def plug(self) -> None:
        self.plugged = True

    def close(self) -> None:
        self.unplug()
        self.listener.close()


def test_the_first_edit_after_a_long_network_drop_is_saved(tmp_path, page, monkeypatch):
    """Cut off for longer than the disconnected-session limit (shortened to 2 s here):
    the server drops the tab's session, and the first edit after the network returns
    is saved all the same."""
    from playwright.sync_api import expect

    journeys._require_browser()
    monkeypatch.setenv("STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL", "2")
    port = _free_port()
    with running_server(tmp_path, port):
        cable = Cable(port)
        try:
            base = f"http://127.0.0.1:{cable.port}"
            url = create_plan(page, base, "断网测试", "跑者之家")
            _settled(page)
            cable.unplug()
            page.wait_for_timeout(8_000)  # the server's session limit passes
            cable.plug()
            _reconnected(page)
            box = summary_box(page)
            box.fill("断网后写下的回答")
            box.press("Tab")
            expect(page.get_by_text("第 2 版")).to_be_visible(timeout=20_000)
            page.goto(url)
            expect(summary_box(page)).to_have_value("断网后写下的回答", timeout=20_000)
        finally:
            cable.close()

"""`python app.py` starts Streamlit with connections that send small frames at once."""

from __future__ import annotations

import asyncio
import gc
import socket
import sys

import pytest
from streamlit.web.server.starlette import starlette_server

from pages.shared import launch


def _nodelay_of_accepted(listening: socket.socket) -> int:
    """TCP_NODELAY of the connection asyncio accepts on ``listening``."""

    async def accept_one() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listening)
        port = listening.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    return asyncio.run(accept_one())


def test_streamlits_own_socket_leaves_nagle_on_for_every_connection():
    """The cause: a socket bound with protocol 0 never gets TCP_NODELAY from asyncio."""
    listening = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert listening.proto == 0
    assert _nodelay_of_accepted(listening) == 0


def test_the_launcher_turns_nagle_off_for_every_connection():
    bind = launch._with_tcp_protocol(starlette_server._bind_socket)
    listening = bind("127.0.0.1", 0, 8)
    assert listening.proto == socket.IPPROTO_TCP
    assert not listening.getblocking()  # as Streamlit left it
    assert listening.get_inheritable()
    assert _nodelay_of_accepted(listening) == 1


def test_a_socket_that_already_knows_its_protocol_is_kept():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP) as sock:
        assert launch.tcp_protocol(sock) is sock
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with unix:
        assert launch.tcp_protocol(unix) is unix


def test_the_launcher_starts_streamlit_with_its_corrections(monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    started: list[list[str]] = []
    monkeypatch.setattr(sys, "argv", ["app.py"])

    def run() -> int:
        started.append(list(sys.argv))
        return 0

    monkeypatch.setattr(cli, "main", run)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime

    from pages.shared import handoff

    # restored after the test: the hand-off is the server's, not this test process's
    monkeypatch.setattr(AppSession, "_on_scriptrunner_event", AppSession._on_scriptrunner_event)
    monkeypatch.setattr(Runtime, "_enqueued_some_message", Runtime._enqueued_some_message)
    # Streamlit's own text functions back in place (conftest installed the corrections), so
    # that the launcher is seen installing them; restored after the test
    from streamlit import source_util, string_util

    from pages.shared import clean_text

    searching = string_util.extract_leading_emoji
    for module in (string_util, source_util):
        monkeypatch.setattr(module, "extract_leading_emoji", searching.__wrapped__)  # type: ignore[attr-defined]
    cleaning = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("streamlit")
        and getattr(module, "clean_text", None) is clean_text.clean_text
    ]
    for module in cleaning:
        monkeypatch.setattr(module, "clean_text", clean_text.clean_text.__wrapped__)  # type: ignore[attr-defined]
    from streamlit.elements.widgets import data_editor

    identify = data_editor.compute_and_register_element_id
    monkeypatch.setattr(data_editor, "compute_and_register_element_id", identify.__wrapped__)  # type: ignore[attr-defined]
    import pandas as pd

    thresholds = gc.get_threshold()
    pd.set_option("mode.string_storage", "auto")
    try:
        assert launch.main("app.py", ["--server.port", "9"]) == 0
        assert gc.get_threshold() == launch.GC_THRESHOLDS
        assert pd.get_option("mode.string_storage") == "python"
    finally:
        gc.set_threshold(*thresholds)
        pd.set_option("mode.string_storage", "python")  # as conftest sets it for every test
    assert started == [["streamlit", "run", "app.py", "--server.port", "9"]]
    assert PagesManager.uses_pages_directory is False
    assert Runtime._enqueued_some_message is handoff.message_queued
    for module in (string_util, source_util):
        assert getattr(module.extract_leading_emoji, "first_checked", False)
    assert len(cleaning) >= 8  # string_util and the elements that show text
    assert all(module.clean_text is clean_text.clean_text for module in cleaning)
    assert getattr(data_editor.compute_and_register_element_id, "digests_data", False)
    listening = starlette_server._bind_socket("127.0.0.1", 0, 8)
    with listening:
        assert listening.proto == socket.IPPROTO_TCP


def test_an_ipv6_listening_socket_is_rebuilt_too():
    try:
        listening = starlette_server._bind_socket("::1", 0, 8)
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    with launch.tcp_protocol(listening) as rebuilt:
        assert rebuilt.family == socket.AF_INET6
        assert rebuilt.proto == socket.IPPROTO_TCP

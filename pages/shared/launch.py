"""Start the Streamlit server for ``python app.py`` with corrections to Streamlit 1.67, the
garbage collector tuned for a server and pandas' text columns as Python strings (see
``tables.python_strings``).

1. Router. Streamlit chooses its router per server process before any app code runs: with a
   ``pages/`` folder beside the entry script it serves the first run of a fresh process with
   the legacy folder router, which answers a deep link such as ``/wizard?plan=…`` with "page
   not found". This project keeps its page modules under ``pages/`` but routes with
   ``st.navigation``.

2. Small writes held back. Streamlit binds its listening socket itself with protocol 0, and
   asyncio switches Nagle's algorithm off (``TCP_NODELAY``) only on sockets whose protocol
   reads ``IPPROTO_TCP``. So every connection kept Nagle on: after the first small websocket
   frame of a rerun, the rest waited until the browser acknowledged it, and browsers delay
   that acknowledgement (40 ms on Linux, up to 200 ms on Windows). Every click took that much
   longer on a local network, where a workshop runs. The listening socket is rebuilt from
   its file descriptor, so it reports its real protocol, and the connections it accepts get
   ``TCP_NODELAY`` from asyncio (``bench/latency.py`` measures a rerun end to end). This
   holds on a Linux or macOS server; asyncio's Windows event loop sets it on no connection.

3. Garbage collector. A server holds every open session's state, and Python's default
   thresholds (700, 10, 10) ran the cyclic collector thousands of times a minute, with full
   collections over all of it: 7 % of the server's CPU with 200 sessions, each collection a
   pause for every session. With (20,000, 20, 100) it was 1 % and no full collection in a
   70-second run; memory stayed the same (``bench/load_pages.py``).

4. Hand-off from a script run to the event loop. Streamlit woke its event loop once or
   twice for every element a run draws; ``handoff`` batches a run's messages instead
   (see there).

5. A widget's look at its own key. Streamlit's input widgets each built the whole Session
   State to ask about their own key; ``widget_state`` answers for that key alone (see
   there).

6. A leading emoji looked for where one can start. Streamlit searched every non-ASCII
   option label and alert text against each of its ~3,700 emoji; ``emoji_check`` runs that
   search only for a text whose first character starts an emoji (see there).

7. No dedent for text with no indented line. Streamlit dedented the body of every Markdown,
   caption and HTML element with two regular expressions over the whole text;
   ``clean_text`` skips that when no line starts with a space or a tab, where ``dedent``
   changes nothing (see there).

8. A data editor's identity from a digest of its data. Streamlit hashed the printed form
   of every byte of a data editor's data on every run; ``editor_id`` names the data by its
   digest instead (see there).
"""

from __future__ import annotations

import gc
import socket
import sys
from typing import Protocol


def tcp_protocol(sock: socket.socket) -> socket.socket:
    """The same listening socket, reporting its protocol (accepted connections inherit it)."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
        return sock
    blocking = sock.getblocking()
    inheritable = sock.get_inheritable()
    rebuilt = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    rebuilt.setblocking(blocking)
    rebuilt.set_inheritable(inheritable)
    return rebuilt


GC_THRESHOLDS = (20_000, 20, 100)


class BindSocket(Protocol):
    def __call__(self, address: str, port: int, backlog: int) -> socket.socket: ...


def _with_tcp_protocol(bind: BindSocket) -> BindSocket:
    def bind_socket(address: str, port: int, backlog: int) -> socket.socket:
        return tcp_protocol(bind(address, port, backlog))

    return bind_socket


def main(script: str, args: list[str]) -> int:
    """Run ``streamlit run script *args`` in this process."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli
    from streamlit.web.server.starlette import starlette_server

    from pages.shared import clean_text, editor_id, emoji_check, handoff, tables, widget_state

    PagesManager.uses_pages_directory = False
    gc.set_threshold(*GC_THRESHOLDS)
    tables.python_strings()
    handoff.install()
    widget_state.install()
    emoji_check.install()
    clean_text.install()
    editor_id.install()
    starlette_server._bind_socket = _with_tcp_protocol(starlette_server._bind_socket)
    sys.argv = ["streamlit", "run", script, *args]
    return cli.main()

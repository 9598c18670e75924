"""The audience view: the current slide alone, filling a 16:9 projector.

Opened by the room's secret screen link (never the trainer's), in a window of its own. It
follows the slide the trainer shows, asking the database about once a second; a clicker's
keys work here as well as in the trainer's view, since either window may have the focus.
"""

from __future__ import annotations

import contextlib
import html
import time

import streamlit as st

from pages.shared import room_view, session
from playbook.errors import PlaybookError
from playbook.room import Room
from playbook.workshop import Workshop

POLL_SECONDS = 1.0

st.html(
    """
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] {
  display: none !important; }
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #0d1117; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
[data-testid="stMain"] { padding: 0 !important; overflow: hidden; }
.st-key-screen_keys { position: fixed !important; left: -10000px; top: 0; width: 1px;
  height: 1px; overflow: hidden; }
.screen { --u: min(1vw, 1.7778vh); width: calc(var(--u) * 100); height: calc(var(--u) * 56.25);
  margin: calc((100vh - var(--u) * 56.25) / 2) auto 0; position: relative; background: #fff;
  color: #111; box-sizing: border-box; overflow: hidden; }
.screen .slide { height: 100%; box-sizing: border-box;
  padding: calc(var(--u) * 4) calc(var(--u) * 5); border-top: calc(var(--u) * .8) solid #1F6FEB; }
.screen h1 { font-size: calc(var(--u) * 4.4 * var(--fit, 1)); line-height: 1.2;
  margin: 0 0 calc(var(--u) * 2 * var(--fit, 1));
  padding: 0; color: #0b3d91; font-weight: 700; }
.screen ul { margin: 0; padding-left: calc(var(--u) * 3); }
.screen li { font-size: calc(var(--u) * 2.5 * var(--fit, 1)); line-height: 1.4;
  margin: calc(var(--u) * .5 * var(--fit, 1)) 0; }
.screen .q { margin-top: calc(var(--u) * 2 * var(--fit, 1));
  font-size: calc(var(--u) * 2.3 * var(--fit, 1)); color: #0b3d91;
  font-weight: 600; }
.screen .q li { font-size: calc(var(--u) * 2.2 * var(--fit, 1)); color: #111; font-weight: 400; }
.screen .snippet { margin-top: calc(var(--u) * 1.8 * var(--fit, 1));
  font-size: calc(var(--u) * 1.9 * var(--fit, 1)); color: #444;
  font-style: italic; border-left: calc(var(--u) * .5) solid #9db7e0;
  padding-left: calc(var(--u) * 1.5); }
.screen .join { display: flex; gap: calc(var(--u) * 4); align-items: center; }
.screen .join-text { flex: 1; }
.screen .join .how { font-size: calc(var(--u) * 2.5); line-height: 1.4; }
.screen .join .code { font-size: calc(var(--u) * 9); font-weight: 700; letter-spacing: .12em;
  color: #0b3d91; margin: calc(var(--u) * 1) 0; font-variant-numeric: tabular-nums; }
.screen .join .link { font-size: calc(var(--u) * 1.6); color: #444; overflow-wrap: anywhere; }
.screen .join-qr { width: calc(var(--u) * 40); flex: none; line-height: 0; }
.screen .clock { position: absolute; right: calc(var(--u) * 2); bottom: calc(var(--u) * 1.5);
  font-size: calc(var(--u) * 4); font-weight: 700; color: #0b3d91; background: #eef3fb;
  border-radius: calc(var(--u) * 1); padding: 0 calc(var(--u) * 1.5); }
.screen .clock.done { color: #c62828; }
.screen .problem { display: flex; align-items: center; justify-content: center; height: 100%;
  font-size: calc(var(--u) * 3); padding: calc(var(--u) * 5); text-align: center; }
</style>
"""
)


def _open(token: str) -> tuple[Room, Workshop] | None:
    """The room and workshop a screen link opens, if any."""
    try:
        room = room_view.rooms().by_screen(token)
        return room, session.workshops().get(room.workshop_id)
    except PlaybookError:
        return None


opened = _open(st.query_params.get("screen") or "")
if opened is None:
    st.html(
        "<div class='screen'><div class='problem'>"
        f"{html.escape(session.tr('room.unknown_screen'))}</div></div>"
    )
    st.stop()
room, workshop = opened

slides = room_view.deck(workshop)
pages = [room_view.slide_html(slide, workshop) for slide in slides]


def _move(offset: int) -> None:
    with contextlib.suppress(PlaybookError):  # the next poll shows where the screen is
        room_view.rooms().move(workshop.id, offset, len(slides))


@st.fragment(run_every=POLL_SECONDS)
def screen() -> None:
    try:
        now_room = room_view.rooms().room(workshop.id)
    except PlaybookError:
        now_room = room  # the database is away for a moment: keep the slide shown
    index = max(0, min(now_room.slide, len(slides) - 1))
    clock = ""
    timer = now_room.timer
    now = time.time()
    if timer.shown_to_teams(now):
        done = " done" if timer.face(now).finished else ""
        clock = f"<div class='clock{done}'>{room_view.countdown_html(timer, now)}</div>"
    st.html(f"<div class='screen' data-slide='{index + 1}'>{pages[index]}{clock}</div>")


screen()
# outside the polled part: a poll redraws the slide only
with st.container(key="screen_keys"):
    # a clicker sends PageDown/PageUp, a keyboard the arrows or the space bar
    for shortcut, offset in (
        ("Right", 1),
        ("PageDown", 1),
        ("Space", 1),
        ("Left", -1),
        ("PageUp", -1),
    ):
        st.button(
            session.tr("ws.next" if offset > 0 else "ws.previous"),
            key=f"screen.{shortcut}",
            shortcut=shortcut,
            on_click=_move,
            args=(offset,),
        )

"""Presenter, the trainer's view: the slide, what comes next, the notes and the timer.

The slide shown is the room's (stored with the workshop), so the audience view on the
projector follows every move, and a move made there (a clicker aimed at that window)
shows here within a couple of seconds.
"""

from __future__ import annotations

import re
import time

import streamlit as st

from pages.shared import plain, room_view, session
from pages.shared.workshop_view import open_workshop
from playbook.errors import PlaybookError
from playbook.room import step
from playbook.workshop import workshop_content

FOLLOW_SECONDS = 2.0

tr = session.tr
lang = session.lang()
workshop = open_workshop("nav.ws_present")
rooms = room_view.rooms()
try:
    room = rooms.room(workshop.id)
except PlaybookError as exc:
    session.show_failure(exc)
    st.stop()
slides = room_view.deck(workshop)
pages = [room_view.slide_html(slide, workshop) for slide in slides]
ss = st.session_state

# a slide number in the address (a bookmark, a link sent ahead) opens there, once
requested = st.query_params.get("slide")
if requested is not None:
    # ASCII digits only ("²".isdigit() is true) and few of them
    if re.fullmatch(r"[0-9]{1,6}", requested):
        rooms.show(workshop.id, step(int(requested) - 1, 0, len(slides)))
    del st.query_params["slide"]  # a reload must not move the room back

st.markdown(
    """
<style>
.slide { background: #ffffff; border: 2px solid #1F6FEB; border-radius: 14px;
  padding: 1.6rem 2.2rem; min-height: 46vh; color: #111; }
.slide h1 { font-size: 2.4rem; line-height: 1.2; margin: 0 0 1rem; color: #0b3d91; }
.slide li { font-size: 1.4rem; line-height: 1.45; margin: .3rem 0; }
.slide .q { margin-top: 1.2rem; font-size: 1.25rem; color: #0b3d91; font-weight: 600; }
.slide .q li { font-size: 1.25rem; color: #111; font-weight: 400; }
.slide .snippet { margin-top: 1rem; font-size: 1.1rem; color: #444; font-style: italic;
  border-left: 5px solid #9db7e0; padding-left: 1rem; }
.slide.join { display: flex; gap: 2rem; align-items: center; }
.slide .join-text { flex: 1; }
.slide .join .how { font-size: 1.3rem; }
.slide .code { font-size: 4rem; font-weight: 700; letter-spacing: .12em; color: #0b3d91;
  margin: .5rem 0; }
.slide .link { color: #444; overflow-wrap: anywhere; }
.slide .join-qr { width: 16rem; flex: none; line-height: 0; }
.pb-clock { font-size: 3.2rem; font-weight: 700; color: #0b3d91; text-align: center; }
.st-key-clicker_keys { position: fixed !important; left: -10000px; top: 0; width: 1px;
  height: 1px; overflow: hidden; }
</style>
""",
    unsafe_allow_html=True,
)

with st.container(horizontal=True, vertical_alignment="center"):
    st.link_button(
        tr("room.open_screen"),
        room_view.screen_url(room.screen_token),
        icon=":material/open_in_new:",
        type="primary",
    )
    st.caption(tr("room.screen_help"))


def _move(offset: int) -> None:
    try:
        rooms.move(workshop.id, offset, len(slides))
    except PlaybookError as exc:
        ss["_present_failure"] = exc


def _show(index: int) -> None:
    try:
        rooms.show(workshop.id, index)
    except PlaybookError as exc:
        ss["_present_failure"] = exc


def _timer(action: str) -> None:
    try:
        timer = rooms.room(workshop.id).timer
        now = time.time()
        changed = {"start": timer.start(now), "pause": timer.pause(now), "reset": timer.reset()}
        rooms.set_timer(workshop.id, changed[action])
    except PlaybookError as exc:
        ss["_present_failure"] = exc


@st.fragment(run_every=FOLLOW_SECONDS)
def presenter() -> None:
    if failure := ss.pop("_present_failure", None):
        session.show_failure(failure)
    try:
        now_room = rooms.room(workshop.id)
    except PlaybookError as exc:
        session.show_failure(exc)
        return
    index = step(now_room.slide, 0, len(slides))
    slide = slides[index]
    main, side = st.columns([3, 2], gap="large")
    with main:
        st.html(f"<div class='pb-current' data-slide='{index + 1}'>{pages[index]}</div>")
        back, where, forward = st.columns([2, 3, 2], vertical_alignment="center")
        back.button(
            tr("ws.previous"),
            icon=":material/arrow_back:",
            on_click=_move,
            args=(-1,),
            disabled=index == 0,
            width="stretch",
            key="slide.back",
            shortcut="Left",
        )
        forward.button(
            tr("ws.next"),
            icon=":material/arrow_forward:",
            icon_position="right",
            on_click=_move,
            args=(1,),
            disabled=index >= len(slides) - 1,
            width="stretch",
            key="slide.next",
            shortcut="Right",
        )
        if slide is None:
            module_text = tr("room.join_title")
        else:
            modules = [item.module for item in workshop.agenda]
            module_text = tr(
                "ws.module_of",
                n=modules.index(slide.module) + 1,
                total=len(modules),
                module=workshop_content().module(slide.module).title.get(lang),
            )
        where.markdown(
            f"**{tr('ws.slide_of', n=index + 1, total=len(slides))}** · {module_text}",
            text_alignment="center",
        )
        with st.container(key="clicker_keys"):
            # a clicker sends PageDown/PageUp; the space bar moves on as in a slide show
            for shortcut, offset in (("PageDown", 1), ("Space", 1), ("PageUp", -1)):
                st.button(
                    tr("ws.next" if offset > 0 else "ws.previous"),
                    key=f"slide.{shortcut}",
                    shortcut=shortcut,
                    on_click=_move,
                    args=(offset,),
                )
    with side:
        following = slides[index + 1] if index + 1 < len(slides) else None
        st.markdown(f"**{tr('room.next_slide')}**")
        # a title such as "2. Entry points" is text, not a Markdown list
        plain.show(
            room_view.slide_title(following) if index + 1 < len(slides) else tr("room.last_slide"),
            "caption",
        )
        with st.container(border=True):
            now = time.time()
            face = now_room.timer.face(now)
            st.html(f"<div class='pb-clock'>{room_view.countdown_html(now_room.timer, now)}</div>")
            state = (
                "ws.times_up" if face.finished else "ws.running" if face.running else "ws.paused"
            )
            st.caption(tr(state), text_alignment="center")
            room_view.timer_buttons(_timer, "present", face)
        st.markdown(f"**{tr('ws.notes')}**")
        if slide is None:
            st.markdown(tr("room.join_notes"))
        else:
            st.markdown("\n".join(f"- {line}" for line in slide.notes.splitlines() if line))
        if index != 0:
            st.button(
                tr("room.show_join"),
                icon=":material/qr_code_2:",
                on_click=_show,
                args=(0,),
                key="present.join",
            )


presenter()

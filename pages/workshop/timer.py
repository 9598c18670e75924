"""A countdown for group exercises. With a workshop open it is the workshop's own timer:
the teams see it on their plan pages and the projector shows it, and a reload neither
resets nor pauses it. Without one, it lives in this browser tab."""

from __future__ import annotations

import time

import streamlit as st

from pages.shared import room_view, session
from playbook.errors import PlaybookError
from playbook.room import Timer

tr = session.tr
st.title(tr("ws.timer_title"))
ss = st.session_state
workshop_id = ss.get(session.WORKSHOP)
if workshop_id:
    try:
        session.workshops().get(workshop_id)
    except PlaybookError:
        workshop_id = None
if workshop_id:
    st.caption(tr("room.timer_shared"))
else:
    st.caption(tr("room.timer_local"))


def _load() -> Timer:
    if workshop_id:
        return room_view.rooms().room(workshop_id).timer
    return ss.setdefault("timer", Timer())


def _store(timer: Timer) -> None:
    if workshop_id:
        room_view.rooms().set_timer(workshop_id, timer)
    else:
        ss["timer"] = timer


def _change(action: str) -> None:
    try:
        timer, now = _load(), time.time()
        if action == "start":
            timer = timer.start(now)
        elif action == "pause":
            timer = timer.pause(now)
        elif action == "reset":
            timer = timer.reset()
        else:
            timer = timer.with_length(int(ss["timer_minutes"] * 60))
        _store(timer)
    except PlaybookError as exc:
        ss["_timer_failure"] = exc


try:
    current = _load()
except PlaybookError as exc:
    session.show_failure(exc)
    st.stop()
if failure := ss.pop("_timer_failure", None):
    session.show_failure(failure)

ss["timer_minutes"] = max(1, current.seconds // 60)
st.number_input(
    tr("ws.timer_minutes"),
    min_value=1,
    max_value=180,
    step=1,
    key="timer_minutes",
    on_change=_change,
    args=("length",),
)
room_view.timer_buttons(_change, "timer", primary_start=True)


@st.fragment(run_every=1.0)
def clock() -> None:
    try:
        timer = _load()
    except PlaybookError as exc:
        session.show_failure(exc)
        return
    face = timer.face(time.time())
    colour = "#c62828" if face.finished else ("#0b3d91" if face.running else "#57606a")
    st.markdown(
        f"<div style='text-align:center;font-size:9rem;font-weight:700;color:{colour};"
        f"font-variant-numeric:tabular-nums'>{face.display}</div>",
        unsafe_allow_html=True,
    )
    if face.finished:
        st.error(tr("ws.times_up"), icon=":material/alarm:")
    else:
        st.caption(tr("ws.running") if face.running else tr("ws.paused"), text_alignment="center")


clock()

"""A countdown for group exercises; it keeps running while the page is open."""

from __future__ import annotations

import time

import streamlit as st

from pages.shared import session
from playbook.workshop import countdown

tr = session.tr
st.title(tr("ws.timer_title"))
ss = st.session_state
ss.setdefault("timer", {"seconds": 600, "ends_at": None, "left": 600})
timer = ss["timer"]


def _start() -> None:
    if timer["ends_at"] is None and timer["left"] > 0:
        timer["ends_at"] = time.time() + timer["left"]


def _pause() -> None:
    if timer["ends_at"] is not None:
        timer["left"] = max(0, timer["ends_at"] - time.time())
        timer["ends_at"] = None


def _reset() -> None:
    timer.update(ends_at=None, left=timer["seconds"])


def _set_length() -> None:
    timer["seconds"] = int(ss["timer_minutes"] * 60)
    _reset()


ss.setdefault("timer_minutes", timer["seconds"] // 60)
st.number_input(
    tr("ws.timer_minutes"),
    min_value=1,
    max_value=180,
    step=1,
    key="timer_minutes",
    on_change=_set_length,
)
start, pause, reset = st.columns(3)
start.button(
    tr("ws.start"), icon=":material/play_arrow:", on_click=_start, width="stretch", type="primary"
)
pause.button(tr("ws.pause"), icon=":material/pause:", on_click=_pause, width="stretch")
reset.button(tr("ws.reset"), icon=":material/restart_alt:", on_click=_reset, width="stretch")


@st.fragment(run_every=1.0)
def clock() -> None:
    state = countdown(timer["ends_at"], timer["left"], time.time())
    colour = "#c62828" if state.finished else ("#0b3d91" if state.running else "#57606a")
    st.markdown(
        f"<div style='text-align:center;font-size:9rem;font-weight:700;color:{colour};"
        f"font-variant-numeric:tabular-nums'>{state.display}</div>",
        unsafe_allow_html=True,
    )
    if state.finished:
        timer.update(ends_at=None, left=0)
        st.error(tr("ws.times_up"), icon=":material/alarm:")
    else:
        st.caption(tr("ws.running") if state.running else tr("ws.paused"), text_alignment="center")


clock()

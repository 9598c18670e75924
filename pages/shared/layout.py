"""Small pieces of page layout used by several pages."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.shared import live, nav, recovery, room_view, session
from pages.shared.registry import DEFAULT_PAGE
from pages.shared.room_view import TEAM_POLL_SECONDS
from playbook.clock import local_time
from playbook.errors import PlaybookError
from playbook.storage import PlanRecord

CREATED = "_plan_created"  # the id of the plan this session has just made


def _created_notice(plan_id: str) -> None:
    """How to come back to a plan just made, until it is acknowledged. Its container is
    drawn on every plan page, so the inputs below keep their places on the page (and what
    is typed in them) when the notice goes, or a new session no longer knows of it."""
    notice = st.container()
    if st.session_state.get(CREATED) != plan_id:
        return
    with notice:
        st.success(session.tr("home.created"), icon=":material/bookmark:")
        st.code(session.share_url(session.url_params()["plan"]), language=None, wrap_lines=True)
        st.button(
            session.tr("home.created_ok"),
            icon=":material/check:",
            on_click=st.session_state.pop,
            args=(CREATED, None),
            key="created_ok",
        )


def plan_page(title_key: str) -> PlanRecord:
    """Title a page that works on the open plan and return the plan; when none is open,
    say why, offer the way back home and end the page there."""
    st.title(session.tr(title_key))
    now = session.current()
    if now.record is None:
        session.show_problem(now.problem)
        st.info(session.tr("plan.none_open"), icon=":material/info:")
        st.page_link(
            nav.target(DEFAULT_PAGE),
            label=session.tr("plan.go_home"),
            icon=":material/home:",
            query_params=session.url_params(),
        )
        st.stop()
    if session.can_comment() and session.read_only():
        st.info(session.tr("comment.banner"), icon=":material/forum:")
    elif session.read_only():
        st.info(session.tr("view.banner"), icon=":material/visibility:")
    _created_notice(now.record.plan.id)
    # the workshop's timer, if any, is drawn by the same tick that looks for changes
    live.watch(also=room_view.team_clock(now.record.plan.id), also_every=TEAM_POLL_SECONDS)
    return now.record


def saved_caption(record: PlanRecord) -> None:
    if recovery.recovered():  # saved during this run: say which revision now holds it
        with contextlib.suppress(PlaybookError):
            record = session.store().get(record.plan.id)
    last = local_time(record.plan.updated_at, session.time_zone())
    st.caption(
        f":material/cloud_done: {session.tr('plan.saved', version=record.version, time=last)}",
        text_alignment="center",
    )


def plan_link(url_path: str, label: str, variable: str | None = None, **kwargs) -> None:
    """A link to a page of the plan (to a wizard step when ``variable`` is given)."""
    extra = {"step": variable} if variable else {}
    st.page_link(
        nav.target(url_path), label=label, query_params=session.url_params(**extra), **kwargs
    )


def pager(
    position: int,
    count: int,
    go: Callable[[int], None],
    labels: tuple[str, str],
    key: str,
    widths: tuple[int, int, int] = (1, 2, 1),
    onward: Callable[[], None] | None = None,
) -> DeltaGenerator:
    """Previous / next buttons around a middle column, which is returned for a status.

    ``go`` receives -1 or +1; the buttons are disabled at the ends, except that at the last
    position ``onward`` (when given) draws where "next" leads from there instead.
    """
    back, middle, forward = st.columns(list(widths), vertical_alignment="center")
    back.button(
        labels[0],
        icon=":material/arrow_back:",
        on_click=go,
        args=(-1,),
        disabled=position == 0,
        width="stretch",
        key=f"{key}.back",
    )
    if onward is not None and position >= count - 1:
        with forward:
            onward()
        return middle
    forward.button(
        labels[1],
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=go,
        args=(1,),
        disabled=position >= count - 1,
        width="stretch",
        key=f"{key}.next",
    )
    return middle

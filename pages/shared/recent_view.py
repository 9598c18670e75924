"""Home's "my recent plans": the plans this browser opened, each with its title as stored
now, the link's role and when it was last opened, a way to open it and one to forget it."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.shared import plain, remembered, session
from playbook.access import LinkRevoked, Role
from playbook.clock import local_time
from playbook.errors import PlanNotFound, PlaybookError
from playbook.recent import RecentPlan


def _details(item: RecentPlan, role: Role, before: str = "") -> str:
    opened = session.tr("recent.opened", time=local_time(item.opened_at, session.time_zone()))
    return " · ".join(
        part for part in (before, session.tr(f"recent.role.{role.value}"), opened) if part
    )


def _row(item: RecentPlan) -> None:
    """One plan; raises PlaybookError when the store cannot be read."""
    try:
        access, version = session.links().open(item.token)
        record = session.shared_store().get(access.plan_id, version)
    except (LinkRevoked, PlanNotFound) as exc:
        gone = "revoked" if isinstance(exc, LinkRevoked) else "unknown"
        plain.show(session.tr(f"recent.{gone}"), "strong")
        plain.show(_details(item, item.role, session.tr(f"recent.{gone}_help")), "caption")
        _forget_button(st.container(horizontal=True), item)
        return
    meta = record.plan.meta
    plain.show(meta.community, "strong")
    plain.show(_details(item, access.role, meta.team), "caption")
    actions = st.container(horizontal=True)
    if actions.button(
        session.tr("recent.open"), key=f"recent.open.{item.token}", icon=":material/folder_open:"
    ):
        if problem := session.open_link(item.token):
            session.show_problem(problem)
        else:
            st.rerun()
    _forget_button(actions, item)


def _forget_button(where: DeltaGenerator, item: RecentPlan) -> None:
    where.button(
        session.tr("recent.forget"),
        key=f"recent.forget.{item.token}",
        icon=":material/close:",
        type="tertiary",
        help=session.tr("recent.forget_help"),
        on_click=remembered.forget,
        args=(item.token,),
    )


def recent_plans() -> None:
    """The list, or a word on what will appear in it."""
    st.subheader(session.tr("recent.heading"))
    st.caption(session.tr("recent.help"))
    items = remembered.plans()
    if not items:
        st.caption(session.tr("recent.none"))
        return
    for number, item in enumerate(items):
        with st.container(border=True, key=f"recent_{number}"):
            try:
                _row(item)
            except PlaybookError:
                session.show_problem("unavailable")
                return

"""Small pieces of page layout used by several pages."""

from __future__ import annotations

import streamlit as st

from pages.shared import session
from pages.shared.registry import FILES
from playbook.store import PlanRecord


def plan_page(title_key: str) -> PlanRecord:
    """Title a page that works on the open plan and return the plan; when none is open,
    say why, offer the way back home and end the page there."""
    st.title(session.tr(title_key))
    now = session.current()
    if now.record is None:
        session.show_problem(now.problem)
        st.info(session.tr("plan.none_open"), icon=":material/info:")
        st.page_link("pages/plan/home.py", label=session.tr("plan.go_home"), icon=":material/home:")
        st.stop()
    return now.record


def saved_caption(record: PlanRecord) -> None:
    last = record.plan.updated_at.strftime("%Y-%m-%d %H:%M UTC")
    st.caption(
        f":material/cloud_done: {session.tr('plan.saved', version=record.version, time=last)}",
        text_alignment="center",
    )


def plan_link(url_path: str, label: str, variable: str | None = None, **kwargs) -> None:
    """A link to a page of the plan (to a wizard step when ``variable`` is given)."""
    extra = {"step": variable} if variable else {}
    st.page_link(FILES[url_path], label=label, query_params=session.url_params(**extra), **kwargs)

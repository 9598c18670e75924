"""Small pieces of page layout used by several pages."""

from __future__ import annotations

import streamlit as st

from pages.shared import session
from playbook.store import PlanRecord


def no_plan_notice(problem: str | None) -> None:
    """Shown by plan pages when no plan is open: why, and the way back home."""
    session.show_problem(problem)
    st.info(session.tr("plan.none_open"), icon=":material/info:")
    st.page_link("pages/plan/home.py", label=session.tr("plan.go_home"), icon=":material/home:")


def saved_caption(record: PlanRecord) -> None:
    last = record.plan.updated_at.strftime("%Y-%m-%d %H:%M UTC")
    st.caption(
        f":material/cloud_done: {session.tr('plan.saved', version=record.version, time=last)}",
        text_alignment="center",
    )

"""The workshop a trainer has open, for the workshop pages."""

from __future__ import annotations

import streamlit as st

from pages.shared import nav, session
from playbook.errors import PlaybookError
from playbook.storage import WorkshopNotFound
from playbook.workshop import Workshop


def open_workshop(title_key: str) -> Workshop:
    """Title the page and return the open workshop; otherwise say so and stop."""
    st.title(session.tr(title_key))
    workshop_id = st.session_state.get(session.WORKSHOP)
    if workshop_id:
        try:
            return session.workshops().get(workshop_id)
        except WorkshopNotFound:
            session.forget_workshop()
        except PlaybookError as exc:
            session.show_failure(exc)
            st.stop()
    session.show_workshop_problem()
    st.info(session.tr("ws.none"), icon=":material/info:")
    st.page_link(
        nav.target("workshop"),
        label=session.tr("ws.go_agenda"),
        icon=":material/event_note:",
        query_params=session.url_params(),
    )
    st.stop()

"""The plan's links on the home page: edit and view-only, each copyable and replaceable."""

from __future__ import annotations

import streamlit as st

from pages.shared import session
from pages.shared.room_view import qr_code
from playbook.access import Access, Role
from playbook.errors import PlaybookError


def _replace(plan_id: str, role: Role) -> None:
    try:
        token = session.links().replace(plan_id, role)
    except PlaybookError as exc:
        st.session_state["_link_failure"] = exc
        return
    if role is Role.EDIT:  # this session keeps editing, through the new link
        session.open_plan(plan_id, Access(plan_id, Role.EDIT, token))
    st.session_state["_link_replaced"] = role.value
    st.session_state[f"replace_open.{role.value}"] = False  # done: the confirmation closes


def _link(plan_id: str, role: Role, token: str) -> None:
    with st.container(border=True):
        title, help_text = (session.tr(f"link.{role.value}.{part}") for part in ("title", "help"))
        st.markdown(f"**{title}**\n\n:gray[:small[{help_text}]]")
        link = session.share_url(token)
        st.code(link, language=None, wrap_lines=True)
        qr = session.panel(
            st.popover, session.tr("room.show_qr"), f"qr.{role.value}", icon=":material/qr_code_2:"
        )
        if qr.open:  # the code is drawn (and sent) only while someone looks at it
            with qr:
                st.caption(session.tr(f"room.qr_{role.value}"))
                qr_code(link, 320)
        if session.read_only():
            return
        replace = session.panel(
            st.popover,
            session.tr("link.replace"),
            f"replace_open.{role.value}",
            icon=":material/autorenew:",
        )
        if replace.open:  # the confirmation is drawn when asked for
            with replace:
                st.markdown(session.tr(f"link.{role.value}.replace_help"))
                st.button(
                    session.tr("link.replace_confirm"),
                    key=f"replace.{role.value}",
                    type="primary",
                    on_click=_replace,
                    args=(plan_id, role),
                )


def share_links(plan_id: str) -> None:
    """The links to send: every role's for an editor; a reader gets the links of their
    own role and below (a commenter: comment and view-only; a reader: view-only)."""
    st.subheader(session.tr("link.heading"))
    if failure := st.session_state.pop("_link_failure", None):
        session.show_failure(failure)
    if replaced := st.session_state.pop("_link_replaced", None):
        st.success(session.tr(f"link.{replaced}.replaced"), icon=":material/autorenew:")
    role = session.role()
    shown = {
        Role.EDIT: (Role.EDIT, Role.VIEW, Role.COMMENT),
        Role.COMMENT: (Role.VIEW, Role.COMMENT),
    }.get(role or Role.VIEW, (Role.VIEW,))
    try:
        tokens = session.links().links(plan_id, shown)
    except PlaybookError as exc:
        session.show_failure(exc)
        return
    if role is Role.VIEW:
        st.info(session.tr("link.you_view"), icon=":material/visibility:")
    elif role is Role.COMMENT:
        st.info(session.tr("link.you_comment"), icon=":material/forum:")
    for column, (r, token) in zip(st.columns(len(tokens)), tokens.items(), strict=True):
        with column:
            _link(plan_id, r, token)

"""Two people saving the same field at once: the one whose value was replaced is told.

The store keeps the later save. The earlier saver's field then shows the stored (other)
value, so no one looks at text that is not stored, together with a notice quoting what
they had saved and a one-click "keep mine" that saves it again.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.shared import plain, session
from playbook.describe import value_text
from playbook.errors import PlaybookError
from playbook.i18n import failure_messages


def _saved() -> dict[str, tuple[str, Any]]:
    """Widget key -> (path, value) this session last saved through it."""
    return st.session_state.setdefault("_saved_by_me", {})


def _replaced() -> dict[str, tuple[str, Any]]:
    """Widget key -> (path, my value) for saves replaced by someone else's."""
    return st.session_state.setdefault("_replaced", {})


def remember(key: str, path: str, value: Any) -> None:
    _saved()[key] = (path, value)
    _replaced().pop(key, None)


def check(key: str, shown: Any, stored: Any) -> None:
    """Called when the stored value moved away from ``shown`` (what the field showed):
    when ``shown`` was this session's own save, it was replaced."""
    mine = _saved().get(key)
    if mine is not None and mine[1] == shown and stored != shown:
        _replaced()[key] = mine


def _keep_mine(key: str) -> None:
    path, value = _replaced().pop(key)
    plan_id = st.session_state.get(session.PLAN_ID)
    try:
        record = session.store().update(str(plan_id), {path: value}, source=session.edit_source())
    except PlaybookError as exc:
        _replaced()[key] = (path, value)
        st.session_state.setdefault("_errors", {})[key] = failure_messages(exc, session.lang())
        return
    session.note_saved(record)
    _saved()[key] = (path, value)  # the field shows it after the next alignment


def _keep_theirs(key: str) -> None:
    _replaced().pop(key, None)


def notice(key: str) -> None:
    """The notice under a field whose save was replaced, with "keep mine"."""
    if key not in _replaced():
        return
    path, value = _replaced()[key]
    text = value_text(path, value, session.playbook_content(), session.lang()) or "—"
    with st.container(border=True):
        plain.box(plain.fill("race.replaced", mine=text), "warning")
        left, right = st.columns(2)
        left.button(
            session.tr("race.keep_mine"),
            key=f"race.keep.{key}",
            icon=":material/undo:",
            on_click=_keep_mine,
            args=(key,),
            disabled=session.read_only(),
        )
        right.button(
            session.tr("race.keep_theirs"),
            key=f"race.theirs.{key}",
            icon=":material/check:",
            on_click=_keep_theirs,
            args=(key,),
        )

"""Two people saving the same field at once: both are told.

The store keeps the later save. The earlier saver's field then shows the stored (other)
value, so no one looks at text that is not stored, together with a notice quoting what
they had saved and a one-click "keep mine" that saves it again.

The later saver may have been typing while the teammate's value arrived (an open page
takes in teammates' saves by itself, and text being typed stays on screen): when a save
replaces a teammate's value that arrived shortly before, the notice under the field
quotes that value with a one-click "restore theirs".
"""

from __future__ import annotations

import time
from collections.abc import Callable
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


OVERWRITE_WINDOW = 120.0  # seconds: a teammate's value this recent was likely not read


def _moved() -> dict[str, tuple[Any, float]]:
    """Widget key -> (a teammate's value, when this session took it in)."""
    return st.session_state.setdefault("_moved_by_others", {})


def _overwrote() -> dict[str, tuple[str, Any]]:
    """Widget key -> (path, their value) for this session's saves over a fresh value."""
    return st.session_state.setdefault("_overwrote", {})


def remember(key: str, path: str, value: Any) -> None:
    """A save of ``value`` through widget ``key`` succeeded."""
    _saved()[key] = (path, value)
    _replaced().pop(key, None)
    _overwrote().pop(key, None)
    theirs = _moved().pop(key, None)
    fresh = theirs is not None and time.time() - theirs[1] < OVERWRITE_WINDOW
    if fresh and theirs is not None and theirs[0] not in (None, "", []) and theirs[0] != value:
        _overwrote()[key] = (path, theirs[0])


def moved(key: str, stored: Any) -> None:
    """The stored value behind widget ``key`` changed, not by this session's save."""
    _moved()[key] = (stored, time.time())


def check(key: str, shown: Any, stored: Any) -> None:
    """Called when the stored value moved away from ``shown`` (what the field showed):
    when ``shown`` was this session's own save, it was replaced."""
    mine = _saved().get(key)
    if mine is not None and mine[1] == shown and stored != shown:
        _replaced()[key] = mine


def _store_back(key: str, pending: dict[str, tuple[str, Any]]) -> None:
    """Save the value ``pending`` holds for ``key`` again (one click on the notice); on a
    failure it stays pending, with the reason under the field."""
    path, value = pending.pop(key)
    plan_id = st.session_state.get(session.PLAN_ID)
    try:
        record = session.store().update(
            str(plan_id),
            {path: value},
            source=session.edit_source(),
            author=session.edit_author(),
        )
    except PlaybookError as exc:
        pending[key] = (path, value)
        st.session_state.setdefault("_errors", {})[key] = failure_messages(exc, session.lang())
        return
    session.note_saved(record)
    _saved()[key] = (path, value)  # the field shows it after the next alignment


def _keep_mine(key: str) -> None:
    _store_back(key, _replaced())


def _keep_theirs(key: str) -> None:
    _replaced().pop(key, None)


def _restore_theirs(key: str) -> None:
    _store_back(key, _overwrote())


def _keep_mine_over(key: str) -> None:
    _overwrote().pop(key, None)


def notice(key: str) -> None:
    """The notice under a field whose save was replaced, with "keep mine"; or under a
    field whose save replaced a teammate's fresh value, with "restore theirs"."""
    if key in _overwrote():
        _overwrote_notice(key)
    if key not in _replaced():
        return
    path, value = _replaced()[key]
    _box(
        key,
        plain.fill("race.replaced", mine=_words(path, value)),
        ("race.keep_mine", "keep", _keep_mine),
        ("race.keep_theirs", "theirs", _keep_theirs),
    )


def _overwrote_notice(key: str) -> None:
    path, value = _overwrote()[key]
    _box(
        key,
        plain.fill("race.overwrote", theirs=_words(path, value)),
        ("race.restore_theirs", "restore", _restore_theirs),
        ("race.keep_mine_over", "over", _keep_mine_over),
    )


def _words(path: str, value: object) -> str:
    return value_text(path, value, session.playbook_content(), session.lang()) or "—"


Choice = tuple[str, str, Callable[[str], None]]  # label key, widget key part, callback


def _box(key: str, message: str, undo: Choice, accept: Choice) -> None:
    """A warning under the field with two buttons: undo what happened (an editor's
    action, so disabled for readers) or accept it."""
    with st.container(border=True):
        plain.box(message, "warning")
        left, right = st.columns(2)
        for column, (label, part, callback), icon, read_only in (
            (left, undo, ":material/undo:", session.read_only()),
            (right, accept, ":material/check:", False),
        ):
            column.button(
                session.tr(label),
                key=f"race.{part}.{key}",
                icon=icon,
                on_click=callback,
                args=(key,),
                disabled=read_only,
            )

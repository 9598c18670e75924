"""Widgets bound to one value of the open plan, saved the moment they change.

Each widget's key holds what the browser shows; ``_synced[key]`` remembers the stored
value the widget was last aligned with. Before a widget is drawn, a stored value that
changed since (a teammate's edit, a restore) replaces what the widget shows — unless the
widget holds input that failed validation, which is kept so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from pages.shared import session
from playbook.answers import clean_answer
from playbook.content import FieldSpec
from playbook.i18n import error_messages
from playbook.store import ConcurrentUpdateError, PlanNotFound
from playbook.text import MAX_SHORT, MAX_TEXT


def _synced() -> dict[str, Any]:
    return st.session_state.setdefault("_synced", {})


def _errors() -> dict[str, list[str]]:
    return st.session_state.setdefault("_errors", {})


def _shown(spec_kind: str, value: Any) -> Any:
    """The widget value that displays a stored value."""
    if spec_kind in ("line", "text"):
        return value or ""
    if spec_kind == "choices":
        return list(value or [])
    return value


def bind(key: str, kind: str, stored: Any) -> None:
    ss = st.session_state
    synced = _synced()
    if key in _errors() and key in ss:
        return
    if key not in ss or key not in synced or synced[key] != stored:
        ss[key] = _shown(kind, stored)
        synced[key] = stored


def save(path: str, key: str, clean: Callable[[Any], Any]) -> None:
    """Widget callback: validate the widget's value and store it under ``path``."""
    ss = st.session_state
    plan_id = ss.get(session.PLAN_ID)
    errors = _errors()
    if not plan_id:
        return
    try:
        value = clean(ss[key])
    except ValidationError as exc:
        errors[key] = error_messages(exc, session.lang())
        return
    try:
        session.store().update(plan_id, {path: value})
    except ValidationError as exc:
        errors[key] = error_messages(exc, session.lang())
        return
    except (SQLAlchemyError, ConcurrentUpdateError, PlanNotFound):
        errors[key] = [session.tr("err.save_failed")]
        return
    errors.pop(key, None)
    _synced()[key] = value
    ss["_last_saved"] = path


def show_errors(key: str) -> None:
    for message in _errors().get(key, []):
        st.error(message, icon=":material/error:")


def answer_widget(spec: FieldSpec, variable_id: str, stored: Any) -> None:
    """Draw the widget for one wizard field and save it on change."""
    lang = session.lang()
    path = f"answers.{variable_id}.{spec.id}"
    key = f"ans.{variable_id}.{spec.id}"
    bind(key, spec.kind, stored)
    label = spec.label.get(lang) + (" *" if spec.required else "")
    help_text = spec.help.get(lang) if spec.help else None
    common = dict(
        key=key,
        help=help_text,
        on_change=save,
        args=(path, key, lambda raw: clean_answer(spec, raw)),
    )
    if spec.kind == "line":
        st.text_input(label, max_chars=spec.max_chars or MAX_SHORT, **common)
    elif spec.kind == "text":
        st.text_area(label, max_chars=spec.max_chars or MAX_TEXT, height=120, **common)
    elif spec.kind == "choice":
        st.selectbox(
            label,
            [o.id for o in spec.options],
            index=None,
            format_func=lambda oid: spec.option_label(oid, lang),
            placeholder=session.tr("field.choose"),
            **common,
        )
    elif spec.kind == "choices":
        st.multiselect(
            label,
            [o.id for o in spec.options],
            format_func=lambda oid: spec.option_label(oid, lang),
            placeholder=session.tr("field.choose_many"),
            **common,
        )
    else:
        st.number_input(label, min_value=spec.min, max_value=spec.max, value=None, step=1, **common)
    show_errors(key)

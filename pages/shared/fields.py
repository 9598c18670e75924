"""Widgets bound to one value of the open plan, saved the moment they change.

Each widget's key holds what the browser shows; ``_synced[key]`` remembers the stored
value the widget was last aligned with. Before a widget is drawn, a stored value that
changed since (a teammate's edit, a restore) replaces what the widget shows — unless the
widget holds input that failed validation, which is kept so nothing typed is lost.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from pydantic import BaseModel

from pages.shared import race, recovery, session
from playbook.answers import clean_answer
from playbook.content import FieldSpec
from playbook.errors import PlaybookError, translated
from playbook.i18n import failure_messages
from playbook.text import MAX_SHORT, MAX_TEXT


def label_of(labels: Mapping[str, str]) -> Callable[[Any], str]:
    """A widget's ``format_func``: an option's label (its id when it has none)."""
    return lambda option: labels.get(option, str(option))


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


_RECOVERABLE = ("line", "text", "number")


def bind(
    key: str, kind: str, stored: Any, saving: tuple[str, Callable[[Any], Any]] | None = None
) -> None:
    """Align widget ``key`` with the stored value before it is drawn.

    ``saving`` (the widget's path and cleaner) lets a value typed into a tab whose
    session the server lost be saved on the first run of the new session, instead of
    being replaced by the stored value (see ``recovery``).
    """
    ss = st.session_state
    synced = _synced()
    if key in _errors() and key in ss:
        return
    if saving and kind in _RECOVERABLE and key not in ss and key not in synced:
        found, value = recovery.browser_value(key)
        if found and value != _shown(kind, stored) and not session.read_only():
            ss[key] = value
            synced[key] = stored
            save(saving[0], key, saving[1])
            recovery.note_recovered()
            return
    if key not in ss or key not in synced or synced[key] != stored:
        if key in synced:
            race.check(key, synced[key], stored)
            if synced[key] != stored:
                race.moved(key, stored)
        ss[key] = _shown(kind, stored)
        synced[key] = stored


def store_changes(key: str, changes: Mapping[str, Any]) -> bool:
    """Store a change set on behalf of widget ``key``; a failure is shown under it."""
    plan_id = st.session_state.get(session.PLAN_ID)
    if not plan_id:
        return False
    try:
        record = session.store().update(
            plan_id, changes, source=session.edit_source(), author=session.edit_author()
        )
    except PlaybookError as exc:
        _errors()[key] = failure_messages(exc, session.lang())
    else:
        _errors().pop(key, None)
        session.note_saved(record)
        return True
    return False


def save(
    path: str,
    key: str,
    clean: Callable[[Any], Any],
    coupled: Callable[[Any], Mapping[str, Any]] | None = None,
    *,
    retry_pending: bool = True,
) -> None:
    """Widget callback: validate the widget's value and store it under ``path``
    (together with any ``coupled`` changes the new value implies).

    A refused value stays in its widget with its message. After any successful save the
    refused values are tried again, since the change may be what they were waiting for
    (a widened range now holding a base value typed earlier).
    """
    ss = st.session_state
    pending = ss.setdefault("_pending", {})
    if key not in ss:
        return
    try:
        with translated():  # a check may need the database as well as the value
            value = clean(ss[key])
    except PlaybookError as exc:
        _errors()[key] = failure_messages(exc, session.lang())
        pending[key] = (path, key, clean, coupled)
        return
    if not store_changes(key, {path: value, **(coupled(value) if coupled else {})}):
        pending[key] = (path, key, clean, coupled)
        return
    pending.pop(key, None)
    _synced()[key] = value
    race.remember(key, path, value)
    if retry_pending:
        for args in list(pending.values()):
            save(*args, retry_pending=False)


def has_error(key: str) -> bool:
    """Whether widget ``key`` holds a value that was refused (or could not be stored)."""
    return key in _errors()


def has_error_under(prefix: str) -> bool:
    """Whether any widget whose key starts with ``prefix`` holds a refused value."""
    return any(key.startswith(prefix) for key in _errors())


def show_errors(key: str) -> None:
    for message in _errors().get(key, []):
        st.error(message, icon=":material/error:")
    race.notice(key)


def answer_widget(spec: FieldSpec, variable_id: str, stored: Any) -> None:
    """Draw the widget for one wizard field and save it on change."""
    lang = session.lang()
    path = f"answers.{variable_id}.{spec.id}"
    key = f"ans.{variable_id}.{spec.id}"
    bind(key, spec.kind, stored, (path, lambda raw: clean_answer(spec, raw)))
    label = spec.label.get(lang) + (" *" if spec.required else "")
    help_text = spec.help.get(lang) if spec.help else None
    common: dict[str, Any] = dict(
        key=key,
        help=help_text,
        on_change=save,
        args=(path, key, lambda raw: clean_answer(spec, raw)),
        disabled=session.read_only(),
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
            select_all=False,  # Streamlit writes "Select all" in English only
            placeholder=session.tr("field.choose_many"),
            **common,
        )
    else:
        st.number_input(label, min_value=spec.min, max_value=spec.max, value=None, step=1, **common)
    show_errors(key)


def _with(section: Mapping[str, Any], keys: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A copy of a nested section with ``keys`` set to ``value``."""
    out = copy.deepcopy(dict(section))
    node = out
    for k in keys[:-1]:
        node = node.setdefault(k, {})
    node[keys[-1]] = value
    return out


def section_input(
    widget: Callable[..., Any],
    label: str,
    section: str,
    keys: tuple[str, ...],
    shown: Any,
    validate: Callable[[Mapping[str, Any]], object],
    coupled: Callable[[Any], Mapping[str, Any]] | None = None,
    **widget_args: Any,
) -> None:
    """A calculator input saved under ``sections.<section>.<keys…>``.

    ``validate`` checks the whole section as it would be after the change, so a value
    that breaks a rule involving other inputs (a range that no longer holds its base) is
    refused with a message under this input, and nothing is stored. ``coupled`` maps a
    new value to other keys of the section that change with it (a platform sets its cap).
    """
    path = ".".join(("sections", section, *keys))
    key = "sec." + ".".join((section, *keys))
    bind(key, "number", shown)

    def also(value: Any) -> dict[str, Any]:
        extra = coupled(value) if coupled else {}
        return {f"sections.{section}.{k}": v for k, v in extra.items()}

    def clean(raw: Any) -> Any:
        # validate against the section as stored now, not as it was when the page was drawn
        plan_id = str(st.session_state.get(session.PLAN_ID))
        latest = getattr(session.store().get(plan_id).plan.sections, section) or {}
        if isinstance(latest, BaseModel):  # a typed section: only what the team set
            latest = latest.model_dump()
        candidate = _with(latest, keys, raw)
        for k, v in (coupled(raw) if coupled else {}).items():
            candidate = _with(candidate, (k,), v)
        validate(candidate)
        return raw

    widget_args.setdefault("disabled", session.read_only())
    widget(label, key=key, on_change=save, args=(path, key, clean, also), **widget_args)
    show_errors(key)

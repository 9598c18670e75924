"""Revision history: every save of the plan, what it changed, and restoring one."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.shared import plain, session, tables
from pages.shared.layout import plan_page
from playbook import history
from playbook.cases import cases
from playbook.clock import local_time
from playbook.describe import path_label, summary, value_at, value_text
from playbook.errors import PlaybookError
from playbook.i18n import t
from playbook.plan import Plan, changed_paths

LONG_TEXT = 60  # characters from which a change is also shown word by word

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("history.title")
plan_id = record.plan.id
names = {c.id: c.name.get(lang) for c in cases().cases}
st.caption(tr("history.intro"))
if flash := st.session_state.pop("_flash", None):
    st.success(flash, icon=":material/restore:")


def _action(source: str) -> str:
    kind, _, detail = source.partition(":")
    if kind == "restore":
        return tr("history.source.restore", version=detail)
    if kind == "upgrade":  # a section carried over to a newer model of it
        return tr("history.source.upgrade")
    if kind == "copy":
        return tr("history.source.copy", case=names.get(detail, detail))
    return tr(f"history.source.{kind}") if kind in ("create", "edit", "import", "join") else source


def _source(entry: history.Entry) -> str:
    """What was done and by whom: the editor's display name (a table cell: plain text)
    and whether it was this browser, for edits that record their browser."""
    source, name = entry.source, entry.author
    if history.editor_tag(source) is not None:
        mine = history.editor_tag(source) == history.editor_tag(session.edit_source())
        who = tr("history.me" if mine else "history.other")
        if name:
            return tr("history.source.edit_named", name=name, who=who)
        return tr("history.source.edit_by", who=who)
    return tr("history.source.by", action=_action(source), name=name) if name else _action(source)


def _versions(entry: history.Entry) -> str:
    first, last = entry.versions
    return str(last) if first == last else f"{first}–{last}"


def _revisions_view() -> tuple[Any, list[int]]:
    """The table of revisions and the versions one can compare with, made once per stored
    version (and language, time zone and editor) in a session: a plan's history only grows
    with a new version, and a long one is a few milliseconds a run to read and describe."""
    tz = session.time_zone()

    def make() -> tuple[Any, list[int]]:
        revisions = session.store().revisions(plan_id)
        entries = history.grouped(revisions)
        table = tables.table(
            {
                tr("history.version"): [_versions(e) for e in entries],
                tr("history.when"): [local_time(e.last.created_at, tz) for e in entries],
                tr("history.source"): [_source(e) for e in entries],
                tr("history.changed"): [summary(e.changed, content, lang) for e in entries],
            }
        )
        return table, [r.version for r in revisions if r.version != record.version]

    key = (plan_id, record.version, lang, str(tz), session.edit_source())
    return session.kept("_history_view", key, make)


def _revision(version: int) -> Plan:
    """The plan as ``version`` left it (a past revision never changes: kept while chosen)."""
    return session.kept(
        "_history_old", (plan_id, version), lambda: session.store().revision(plan_id, version)
    )


try:
    table, versions = _revisions_view()
except PlaybookError:
    session.show_problem("unavailable")
    st.stop()
st.dataframe(table, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(table)))

if not versions:
    st.info(tr("history.only_one"), icon=":material/info:")
    st.stop()


def _version_label(version: int) -> str:
    return t("history.version_n", lang, version=version)


chosen = st.selectbox(
    tr("history.pick"), versions, format_func=_version_label, key="history_version"
)
if chosen is None:
    st.stop()
try:
    old = _revision(chosen)
except PlaybookError as exc:
    session.show_failure(exc)
    st.stop()
differences = changed_paths(old, record.plan)


_STYLE = {
    "same": "{}",
    "removed": '<del style="background:rgba(255,43,43,.15)">{}</del>',
    "added": '<ins style="background:rgba(33,195,84,.2);text-decoration:none">{}</ins>',
}


def _show_long_changes(paths: list[str], old: Plan) -> None:
    """Long text changes as word diffs: removed words struck out, added ones marked."""
    for path in paths:
        before, after = value_at(old, path), value_at(record.plan, path)
        if not (isinstance(before, str) and isinstance(after, str)):
            continue
        if max(len(before), len(after)) < LONG_TEXT:
            continue
        with st.expander(tr("history.diff", field=path_label(path, content, lang))):
            # team text as typed (HTML-escaped), never read as Markdown
            plain.show_html(
                "".join(
                    _STYLE[kind].format(plain.literal(text)) if text.strip() else text
                    for kind, text in history.word_diff(before, after)
                )
            )


st.subheader(tr("history.compare", version=chosen))
if not differences:
    st.success(tr("history.same"), icon=":material/check:")
else:
    st.dataframe(
        tables.table(
            {
                tr("history.field"): [path_label(p, content, lang) for p in differences],
                tr("history.then", version=chosen): [
                    value_text(p, value_at(old, p), content, lang) or tr("history.empty")
                    for p in differences
                ],
                tr("history.now"): [
                    value_text(p, value_at(record.plan, p), content, lang) or tr("history.empty")
                    for p in differences
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    _show_long_changes(differences, old)
    if session.read_only():
        st.stop()  # a view-only link reads the history but restores nothing
    if st.button(tr("history.restore", version=chosen), icon=":material/restore:", type="primary"):
        try:
            restored = session.store().restore(plan_id, chosen, author=session.edit_author())
        except PlaybookError as exc:
            session.show_failure(exc)
        else:
            st.session_state["_flash"] = tr(
                "history.restored", version=chosen, new=restored.version
            )
            st.rerun()

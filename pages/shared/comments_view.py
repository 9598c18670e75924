"""Comment threads on a plan's variables: read by everyone, written through edit and
comment links (the store refuses a view-only link's comment; see ``playbook/access.py``)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

import streamlit as st

from pages.shared import live, plain, session
from pages.shared.layout import plan_link
from playbook import comments
from playbook.clock import local_time
from playbook.comments import Comment
from playbook.errors import PlaybookError, translated
from playbook.roadmap import Task

BADGE = "💬"


def badge(count: int) -> str:
    """`` 💬2`` after a label when there are open comments, else nothing."""
    return f" {BADGE}{count}" if count else ""


def _failures() -> dict[str, PlaybookError]:
    return st.session_state.setdefault("_comment_failures", {})


def _store(key: str, changes: Mapping[str, object]) -> bool:
    plan_id = st.session_state.get(session.PLAN_ID)
    if not plan_id:
        return False
    try:
        record = session.store().update(
            str(plan_id), changes, source=session.edit_source(), author=session.edit_author()
        )
    except PlaybookError as exc:
        _failures()[key] = exc
        return False
    _failures().pop(key, None)
    session.note_saved(record)
    return True


def _add(target: str, key: str) -> None:
    ss = st.session_state
    text = ss.get(f"comment.text.{key}") or ""
    if not text.strip():
        ss["_comment_empty"] = key
        return
    try:
        with translated():
            path, value = comments.new_comment(target, text, live.display_name())
    except PlaybookError as exc:
        _failures()[key] = exc
        return
    if _store(key, {path: value}):
        ss[f"comment.text.{key}"] = ""  # kept when the comment could not be stored


def _resolve(comment_id: str, resolved: bool, key: str) -> None:
    _store(key, comments.resolve_change(comment_id, resolved))


def _author(comment: Comment) -> str:
    return comment.author or session.tr("live.anonymous")


def _one(comment_id: str, comment: Comment, key: str, where: str | None = None) -> None:
    """One comment (``where`` names its variable in a list of several threads)."""
    when = local_time(comment.at, session.plan_zone())
    head = " · ".join(
        part
        for part in (
            where,
            _author(comment),
            when,
            comment.resolved and session.tr("comments.resolved"),
        )
        if part
    )
    with st.container(border=True):
        plain.show(head, "caption")
        plain.show(comment.text)
        if not session.can_comment() and where is None:
            return
        left, right = st.columns(2) if where else (st.container(), None)
        if session.can_comment():
            left.button(
                session.tr("comments.reopen" if comment.resolved else "comments.resolve"),
                key=f"comment.{comment_id}.toggle",
                icon=":material/undo:" if comment.resolved else ":material/check:",
                type="tertiary",
                on_click=_resolve,
                args=(comment_id, not comment.resolved, key),
            )
        if right is not None:
            kind, _, target_id = comment.target.partition(":")
            with right:
                if kind == "variable":
                    plan_link(
                        "wizard",
                        session.tr("comments.go"),
                        variable=target_id,
                        icon=":material/reply:",
                    )
                else:
                    plan_link("roadmap", session.tr("comments.go"), icon=":material/reply:")


def thread(target: str, key: str) -> None:
    """The comments on ``target`` (a variable or a task) and, where allowed, a form."""
    record = session.current().record
    if record is None:
        return
    items = comments.thread(record.plan.comments, target)
    unresolved = [(cid, c) for cid, c in items if not c.resolved]
    resolved = [(cid, c) for cid, c in items if c.resolved]
    title = (
        session.tr("comments.title_open", count=len(unresolved))
        if unresolved
        else session.tr("comments.title")
    )
    with st.container(border=True, key=f"comments.{key}"):
        st.markdown(f"**:material/forum: {title}**")
        if failure := _failures().pop(key, None):
            session.show_failure(failure)
        for comment_id, comment in unresolved:
            _one(comment_id, comment, key)
        if resolved:
            with st.expander(session.tr("comments.show_resolved", count=len(resolved))):
                for comment_id, comment in resolved:
                    _one(comment_id, comment, key)
        if not items:
            st.caption(session.tr("comments.none"))
        if not session.can_comment():
            st.caption(session.tr("comments.read_only"))
            return
        with st.form(f"comment.form.{key}", border=False):
            st.text_area(
                session.tr("comments.new"),
                key=f"comment.text.{key}",
                max_chars=comments.MAX_COMMENT,
                height=80,
                placeholder=session.tr("comments.new_placeholder"),
            )
            if st.session_state.pop("_comment_empty", None) == key:
                st.error(session.tr("comments.empty"), icon=":material/error:")
            plain.show_html(
                plain.fill("comments.as", name=live.display_name() or session.tr("live.anonymous")),
                "caption",
            )
            st.form_submit_button(
                session.tr("comments.add"),
                icon=":material/add_comment:",
                on_click=_add,
                args=(target, key),
            )


def open_list(limit: int = 10) -> None:
    """Home: the plan's unresolved comments, newest first, each with a link to reply."""
    record = session.current().record
    if record is None:
        return
    found = comments.open_comments(record.plan.comments)
    tasks = record.plan.sections.roadmap.tasks
    content = session.playbook_content()
    lang = session.lang()
    st.subheader(session.tr("comments.open_heading"))
    if failure := _failures().pop("open", None):
        session.show_failure(failure)
    if not found:
        st.caption(session.tr("comments.open_none"))
        return
    for comment_id, comment in found[:limit]:
        kind, _, target_id = comment.target.partition(":")
        where = target_id
        if kind == "variable":
            with contextlib.suppress(KeyError):
                variable = content.variable(target_id)
                where = f"{variable.number} {variable.title.get(lang)}"
        elif kind == "task":
            task = tasks.get(target_id)
            title = task.title if task else session.tr("comments.task_gone")
            where = f"{session.tr('comments.task')} · {title}"
        _one(comment_id, comment, "open", where)
    if len(found) > limit:
        st.caption(session.tr("comments.open_more", count=len(found) - limit))


def task_threads(ordered: list[tuple[str, Task]]) -> None:
    """Roadmap: the comments on one task at a time, picked from the plan's tasks (those
    with open comments say how many)."""
    record = session.current().record
    if record is None or not ordered:
        return
    counts = comments.open_counts(record.plan.comments)
    titles = {tid: task.title for tid, task in ordered}
    ids = list(titles)
    ss = st.session_state
    if ss.get("task_comment_pick") not in ids:
        ss["task_comment_pick"] = next(
            (tid for tid in ids if counts[comments.task_target(tid)]), ids[0]
        )
    st.subheader(session.tr("comments.tasks_heading"))
    task_id = st.selectbox(
        session.tr("comments.task_pick"),
        ids,
        format_func=lambda tid: titles[tid] + badge(counts[comments.task_target(tid)]),
        key="task_comment_pick",
    )
    thread(comments.task_target(task_id), key=f"task.{task_id}")

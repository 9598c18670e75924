"""Per-browser-session state: language, the open plan, and their place in the URL.

The URL is what survives a refresh or is sent to a teammate, so the language and the
plan id are read from it when a session starts and written back to it on every run
(page switches in Streamlit drop query parameters; the session keeps them).
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import streamlit as st

from pages.shared import browser_id, choices, remembered
from pages.shared.registry import URL_PATHS
from playbook import clock
from playbook.access import (
    Access,
    AccessStore,
    CommentOnlyStore,
    LinkRevoked,
    ReadOnlyStore,
    Role,
)
from playbook.content import Content, content
from playbook.errors import PlanNotFound, PlaybookError
from playbook.i18n import failure_messages, normalise_lang, t
from playbook.plan import is_plan_id
from playbook.settings import Settings
from playbook.storage import PlanRecord, PresenceStore, Store, WorkshopStore

LANG = "ui_lang"
LANG_PICKER = "lang_picker"
PLAN_ID = "plan_id"
PLAN_ROLE = "plan_role"
PLAN_LINK = "plan_link"  # the token this session opened the plan with (edit or view)
PLAN_PROBLEM = "plan_problem"
WORKSHOP = "workshop_id"
WORKSHOP_PROBLEM = "workshop_problem"


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """The server's settings, read from the environment once per process."""
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def shared_store() -> Store:
    """One store (and connection pool) per server process."""
    return Store(settings().store_url())


def store() -> Store:
    """The store as this session may use it: a view-only link cannot write, a comment
    link can write comments only."""
    role = st.session_state.get(PLAN_ROLE)
    if role == Role.COMMENT.value:
        return CommentOnlyStore(shared_store())
    return ReadOnlyStore(shared_store()) if read_only() else shared_store()


@st.cache_resource(show_spinner=False)
def links() -> AccessStore:
    return AccessStore(shared_store())


@st.cache_resource(show_spinner=False)
def workshops() -> WorkshopStore:
    return WorkshopStore(shared_store())


@st.cache_resource(show_spinner=False)
def presence() -> PresenceStore:
    return PresenceStore(shared_store())


def read_only() -> bool:
    """Whether the open plan came through a link that cannot change it (view-only, or a
    comment link)."""
    return st.session_state.get(PLAN_ROLE) in (Role.VIEW.value, Role.COMMENT.value)


def can_comment() -> bool:
    """Whether this session may add and resolve comments (edit and comment links)."""
    return st.session_state.get(PLAN_ROLE) in (Role.EDIT.value, Role.COMMENT.value)


def role() -> Role | None:
    value = st.session_state.get(PLAN_ROLE)
    return Role(value) if isinstance(value, str) and value in set(Role) else None


@st.cache_resource(show_spinner=False)
def playbook_content() -> Content:
    return content()


def lang() -> str:
    return st.session_state.get(LANG, "zh")


def _pick_lang() -> None:
    new = normalise_lang(st.session_state.get(LANG_PICKER))
    choices.keep_values(LANG_PICKER, lang(), new)  # before their labels change language
    st.session_state[LANG] = new


def language_picker() -> None:
    """The language switch; the choice lives outside the widget so page switches keep it."""
    st.session_state[LANG_PICKER] = lang()
    st.segmented_control(
        t("sidebar.language", lang()),
        options=["zh", "en"],
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        key=LANG_PICKER,
        required=True,
        on_change=_pick_lang,
    )


def tr(key: str, /, **values: object) -> str:
    """A UI string in the session's language."""
    return t(key, lang(), **values)


def start() -> None:
    """Read language and plan from the URL once per browser session."""
    ss = st.session_state
    if LANG not in ss:
        ss[LANG] = normalise_lang(st.query_params.get("lang"))
    if "_started" in ss:
        return
    ss["_started"] = True
    workshop = st.query_params.get("workshop")
    if workshop and re.fullmatch(r"[A-Za-z0-9_-]{22,64}", workshop):
        ss[WORKSHOP] = workshop
    elif workshop is not None:
        ss[WORKSHOP_PROBLEM] = True
    requested = st.query_params.get("plan")
    if requested is not None and (problem := open_link(requested)):
        ss[PLAN_PROBLEM] = problem


def open_link(token: str) -> str | None:
    """Open the plan a link names, in the link's role; else the problem's name."""
    if not is_plan_id(token):
        return "malformed"
    try:
        access = links().resolve(token)
    except LinkRevoked:
        return "revoked"
    except PlanNotFound:
        return "unknown"
    except PlaybookError:
        return "unavailable"
    open_plan(access.plan_id, access)
    return None


def open_plan(plan_id: str, access: Access | None = None) -> None:
    """Open a plan: through a link (``access``), or for editing by its id."""
    ss = st.session_state
    access = access or Access(plan_id, Role.EDIT, plan_id)
    if ss.get(PLAN_ID) != plan_id or ss.get(PLAN_ROLE) != access.role.value:
        # widget values bound to the previous plan must not leak into this one
        ss["_synced"] = {}
        ss["_errors"] = {}
    elif ss.get(PLAN_LINK) not in (None, access.token):  # this session replaced its link
        remembered.forget(ss[PLAN_LINK])
    remembered.remember(access.token, access.role)
    ss[PLAN_ID] = plan_id
    ss[PLAN_ROLE] = access.role.value
    ss[PLAN_LINK] = access.token
    ss.pop(PLAN_PROBLEM, None)


def close_plan() -> None:
    ss = st.session_state
    if ss.get(PLAN_ID) and "_presence_id" in ss:
        with contextlib.suppress(PlaybookError):  # else the entry expires by itself
            presence().leave(ss[PLAN_ID], ss["_presence_id"])
        ss.pop("_beat", None)
    for key in (PLAN_ID, PLAN_ROLE, PLAN_LINK):
        ss.pop(key, None)
    ss["_synced"] = {}
    ss["_errors"] = {}


def sync_url(**extra: str) -> None:
    """Write the session's language and plan (and page-specific keys) into the URL.

    The trainer's workshop id is written only by the workshop pages (through ``extra``,
    see :func:`workshop_param`) and removed everywhere else: a plan page's address is
    what a trainer may send to a team, and it must not carry the trainer's access.
    """
    wanted = url_params(**extra)
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    if "plan" not in wanted and "plan" in st.query_params and PLAN_PROBLEM not in st.session_state:
        del st.query_params["plan"]
    if "workshop" not in wanted and "workshop" in st.query_params:
        del st.query_params["workshop"]


def url_params(**extra: str) -> dict[str, str]:
    """Query parameters that keep the language and the open plan across a link."""
    params = {"lang": lang()}
    if st.session_state.get(PLAN_ID):
        params["plan"] = st.session_state.get(PLAN_LINK) or st.session_state[PLAN_ID]
    return params | extra


def forget_workshop() -> None:
    """The workshop in the session does not exist (a wrong or deleted trainer link)."""
    st.session_state.pop(WORKSHOP, None)
    st.session_state[WORKSHOP_PROBLEM] = True


def show_workshop_problem() -> None:
    """Say once that the trainer link did not open a workshop."""
    if st.session_state.pop(WORKSHOP_PROBLEM, False):
        st.error(tr("ws.unknown_link"), icon=":material/error:")


def workshop_param() -> dict[str, str]:
    """The open workshop for a workshop page's own address (never for other links)."""
    workshop_id = st.session_state.get(WORKSHOP)
    return {"workshop": workshop_id} if workshop_id else {}


@dataclass(frozen=True)
class Current:
    record: PlanRecord | None
    problem: str | None  # "malformed", "unknown", "unavailable" or None


def refresh() -> Current:
    """Read the open plan afresh (teammates may have changed it since the last run).

    Called once per run by the router; pages then use :func:`current`.
    """
    ss = st.session_state
    plan_id = ss.get(PLAN_ID)
    if not plan_id:
        found = Current(None, ss.get(PLAN_PROBLEM))
    else:
        try:
            # the link is checked on every run: a replaced link stops working at once
            access, version = links().open(ss.get(PLAN_LINK) or plan_id)
            if access.plan_id != plan_id:  # not this plan's link (never a user's doing)
                raise PlanNotFound(plan_id)
            found = Current(store().get(plan_id, version), None)
        except (PlanNotFound, LinkRevoked) as exc:
            problem = "revoked" if isinstance(exc, LinkRevoked) else "unknown"
            close_plan()
            ss[PLAN_PROBLEM] = problem
            found = Current(None, problem)
        except PlaybookError:
            found = Current(None, "unavailable")
    ss["_current"] = found
    return found


T = TypeVar("T")


def kept(slot: str, key: Hashable, make: Callable[[], T]) -> T:
    """What ``make`` gives, made once per ``key`` in this session and kept in ``slot``
    until a new key replaces it: what depends only on a stored version (and the reader's
    language or zone) is not made again on every run."""
    known = st.session_state.get(slot)
    if known is None or known[0] != key:
        known = (key, make())
        st.session_state[slot] = known
    return known[1]


def panel(
    make: Callable[..., Any],
    label: str,
    key: str,
    *,
    default: bool = False,
    now: bool = False,
    **kwargs: Any,
) -> Any:
    """A keyed expander or popover (``make``: ``st.expander``, ``st.popover`` or a
    container's) whose contents the caller draws only while it is open: its open state
    carried over from the last run, ``default`` on the first, open when ``now``. Streamlit
    makes a panel's label part of its identity, so without this a panel would close when
    the language (or its label) changes."""
    ss = st.session_state
    ss[key] = True if now else ss.get(key, default)
    return make(label, key=key, on_change="rerun", **kwargs)


def current() -> Current:
    return st.session_state.get("_current") or refresh()


def note_saved(record: PlanRecord) -> None:
    """Keep a save's result as the open plan, so a fragment that reruns after the save
    (without the router's fresh read) draws what is stored now; and remember its version
    as this session's own (see ``live.py``)."""
    if record.plan.id == st.session_state.get(PLAN_ID):
        st.session_state["_current"] = Current(record, None)
        # the versions this session wrote: an open page need not rerun to show them
        mine = st.session_state.setdefault("_my_versions", {})
        versions = mine.setdefault(record.plan.id, [])
        versions.append(record.version)
        del versions[:-50]


def edit_source() -> str:
    """The revision source of this window's edits, ``edit:<browser>.<window>``: the history
    groups and attributes edits by the browser part, and a live page tells its own saves
    from those of another window (another tab of the same browser included) by the whole."""
    browser = browser_id.tag(str(st.session_state.get(PLAN_ID, "")))
    window = st.session_state.setdefault("_editor_window", secrets.token_hex(2))
    return f"edit:{browser}.{window}"


def edit_author() -> str | None:
    """The display name this person gave (see ``live.name_box``), kept with each revision
    they save so the history can name them; None when they gave none."""
    from pages.shared import live  # live builds on this module

    return live.display_name() or None


def time_zone() -> ZoneInfo:
    """The reader's time zone: the browser's, else the one the language suggests."""
    return clock.zone(st.context.timezone, lang())


def plan_zone() -> ZoneInfo:
    """The open plan's own time zone (what its documents and dates use), else the reader's."""
    record = current().record
    if record is None or record.plan.meta.time_zone is None:
        return time_zone()
    return clock.zone(record.plan.meta.time_zone, lang())


def today() -> date:
    """Today's date where the team works: due dates, overdue tasks and documents use it."""
    return clock.today_in(plan_zone())


def show_problem(problem: str | None) -> None:
    if problem:
        st.error(tr(f"plan.problem.{problem}"), icon=":material/error:")


def show_failure(exc: PlaybookError, labels: Mapping[str, str] | None = None) -> None:
    """Say plainly why an action failed (nothing typed on the page is lost)."""
    for message in failure_messages(exc, lang(), labels):
        st.error(message, icon=":material/error:")


def site_url(page: str, params: Mapping[str, str]) -> str:
    """An absolute link to a page (``""`` for the root) with URL parameters: under the
    configured public address, else the address this browser used."""
    base = settings().public_url
    if not base:
        base = (st.context.url or "").rstrip("/")
        head, _, last = base.rpartition("/")
        if last in URL_PATHS:
            base = head
    return f"{base.rstrip('/')}/{page}?{urlencode(params)}"


def share_url(token: str) -> str:
    """The link that opens a plan (by one of its link tokens) on the home page."""
    return site_url("", {"plan": token, "lang": lang()})


def plan_list_enabled() -> bool:
    """Whether the home page lists every plan on this server. Off unless configured:
    a plan is private to those who have its link."""
    return settings().show_plan_list


def my_versions(plan_id: str) -> list[int]:
    """The plan's versions this session saved recently (see :func:`note_saved`)."""
    return st.session_state.get("_my_versions", {}).get(plan_id, [])

"""Per-browser-session state: language, the open plan, and their place in the URL.

The URL is what survives a refresh or is sent to a teammate, so the language and the
plan id are read from it when a session starts and written back to it on every run
(page switches in Streamlit drop query parameters; the session keeps them).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import streamlit as st

from pages.shared.registry import URL_PATHS
from playbook import history
from playbook.content import Content, content
from playbook.errors import PlanNotFound, PlaybookError
from playbook.i18n import failure_messages, normalise_lang, t
from playbook.plan import is_plan_id
from playbook.settings import Settings
from playbook.storage import PlanRecord, Store, WorkshopStore

LANG = "ui_lang"
LANG_PICKER = "lang_picker"
PLAN_ID = "plan_id"
PLAN_PROBLEM = "plan_problem"
WORKSHOP = "workshop_id"


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """The server's settings, read from the environment once per process."""
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """One store (and connection pool) per server process."""
    return Store(settings().store_url())


@st.cache_resource(show_spinner=False)
def workshops() -> WorkshopStore:
    return WorkshopStore(store())


@st.cache_resource(show_spinner=False)
def playbook_content() -> Content:
    return content()


def lang() -> str:
    return st.session_state.get(LANG, "zh")


def _pick_lang() -> None:
    st.session_state[LANG] = normalise_lang(st.session_state.get(LANG_PICKER))


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


def tr(key: str, **values: object) -> str:
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
    requested = st.query_params.get("plan")
    if requested is None:
        return
    if not is_plan_id(requested):
        ss[PLAN_PROBLEM] = "malformed"
        return
    try:
        found = store().exists(requested)
    except PlaybookError:
        ss[PLAN_PROBLEM] = "unavailable"
        return
    if found:
        open_plan(requested)
    else:
        ss[PLAN_PROBLEM] = "unknown"


def open_plan(plan_id: str) -> None:
    ss = st.session_state
    if ss.get(PLAN_ID) != plan_id:
        # widget values bound to the previous plan must not leak into this one
        ss["_synced"] = {}
        ss["_errors"] = {}
    ss[PLAN_ID] = plan_id
    ss.pop(PLAN_PROBLEM, None)


def close_plan() -> None:
    ss = st.session_state
    ss.pop(PLAN_ID, None)
    ss["_synced"] = {}
    ss["_errors"] = {}


def sync_url(**extra: str) -> None:
    """Write the session's language and plan (and page-specific keys) into the URL."""
    wanted = url_params(**extra)
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    if "plan" not in wanted and "plan" in st.query_params and PLAN_PROBLEM not in st.session_state:
        del st.query_params["plan"]


def url_params(**extra: str) -> dict[str, str]:
    """Query parameters that keep the language and the open plan across a link."""
    params = {"lang": lang()}
    if plan_id := st.session_state.get(PLAN_ID):
        params["plan"] = plan_id
    if workshop_id := st.session_state.get(WORKSHOP):
        params["workshop"] = workshop_id
    return params | extra


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
            found = Current(store().get(plan_id), None)
        except PlanNotFound:
            close_plan()
            ss[PLAN_PROBLEM] = "unknown"
            found = Current(None, "unknown")
        except PlaybookError:
            found = Current(None, "unavailable")
    ss["_current"] = found
    return found


def current() -> Current:
    return st.session_state.get("_current") or refresh()


def edit_source() -> str:
    """The revision source of this window's edits (``edit:<tag>``), so the history can
    group them and tell them from another window's."""
    tag = st.session_state.setdefault("_editor_tag", secrets.token_hex(4))
    return f"edit:{tag}"


def time_zone() -> ZoneInfo:
    """The reader's time zone: the browser's, else the one the language suggests."""
    return history.zone(st.context.timezone, lang())


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


def share_url(plan_id: str) -> str:
    """The link that opens this plan on the home page (the app's root URL)."""
    return site_url("", {"plan": plan_id, "lang": lang()})


def plan_list_enabled() -> bool:
    """Whether the home page lists every plan on this server. Off unless configured:
    a plan is private to those who have its link."""
    return settings().show_plan_list

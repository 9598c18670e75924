"""An open plan page that keeps up with its teammates.

Every few seconds a small fragment asks the database one indexed question: the plan's
stored version, together with the other sessions that have the plan open (see
``playbook/storage/presence.py``). When a teammate saved a newer version, the whole page
runs again and shows it. Typed text is not lost: a field's text that the browser has not
sent yet stays in the browser through the rerun (Streamlit keeps a field's unsent input
and its focus), and sending it later saves it as usual — when it replaces a teammate's
value of the same field, the teammate gets the notice of ``race.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import time
from collections.abc import Callable
from urllib.parse import quote, unquote

import streamlit as st

from pages.shared import browser_id, plain, session
from pages.shared.registry import PAGES
from playbook.errors import PlaybookError
from playbook.storage import Look, Presence
from playbook.storage.presence import person

# seconds between two looks at the stored plan (PLAYBOOK_LIVE_SECONDS; 0: no looks)
INTERVAL = session.settings().live_seconds or None
# a server answers at most about this many looks a second, whatever the number of open
# tabs: past it, each tab looks less often (200 tabs: every 5 s), so polling stays a
# bounded share of the CPU (≈ 3 ms a look: 13 % of one core) on a busy server
LOOKS_PER_SECOND = 40
BEAT_EVERY = 10.0  # seconds between two heartbeats on the same page (presence lasts 30 s)
PRUNE_EVERY = 30  # heartbeats; every so many also deletes long-gone sessions
NAME_COOKIE = "pb_name"
NAME_MAX = 40
SESSION_ID = "_presence_id"
NAME = "_display_name"

_TITLES = {url: title for entries in PAGES.values() for _, title, _, url in entries}


def session_id() -> str:
    """This session's anonymous id in the presence table: ``<browser>.<session>``, the
    browser part derived from its cookie id (never the id itself), so that one person's
    tabs and reloads count once."""
    ss = st.session_state
    if SESSION_ID not in ss:
        browser = hashlib.sha256(f"presence:{browser_id.browser_id()}".encode()).hexdigest()
        ss[SESSION_ID] = f"{browser[:12]}.{secrets.token_hex(8)}"
    return ss[SESSION_ID]


def display_name() -> str:
    """The name this person gave (kept by their browser), else ``""`` (anonymous)."""
    ss = st.session_state
    if NAME not in ss:
        try:
            raw = st.context.cookies.get(NAME_COOKIE) or ""
        except (AttributeError, RuntimeError):  # no request behind the session (AppTest)
            raw = ""
        ss[NAME] = clean_name(unquote(raw)) if raw else ""
    return ss[NAME]


def clean_name(value: object) -> str:
    from playbook.text import clean_text

    text = clean_text(value)
    return " ".join(text.split())[:NAME_MAX] if isinstance(text, str) else ""


def _set_name() -> None:
    name = clean_name(st.session_state.get("live.name_input", ""))
    st.session_state[NAME] = name
    st.session_state["_name_cookie"] = name


def name_box() -> None:
    """The display name teammates see (in presence and on comments), kept by the browser
    in a cookie of this site for a year; empty means anonymous."""
    ss = st.session_state
    ss["live.name_input"] = display_name()
    st.text_input(
        session.tr("live.name"),
        key="live.name_input",
        max_chars=NAME_MAX,
        placeholder=session.tr("live.name_placeholder"),
        help=session.tr("live.name_help"),
        on_change=_set_name,
    )
    if "_name_cookie" in ss:
        value = quote(ss.pop("_name_cookie"), safe="")
        # the value is percent-encoded, then quoted as a JSON string with "<" escaped
        literal = json.dumps(value).replace("<", "\\u003c")
        st.html(
            "<script>document.cookie = "
            f'"{NAME_COOKIE}=" + {literal} + "; path=/; max-age=31536000; SameSite=Lax" +'
            '(location.protocol === "https:" ? "; Secure" : "");'
            "</script>",
            unsafe_allow_javascript=True,
            width=1,
        )


def _page() -> tuple[str, str | None]:
    page = st.session_state.get("_page") or "home"
    variable = None
    if page == "wizard":
        variable = st.query_params.get("step") or st.session_state.get("wizard_step")
    return page, variable


def _beat(plan_id: str, page: str, variable: str | None, now: float) -> None:
    """A heartbeat when the page, variable or name changed, or the last one is aging."""
    ss = st.session_state
    name = display_name() if session.can_comment() else ""  # a reader stays anonymous
    where = (plan_id, page, variable, name)
    last = ss.get("_beat")
    if last is not None and last[0] == where and now - last[1] < BEAT_EVERY:
        return
    count = ss.get("_beats", 0) + 1
    ss["_beats"] = count
    session.presence().beat(
        plan_id,
        session_id(),
        page=page,
        variable=variable,
        name=name,
        now=now,
        prune=count % PRUNE_EVERY == 1,
    )
    ss["_beat"] = (where, now)


def _newer(plan_id: str, look: Look) -> bool:
    """Whether the stored plan holds a change the page does not show: a version newer
    than the one the page was drawn from, saved by anyone but this session (a fragment of
    the page that saved shows its own change already)."""
    ss = st.session_state
    if look.version is None:
        return True  # the plan is gone: the page says so after a rerun
    drawn = ss.get("_live_drawn", (None, 0))
    seen = ss.get("_live_seen", (None, 0))
    known = max([v for p, v in (drawn, seen) if p == plan_id], default=0)
    if look.version <= known:
        return False
    later = session.shared_store().changes_after(plan_id, known)
    ss["_live_seen"] = (plan_id, look.version)
    mine = set(session.my_versions(plan_id))
    own = session.edit_source()
    return any(version not in mine or source != own for version, source in later)


def who(others: list[Presence]) -> str:
    """``小王：十大策略变量 · 纽带；实施路线图`` — where each other person is (named when
    they gave a name)."""
    content = session.playbook_content()
    lang = session.lang()
    parts: list[str] = []
    for other in others:
        title = _TITLES.get(other.page)
        where = session.tr(title) if title else other.page
        if other.variable:
            with contextlib.suppress(KeyError):
                where += f" · {content.variable(other.variable).key.get(lang)}"
        colon = "：" if lang == "zh" else ": "
        part = f"{other.name}{colon}{where}" if other.name else where
        if part not in parts:  # one person in two tabs of one page is named once
            parts.append(part)
    return ("；" if lang == "zh" else "; ").join(parts)


def _presence_line(others: list[Presence]) -> None:
    if not others:
        return
    people = len({person(o.session_id) for o in others})
    key = "live.also_here_one" if people == 1 else "live.also_here"
    plain.show_html(plain.fill(key, count=people, where=who(others)), "caption")


def interval(sessions: int | None = None) -> float | None:
    """Seconds between two looks: the configured interval, longer when so many tabs are
    open on this server that they would exceed LOOKS_PER_SECOND."""
    if INTERVAL is None:
        return None
    if sessions is None:
        sessions = _open_sessions()
    return max(INTERVAL, round(sessions / LOOKS_PER_SECOND, 1))


def _open_sessions() -> int:
    """The sessions this server holds (Streamlit internals, 1.67; 0 when unavailable)."""
    try:
        from streamlit.runtime import Runtime

        return int(Runtime.instance()._session_mgr.num_active_sessions())
    except (ImportError, AttributeError, RuntimeError, TypeError):
        return 0


def _watch(also: Callable[[], None] | None = None) -> None:
    record = session.current().record
    plan_id = st.session_state.get(session.PLAN_ID)
    if record is None or not plan_id:
        return
    ss = st.session_state
    now = time.time()
    last = ss.get("_live_look")
    if (
        ss.pop("_live_full_run", False)
        and last is not None
        and last[0] == plan_id
        and now - last[2] < BEAT_EVERY
    ):
        # drawn with the whole page, which has just read the plan: who else is here as
        # of a look less than BEAT_EVERY old; the next tick looks again and moves this
        # person's heartbeat to this page. Someone clicking faster than the ticks (every
        # full run restarts them) still looks and beats every BEAT_EVERY seconds.
        others = last[1]
    else:
        page, variable = _page()
        try:
            _beat(plan_id, page, variable, now)
            look = session.presence().look(plan_id, session_id(), now=now)
            newer = _newer(plan_id, look)
        except PlaybookError:
            return  # the database is away for a moment: the next look tries again
        ss["_live_look"] = (plan_id, look.others, now)
        if newer:
            st.rerun(scope="app")
        others = look.others
    _presence_line(others)
    if also is not None:
        also()


def watch(also: Callable[[], None] | None = None, also_every: float = 5.0) -> None:
    """Keep the open plan's page current and say who else is on the plan (called by the
    page, so only on a run of the whole page: what it drew is the version it read).

    ``also`` draws something that needs the same rhythm (the workshop's timer): it rides
    on the same look, one fragment run per tick; when looks are off it runs every
    ``also_every`` seconds on its own."""
    record = session.current().record
    if record is not None:
        st.session_state["_live_drawn"] = (record.plan.id, record.version)
    every = interval()
    # with ticks, a page's own run reuses the last look (see _watch); without, it looks
    st.session_state["_live_full_run"] = every is not None
    st.fragment(_watch, run_every=every)(also if every else None)
    if also is not None and not every:
        st.fragment(also, run_every=also_every)()

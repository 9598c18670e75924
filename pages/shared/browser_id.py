"""Which browser made an edit: a random id kept in a cookie of this site.

The revision history groups a browser's consecutive edits and tells "this browser" from
"another browser". A tab or a reload starts a new Streamlit session, so the id lives in a
first-party cookie: read from the request through ``st.context.cookies``, and written once
(by the small script below) when the browser has none yet. The cookie holds nothing but
random hex; revisions store a tag derived from it and the plan's id, so the tags in one
plan's history cannot be matched with another plan's, and the cookie itself is never stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets

import streamlit as st

COOKIE = "playbook_browser"
MAX_AGE = 400 * 24 * 3600  # the longest lifetime browsers keep a cookie for
_ID = re.compile(r"[0-9a-f]{32}")
_KEY = "_browser_id"
_WRITTEN = "_browser_id_written"


def _valid(value: object) -> str | None:
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def browser_id() -> str:
    """This browser's id: its cookie's, else a new one (written by :func:`install`)."""
    ss = st.session_state
    known = _valid(ss.get(_KEY))
    if known:
        return known
    try:
        cookie = _valid(st.context.cookies.get(COOKIE))
    except (AttributeError, RuntimeError):  # no request behind the session (AppTest)
        cookie = None
    ss[_KEY] = cookie or secrets.token_hex(16)
    ss[_WRITTEN] = cookie is not None
    return ss[_KEY]


def tag(plan_id: str) -> str:
    """The short tag this browser's edits of ``plan_id`` are recorded with."""
    return hashlib.sha256(f"{browser_id()}:{plan_id}".encode()).hexdigest()[:8]


def install() -> None:
    """Write the cookie when the browser came without one (once per session). A cookie a
    second tab wrote meanwhile is kept: the first id a browser gets stays its id."""
    browser_id()
    ss = st.session_state
    if ss.get(_WRITTEN):
        return
    ss[_WRITTEN] = True
    value = ss[_KEY]  # 32 hex digits, nothing a script could misread
    st.html(
        f"""<script>
(() => {{
  if (document.cookie.split("; ").some((c) => c.startsWith("{COOKIE}="))) return;
  document.cookie = "{COOKIE}={value}; max-age={MAX_AGE}; path=/; SameSite=Lax" +
    (location.protocol === "https:" ? "; Secure" : "");
}})();
</script>""",
        unsafe_allow_javascript=True,
    )

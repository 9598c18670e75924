"""The plans this browser opened, read from its cookie and written back to it.

The browser sends the cookie when a tab connects (``st.context.cookies``); the session then
keeps the list and changes it as plans are opened or forgotten. Streamlit cannot set a
cookie from the server, so each change is written by a small script of the project's own in
the page (:func:`write`). The script applies each change to the cookie as the browser holds
it at that moment, once per tab, so two tabs opening plans do not erase each other's.
See ``playbook/recent.py`` for what the cookie holds.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime

import streamlit as st

from playbook import recent
from playbook.access import Role
from playbook.recent import RecentPlan

_PLANS = "_recent_plans"
_CHANGES = "_recent_changes"
_KEEP_CHANGES = 2 * recent.KEEP

_SCRIPT = """
<script>
(() => {
  const name = %(name)s, keep = %(keep)d, maxAge = %(max_age)d;
  const changes = %(changes)s;
  const applied = (window.__playbookRecent ??= new Set());
  const fresh = changes.filter((c) => !applied.has(c.id));
  if (!fresh.length) return;
  const prefix = name + "=";
  const found = document.cookie.split("; ").find((c) => c.startsWith(prefix));
  let entries = found ? found.slice(prefix.length).split("~").filter(Boolean) : [];
  for (const change of fresh) {
    applied.add(change.id);
    entries = entries.filter((e) => e.split(".")[0] !== change.token);
    if (change.entry) entries.unshift(change.entry);
  }
  entries = entries.slice(0, keep);
  const secure = location.protocol === "https:" ? "; Secure" : "";
  const age = entries.length ? maxAge : 0;
  document.cookie = prefix + entries.join("~") + "; Path=/; Max-Age=" + age +
    "; SameSite=Lax" + secure;
})();
</script>
"""


def _browser_cookie() -> str | None:
    """The cookie's value as the browser sent it when this tab connected."""
    try:
        return st.context.cookies.get(recent.COOKIE)
    except (AttributeError, RuntimeError):  # no request behind the session
        return None


def plans() -> list[RecentPlan]:
    """This browser's recent plans, newest first."""
    ss = st.session_state
    if _PLANS not in ss:
        ss[_PLANS] = recent.parse(_browser_cookie())
    return list(ss[_PLANS])


def _change(token: str, entry: RecentPlan | None) -> None:
    changes = st.session_state.setdefault(_CHANGES, [])
    changes.append(
        {"id": secrets.token_hex(8), "token": token, "entry": entry.entry() if entry else None}
    )
    del changes[:-_KEEP_CHANGES]


def remember(token: str, role: Role) -> None:
    """Put the plan opened through ``token`` first in this browser's list."""
    st.session_state[_PLANS], entry = recent.remember(plans(), token, role, datetime.now(UTC))
    _change(token, entry)


def forget(token: str) -> None:
    """Take the plan opened through ``token`` off this browser's list."""
    st.session_state[_PLANS] = recent.forget(plans(), token)
    _change(token, None)


def write() -> None:
    """Write this session's changes into the browser's cookie (each once per tab)."""
    changes = st.session_state.get(_CHANGES)
    if not changes:
        return
    script = _SCRIPT % {
        "name": json.dumps(recent.COOKIE),
        "keep": recent.KEEP,
        "max_age": recent.MAX_AGE,
        # tokens and entries are validated ids and digits; "<" is escaped all the same
        "changes": json.dumps(changes).replace("<", "\\u003c"),
    }
    st.html(script, unsafe_allow_javascript=True)

"""A warning before leaving the page while a field holds typed text not yet saved.

Text fields save when they are left (Tab, a click elsewhere, Enter in a one-line field);
a reload or a closed tab before that would drop what is on screen. The browser's own
"leave this page?" prompt asks first. The script is the project's own; it reads no user
data and sends nothing.
"""

from __future__ import annotations

import streamlit as st

_SCRIPT = """
<script>
(() => {
  if (window.__playbookLeaveGuard) return;
  window.__playbookLeaveGuard = true;
  const typing = new Set();
  const isText = (el) => el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && ["text", "search", "email", "url", ""].includes(el.type));
  document.addEventListener("input", (e) => { if (isText(e.target)) typing.add(e.target); }, true);
  // leaving a field saves it; Enter saves a one-line field, Ctrl/Cmd+Enter a text area
  document.addEventListener("blur", (e) => typing.delete(e.target), true);
  document.addEventListener("keydown", (e) => {
    const saves = e.key === "Enter" &&
      (e.target instanceof HTMLInputElement || e.ctrlKey || e.metaKey);
    if (saves) typing.delete(e.target);
  }, true);
  window.addEventListener("beforeunload", (e) => {
    for (const el of typing) {
      if (el.isConnected) { e.preventDefault(); e.returnValue = ""; return ""; }
    }
  });
})();
</script>
"""


def install() -> None:
    """Add the warning to the page (once per browser tab; later calls do nothing)."""
    st.html(_SCRIPT, unsafe_allow_javascript=True)

"""Input that a browser kept through a lost session.

When the server loses a tab's session (a restart or deploy, a failover, a network drop
longer than the disconnected-session limit), the tab reconnects to a fresh session and
sends what its inputs show. The fresh session has not drawn those inputs yet, so
Streamlit cannot read their values by key and never calls their change callbacks: an
answer typed just then would be replaced by the stored value. This reads the value the
browser reported for an input that this session has not drawn, so it can be saved.
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def browser_value(key: str) -> tuple[bool, Any]:
    """(True, value) when the browser reported ``key``'s input before this session drew it.

    Uses Streamlit's session internals (1.67); if they change, nothing is found and
    inputs behave as before.
    """
    try:
        from streamlit.runtime.state.common import unpack_widget_state_value
        from streamlit.runtime.state.session_state import Serialized
        from streamlit.runtime.state.session_state_proxy import get_session_state

        widgets = get_session_state()._state._new_widget_state
        suffix = f"-{key}"
        for widget_id, state in list(widgets.states.items()):
            drawn = widget_id in widgets.widget_metadata
            if widget_id.endswith(suffix) and isinstance(state, Serialized) and not drawn:
                return True, unpack_widget_state_value(state.value)
    except (ImportError, AttributeError, KeyError, TypeError):
        return False, None
    return False, None


def note_recovered() -> None:
    st.session_state["_recovered"] = True


def recovered() -> bool:
    """Whether an input was saved from a reconnecting browser during this run."""
    return bool(st.session_state.pop("_recovered", False))

"""Choices keep their values across a language switch: what the correction reads of
Streamlit (its behaviour is checked in Chromium, test_browser.py)."""

from __future__ import annotations

import streamlit


def test_the_choice_widgets_it_knows_are_streamlit_1_67s():
    # pages/shared/choices reads Streamlit 1.67's serde classes and session internals
    from streamlit.runtime.state.session_state import SessionState

    from pages.shared import choices

    assert streamlit.__version__ == "1.67.0"
    assert len(choices._choice_serdes()) == 6
    state = SessionState()
    assert hasattr(state._key_id_mapper, "id_key_mapping")
    assert hasattr(state._new_widget_state, "widget_metadata")

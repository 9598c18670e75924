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
    assert choices._tabs_serde().__name__ == "_TabsSerde"
    state = SessionState()
    assert hasattr(state._key_id_mapper, "id_key_mapping")
    assert hasattr(state._new_widget_state, "widget_metadata")


def test_a_label_reads_as_the_same_ui_string_in_the_other_language():
    from playbook.i18n import same_string, t

    assert same_string(t("roi.group.costs", "en"), "en", "zh") == t("roi.group.costs", "zh")
    assert same_string(t("roi.chart.cash", "zh"), "zh", "en") == t("roi.chart.cash", "en")
    assert same_string("not a UI string", "en", "zh") is None

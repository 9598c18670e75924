"""Choices keep their values across a language switch (a correction for Streamlit 1.67).

Streamlit 1.67's choice widgets (select boxes, radios, multiselects, pills, segmented
controls, select sliders) send the browser's selection back as the *label* shown, and the
server maps the label to an option. The labels here are translated, so the run that
follows a language switch receives the old language's label, which none of the new
labels match: Streamlit then takes the label itself as the value. Checked in Chromium
before this correction: the plan details' stage showed no choice and the industry its
English name on a Chinese page, and switching back saved the plan's time zone, a change
nobody made.

The switch's callback runs before that run, while the widgets still read the old
language's labels. There each choice widget of the page is given its own value again, as
an option: the next run draws it with that value, labelled in the new language. A set of
keyed tabs holds the open tab's label itself (the first tab opened instead after a
switch); it is given the same UI string in the new language.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from playbook.i18n import same_string


def _choice_serdes() -> tuple[type, ...]:
    from streamlit.elements.widgets import button_group
    from streamlit.elements.widgets.multiselect import MultiSelectSerde
    from streamlit.elements.widgets.radio import RadioSerde
    from streamlit.elements.widgets.select_slider import SelectSliderSerde
    from streamlit.elements.widgets.selectbox import SelectboxSerde

    return (
        SelectboxSerde,
        RadioSerde,
        MultiSelectSerde,
        SelectSliderSerde,
        button_group._SingleSelectButtonGroupSerde,
        button_group._MultiSelectButtonGroupSerde,
    )


def _tabs_serde() -> type:
    from streamlit.elements import layouts

    return layouts._TabsSerde


def keyed_widgets() -> tuple[list[str], list[str]]:
    """The keys of the choice widgets and of the tabs drawn by the last run."""
    from streamlit.runtime.state import get_session_state

    state: Any = get_session_state()._state  # SessionState
    keys = state._key_id_mapper.id_key_mapping
    serdes, tabs = _choice_serdes(), _tabs_serde()
    choices: list[str] = []
    tab_sets: list[str] = []
    for widget_id, meta in list(state._new_widget_state.widget_metadata.items()):
        key = keys.get(widget_id)
        serde = getattr(meta.deserializer, "__self__", None)
        if key is None:
            continue
        if isinstance(serde, serdes):
            choices.append(key)
        elif isinstance(serde, tabs):
            tab_sets.append(key)
    return choices, tab_sets


def keep_values(skip: str, from_lang: str, to_lang: str) -> None:
    """From a callback before a switch from ``from_lang`` to ``to_lang`` takes effect:
    every keyed choice widget (but ``skip``, the switch) holds its value as an option, not
    as the label the browser showed, and every keyed set of tabs its open tab's label in
    ``to_lang``."""
    ss = st.session_state
    choices, tab_sets = keyed_widgets()
    for key in choices:
        if key != skip and key in ss:
            ss[key] = ss[key]
    for key in tab_sets:
        label = ss.get(key)
        moved = same_string(label, from_lang, to_lang) if isinstance(label, str) else None
        if moved is not None:
            ss[key] = moved

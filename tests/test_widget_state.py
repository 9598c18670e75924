"""A widget's look at its own key (``pages/shared/widget_state.py``) answers as Streamlit's
``filtered_state`` does, and widgets keep their Session State behaviour with it."""

from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX, SessionState

from pages.shared import widget_state

USER_KEYS = ["a", "b", "c", "ck.x.note", "sec.roi.base"]
VALUES = st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3), st.booleans())


def _widget_id(key: str, n: int) -> str:
    return f"$$ID-{'0' * 31}{n}-{key}"


# one step: a value set or deleted through st.session_state, a widget registered for a key
# (its id mapped, a value in this run's or the previous run's widget state), a widget
# without a key, an internal key, or a run ending
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.sampled_from(USER_KEYS), VALUES),
        st.tuples(st.just("delete"), st.sampled_from(USER_KEYS), st.none()),
        st.tuples(
            st.just("widget"),
            st.sampled_from(USER_KEYS),
            st.tuples(st.integers(0, 2), st.sampled_from(["new", "old"]), VALUES),
        ),
        st.tuples(st.just("unkeyed"), st.integers(0, 2), VALUES),
        st.tuples(st.just("internal"), st.sampled_from(USER_KEYS), VALUES),
        st.tuples(st.just("run"), st.just(""), st.none()),
    ),
    max_size=14,
)


def _state(steps) -> SessionState:
    state = SessionState()
    for kind, key, detail in steps:
        if kind == "set":
            state[key] = detail
        elif kind == "delete":
            if key in state:
                del state[key]
        elif kind == "widget":
            n, where, value = detail
            wid = _widget_id(key, n)
            state._set_key_widget_mapping(wid, key)
            if where == "new":
                state._new_widget_state.set_from_value(wid, value)
            else:
                state._old_state[wid] = value
        elif kind == "unkeyed":
            state._new_widget_state.set_from_value(f"$$ID-{'1' * 31}{key}-None", detail)
        elif kind == "internal":
            state[STREAMLIT_INTERNAL_KEY_PREFIX + key] = detail
        else:
            state._compact_state()
    return state


def _earlier_id_holds_a_value(state: SessionState, key: str) -> bool:
    """Whether an id the key was mapped to before its current one still holds a value."""
    current = state._key_id_mapper.get_id_from_key(key, None)
    ids = state._key_id_mapper.id_key_mapping
    return any(ids.get(k) == key and k != current for k in state._keys())


@settings(max_examples=500, deadline=None)
@given(STEPS)
def test_one_key_answers_as_the_whole_filtered_state_does(steps):
    state = _state(steps)
    whole = state.filtered_state
    for key in [*USER_KEYS, "missing"]:
        if _earlier_id_holds_a_value(state, key):
            continue  # see the next test
        one = widget_state.OneKey(SafeSessionState(state, lambda: None))
        assert (key in one) == (key in whole), key
        if key in whole:
            assert one[key] is whole[key], key  # the very value (True is not 1)


def test_a_key_whose_widget_changed_its_id_reads_the_current_widget():
    """A key keeps the value of its earlier widget id until the run ends; Streamlit's
    ``filtered_state`` then answers with whichever id its set of keys gives last (an
    order that changes between processes), the one-key reader with the current id's."""
    state = _state([("widget", "c", (0, "old", "earlier")), ("widget", "c", (1, "new", None))])
    one = widget_state.OneKey(SafeSessionState(state, lambda: None))
    assert "c" in one and one["c"] is None
    assert state["c"] is None  # what st.session_state["c"] gives
    # deleted through st.session_state: gone for the reader as for st.session_state
    del state["c"]
    one = widget_state.OneKey(SafeSessionState(state, lambda: None))
    assert "c" not in one and "c" not in state


def test_install_gives_every_widget_module_the_reader_once():
    widget_state.install()
    widget_state.install()
    for name in widget_state.MODULES:
        reader = importlib.import_module(name).get_session_state
        assert reader.one_key
        # installed once: the reader wraps Streamlit's own function, not another reader
        assert not getattr(reader.__defaults__[0], "one_key", False)


SCRIPT = """
import streamlit as st
if "cleared" not in st.session_state:
    st.session_state["t"] = None
    st.session_state["n"] = None
    st.session_state["s"] = None
    st.session_state["kept"] = "typed"
    st.session_state["cleared"] = True
st.text_input("t", value="default", key="t")
st.number_input("n", value=5, key="n")
st.selectbox("s", ["x", "y"], key="s")
st.text_input("kept", value="default", key="kept")
st.text_input("fresh", value="default", key="fresh")
"""


def test_widgets_keep_their_session_state_behaviour():
    from streamlit.testing.v1 import AppTest

    widget_state.install()
    at = AppTest.from_string(SCRIPT).run()
    assert not at.exception
    # a key holding None draws its widget empty; a set value and a default are kept
    assert at.text_input(key="t").value is None
    assert at.number_input(key="n").value is None
    assert at.selectbox(key="s").value is None
    assert at.text_input(key="kept").value == "typed"
    assert at.text_input(key="fresh").value == "default"
    at.text_input(key="t").input("now typed").run()
    assert at.text_input(key="t").value == "now typed"
    assert at.session_state["t"] == "now typed"

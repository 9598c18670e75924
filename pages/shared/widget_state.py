"""A widget's look at its own key reads that key alone (a correction to Streamlit 1.67).

Before drawing, Streamlit's text, number, select, radio, slider, date and time widgets ask
whether their key holds ``None`` in Session State (the widget is then drawn empty):

    session_state = get_session_state().filtered_state
    if key is not None and key in session_state and session_state[key] is None: ...

``filtered_state`` builds the whole state as a dict, reading every key of the session
through its widget lookup, to answer for one key. A page of *w* such widgets in a session
of *k* keys therefore did *w* × *k* lookups: 10 % of a KPI page's run with every field
filled (30 widgets, 60 keys). Here each widget module gets a ``get_session_state`` whose
``filtered_state`` answers ``in`` and ``[]`` for the one key asked, through Session State's
own lookup: the answer ``st.session_state[key]`` gives. For a user key that is the whole
dict's answer, except while an earlier widget id of the key still holds a value during a
run (the whole dict then answers with whichever id its set of keys yields last, an order
that changes between processes; ``st.session_state`` and this reader take the current
id's). Anything else (iterating, ``len``) still gets the whole dict, and every other
attribute is Streamlit's own.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

# the modules whose widgets read ``filtered_state`` for their own key
MODULES = (
    "streamlit.elements.widgets.number_input",
    "streamlit.elements.widgets.radio",
    "streamlit.elements.widgets.selectbox",
    "streamlit.elements.widgets.slider",
    "streamlit.elements.widgets.text_widgets",
    "streamlit.elements.widgets.time_widgets",
)


_ABSENT = object()


class OneKey(Mapping[str, Any]):
    """``filtered_state`` for a widget's question about its own key: the key is read once,
    under the session state's lock, and ``in`` and ``[]`` answer from that reading."""

    __slots__ = ("_read", "_safe")

    def __init__(self, safe: Any) -> None:
        self._safe = safe  # Streamlit's SafeSessionState (its state behind a lock)
        self._read: tuple[str, Any] | None = None

    def _value(self, key: str) -> Any:
        if self._read is None or self._read[0] != key:
            with self._safe._lock:
                try:
                    value = self._safe._state[key]
                except KeyError:
                    value = _ABSENT
            self._read = (key, value)
        return self._read[1]

    def __getitem__(self, key: str) -> Any:
        value = self._value(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self._value(str(key)) is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        return iter(self._safe.filtered_state)

    def __len__(self) -> int:
        return len(self._safe.filtered_state)


class _Reader:
    """Streamlit's session state, with ``filtered_state`` read one key at a time."""

    __slots__ = ("_safe",)

    def __init__(self, safe: Any) -> None:
        self._safe = safe

    @property
    def filtered_state(self) -> OneKey:
        return OneKey(self._safe)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._safe, name)


def install() -> None:
    """Give each widget module the one-key reader (once per process)."""
    for name in MODULES:
        module = importlib.import_module(name)
        original = getattr(module, "get_session_state")  # noqa: B009 (the module's own name)
        if getattr(original, "one_key", False):
            continue

        def reader(original: Any = original) -> _Reader:
            return _Reader(original())

        reader.one_key = True  # type: ignore[attr-defined]
        setattr(module, "get_session_state", reader)  # noqa: B010

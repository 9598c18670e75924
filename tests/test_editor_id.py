"""A data editor's identity names its data by a digest: same data, same editor."""

from __future__ import annotations

import streamlit
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.elements.widgets import data_editor

from pages.shared.editor_id import digest


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2_000), st.binary(max_size=2_000))
def test_the_digest_differs_exactly_when_the_data_does(a, b):
    assert (digest(a) == digest(b)) == (a == b)
    assert len(digest(a)) < 50  # what is hashed into the identity, whatever the data's size


def test_the_editor_is_identified_by_the_digest_of_its_arrow_data():
    # written against Streamlit 1.67's data editor: a new version's must be read again
    assert streamlit.__version__ == "1.67.0"
    identify = data_editor.compute_and_register_element_id
    assert getattr(identify, "digests_data", False)  # installed by conftest, as by the launcher
    streamlits = identify.__wrapped__  # type: ignore[attr-defined]

    def editor(fn, data):
        # the arguments the data editor passes (no run context: computed, not registered)
        return fn(
            "data_editor",
            user_key="roadmap.editor",
            key_as_main_identity=False,
            dg=None,
            data=data,
            width="stretch",
            num_rows="dynamic",
        )

    notes = "社群营销的目标用户是城市里的年轻车主".encode() * 20_000
    assert editor(identify, notes) == editor(identify, bytes(notes))
    assert editor(identify, notes) != editor(identify, notes + b"!")
    assert editor(identify, notes) == editor(streamlits, digest(notes))
    assert editor(identify, notes).endswith("-roadmap.editor")

"""Element text skips the dedent only where the dedent changes nothing."""

from __future__ import annotations

import sys

import streamlit
from hypothesis import given, settings
from hypothesis import strategies as st

from pages.shared.clean_text import clean_text

# conftest installed it, as the launcher does; Streamlit's own function is kept on it
streamlits = clean_text.__wrapped__  # type: ignore[attr-defined]


lines = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "  ", "\t", " \t"]), st.text(alphabet="社群 a\t<>&-*#")
    ).map("".join),
    max_size=8,
)
texts = st.one_of(st.text(), lines.map("\n".join), lines.map("\r\n".join))


@settings(max_examples=2_000, deadline=None)
@given(texts)
def test_the_answer_is_streamlits_for_any_text(text):
    assert clean_text(text) == streamlits(text)


def test_markdown_that_pages_write_is_kept_and_indented_text_still_dedented():
    body = "**1. 明确社群定位**\n\n建群之前先想清楚主题。\n\n- 第一\n  - 第二"
    assert clean_text(body) == streamlits(body)
    assert clean_text("    缩进\n    的文本\n") == "缩进\n的文本"
    assert clean_text(42) == "42"


def test_every_streamlit_module_calls_it():
    # written against Streamlit 1.67's elements: a new version's must be read again
    assert streamlit.__version__ == "1.67.0"

    callers = [
        name
        for name, module in list(sys.modules.items())
        if name.startswith("streamlit") and hasattr(module, "clean_text")
    ]
    assert "streamlit.elements.html" in callers and "streamlit.elements.markdown" in callers
    assert all(sys.modules[name].clean_text is clean_text for name in callers)

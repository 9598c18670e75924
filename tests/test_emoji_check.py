"""The leading-emoji search run only where an emoji can start gives Streamlit's answers."""

from __future__ import annotations

import streamlit
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit import string_util
from streamlit.emojis import ALL_EMOJIS

EMOJI = sorted(ALL_EMOJIS)

# conftest installed the check, as the launcher does; Streamlit's own search is kept on it
checked = string_util.extract_leading_emoji
streamlits = checked.__wrapped__  # type: ignore[attr-defined]

texts = st.one_of(
    st.text(),
    st.text(alphabet="社群对象入口 -_abc1#*"),
    # an emoji (or a piece of one) first, then a separator and anything
    st.tuples(
        st.sampled_from(EMOJI).flatmap(lambda e: st.sampled_from([e, e[:1], e[1:], e + e])),
        st.sampled_from(["", " ", "_", " - ", "\n"]),
        st.text(),
    ).map("".join),
)


@settings(max_examples=1_500, deadline=None)
@given(texts)
def test_the_checked_search_answers_as_streamlits_search(text):
    assert checked(text) == streamlits(text)


def test_labels_the_pages_use_have_no_emoji_and_emoji_labels_keep_theirs():
    for text in ("1 社群对象", "中文", "✓ 2 社群入口", ":material/check: 完成", ""):
        assert checked(text) == streamlits(text)
    assert checked("🚨 出错了") == ("🚨", "出错了")
    assert checked("1️⃣ 第一步") == ("1️⃣", "第一步")


def test_streamlit_calls_the_checked_search():
    # written against Streamlit 1.67's search: a new version's must be read again
    assert streamlit.__version__ == "1.67.0"
    from streamlit import source_util

    assert getattr(string_util.extract_leading_emoji, "first_checked", False)  # conftest
    assert source_util.extract_leading_emoji is string_util.extract_leading_emoji
    assert string_util.extract_leading_icon("🚨 出错了") == ("🚨", "出错了")
    assert string_util.extract_leading_icon("社群 🚨") == ("", "社群 🚨")

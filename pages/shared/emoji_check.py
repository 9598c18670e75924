"""A leading emoji looked for only where one can start (a correction to Streamlit 1.67).

Streamlit looks for an emoji at the start of every option of a pills or segmented control,
of every alert's text and of every page's name (``string_util.extract_leading_emoji``),
with a regular expression that lists each of its ~3,700 emoji as an alternative, anchored
at the start of the text. Any text that is not plain ASCII goes through every
alternative: 57 µs for a Chinese label on this machine, and the wizard's ten step pills
with the language switch cost about 1 ms of every run. An emoji can only match when the
text's first character is the first character of some emoji, so the search runs only
then; otherwise the answer is the one the search gives: no emoji, the text unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MODULES = ("streamlit.string_util", "streamlit.source_util")

Extract = Callable[[str], tuple[str, str]]


def first_checked(search: Extract) -> Extract:
    """``search`` (Streamlit's ``extract_leading_emoji``), run only for a text whose first
    character starts an emoji."""
    from streamlit.emojis import ALL_EMOJIS

    starts = frozenset(emoji[0] for emoji in ALL_EMOJIS)

    def extract_leading_emoji(text: str) -> tuple[str, str]:
        if not text or text[0] not in starts:
            return "", text
        return search(text)

    extract_leading_emoji.first_checked = True  # type: ignore[attr-defined]
    extract_leading_emoji.__wrapped__ = search  # type: ignore[attr-defined]
    return extract_leading_emoji


def install() -> None:
    """Put the checked search where Streamlit's modules call it (once per process)."""
    import importlib

    from streamlit import string_util

    if getattr(string_util.extract_leading_emoji, "first_checked", False):
        return
    checked = first_checked(string_util.extract_leading_emoji)
    for name in _MODULES:
        module: Any = importlib.import_module(name)
        module.extract_leading_emoji = checked

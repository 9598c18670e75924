"""Text with no indented line is not dedented again (a correction to Streamlit 1.67).

Streamlit passes the body of every Markdown block, caption, header, text and HTML element
through ``string_util.clean_text``: ``textwrap.dedent`` and ``strip``. On Python 3.11
``dedent`` scans the whole text with two regular expressions, about 7.5 ns a character:
1.3 ms of each run of the comparison page on a plan whose answers are at their longest.
When no line starts with a space or a tab, ``dedent`` has nothing to do (no line is
blank but for spaces, and the common indent is empty) and returns the text as it was, so
that case is answered at once; any other text still goes through ``dedent``.
"""

from __future__ import annotations

import textwrap
from typing import Any


def clean_text(text: Any) -> str:
    """``textwrap.dedent(str(text)).strip()``, without the scan when no line is indented."""
    text = str(text)
    if text[:1] not in (" ", "\t") and "\n " not in text and "\n\t" not in text:
        return text.strip()
    return textwrap.dedent(text).strip()


def install() -> None:
    """Put this ``clean_text`` where Streamlit's elements call it: every Streamlit module
    that imported the function under its own name (all are loaded with ``streamlit``)."""
    import sys

    import streamlit  # noqa: F401 - loads every element module
    from streamlit import string_util

    original = string_util.clean_text
    if original is clean_text:
        return
    clean_text.__wrapped__ = original  # type: ignore[attr-defined]  # what the tests compare with
    for name, module in list(sys.modules.items()):
        if name.startswith("streamlit") and getattr(module, "clean_text", None) is original:
            setattr(module, "clean_text", clean_text)  # noqa: B010 - a module's own name

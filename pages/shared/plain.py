"""Text a person typed, shown exactly as typed on every page.

Streamlit reads the text of ``st.markdown``, headers, captions and alerts as Markdown with
its own extensions: links, remote images, ``:material/…:`` icons, ``:red[…]`` colours,
``$…$`` LaTeX and bare URLs. Backslash escapes do not stop all of them (bare URLs and
icons survive), so team names, workshop titles and answers never go through Markdown:
they are HTML-escaped and drawn with ``st.html``. Each piece of user text is isolated with
``<bdi>`` and its explicit direction overrides and embeddings are dropped, so a right-to-left
override typed into a name cannot reverse the text around it (or the name itself).
"""

from __future__ import annotations

import html
import re
from typing import Literal

import streamlit as st
from markdown_it import MarkdownIt
from streamlit.delta_generator import DeltaGenerator

from pages.shared import session
from playbook.i18n import counted, template

Kind = Literal["text", "strong", "header", "caption"]
Tone = Literal["success", "info", "warning", "error"]

# LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

_STYLE: dict[str, str] = {
    "text": "white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.6",
    "strong": "white-space:pre-wrap;overflow-wrap:anywhere;font-weight:600;line-height:1.6",
    "header": (
        "white-space:pre-wrap;overflow-wrap:anywhere;font-size:2rem;font-weight:600;"
        "line-height:1.25;padding-bottom:.4rem;border-bottom:2px solid rgba(49,51,63,.2)"
    ),
    "caption": "white-space:pre-wrap;overflow-wrap:anywhere;font-size:.875rem;opacity:.65",
}

_BOX: dict[str, tuple[str, str]] = {  # background, text colour, as Streamlit's alerts
    "success": ("rgba(33,195,84,.1)", "rgb(23,114,51)"),
    "info": ("rgba(28,131,225,.1)", "rgb(0,66,128)"),
    "warning": ("rgba(255,189,69,.2)", "rgb(146,108,5)"),
    "error": ("rgba(255,43,43,.09)", "rgb(125,53,59)"),
}


def literal(value: str) -> str:
    """``value`` as HTML that shows every character as typed (no markup of any kind)."""
    return f'<bdi dir="auto">{html.escape(_BIDI_CONTROLS.sub("", value))}</bdi>'


class Markup(str):
    """HTML already made by :func:`literal` or :func:`fill`, placed into a string as is."""


def fill(key: str, /, **values: object) -> str:
    """The UI string ``key`` as HTML, with user text in ``values`` shown literally."""
    text = html.escape(template(key, session.lang(), **values))
    shown = {
        name: value
        if isinstance(value, Markup | int)  # a whole number: a Count, spec and all
        else literal(value)
        if isinstance(value, str)
        else html.escape(str(value))
        for name, value in counted(values).items()
    }
    return text.format_map(_Missing(shown)) if "{" in text else text


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def show(value: str, kind: Kind = "text", where: DeltaGenerator | None = None) -> None:
    """Draw user text as plain text in the style ``kind``."""
    show_html(literal(value), kind, where)


def show_html(markup: str, kind: Kind = "text", where: DeltaGenerator | None = None) -> None:
    """Draw HTML made by :func:`literal` or :func:`fill` in the style ``kind``."""
    (where or st).html(f'<div class="pb-plain" style="{_STYLE[kind]}">{markup}</div>')


def box(markup: str, tone: Tone) -> None:
    """An alert-like box around HTML made by :func:`literal` or :func:`fill`."""
    background, colour = _BOX[tone]
    st.html(
        f'<div class="pb-box pb-{tone}" style="background:{background};color:{colour};'
        f'padding:1rem;border-radius:.5rem;white-space:pre-wrap;overflow-wrap:anywhere">'
        f"{markup}</div>"
    )


# CommonMark with raw HTML and bare-URL links off: the document's Markdown escapes every
# piece of team text, so this shows it as typed; the same settings make the HTML export.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def document(markdown: str) -> None:
    """A document's Markdown (from the export), drawn as HTML rather than by Streamlit's
    Markdown, whose icon, colour and link extensions would reinterpret team text."""
    rendered = _MARKDOWN.render(_BIDI_CONTROLS.sub("", markdown))
    st.html(f'<div class="pb-document">{rendered}</div>')

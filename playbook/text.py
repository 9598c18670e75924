"""Cleaning of free text typed by a team.

Text arrives from browsers, pasted documents and imported files. Control characters
(NUL, escape sequences, form feeds…) and Unicode noncharacters (U+FFFE, U+FFFF…) break
exports and terminals, so they are removed;
so are the explicit direction overrides, embeddings and isolates, with which a name could
reverse the text shown around it on a page or in a document (right-to-left scripts
need none of them). Line breaks and tabs carry meaning in an answer and are kept, as is
every other Unicode character (CJK, emoji, RTL scripts, the LRM/RLM marks).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints, TypeAdapter

MAX_TEXT = 5_000
MAX_SHORT = 200

# Unicode category Cc (C0 and C1 controls, DEL) except tab and line feed, and Cs (lone
# surrogates, which cannot be encoded).
# Then LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI; then the 66 noncharacters
# (U+FDD0..U+FDEF and the last two code points of every plane), which XML-based files
# such as DOCX and PPTX cannot hold.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)
# The noncharacters of the other planes are looked for only in text that has a character
# beyond the first plane at all: a class of sixteen ranges is slow to test every character
# against, and a long answer is checked each time the plan is read or saved.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_NONCHARACTERS = re.compile(
    "["
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)


def clean_text(value: object) -> object:
    """Normalise line endings, drop control characters and trim surrounding blanks."""
    if not isinstance(value, str):
        return value
    if value.isprintable() or value.replace("\n", " ").isprintable():
        # every character _CONTROL removes (and CR) is unprintable: nothing to drop, and
        # str.isprintable scans a plan's long answers far faster than the expression
        return value.strip()
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    if _ASTRAL.search(value):
        value = _ASTRAL_NONCHARACTERS.sub("", value)
    return value.strip()


def clean_line(value: object) -> object:
    """Like :func:`clean_text`, for one-line fields: line breaks become spaces."""
    value = clean_text(value)
    if isinstance(value, str):
        value = " ".join(value.split())
    return value


LongText = Annotated[str, BeforeValidator(clean_text), StringConstraints(max_length=MAX_TEXT)]
ShortText = Annotated[str, BeforeValidator(clean_line), StringConstraints(max_length=MAX_SHORT)]
RequiredShortText = Annotated[
    str, BeforeValidator(clean_line), StringConstraints(min_length=1, max_length=MAX_SHORT)
]


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$=:&")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def _keep_indent(match: re.Match[str]) -> str:
    # Markdown drops leading blanks; no-break spaces keep the indentation a team typed
    return "\u00a0" * len(match.group(0).expandtabs(4))


def escape_markdown(value: str) -> str:
    """Backslash-escape Markdown syntax so user text is shown exactly as typed.

    ``&`` is escaped too, so ``&lt;`` stays ``&lt;`` rather than becoming ``<``; leading
    indentation is kept and line breaks become Markdown hard breaks so paragraphs survive.
    """
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in value)
    return _INDENT.sub(_keep_indent, escaped).replace("\n", "  \n")


_LONG = TypeAdapter(LongText)
_SHORT = TypeAdapter(ShortText)


def long_text(value: object) -> str:
    """Clean and check a paragraph answer (raises ValidationError when too long)."""
    return _LONG.validate_python(value)


def short_text(value: object) -> str:
    """Clean and check a one-line answer (raises ValidationError when too long)."""
    return _SHORT.validate_python(value)

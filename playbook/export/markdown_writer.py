"""Document -> Markdown. Every piece of text is escaped, so what a team typed is shown as
typed and never read as Markdown or HTML; only the characters that could start markup are
escaped (inline ones everywhere, block markers at a line's start), so the file stays
readable as plain text.

Charts are files beside the Markdown (``charts/…png``, bundled with it in a ZIP by
:func:`to_markdown_zip`), or left out; never inline base64 that swamps the text.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Literal

from playbook.export.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Figure,
    NoteSpace,
    Paragraph,
    Table,
    Timeline,
)
from playbook.export.figures import with_images

CHART_DIR = "charts"
Charts = Literal["files", "none"]

_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_INLINE = re.compile(r"([\\`*_\[\]<>|&~!])")
# what opens a block at a line's start: headings, quotes, list markers, setext rules
_LINE_START = re.compile(
    r"^([ \t]*)(>|#{1,6}(?=\s|$)|[+-](?=\s|$)|=+(?=\s*$)|-+(?=\s*$)|\d{1,9}(?=[.)](?:\s|$)))",
    re.MULTILINE,
)


def escape(value: str) -> str:
    """``value`` as Markdown that renders to exactly ``value`` (line breaks kept)."""
    escaped = _INLINE.sub(r"\\\1", value)
    escaped = _LINE_START.sub(_line_start, escaped)
    # Markdown drops leading blanks (or, from four, reads a code block): no-break spaces
    # keep the indentation a team typed
    escaped = _INDENT.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), escaped)
    return escaped.replace("\n", "  \n")


def _line_start(match: re.Match[str]) -> str:
    spaces, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1." or "1)" opens an ordered list: escape the dot or bracket
        return spaces + marker + "\\"
    return spaces + "\\" + marker


def _cell(value: str) -> str:
    return escape(" ".join(value.split())) or " "


def _chart_name(index: int) -> str:
    return f"{CHART_DIR}/chart-{index + 1:02d}.png"


def _block(block: Block, figures: list[Figure], charts: Charts) -> str:
    if isinstance(block, Paragraph):
        text = escape(block.text)
        return f"*{text}*" if block.tone in ("muted", "empty") else text
    if isinstance(block, Bullets):
        return "\n".join(f"- {escape(item)}" for item in block.items)
    if isinstance(block, Facts):
        return "\n\n".join(f"**{escape(label)}:** {escape(value)}" for label, value in block.pairs)
    if isinstance(block, Table):
        head = "| " + " | ".join(_cell(h) for h in block.headers) + " |"
        rule = "|" + "---|" * len(block.headers)
        rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join([head, rule, *rows])
    if isinstance(block, Figure):
        if charts == "none":
            return f"*{_cell(block.caption)}*"
        figures.append(block)
        return f"![{_cell(block.caption)}]({_chart_name(len(figures) - 1)})"
    if isinstance(block, Timeline):  # only when charts are left out
        return f"*{_cell(block.caption)}*"
    if isinstance(block, NoteSpace):
        return ""
    raise TypeError(block)


def _render(document: Document, charts: Charts) -> tuple[str, list[Figure]]:
    if charts == "files":
        document = with_images(document)
    figures: list[Figure] = []
    parts = [f"# {escape(document.title)}", escape(document.subtitle)]
    parts.append("\n".join(f"- **{escape(k)}:** {escape(v)}" for k, v in document.cover))
    for section in document.sections:
        parts.append(f"{'#' * (section.level + 1)} {escape(section.title)}")
        parts += [text for text in (_block(b, figures, charts) for b in section.blocks) if text]
    return "\n\n".join(parts) + "\n", figures


def to_markdown(document: Document, charts: Charts = "none") -> str:
    """The Markdown text; with ``charts="files"`` it links charts/chart-NN.png."""
    return _render(document, charts)[0]


def to_markdown_zip(document: Document, stem: str = "plan") -> bytes:
    """``<stem>.md`` with its charts as PNG files beside it, in one ZIP."""
    text, figures = _render(document, "files")
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"{stem}.md", text)
        for index, figure in enumerate(figures):
            bundle.writestr(_chart_name(index), figure.png, zipfile.ZIP_STORED)
    return out.getvalue()

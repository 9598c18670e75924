"""Document -> Markdown. Every piece of text is escaped, so what a team typed is shown as
typed and never read as Markdown or HTML."""

from __future__ import annotations

import base64

from playbook.export.document import (
    Bullets,
    Document,
    Facts,
    Figure,
    NoteSpace,
    Paragraph,
    Table,
)
from playbook.export.figures import with_images
from playbook.text import escape_markdown


def _text(value: str) -> str:
    return escape_markdown(value)


def _cell(value: str) -> str:
    return escape_markdown(" ".join(value.split())) or " "


def _block(block) -> str:
    if isinstance(block, Paragraph):
        text = _text(block.text)
        return f"*{text}*" if block.tone in ("muted", "empty") else text
    if isinstance(block, Bullets):
        return "\n".join(f"- {_text(item)}" for item in block.items)
    if isinstance(block, Facts):
        return "\n\n".join(f"**{_text(label)}:** {_text(value)}" for label, value in block.pairs)
    if isinstance(block, Table):
        head = "| " + " | ".join(_cell(h) for h in block.headers) + " |"
        rule = "|" + "---|" * len(block.headers)
        rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join([head, rule, *rows])
    if isinstance(block, Figure):
        data = base64.b64encode(block.png).decode("ascii")
        return f"![{_cell(block.caption)}](data:image/png;base64,{data})"
    if isinstance(block, NoteSpace):
        return ""
    raise TypeError(block)


def to_markdown(document: Document) -> str:
    document = with_images(document)
    parts = [f"# {_text(document.title)}", _text(document.subtitle)]
    parts.append("\n".join(f"- **{_text(k)}:** {_text(v)}" for k, v in document.cover))
    for section in document.sections:
        parts.append(f"{'#' * (section.level + 1)} {_text(section.title)}")
        parts += [text for text in map(_block, section.blocks) if text]
    return "\n\n".join(parts) + "\n"

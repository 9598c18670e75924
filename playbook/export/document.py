"""The document model every export format is written from.

Text in the model is plain text exactly as the team typed it; each writer escapes it for
its own format (Markdown/HTML) or places it literally (DOCX, PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Literal["normal", "muted", "empty"] = "normal"


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Facts:
    """Label: value pairs (a field and the team's answer)."""

    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str
    width_px: int


@dataclass(frozen=True)
class Bar:
    label: str
    start: date
    end: date  # the last day of the task
    status: str  # its words
    colour: str  # "#rrggbb"
    late: bool


@dataclass(frozen=True)
class Timeline:
    """The roadmap as a Gantt chart: drawn natively where a writer can (PDF: every task
    on a legible row, over as many pages as it takes), else as the chart ``spec()`` gives,
    rendered to PNG (built only by the writers that need it)."""

    bars: list[Bar]
    caption: str
    today: date
    spec: Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class NoteSpace:
    """Room to write by hand (ruled lines in print; nothing on screen)."""

    label: str
    lines: int


Block = Paragraph | Bullets | Facts | Table | Figure | Timeline | NoteSpace


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1
    new_page: bool = False  # paged documents start it on a fresh page


@dataclass
class Document:
    lang: str
    title: str
    subtitle: str
    cover: list[tuple[str, str]]  # team, community, date, stage…
    sections: list[Section]
    not_filled: str  # the words for a gap, in the document's language
    author: str = ""  # who the document is from (the team)
    compact: bool = False  # a one-page document: no cover page, the content starts at once

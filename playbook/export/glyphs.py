"""Which characters the PDF's fonts can draw, and a visible stand-in for the rest.

The PDF embeds Noto Sans SC (a common subset, the full face as fallback). Characters in
neither (emoji, Hangul, rare ideographs such as 𠮷) would vanish silently; they are drawn
as REPLACEMENT instead, and the export preview lists them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from unicodedata import category

from playbook.export.document import (
    Bullets,
    Document,
    Facts,
    Figure,
    NoteSpace,
    Paragraph,
    Table,
    Timeline,
)
from playbook.export.figures import font_file, subset_characters

REPLACEMENT = "□"


@cache
def full_characters() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(font_file()), lazy=True).getBestCmap())


def document_texts(document: Document) -> Iterator[str]:
    """Every piece of text a document shows."""
    yield document.title
    yield document.subtitle
    for pair in document.cover:
        yield from pair
    for section in document.sections:
        yield section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            elif isinstance(block, Bullets):
                yield from block.items
            elif isinstance(block, Facts):
                for pair in block.pairs:
                    yield from pair
            elif isinstance(block, Table):
                yield from block.headers
                for row in block.rows:
                    yield from row
            elif isinstance(block, Figure):
                yield block.caption
            elif isinstance(block, NoteSpace):
                yield block.label
            elif isinstance(block, Timeline):
                yield block.caption
                for bar in block.bars:
                    yield bar.label
                    yield bar.status


def beyond_subset(texts: Iterable[str]) -> set[str]:
    """Characters the embedded subset lacks (the full face may still have them)."""
    subset = subset_characters()
    return {c for text in texts for c in text if ord(c) > 0x20 and ord(c) not in subset}


def unprintable(texts: Iterable[str]) -> list[str]:
    """Characters no embedded font can draw, in code-point order."""
    full = full_characters()
    return sorted((c for c in beyond_subset(texts) if ord(c) not in full), key=ord)


def visible(text: str, missing: frozenset[str]) -> str:
    """``text`` with each character of ``missing`` drawn as REPLACEMENT."""
    if not missing or not any(c in missing for c in text):
        return text
    # joiners and variation selectors of an emoji sequence add no box of their own
    return "".join(
        (REPLACEMENT if category(c) not in ("Cf", "Mn", "Me") else "") if c in missing else c
        for c in text
    )

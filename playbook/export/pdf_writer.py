"""Document -> PDF (fpdf2) with Noto Sans SC embedded as a subset, so the Chinese renders
on any machine, whatever fonts it has.

The embedded face is a TrueType subset (GB 2312 and more, see fonts/make_subset.py) that
fpdf2 loads and subsets quickly; a document with characters outside it also gets the full
font as a fallback for those characters, and characters neither has are drawn as a
visible box (see glyphs.py). Text is laid out by pdf_flow/pdf_table, which break lines by
the Unicode rules and split long table rows across pages; every heading is a bookmark.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from playbook.export.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Figure,
    NoteSpace,
    Paragraph,
    Section,
    Table,
    Timeline,
)
from playbook.export.figures import SUBSET_FONT, font_file
from playbook.export.glyphs import beyond_subset, document_texts, unprintable, visible
from playbook.export.pdf_flow import ACCENT, FONT, FULL_FONT, GAP, INK, MUTED, Flow
from playbook.export.pdf_table import draw_table
from playbook.export.pdf_timeline import draw_timeline
from playbook.export.textlayout import measure_mm


def _pdf(document: Document) -> Any:
    from fpdf import FPDF

    class PlanPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.set_text_color(*MUTED)
            # the embedded face draws "·" full-width, which suits Chinese only
            number = f"{' · ' if document.lang == 'zh' else ' – '}{self.page_no()}"
            title, fits = document.title, measure_mm(8)
            while title and fits(title + "…" + number) > self.epw:
                title = title[:-1]
            shown = title if title == document.title else title + "…"
            self.cell(0, 6, shown + number, align="C")

    return PlanPDF(format="A4")


_FONT_LOCK = threading.Lock()


@cache
def _font_template(path: Path) -> Any:
    """fpdf2's font object, built once per process: building it reads every glyph's width
    and id (half the PDF's time otherwise). Its tables are only read afterwards."""
    from fpdf import FPDF

    scratch = FPDF()
    scratch.add_font("template", fname=str(path))
    return scratch.fonts["template"]


def _add_font(pdf: Any, family: str, path: Path) -> None:
    """``pdf.add_font`` from the template: shared widths and ids, and a font file and a
    subset of its own (fpdf2 subsets the file in place when it writes the PDF)."""
    from fontTools.ttLib import TTFont
    from fpdf.fonts import SubsetMap

    with _FONT_LOCK:
        template = _font_template(path)
    font = copy.copy(template)
    font.ttfont = TTFont(str(path), recalcTimestamp=False, lazy=True)
    # Subsetting keeps each glyph's outline, so the bounding boxes the font file has stay
    # right; recomputing them expands and recompiles every glyph.
    font.ttfont.recalcBBoxes = False
    font.i, font.fontkey = len(pdf.fonts) + 1, family
    font.subset, font.missing_glyphs, font.biggest_size_pt = SubsetMap(font), [], 0
    pdf.fonts[family] = font


def _printable(document: Document) -> tuple[Document, frozenset[str]]:
    """The document with unprintable characters boxed, and the characters it still has
    beyond the embedded subset (drawn with the full font)."""
    extra = beyond_subset(document_texts(document))
    if not extra:
        return document, frozenset()
    missing = frozenset(unprintable(document_texts(document)))

    def fix(text: str) -> str:
        return visible(text, missing)

    def fix_block(block: Block) -> Block:
        if isinstance(block, Paragraph):
            return replace(block, text=fix(block.text))
        if isinstance(block, Bullets):
            return Bullets([fix(i) for i in block.items])
        if isinstance(block, Facts):
            return Facts([(fix(k), fix(v)) for k, v in block.pairs])
        if isinstance(block, Table):
            return Table([fix(h) for h in block.headers], [[fix(c) for c in r] for r in block.rows])
        if isinstance(block, NoteSpace):
            return replace(block, label=fix(block.label))
        if isinstance(block, Timeline):
            bars = [replace(b, label=fix(b.label), status=fix(b.status)) for b in block.bars]
            return replace(block, bars=bars, caption=fix(block.caption))
        return replace(block, caption=fix(block.caption))

    sections = [
        replace(s, title=fix(s.title), blocks=[fix_block(b) for b in s.blocks])
        for s in document.sections
    ]
    fixed = replace(
        document,
        title=fix(document.title),
        subtitle=fix(document.subtitle),
        cover=[(fix(k), fix(v)) for k, v in document.cover],
        sections=sections,
    )
    return fixed, frozenset(extra - missing)


def _first_height(flow: Flow, section: Section) -> float:
    """How much of a section's start must share the page with its heading."""
    if not section.blocks:
        return 12.0
    block = section.blocks[0]
    if isinstance(block, Table):
        return 22.0
    if isinstance(block, Figure | Timeline):
        return 60.0
    return 3 * flow.leading(10.5) + 5


def _block(flow: Flow, block: Block, gap: str) -> None:
    if isinstance(block, Paragraph):
        colour = {"normal": INK, "muted": MUTED, "empty": GAP}[block.tone]
        flow.text(block.text, colour=colour, after=2)
    elif isinstance(block, Bullets):
        for item in block.items:
            flow.bullet(item)
        flow.pdf.set_y(flow.pdf.get_y() + 1.5)
    elif isinstance(block, Facts):
        for label, value in block.pairs:
            flow.ensure(flow.leading(9) + 2 * flow.leading(10.5))
            flow.text(label, 9, MUTED, after=0)
            flow.text(value, colour=GAP if value == gap else INK, after=1.8)
    elif isinstance(block, Table):
        draw_table(flow, block.headers, block.rows)
    elif isinstance(block, Figure):
        flow.figure(block.png, block.caption)
    elif isinstance(block, Timeline):
        draw_timeline(flow, block)
    elif isinstance(block, NoteSpace):
        flow.note_space(block.label, block.lines)


def to_pdf(document: Document) -> bytes:
    document, fallback = _printable(document)
    pdf = _pdf(document)
    pdf.set_title(document.title)
    pdf.set_lang("zh-CN" if document.lang == "zh" else "en")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(18, 18, 18)
    pdf.c_margin = 0  # lines are measured to the exact width they are drawn in
    _add_font(pdf, FONT, SUBSET_FONT)
    if fallback:
        _add_font(pdf, FULL_FONT, font_file())
        pdf.set_fallback_fonts([FULL_FONT])
    flow = Flow(pdf, fallback)

    pdf.add_page()
    if not document.compact:
        pdf.set_y(60)
    flow.text(document.title, 18 if document.compact else 24, ACCENT, after=2)
    flow.text(document.subtitle, 13, MUTED, after=4 if document.compact else 8)
    colon = "：" if document.lang == "zh" else ": "
    for label, value in document.cover:
        flow.text(f"{label}{colon}{value}", 11)

    for section in document.sections:
        if section.new_page:
            pdf.add_page()
        flow.heading(section.title, section.level - 1, _first_height(flow, section))
        for block in section.blocks:
            _block(flow, block, document.not_filled)
    return bytes(pdf.output())

"""Document -> PDF (fpdf2) with Noto Sans SC embedded as a subset, so the Chinese renders
on any machine, whatever fonts it has.

The embedded face is a TrueType subset (GB 2312 and more, see fonts/make_subset.py) that
fpdf2 loads and subsets quickly; a document with characters outside it also gets the full
font as a fallback for those characters.
"""

from __future__ import annotations

from io import BytesIO

from playbook.export.document import Bullets, Document, Facts, Figure, Paragraph, Table
from playbook.export.figures import SUBSET_FONT, font_file, subset_characters

FONT = "noto"
FULL_FONT = "noto-full"
INK, MUTED, ACCENT = (31, 35, 40), (87, 96, 106), (31, 111, 235)


def _pdf_class():
    from fpdf import FPDF

    class PlanPDF(FPDF):
        footer_text = ""

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.set_text_color(*MUTED)
            self.cell(0, 6, f"{self.footer_text} · {self.page_no()}", align="C")

    return PlanPDF


def _characters(document: Document) -> set[int]:
    texts = [document.title, document.subtitle, *(v for pair in document.cover for v in pair)]
    for section in document.sections:
        texts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, Bullets):
                texts += block.items
            elif isinstance(block, Facts):
                texts += [v for pair in block.pairs for v in pair]
            elif isinstance(block, Table):
                texts += block.headers + [c for row in block.rows for c in row]
            elif isinstance(block, Figure):
                texts.append(block.caption)
    return {ord(c) for text in texts for c in text if ord(c) > 0x1F}


def to_pdf(document: Document) -> bytes:
    from fpdf.enums import WrapMode, XPos, YPos
    from fpdf.fonts import FontFace

    pdf = _pdf_class()(format="A4")
    pdf.footer_text = document.title
    pdf.set_title(document.title)
    pdf.set_lang("zh-CN" if document.lang == "zh" else "en")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(18, 18, 18)
    pdf.add_font(FONT, fname=str(SUBSET_FONT))
    if _characters(document) - subset_characters():
        pdf.add_font(FULL_FONT, fname=str(font_file()))
        pdf.set_fallback_fonts([FULL_FONT])
    for font in pdf.fonts.values():
        # Subsetting keeps each glyph's outline, so the bounding boxes the font file has
        # stay right; recomputing them expands and recompiles every glyph (a third of the
        # PDF's time). fpdf2 exposes no option, hence its font object's fontTools font.
        if hasattr(font, "ttfont"):
            font.ttfont.recalcBBoxes = False
    wrap = WrapMode.CHAR if document.lang == "zh" else WrapMode.WORD
    next_line = dict(new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def text(value: str, size: float = 10.5, colour=INK, height: float = 6) -> None:
        pdf.set_font(FONT, size=size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, height, value, wrapmode=wrap, **next_line)

    # cover
    pdf.add_page()
    pdf.ln(40)
    text(document.title, 24, ACCENT, 12)
    text(document.subtitle, 13, MUTED, 8)
    pdf.ln(8)
    for label, value in document.cover:
        text(f"{label}: {value}", 11)

    for section in document.sections:
        if section.level == 1:
            pdf.add_page()
            text(section.title, 17, ACCENT, 10)
        else:
            pdf.ln(3)
            text(section.title, 13.5, INK, 8)
        pdf.ln(1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text(block.text, colour=INK if block.tone == "normal" else MUTED)
            elif isinstance(block, Bullets):
                for item in block.items:
                    text(f"• {item}")
            elif isinstance(block, Facts):
                for label, value in block.pairs:
                    text(label, 9, MUTED, 5)
                    text(value)
                    pdf.ln(1)
            elif isinstance(block, Table):
                pdf.set_font(FONT, size=8.5)
                pdf.set_text_color(*INK)
                with pdf.table(
                    headings_style=FontFace(fill_color=(243, 246, 250)),
                    line_height=5,
                    wrapmode=wrap,
                    text_align="LEFT",
                ) as table:
                    for row in [block.headers, *block.rows]:
                        cells = table.row()
                        for value in row:
                            cells.cell(value)
            elif isinstance(block, Figure):
                pdf.image(BytesIO(block.png), w=pdf.epw)
                text(block.caption, 9, MUTED, 5)
            pdf.ln(2)
    return bytes(pdf.output())

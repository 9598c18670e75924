"""Document -> DOCX (python-docx). Chinese runs use an East Asian font (w:eastAsia) so
Word, WPS and LibreOffice render them with a CJK face."""

from __future__ import annotations

from io import BytesIO
from typing import Any

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

EAST_ASIA_FONT = "Microsoft YaHei"  # 微软雅黑; LibreOffice substitutes a CJK font
LATIN_FONT = "Calibri"


def _set_fonts(style) -> None:
    from docx.oxml.ns import qn

    style.font.name = LATIN_FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)


def _setup(doc: Any, document: Document, author: str) -> None:
    """A4 pages, fonts on every style used (headings too), the file's own properties."""
    from datetime import UTC, datetime

    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    names = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3")
    for name in (*names, "List Bullet", "Caption", "Table Grid"):
        _set_fonts(doc.styles[name])
    doc.styles["Normal"].font.size = Pt(10.5)
    now = datetime.now(UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title, props.subject = document.title, document.subtitle
    props.author = props.last_modified_by = author
    props.created = props.modified = now
    props.revision, props.comments = 1, ""
    props.language = "zh-CN" if document.lang == "zh" else "en"


def _table(doc: Any, block: Table, width: float) -> None:
    """Header row repeated on every page; columns as wide as their content needs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from playbook.export.pdf_table import column_widths

    widths = column_widths([block.headers, *block.rows], width)
    table = doc.add_table(rows=1, cols=len(block.headers), style="Table Grid")
    table.autofit = False
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, block.headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in block.rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    for column, mm in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = Mm(mm)


def to_docx(document: Document) -> bytes:
    from docx import Document as new_docx
    from docx.shared import Mm, RGBColor

    document = with_images(document)
    doc = new_docx()
    _setup(doc, document, document.author or document.title)

    doc.add_paragraph(document.title, style="Title")
    doc.add_paragraph(document.subtitle, style="Subtitle")
    cover = doc.add_table(rows=0, cols=2, style="Table Grid")
    for label, value in document.cover:
        cells = cover.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_page_break()

    for section in document.sections:
        doc.add_heading(section.title, level=section.level)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                run = doc.add_paragraph().add_run(block.text)
                if block.tone != "normal":
                    run.italic = True
                    run.font.color.rgb = RGBColor(0x57, 0x60, 0x6A)
            elif isinstance(block, Bullets):
                for item in block.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Facts):
                for label, value in block.pairs:
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(f"{label}: ").bold = True
                    paragraph.add_run(value)
            elif isinstance(block, Table):
                _table(doc, block, 170.0)
            elif isinstance(block, NoteSpace):
                doc.add_paragraph(block.label).runs[0].bold = True
                for _ in range(block.lines):
                    doc.add_paragraph()
            elif isinstance(block, Figure):
                doc.add_picture(BytesIO(block.png), width=Mm(170))
                doc.add_paragraph(block.caption, style="Caption")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()

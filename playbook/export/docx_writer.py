"""Document -> DOCX (python-docx). Chinese runs use an East Asian font (w:eastAsia) so
Word, WPS and LibreOffice render them with a CJK face."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from playbook.export.document import (
    Block,
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

    # Word's table text is the body size (10.5 pt, measured as 12: the reader's Latin face
    # may be wider than Noto's), its cells' default margins 1.9 mm a side
    widths = column_widths([block.headers, *block.rows], width, size=12, pad=1.9)
    table = doc.add_table(rows=1, cols=len(block.headers), style="Table Grid")
    table.autofit = False
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    sizes = [Mm(mm) for mm in widths]
    for column, size in zip(table._tbl.tblGrid.gridCol_lst, sizes, strict=True):
        column.w = size  # the grid is what LibreOffice and WPS lay out by
    for cell, text, size in zip(header.cells, block.headers, sizes, strict=True):
        cell.text, cell.width = text, size
        cell.paragraphs[0].runs[0].bold = True
    for row in block.rows:
        for cell, value, size in zip(table.add_row().cells, row, sizes, strict=True):
            cell.text, cell.width = value, size


def _paragraph(doc: Any, text: str, style_id: str | None = None) -> Any:
    """A paragraph with a style given by id (python-docx's lookup by name scans every
    style each time: a third of the file's time)."""
    paragraph = doc.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _blocks(doc: Any, blocks: list[Block], gap: str, ids: dict[str, str]) -> None:
    from docx.shared import Mm, RGBColor

    muted, todo = RGBColor(0x57, 0x60, 0x6A), RGBColor(0x9A, 0x67, 0x00)
    for block in blocks:
        if isinstance(block, Paragraph):
            run = _paragraph(doc, "").add_run(block.text)
            if block.tone != "normal":
                run.italic = block.tone == "muted"
                run.font.color.rgb = todo if block.tone == "empty" else muted
        elif isinstance(block, Bullets):
            for item in block.items:
                _paragraph(doc, item, ids["List Bullet"])
        elif isinstance(block, Facts):
            for label, value in block.pairs:
                paragraph = _paragraph(doc, "")
                paragraph.add_run(f"{label}: ").bold = True
                answer = paragraph.add_run(value)
                if value == gap:
                    answer.font.color.rgb = todo
        elif isinstance(block, Table):
            _table(doc, block, 170.0)
        elif isinstance(block, NoteSpace):
            _paragraph(doc, block.label).runs[0].bold = True
            for _ in range(block.lines):
                _paragraph(doc, "")
        elif isinstance(block, Figure):
            doc.add_picture(BytesIO(block.png), width=Mm(170))
            _paragraph(doc, block.caption, ids["Caption"])


def to_docx(document: Document) -> bytes:
    from docx import Document as new_docx

    document = with_images(document)
    doc = new_docx()
    _setup(doc, document, document.author or document.title)
    names = ("Title", "Subtitle", "List Bullet", "Caption", "Heading 1", "Heading 2", "Heading 3")
    ids = {name: doc.styles[name].style_id for name in names}

    _paragraph(doc, document.title, ids["Title"])
    _paragraph(doc, document.subtitle, ids["Subtitle"])
    cover = doc.add_table(rows=0, cols=2, style="Table Grid")
    for label, value in document.cover:
        cells = cover.add_row().cells
        cells[0].text, cells[1].text = label, value
    if not document.compact:
        doc.add_page_break()
    for index, section in enumerate(document.sections):
        if section.new_page and index > 0:
            doc.add_page_break()
        _paragraph(doc, section.title, ids[f"Heading {min(section.level, 3)}"])
        _blocks(doc, section.blocks, document.not_filled, ids)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()

"""Document -> DOCX (python-docx). Chinese runs use an East Asian font (w:eastAsia) so
Word, WPS and LibreOffice render them with a CJK face."""

from __future__ import annotations

from io import BytesIO

from playbook.export.document import Bullets, Document, Facts, Figure, Paragraph, Table
from playbook.export.figures import with_images

EAST_ASIA_FONT = "Microsoft YaHei"  # 微软雅黑; LibreOffice substitutes a CJK font
LATIN_FONT = "Calibri"


def _set_fonts(style) -> None:
    from docx.oxml.ns import qn

    style.font.name = LATIN_FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)


def to_docx(document: Document) -> bytes:
    from docx import Document as new_docx
    from docx.shared import Inches, Pt, RGBColor

    document = with_images(document)
    doc = new_docx()
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", "Caption"):
        _set_fonts(doc.styles[name])
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = document.title
    doc.core_properties.subject = document.subtitle
    doc.core_properties.language = "zh-CN" if document.lang == "zh" else "en"

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
                table = doc.add_table(rows=1, cols=len(block.headers), style="Table Grid")
                for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
                    cell.text = header
                    cell.paragraphs[0].runs[0].bold = True
                for row in block.rows:
                    for cell, value in zip(table.add_row().cells, row, strict=True):
                        cell.text = value
            elif isinstance(block, Figure):
                doc.add_picture(BytesIO(block.png), width=Inches(6.2))
                doc.add_paragraph(block.caption, style="Caption")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()

"""A workshop's slides as a PPTX deck (python-pptx, notes in the speaker notes) and as a
PDF handout (through the same document model and PDF writer as the plan)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from playbook.export.document import Bullets, Document, Paragraph, Section
from playbook.i18n import t
from playbook.workshop import Slide, Workshop

EAST_ASIA_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"


def _fonts(paragraph, size: int, *, italic: bool = False, colour=None) -> None:
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.name = LATIN_FONT
        run.font.italic = italic
        if colour is not None:
            run.font.color.rgb = colour
        rpr = run._r.get_or_add_rPr()
        east_asian = rpr.find(qn("a:ea"))
        if east_asian is None:
            east_asian = rpr.makeelement(qn("a:ea"), {})
            rpr.append(east_asian)
        east_asian.set("typeface", EAST_ASIA_FONT)


def to_pptx(workshop: Workshop, slides: list[Slide], lang: str, today: date) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)  # 16:9
    muted, accent = RGBColor(0x57, 0x60, 0x6A), RGBColor(0x1F, 0x6F, 0xEB)

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = workshop.title
    cover.placeholders[1].text = f"{t('app.title', lang)} · {today.isoformat()}"
    for shape, top, height, size in (
        (cover.shapes.title, 2.2, 1.6, 40),
        (cover.placeholders[1], 4.0, 1.0, 22),
    ):
        shape.left, shape.width = Inches(0.6), deck.slide_width - Inches(1.2)
        shape.top, shape.height = Inches(top), Inches(height)
        for p in shape.text_frame.paragraphs:
            _fonts(p, size)

    for number, slide in enumerate(slides, start=1):
        page = deck.slides.add_slide(deck.slide_layouts[1])
        title, body = page.shapes.title, page.placeholders[1]
        title.left, title.width = Inches(0.6), deck.slide_width - Inches(1.2)
        title.top, title.height = Inches(0.35), Inches(1.1)
        body.left, body.width = Inches(0.6), deck.slide_width - Inches(1.2)
        body.top, body.height = Inches(1.6), deck.slide_height - Inches(2.1)
        title.text = slide.title
        _fonts(title.text_frame.paragraphs[0], 34, colour=accent)
        frame = body.text_frame
        frame.word_wrap = True
        first = True
        for point in slide.points:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            paragraph.text, first = point, False
            _fonts(paragraph, 22)
        if slide.questions:
            heading = frame.add_paragraph()
            heading.text = t("ws.discuss", lang)
            _fonts(heading, 20, colour=accent)
            for question in slide.questions:
                paragraph = frame.add_paragraph()
                paragraph.text, paragraph.level = question, 1
                _fonts(paragraph, 18)
        if slide.snippet:
            paragraph = frame.add_paragraph()
            paragraph.text = slide.snippet
            _fonts(paragraph, 16, italic=True, colour=muted)
        page.notes_slide.notes_text_frame.text = slide.notes
        footer = page.shapes.add_textbox(
            Inches(0.6), deck.slide_height - Inches(0.5), Inches(6), Inches(0.4)
        )
        footer.text_frame.text = f"{workshop.title} · {number}/{len(slides)}"
        _fonts(footer.text_frame.paragraphs[0], 11, colour=muted)
    out = BytesIO()
    deck.save(out)
    return out.getvalue()


def handout(workshop: Workshop, slides: list[Slide], lang: str, today: date) -> Document:
    sections = []
    for slide in slides:
        blocks: list = [Bullets(slide.points)]
        if slide.questions:
            blocks += [Paragraph(t("ws.discuss", lang)), Bullets(slide.questions)]
        if slide.snippet:
            blocks.append(Paragraph(slide.snippet, "muted"))
        sections.append(Section(slide.title, blocks, level=2))
    return Document(
        lang=lang,
        title=workshop.title,
        subtitle=t("ws.handout", lang),
        cover=[(t("export.date", lang), today.isoformat()), (t("ws.code", lang), workshop.code)],
        sections=[Section(t("ws.handout", lang), [], level=1), *sections],
        not_filled=t("export.not_filled", lang),
    )


def handout_pdf(workshop: Workshop, slides: list[Slide], lang: str, today: date) -> bytes:
    from playbook.export.pdf_writer import to_pdf

    return to_pdf(handout(workshop, slides, lang, today))

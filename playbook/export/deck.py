"""A workshop as a trainer presents it: a PPTX deck (title, agenda with times, a divider
per module, its slides, one exercise slide with the timer minutes and the question, a
closing slide; speaker notes from the facilitator notes) and a PDF handout (the agenda,
the exercises with their questions and room for notes, then the slides' points)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO
from typing import Any

from playbook.export.deck_theme import (
    ACCENT,
    INK,
    MUTED,
    NAVY,
    PALE,
    PAPER,
    band,
    fill,
    text_box,
)
from playbook.export.document import (
    Block,
    Bullets,
    Document,
    NoteSpace,
    Paragraph,
    Section,
    Table,
)
from playbook.i18n import t
from playbook.workshop import Slide, Slot, Workshop, timing, workshop_content

WIDTH, HEIGHT = 13.333, 7.5  # inches, 16:9


def exercise_minutes(module_minutes: int) -> int:
    """A third of a module goes to its exercise (the ten variables: 30 of 90 minutes),
    in whole five minutes and never less than five."""
    return max(5, round(module_minutes / 3 / 5) * 5)


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _question(slides: list[Slide]) -> str:
    return next((q for s in slides for q in s.questions), "")


def _modules(workshop: Workshop, slides: list[Slide]) -> list[tuple[Slot, list[Slide]]]:
    return [
        (slot, [s for s in slides if s.module == slot.module]) for slot in timing(workshop).slots
    ]


def _title(deck: Any, workshop: Workshop, lang: str, today: date) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    fill(slide, NAVY)
    band(slide, 0.8, 1.7, 1.2, 0.08, ACCENT)
    text_box(slide, (0.7, 1.9, 11.9, 2.7), [workshop.title], 44, PAPER, smallest=16, bold=True)
    text_box(slide, (0.7, 4.7, 11.9, 0.8), [t("app.title", lang)], 22, PALE)
    meta = f"{today.isoformat()} · {t('ws.code', lang)}: {workshop.code}"
    text_box(slide, (0.7, 5.5, 11.9, 0.6), [meta], 16, PALE)


def _join(deck: Any, workshop: Workshop, link: str, lang: str) -> None:
    """How teams join: the code in large type, the link, and its QR code to scan."""
    from pptx.util import Inches

    from playbook import qr

    slide = deck.slides.add_slide(deck.slide_layouts[6])
    band(slide, 0, 0, WIDTH, 0.12, ACCENT)
    text_box(slide, (0.6, 0.5, 6.6, 1.0), [t("room.join_title", lang)], 36, NAVY, bold=True)
    text_box(slide, (0.6, 1.6, 6.6, 1.6), [t("room.join_how", lang)], 20, INK, smallest=11)
    text_box(slide, (0.6, 3.3, 6.6, 1.5), [workshop.code], 72, NAVY, bold=True)
    text_box(slide, (0.6, 5.2, 6.6, 1.2), [link], 14, MUTED, smallest=8)
    side = 5.8  # inches: a phone reads it from the back of a room
    slide.shapes.add_picture(
        BytesIO(qr.png(link)), Inches(WIDTH - side - 0.6), Inches(0.9), Inches(side), Inches(side)
    )


def _agenda(deck: Any, modules: list[tuple[Slot, list[Slide]]], lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    band(slide, 0, 0, WIDTH, 0.12, ACCENT)
    text_box(slide, (0.6, 0.35, 12.1, 0.9), [t("ws.agenda_slide", lang)], 32, NAVY, bold=True)
    row = min(0.55, 5.6 / max(1, len(modules)))
    for index, (slot, _) in enumerate(modules):
        top = 1.45 + index * row
        module = workshop_content().module(slot.module)
        time = f"{clock(slot.start)}–{clock(slot.end)}"
        minutes = t("ws.minutes_value", lang, minutes=slot.end - slot.start)
        text_box(slide, (0.6, top, 2.2, row), [time], 20, ACCENT, smallest=8, bold=True)
        text_box(slide, (2.9, top, 7.8, row), [module.title.get(lang)], 20, INK, smallest=8)
        text_box(slide, (10.8, top, 1.9, row), [minutes], 20, MUTED, smallest=8)


def _divider(deck: Any, number: int, slot: Slot, lang: str) -> None:
    module = workshop_content().module(slot.module)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    fill(slide, ACCENT)
    text_box(slide, (0.7, 1.3, 4.0, 1.5), [f"{number:02d}"], 66, PALE, bold=True)
    text_box(slide, (0.7, 2.9, 11.9, 2.0), [module.title.get(lang)], 44, PAPER, bold=True)
    meta = f"{clock(slot.start)}–{clock(slot.end)} · " + t(
        "ws.minutes_value", lang, minutes=slot.end - slot.start
    )
    text_box(slide, (0.7, 5.1, 11.9, 0.7), [meta], 22, PALE)
    slide.notes_slide.notes_text_frame.text = module.notes.get(lang)


def _content(deck: Any, slide_data: Slide, footer: str, lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    band(slide, 0, 0, WIDTH, 0.12, ACCENT)
    text_box(slide, (0.6, 0.3, 12.1, 1.15), [slide_data.title], 32, NAVY, smallest=14, bold=True)
    body_height = 4.6 if slide_data.snippet else 5.3
    text_box(
        slide, (0.6, 1.55, 7.5, body_height), slide_data.points, 22, INK, smallest=11, bullet=True
    )
    if slide_data.questions:
        band(slide, 8.4, 1.55, 4.33, 5.3, PALE)
        text_box(slide, (8.55, 1.65, 4.05, 0.6), [t("ws.discuss", lang)], 18, ACCENT, bold=True)
        text_box(slide, (8.55, 2.3, 4.05, 4.45), slide_data.questions, 18, INK, smallest=10)
    if slide_data.snippet:
        text_box(slide, (0.6, 6.2, 7.5, 0.65), [slide_data.snippet], 14, MUTED, smallest=9)
    text_box(slide, (0.6, 6.95, 12.1, 0.4), [footer], 11, MUTED, smallest=9)
    slide.notes_slide.notes_text_frame.text = slide_data.notes


def _exercise(deck: Any, slot: Slot, slides: list[Slide], lang: str) -> None:
    module = workshop_content().module(slot.module)
    minutes = exercise_minutes(slot.end - slot.start)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    fill(slide, PALE)
    label = f"{t('ws.exercise_slide', lang)} · {module.title.get(lang)}"
    text_box(slide, (0.6, 0.4, 9.0, 0.8), [label], 20, ACCENT, smallest=10, bold=True)
    text_box(slide, (9.8, 0.3, 2.9, 1.6), [f"{minutes}′"], 72, NAVY, bold=True)
    timer = t("ws.timer_value", lang, minutes=minutes)
    text_box(slide, (9.8, 1.9, 2.9, 0.5), [timer], 16, MUTED, smallest=9)
    text_box(slide, (0.6, 1.4, 9.0, 2.8), [module.exercise.get(lang)], 30, INK, smallest=12)
    if question := _question(slides):
        band(slide, 0.6, 4.5, 12.1, 0.06, ACCENT)
        text_box(slide, (0.6, 4.7, 12.1, 0.6), [t("ws.question", lang)], 18, ACCENT, bold=True)
        text_box(slide, (0.6, 5.3, 12.1, 1.6), [question], 24, INK, smallest=11)
    slide.notes_slide.notes_text_frame.text = module.notes.get(lang)


def _closing(deck: Any, workshop: Workshop, lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    fill(slide, NAVY)
    text_box(slide, (0.7, 1.8, 11.9, 1.4), [t("ws.thanks", lang)], 54, PAPER, bold=True)
    ask = workshop_content().wrapup.question.get(lang)
    text_box(slide, (0.7, 3.4, 11.9, 1.6), [ask], 24, PALE, smallest=12)
    text_box(slide, (0.7, 5.3, 11.9, 0.8), [workshop.title], 16, PALE, smallest=9)


def _properties(deck: Any, workshop: Workshop, lang: str) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    props = deck.core_properties
    props.title, props.subject = workshop.title, t("app.title", lang)
    props.author = props.last_modified_by = t("app.title", lang)
    props.created = props.modified = now
    props.revision = 1
    props.language = "zh-CN" if lang == "zh" else "en"


def to_pptx(
    workshop: Workshop, slides: list[Slide], lang: str, today: date, join_link: str | None = None
) -> bytes:
    """The deck; with ``join_link``, a join slide (code and QR code) after the title."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    modules = _modules(workshop, slides)
    _title(deck, workshop, lang, today)
    if join_link:
        _join(deck, workshop, join_link, lang)
    _agenda(deck, modules, lang)
    for number, (slot, module_slides) in enumerate(modules, start=1):
        _divider(deck, number, slot, lang)
        for index, slide in enumerate(module_slides, start=1):
            footer = f"{workshop.title} · {number}.{index}"
            _content(deck, slide, footer, lang)
        _exercise(deck, slot, module_slides, lang)
    _closing(deck, workshop, lang)
    _properties(deck, workshop, lang)
    out = BytesIO()
    deck.save(out)
    return out.getvalue()


def handout(
    workshop: Workshop, slides: list[Slide], lang: str, today: date, join_link: str | None = None
) -> Document:
    def tr(key: str, **values: object) -> str:
        return t(key, lang, **values)

    modules = _modules(workshop, slides)
    rows = [
        [
            f"{clock(slot.start)}–{clock(slot.end)}",
            workshop_content().module(slot.module).title.get(lang),
            tr("ws.minutes_value", minutes=slot.end - slot.start),
            workshop_content().module(slot.module).exercise.get(lang),
        ]
        for slot, _ in modules
    ]
    headers = [tr("ws.col.time"), tr("ws.col.module"), tr("ws.minutes"), tr("ws.col.exercise")]
    sections = [Section(tr("ws.agenda_slide"), [Table(headers, rows)], new_page=True)]
    for slot, module_slides in modules:
        module = workshop_content().module(slot.module)
        minutes = exercise_minutes(slot.end - slot.start)
        blocks: list[Block] = [
            Paragraph(tr("ws.timer_value", minutes=minutes), "muted"),
            Paragraph(module.exercise.get(lang)),
        ]
        questions = [q for s in module_slides for q in s.questions][:6]
        if questions:
            blocks += [Paragraph(tr("ws.discuss"), "muted"), Bullets(questions)]
        blocks.append(NoteSpace(tr("ws.notes_space"), 8))
        sections.append(Section(f"{clock(slot.start)} · {module.title.get(lang)}", blocks))
        for slide in module_slides:
            points: list[Block] = [Bullets(slide.points)]
            if slide.snippet:
                points.append(Paragraph(slide.snippet, "muted"))
            sections.append(Section(slide.title, points, level=2))
    total = timing(workshop).total
    return Document(
        lang=lang,
        title=workshop.title,
        subtitle=tr("ws.handout"),
        cover=[
            (tr("export.date"), today.isoformat()),
            (tr("ws.code"), workshop.code),
            *([(tr("room.join_link_short"), join_link)] if join_link else []),
            (tr("ws.length"), tr(f"ws.length.{workshop.length}")),
            (tr("ws.minutes"), str(total)),
        ],
        sections=sections,
        not_filled=tr("export.not_filled"),
        author=tr("app.title"),
    )


def handout_pdf(
    workshop: Workshop, slides: list[Slide], lang: str, today: date, join_link: str | None = None
) -> bytes:
    from playbook.export.pdf_writer import to_pdf

    return to_pdf(handout(workshop, slides, lang, today, join_link))

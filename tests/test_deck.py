"""The workshop deck: every text stays inside its box whatever the title's length, measured
with the font's own metrics (Pillow reading Noto Sans SC, not the code that sized it)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import ImageFont

from playbook.cases import cases
from playbook.content import content
from playbook.export.deck import to_pptx
from playbook.export.figures import font_file
from playbook.export.textlayout import break_units
from playbook.workshop import build_deck, new_workshop

EMU_PER_MM = 36_000
PT_TO_MM = 25.4 / 72


def lines_needed(text: str, width_mm: float, size_pt: float, font) -> int:
    """Greedy line count at the UAX #14 break opportunities, widths from the font file."""

    def width(value: str) -> float:
        return font.getlength(value) / 1000 * size_pt * PT_TO_MM  # font loaded at 1000 px/em

    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        line = ""
        for unit in break_units(paragraph):
            if line and width((line + unit).rstrip()) > width_mm:
                lines += 1
                line = ""
            line += unit
    return lines


@pytest.mark.parametrize(
    "title,lang",
    [
        ("East region community operations bootcamp " * 5, "en"),
        (
            "华东区社群运营训练营：从定位、入口、引流到结构与文化的实战（第二期，2026 年 11 月）"
            * 4,
            "zh",
        ),
    ],
)
def test_every_text_frame_fits_its_box_for_a_200_character_title(title, lang):
    from pptx import Presentation

    title = title[:200]
    workshop = new_workshop(title, "full_day")
    slides = build_deck(workshop, content(), cases(), lang)
    join = f"https://community-playbook.example.com.cn/workshops/?join={workshop.code}&lang={lang}"
    deck = Presentation(io.BytesIO(to_pptx(workshop, slides, lang, date(2026, 11, 23), join)))
    font = ImageFont.truetype(str(font_file()), 1000)
    checked = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            width = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_MM
            height = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_MM
            used = 0.0
            for paragraph in frame.paragraphs:
                size = paragraph.runs[0].font.size.pt
                used += lines_needed(paragraph.text, width, size, font) * size * 1.2 * PT_TO_MM
                ppr = paragraph._p.pPr
                assert ppr.get("eaLnBrk") == "1" and ppr.get("latinLnBrk") == "0"
            assert used <= height + 0.01, (shape.text_frame.text[:40], used, height)
            checked += 1
    assert checked > 100
    first = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    assert any(text.startswith(title[:30]) for text in first)

"""The deck's look: colours, fonts (Latin and East Asian on every run), and text boxes
whose type size is chosen so the text fits the box, measured with the font's widths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.export.textlayout import measure_mm, wrap

EAST_ASIA_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"
NAVY, ACCENT, INK, MUTED, PAPER, PALE = "1F2A44", "1F6FEB", "1F2328", "57606A", "FFFFFF", "E8F0FE"
LEADING = 1.2  # line height as a multiple of the type size (single spacing)
WIDTH_SAFETY = 1.06  # Noto's widths stand in for the presenter's fonts, with a margin
INSET_MM = 2.5
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Fitted:
    size: float  # pt
    lines: list[str]


def _lines(text: str, width_mm: float, size: float) -> list[str]:
    return wrap(text, width_mm, measure_mm(size * WIDTH_SAFETY))


def _fits(text: str, width_mm: float, height_mm: float, size: float) -> bool:
    return len(_lines(text, width_mm, size)) * _line_height(size) <= height_mm


def _line_height(size: float) -> float:
    return size * LEADING * MM_PER_INCH / 72


def fit(text: str, width_mm: float, height_mm: float, largest: float, smallest: float) -> Fitted:
    """The largest size (in 0.5 pt steps, found by bisection) at which ``text`` wraps into
    the box; at the smallest size, the lines that fit with an ellipsis on the last one."""
    low, high = round(smallest * 2), round(largest * 2)  # half points
    if _fits(text, width_mm, height_mm, high / 2):
        low = high
    while high - low > 1:
        middle = (low + high) // 2
        if _fits(text, width_mm, height_mm, middle / 2):
            low = middle
        else:
            high = middle
    size = low / 2
    lines = _lines(text, width_mm, size)
    room = max(1, int(height_mm // _line_height(size)))
    if len(lines) > room:
        measure = measure_mm(size * WIDTH_SAFETY)
        lines = lines[:room]
        last = lines[-1]
        while last and measure(last + "…") > width_mm:
            last = last[:-1]
        lines[-1] = last + "…"
    return Fitted(size, lines)


def _join(lines: list[str]) -> str:
    """Wrapped lines back into one text: a space between Latin words, none in Chinese."""
    text = ""
    for line in lines:
        gap = " " if text and text[-1].isascii() and line[:1].isascii() else ""
        text += gap + line
    return text


def rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour)


def style_run(run: Any, size: float, colour: str, bold: bool = False) -> None:
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = LATIN_FONT
    run.font.color.rgb = rgb(colour)
    rpr = run._r.get_or_add_rPr()
    for tag, face in (("a:ea", EAST_ASIA_FONT), ("a:cs", LATIN_FONT)):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            rpr.append(element)
        element.set("typeface", face)


def _kinsoku(paragraph: Any) -> None:
    """East Asian line breaking on (no closing punctuation at a line start), Latin words
    kept whole, hanging punctuation allowed."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("eaLnBrk", "1")
    ppr.set("latinLnBrk", "0")
    ppr.set("hangingPunct", "1")


def fill(slide: Any, colour: str) -> None:
    background = slide.background.fill
    background.solid()
    background.fore_color.rgb = rgb(colour)


def band(slide: Any, left: float, top: float, width: float, height: float, colour: str) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height)
    )
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()


def text_box(
    slide: Any,
    box: tuple[float, float, float, float],
    paragraphs: list[str],
    largest: float,
    colour: str,
    *,
    smallest: float = 12,
    bold: bool = False,
    bullet: bool = False,
) -> float:
    """Paragraphs in a box (inches: left, top, width, height) at one size that fits all
    of them; returns that size."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Mm

    left, top, width, height = box
    inner_w = width * MM_PER_INCH - 2 * INSET_MM
    inner_h = height * MM_PER_INCH - 2 * INSET_MM
    marker = "• " if bullet else ""
    joined = "\n".join(marker + p for p in paragraphs)
    fitted = fit(joined, inner_w, inner_h, largest, smallest)
    size = fitted.size
    fits = len(fitted.lines) == len(_lines(joined, inner_w, size))
    shown = None if fits else fitted.lines
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Mm(INSET_MM))
    texts = [_join(shown)] if shown is not None else [marker + p for p in paragraphs]
    for index, value in enumerate(texts):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _kinsoku(paragraph)
        paragraph.line_spacing = 1.0
        style_run(paragraph.add_run(), size, colour, bold)
        paragraph.runs[0].text = value
    return size

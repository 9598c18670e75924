"""Line breaking and text measurement for the exports that lay text out themselves (PDF,
the deck's fit check).

Break opportunities come from ICU's implementation of the Unicode line-breaking algorithm
(UAX #14, with its Chinese tailoring): a line never starts with closing punctuation such
as ），。、 and never ends with opening punctuation such as （「, and numbers ("20%",
"2026") and Latin words stay whole. Widths come from the embedded font's own advance
widths, so a line measured here is the line the PDF draws.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from playbook.export.figures import SUBSET_FONT

PT_TO_MM = 25.4 / 72
# Advance (in em) assumed for a character the embedded subset does not cover: the fallback
# face is the same family, whose CJK ideographs are one em wide and Latin about 0.6 em.
_WIDE, _NARROW = 1.0, 0.6

Measure = Callable[[str], float]


@cache
def advances() -> dict[int, float]:
    """Code point -> advance width in em, read from the embedded font's hmtx table."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(SUBSET_FONT), lazy=True)
    metrics, per_em = font["hmtx"].metrics, font["head"].unitsPerEm
    return {cp: metrics[glyph][0] / per_em for cp, glyph in font.getBestCmap().items()}


def em_width(text: str) -> float:
    """Width of ``text`` in em (sum of the characters' advances, no kerning)."""
    table = advances()
    total = 0.0
    for char in text:
        code = ord(char)
        width = table.get(code)
        if width is None:
            width = _WIDE if code >= 0x1100 else _NARROW
        total += width
    return total


def measure_mm(size_pt: float) -> Measure:
    """A function giving the width in millimetres of a text set at ``size_pt``."""
    scale = size_pt * PT_TO_MM
    return lambda text: em_width(text) * scale


def break_units(text: str) -> list[str]:
    """The text cut at every line-break opportunity (UAX #14, Chinese tailoring)."""
    if not text:
        return []
    from icu4py.breakers import LineBreaker

    return list(LineBreaker(text, "zh_CN"))


def _split_long(unit: str, width: float, measure: Measure) -> list[str]:
    """A unit wider than a whole line (a long URL, a run of digits) cut where it must be."""
    pieces, line = [], ""
    for char in unit:
        if line and measure(line + char) > width:
            pieces.append(line)
            line = ""
        line += char
    return [*pieces, line]


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """The lines of ``text`` within ``width`` (line feeds kept as hard breaks).

    Greedy fill at the UAX #14 opportunities; spaces at the end of a line hang outside it.
    """
    lines: list[str] = []
    width += 1e-6  # a unit exactly as wide as the line fits, despite rounding
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for unit in break_units(paragraph):
            unit_width = measure(unit)
            if line and line_width + measure(unit.rstrip()) > width:
                lines.append(line.rstrip())
                line, line_width = "", 0.0
            if not line and measure(unit.rstrip()) > width:
                *full, unit = _split_long(unit, width, measure)
                lines += full
                unit_width = measure(unit)
            line += unit
            line_width += unit_width
        lines.append(line.rstrip())
    return lines


def widest_unit(text: str, measure: Measure) -> float:
    """The narrowest width ``text`` can be set in without cutting a unit."""
    return max((measure(u.rstrip()) for u in break_units(text.replace("\n", " "))), default=0.0)

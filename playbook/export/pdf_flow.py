"""Text flowing down PDF pages: lines broken by textlayout, pages turned where a line no
longer fits, headings kept with what follows them, figures scaled to the page."""

from __future__ import annotations

import struct
from io import BytesIO
from typing import Any

from playbook.export.textlayout import PT_TO_MM, measure_mm, wrap

FONT = "noto"
FULL_FONT = "noto-full"
INK, MUTED, ACCENT = (31, 35, 40), (87, 96, 106), (31, 111, 235)
GAP = (154, 103, 0)  # unanswered items: amber, so a gap never reads as an answer
Colour = tuple[int, int, int]


def png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG's IHDR chunk."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


class Flow:
    """Places blocks of text one after another on the pages of an fpdf2 document."""

    def __init__(self, pdf: Any, beyond_subset: frozenset[str] = frozenset()) -> None:
        self.pdf = pdf
        self.beyond_subset = beyond_subset  # characters that need the fallback font

    def put(self, x: float, top: float, width: float, height: float, line: str) -> None:
        """One line of text, vertically centred in ``height`` like fpdf2's cell(), via its
        much cheaper text() unless a character needs the fallback font (only cell() has
        fallback fonts)."""
        pdf = self.pdf
        if self.beyond_subset and any(c in self.beyond_subset for c in line):
            pdf.set_xy(x, top)
            pdf.cell(width, height, line)
        elif line:
            pdf.text(x, top + 0.5 * height + 0.3 * pdf.font_size, line)

    @property
    def width(self) -> float:
        return float(self.pdf.epw)

    def space_left(self) -> float:
        return float(self.pdf.page_break_trigger - self.pdf.get_y())

    def body_height(self) -> float:
        return float(self.pdf.page_break_trigger - self.pdf.t_margin)

    def ensure(self, height: float) -> None:
        """Turn the page unless ``height`` millimetres still fit on this one."""
        if self.space_left() < height and self.pdf.get_y() > self.pdf.t_margin + 0.1:
            self.pdf.add_page()

    def lines(self, text: str, width: float, size: float) -> list[str]:
        return wrap(text, width, measure_mm(size))

    @staticmethod
    def leading(size: float) -> float:
        return size * PT_TO_MM * 1.45

    def write_lines(
        self, lines: list[str], size: float, colour: Colour, x: float, width: float
    ) -> None:
        pdf, height = self.pdf, self.leading(size)
        pdf.set_font(FONT, size=size)
        pdf.set_text_color(*colour)
        # no widow or orphan: the first two lines together, the last two together
        self.ensure(min(2, len(lines)) * height)
        for index, line in enumerate(lines):
            if len(lines) - index == 2 or self.space_left() < height:
                self.ensure((2 if len(lines) - index == 2 else 1) * height)
            self.put(x, pdf.get_y(), width, height, line)
            pdf.set_y(pdf.get_y() + height)

    def text(
        self,
        value: str,
        size: float = 10.5,
        colour: Colour = INK,
        indent: float = 0.0,
        after: float = 1.0,
    ) -> None:
        width = self.width - indent
        self.write_lines(
            self.lines(value, width, size), size, colour, self.pdf.l_margin + indent, width
        )
        self.pdf.set_y(self.pdf.get_y() + after)

    def bullet(self, value: str, colour: Colour = INK, size: float = 10.5) -> None:
        indent = 5.0
        lines = self.lines(value, self.width - indent, size)
        self.ensure(min(2, len(lines)) * self.leading(size))
        self.pdf.set_font(FONT, size=size)
        self.pdf.set_text_color(*colour)
        self.pdf.set_x(self.pdf.l_margin + 1)
        self.pdf.cell(4, self.leading(size), "•")
        self.pdf.set_x(self.pdf.l_margin)
        self.write_lines(lines, size, colour, self.pdf.l_margin + indent, self.width - indent)
        self.pdf.set_y(self.pdf.get_y() + 0.8)

    def heading(self, title: str, level: int, keep: float) -> None:
        """A heading in the outline, on the same page as ``keep`` mm of what follows."""
        size, colour = {0: (17.0, ACCENT), 1: (13.5, INK)}.get(level, (11.5, INK))
        lines = self.lines(title, self.width, size)
        before = 4.0 if level == 0 else 2.5
        if self.pdf.get_y() > self.pdf.t_margin + 0.1:
            self.ensure(before + len(lines) * self.leading(size) + keep)
            if self.pdf.get_y() > self.pdf.t_margin + 0.1:
                self.pdf.set_y(self.pdf.get_y() + before)
        self.pdf.start_section(title[:200], level=level)
        self.write_lines(lines, size, colour, self.pdf.l_margin, self.width)
        if level == 0:
            y = self.pdf.get_y() + 0.5
            self.pdf.set_draw_color(*ACCENT)
            self.pdf.set_line_width(0.5)
            self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
        self.pdf.set_y(self.pdf.get_y() + 2.0)

    def figure(self, png: bytes, caption: str) -> None:
        """The image at full width, or smaller so that it and its caption fit one page."""
        pixels_w, pixels_h = png_size(png)
        caption_h = len(self.lines(caption, self.width, 9)) * self.leading(9) + 2
        width = self.width
        height = width * pixels_h / pixels_w
        room = self.body_height() - caption_h
        if height > room:
            width, height = width * room / height, room
        self.ensure(height + caption_h)
        x = self.pdf.l_margin + (self.width - width) / 2
        self.pdf.image(BytesIO(png), x=x, y=self.pdf.get_y(), w=width, h=height)
        self.pdf.set_y(self.pdf.get_y() + height + 1)
        self.text(caption, 9, MUTED)

    def note_space(self, label: str, lines: int) -> None:
        """``lines`` ruled lines to write on, kept together with their label."""
        gap = 8.0
        self.ensure(self.leading(9) + lines * gap + 2)
        self.text(label, 9, MUTED, after=0)
        self.pdf.set_draw_color(208, 215, 222)
        self.pdf.set_line_width(0.2)
        for _ in range(lines):
            y = self.pdf.get_y() + gap
            self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
            self.pdf.set_y(y)
        self.pdf.set_y(self.pdf.get_y() + 3)

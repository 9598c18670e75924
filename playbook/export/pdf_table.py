"""Tables in the PDF: columns sized to their content, rows of any height split across
pages, and the header row repeated on each page the table reaches.

fpdf2's own tables refuse a row taller than a page ("The row … is too high"), and a KPI
formula or a note may legitimately be thousands of characters long; here a row simply
continues on the next page.
"""

from __future__ import annotations

from playbook.export.pdf_flow import FONT, INK, Flow
from playbook.export.textlayout import measure_mm, widest_unit, wrap

SIZE = 8.5
SHORT_COLUMN = 0.16  # of the table's width
PAD = 1.4
HEADER_FILL = (243, 246, 250)
RULE = (208, 215, 222)


def column_widths(
    table: list[list[str]], total: float, size: float = SIZE, pad: float = PAD
) -> list[float]:
    """Each column between the width of its longest unbreakable unit and that of its
    longest line, like a browser's automatic table layout (text at ``size`` points,
    ``pad`` mm each side; the PDF's own padding by default)."""
    measure = measure_mm(size)
    columns = list(zip(*table, strict=True))
    cap, em = total / 2, measure("中")
    high = [
        min(total, max(measure(line) for c in col for line in c.split("\n"))) + 2 * pad
        for col in columns
    ]
    # no column narrower than five characters unless all its text is shorter
    low = [
        max(min(cap, max(widest_unit(c, measure) for c in col)) + 2 * pad, min(h, 5 * em))
        for col, h in zip(columns, high, strict=True)
    ]
    high = [max(h, lo) for h, lo in zip(high, low, strict=True)]
    # a short column (a date, a status, a time) is never wrapped while a long one can be
    short = [h <= total * SHORT_COLUMN for h in high]
    fixed = sum(h for h, is_short in zip(high, short, strict=True) if is_short)
    others = sum(lo for lo, is_short in zip(low, short, strict=True) if not is_short)
    if any(short) and not all(short) and fixed + others < total:
        low = [h if is_short else lo for h, lo, is_short in zip(high, low, short, strict=True)]
    if sum(high) <= total:
        spare = total - sum(high)
        return [h + spare * h / sum(high) for h in high]
    if sum(low) >= total:
        return _share(low, total)
    stretch = sum(h - lo for h, lo in zip(high, low, strict=True))
    spare = total - sum(low)
    return [lo + spare * (h - lo) / stretch for h, lo in zip(high, low, strict=True)]


def _share(wanted: list[float], total: float) -> list[float]:
    """``total`` shared out so that narrow columns get all they want and the widest ones
    split what is left equally."""
    given = [0.0] * len(wanted)
    left, count = total, len(wanted)
    for index in sorted(range(len(wanted)), key=wanted.__getitem__):
        given[index] = min(wanted[index], left / count)
        left -= given[index]
        count -= 1
    return given


def _draw(
    flow: Flow,
    cells: list[list[str]],
    widths: list[float],
    first: int,
    count: int,
    fill: bool,
) -> None:
    """``count`` lines of each cell, starting at line ``first``, as one band of the row."""
    pdf, height = flow.pdf, flow.leading(SIZE)
    top, x = pdf.get_y(), pdf.l_margin
    band = count * height + 2 * PAD
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(*HEADER_FILL)
    pdf.set_font(FONT, size=SIZE)
    pdf.set_text_color(*INK)
    for lines, width in zip(cells, widths, strict=True):
        pdf.rect(x, top, width, band, style="DF" if fill else "D")
        for index, line in enumerate(lines[first : first + count]):
            flow.put(x + PAD, top + PAD + index * height, width - 2 * PAD, height, line)
        x += width
    pdf.set_y(top + band)


def draw_table(flow: Flow, headers: list[str], rows: list[list[str]]) -> None:
    pdf, height = flow.pdf, flow.leading(SIZE)
    widths = column_widths([headers, *rows], flow.width)
    measure = measure_mm(SIZE)

    def lines(row: list[str]) -> list[list[str]]:
        return [wrap(c, w - 2 * PAD, measure) for c, w in zip(row, widths, strict=True)]

    head = lines(headers)
    head_lines = max(len(c) for c in head)
    head_height = head_lines * height + 2 * PAD

    def header() -> None:
        _draw(flow, head, widths, 0, head_lines, fill=True)

    flow.ensure(head_height + height + 2 * PAD)
    header()
    for row in rows:
        cells = lines(row)
        total, first = max(len(c) for c in cells), 0
        while first < total:
            fit = int((flow.space_left() - 2 * PAD) // height)
            # a short row is not split; a long one leaves at least two lines behind
            if fit < min(total - first, 2) or (total - first <= 3 and fit < total - first):
                pdf.add_page()
                header()
                continue
            count = min(fit, total - first)
            _draw(flow, cells, widths, first, count, fill=False)
            first += count
    pdf.set_y(pdf.get_y() + 2)

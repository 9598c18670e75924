"""The roadmap's Gantt chart drawn in the PDF itself: one row per task with its label,
a date axis repeated on every page the chart reaches, so 5 or 500 tasks all stay legible
(an image of 500 rows would have to shrink to unreadable or run off the page)."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.export.document import Bar, Timeline
from playbook.export.pdf_flow import FONT, INK, MUTED, Flow
from playbook.export.textlayout import measure_mm

ROW = 5.0  # mm per task
LABEL = 7.5  # pt
AXIS = 6.0  # mm for the date labels above each part
LATE = (209, 73, 91)
GRID = (225, 230, 235)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _fit(text: str, width: float) -> str:
    measure = measure_mm(LABEL)
    if measure(text) <= width:
        return text
    while text and measure(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _ticks(first: date, last: date) -> list[date]:
    """Month starts, or Mondays for a chart shorter than about two months."""
    if (last - first).days <= 62:
        day = first + timedelta(days=(7 - first.weekday()) % 7)
        return [day + timedelta(weeks=i) for i in range((last - day).days // 7 + 1)]
    ticks, month = [], date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            ticks.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = max(1, len(ticks) // 8)
    return ticks[::step]


class _Chart:
    def __init__(self, flow: Flow, timeline: Timeline) -> None:
        self.flow, self.pdf, self.timeline = flow, flow.pdf, timeline
        self.first = min(b.start for b in timeline.bars)
        self.last = max(b.end for b in timeline.bars) + timedelta(days=1)
        self.label_w = flow.width * 0.36
        self.left = self.pdf.l_margin + self.label_w + 2
        self.span = flow.width - self.label_w - 2

    def x(self, day: date) -> float:
        days = max(1, (self.last - self.first).days)
        return self.left + self.span * (day - self.first).days / days

    def axis(self, rows: int) -> None:
        pdf, top = self.pdf, self.pdf.get_y()
        pdf.set_font(FONT, size=LABEL)
        pdf.set_text_color(*MUTED)
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.2)
        bottom = top + AXIS + rows * ROW
        ticks = _ticks(self.first, self.last)
        weekly = len(ticks) > 1 and (ticks[1] - ticks[0]).days == 7
        for tick in ticks:
            pdf.line(self.x(tick), top + AXIS - 1, self.x(tick), bottom)
            pdf.set_xy(self.x(tick) - 8, top)
            pdf.cell(16, AXIS - 1.5, tick.strftime("%m-%d" if weekly else "%Y-%m"), align="C")
        if self.first <= self.timeline.today <= self.last:
            pdf.set_draw_color(*LATE)
            pdf.set_dash_pattern(dash=1.2, gap=0.8)
            today = self.x(self.timeline.today)
            pdf.line(today, top + AXIS - 1, today, bottom)
            pdf.set_dash_pattern()
        pdf.set_y(top + AXIS)

    def row(self, bar: Bar) -> None:
        pdf, top = self.pdf, self.pdf.get_y()
        pdf.set_font(FONT, size=LABEL)
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, top)
        pdf.cell(self.label_w, ROW, _fit(bar.label, self.label_w))
        start, end = self.x(bar.start), self.x(bar.end + timedelta(days=1))
        pdf.set_fill_color(*_rgb(bar.colour))
        pdf.set_draw_color(*(LATE if bar.late else _rgb(bar.colour)))
        pdf.set_line_width(0.6 if bar.late else 0.1)
        pdf.rect(start, top + 1, max(0.8, end - start), ROW - 2, style="DF")
        pdf.set_y(top + ROW)

    def legend(self) -> None:
        pdf, x = self.pdf, self.pdf.l_margin
        pdf.set_font(FONT, size=LABEL)
        pdf.set_text_color(*MUTED)
        seen = dict.fromkeys((b.status, b.colour) for b in self.timeline.bars)
        for status, colour in seen:
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(x, pdf.get_y() + 1.2, 3, 3, style="F")
            pdf.set_xy(x + 4, pdf.get_y())
            pdf.cell(measure_mm(LABEL)(status) + 1, ROW, status)
            x += measure_mm(LABEL)(status) + 9
        pdf.set_y(pdf.get_y() + ROW)


def draw_timeline(flow: Flow, timeline: Timeline) -> None:
    if not timeline.bars:
        return
    chart = _Chart(flow, timeline)
    flow.ensure(ROW + AXIS + 4 * ROW)
    chart.legend()
    bars = timeline.bars
    while bars:
        rows = max(1, int((flow.space_left() - AXIS) // ROW))
        if rows < min(4, len(bars)):
            flow.pdf.add_page()
            continue
        chart.axis(min(rows, len(bars)))
        for bar in bars[:rows]:
            chart.row(bar)
        bars = bars[rows:]
        if bars:
            flow.pdf.add_page()
    flow.pdf.set_y(flow.pdf.get_y() + 1)
    flow.text(timeline.caption, 9, MUTED)

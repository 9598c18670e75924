"""The operations calendar: roadmap tasks and the community's activity rhythm, as CSV
(spreadsheet-safe) and as iCalendar (RFC 5545, via the icalendar package)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from calculators import group_size
from playbook.content import content
from playbook.i18n import t
from playbook.plan import Plan
from playbook.roadmap import ordered, stored_tasks

HORIZON_DAYS = 182  # recurring activities are scheduled for the next six months
# weekly, every two weeks, monthly, quarterly: iCalendar frequency and interval
_RHYTHMS = {
    "weekly": ("WEEKLY", 1),
    "biweekly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "quarterly": ("MONTHLY", 3),
}


@dataclass(frozen=True)
class Entry:
    kind: str  # "task", "event" or "topic"
    title: str
    start: date
    end: date  # inclusive
    owner: str = ""
    status: str = ""
    notes: str = ""
    rhythm: str | None = None  # a key of _RHYTHMS for a recurring entry


def _event_rhythm(plan: Plan) -> str | None:
    """How often themed events happen: the bonds answer, else the group-size cadence."""
    cadence = plan.answer("bonds", "cadence")
    if isinstance(cadence, str) and cadence in _RHYTHMS:
        return cadence
    saved = plan.sections.group_size
    if saved:
        data = group_size.from_section(saved, content().group_caps())
        per_month = group_size.plan_groups(data).cadence.themed_events_per_month
        return "weekly" if per_month >= 4 else "biweekly" if per_month >= 2 else "monthly"
    return None


def entries(plan: Plan, lang: str, today: date) -> list[Entry]:
    out = [
        Entry(
            "task",
            task.title,
            task.start,
            task.due,
            task.owner,
            t(f"rm.status.{task.status.value}", lang),
            task.notes,
        )
        for _, task in ordered(stored_tasks(plan) or {})
    ]
    rhythm = _event_rhythm(plan)
    if rhythm:
        start = today + timedelta(days=(4 - today.weekday()) % 7)  # the coming Friday
        out.append(Entry("event", t("export.calendar_event", lang), start, start, rhythm=rhythm))
    return out


def _safe(value: str) -> str:
    """Stop a spreadsheet from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(plan: Plan, lang: str, today: date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["type", "title", "start", "end", "owner", "status", "repeat", "notes"])
    for e in entries(plan, lang, today):
        writer.writerow(
            [
                e.kind,
                _safe(e.title),
                e.start.isoformat(),
                e.end.isoformat(),
                _safe(e.owner),
                _safe(e.status),
                e.rhythm or "",
                _safe(e.notes),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def to_ics(plan: Plan, lang: str, today: date) -> bytes:
    from icalendar import Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//Community Playbook//community-playbook//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{plan.meta.community}")
    for index, e in enumerate(entries(plan, lang, today)):
        event = Event()
        event.add("uid", f"{plan.id}-{e.kind}-{index}@community-playbook")
        event.add("dtstamp", plan.updated_at)
        event.add("summary", e.title)
        event.add("dtstart", e.start)
        event.add("dtend", e.end + timedelta(days=1))  # all-day events end the day after
        if e.owner or e.status or e.notes:
            event.add("description", "\n".join(x for x in (e.owner, e.status, e.notes) if x))
        if e.kind == "task":
            event.add("categories", [t("export.calendar_task", lang)])
        if e.rhythm:
            freq, interval = _RHYTHMS[e.rhythm]
            until = e.start + timedelta(days=HORIZON_DAYS)
            event.add("rrule", vRecur(freq=freq, interval=interval, until=until))
        calendar.add_component(event)
    return calendar.to_ical()

"""The operations calendar: roadmap tasks and the community's activity rhythm, as CSV
(spreadsheet-safe) and as iCalendar (RFC 5545, via the icalendar package).

Both files are meant to be shared (a team calendar, a spreadsheet), so neither holds the
plan id, which opens the plan for editing. An event's UID is the task's own id plus a
token derived one-way from the plan id: the same task keeps its UID across edits and
re-imports (calendars update it rather than duplicating it), UIDs of different plans never
collide, and the token cannot be turned back into the plan id.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from calculators import group_size
from playbook.clock import zone
from playbook.content import content
from playbook.i18n import t
from playbook.plan import Plan
from playbook.roadmap import ordered, stored_tasks

if TYPE_CHECKING:
    from icalendar import Timezone

HORIZON_DAYS = 182  # recurring activities are scheduled for the next six months
# weekly, every two weeks, monthly, quarterly: iCalendar frequency and interval
_RHYTHMS = {
    "weekly": ("WEEKLY", 1),
    "biweekly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "quarterly": ("MONTHLY", 3),
}


CSV_COLUMNS = ("type", "title", "start", "end", "owner", "status", "repeat", "notes")
# what each labelled line of an event's description shows
_DESCRIBED = (("owner", "rm.col.owner"), ("status", "rm.col.status"), ("notes", "rm.col.notes"))


def plan_token(plan_id: str) -> str:
    """A stable, one-way stand-in for the plan id (96 bits of SHA-256)."""
    digest = hashlib.sha256(f"community-playbook calendar\x00{plan_id}".encode()).hexdigest()
    return digest[:24]


@dataclass(frozen=True)
class Entry:
    key: str  # the task's id, or the recurring activity's name
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
            task_id,
            "task",
            task.title,
            task.start,
            task.due,
            task.owner,
            t(f"rm.status.{task.status.value}", lang),
            task.notes,
        )
        for task_id, task in ordered(stored_tasks(plan) or {})
    ]
    rhythm = _event_rhythm(plan)
    if rhythm:
        start = today + timedelta(days=(4 - today.weekday()) % 7)  # the coming Friday
        title = t("export.calendar_event", lang)
        out.append(Entry("themed-event", "event", title, start, start, rhythm=rhythm))
    return out


def _safe(value: str) -> str:
    """Stop a spreadsheet from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(plan: Plan, lang: str, today: date) -> bytes:
    """The calendar as a spreadsheet, headers and values in ``lang``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([t(f"cal.col.{column}", lang) for column in CSV_COLUMNS])
    for e in entries(plan, lang, today):
        writer.writerow(
            [
                t(f"cal.kind.{e.kind}", lang),
                _safe(e.title),
                e.start.isoformat(),
                e.end.isoformat(),
                _safe(e.owner),
                _safe(e.status),
                t(f"cal.repeat.{e.rhythm}", lang) if e.rhythm else "",
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
    # the team's zone: events are whole days, and a client shows them on those days there.
    # RFC 5545 wants at least one component; a plan without tasks or a rhythm still
    # gives a calendar that every client opens (an empty one, with this zone)
    tzid = zone(plan.meta.time_zone, lang).key
    calendar.add("x-wr-timezone", tzid)
    calendar.add_component(_time_zone(tzid, today))
    token = plan_token(plan.id)
    for e in entries(plan, lang, today):
        event = Event()
        event.add("uid", f"{e.key}.{token}@community-playbook")
        event.add("dtstamp", plan.updated_at)
        event.add("summary", e.title)
        event.add("dtstart", e.start)
        event.add("dtend", e.end + timedelta(days=1))  # all-day events end the day after
        lines = [
            t("cal.described", lang, label=t(label, lang), value=value)
            for name, label in _DESCRIBED
            if (value := getattr(e, name))
        ]
        if lines:
            event.add("description", "\n".join(lines))
        if e.kind == "task":
            event.add("categories", [t("export.calendar_task", lang)])
        if e.rhythm:
            freq, interval = _RHYTHMS[e.rhythm]
            until = e.start + timedelta(days=HORIZON_DAYS)
            event.add("rrule", vRecur(freq=freq, interval=interval, until=until))
        calendar.add_component(event)
    return calendar.to_ical()


def _time_zone(tzid: str, today: date) -> Timezone:
    """The zone's rules (offsets, daylight saving) for the years the calendar covers."""
    from icalendar import Timezone

    first = date(today.year - 1, 1, 1)
    return Timezone.from_tzid(tzid, first_date=first, last_date=date(today.year + 3, 1, 1))

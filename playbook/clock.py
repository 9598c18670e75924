"""Time zones: the reader's for what a page shows, the plan's for what a document says.

A page shows times in the viewer's zone (the browser reports it). A document has no viewer:
its date and "last saved" line use the plan's own zone, chosen when the plan is created
(default: the creator's browser, else where the language's readers mostly are), so a team
in Shanghai exporting at 07:00 gets today's date, not yesterday's in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator

# Without a time zone from the browser: where the language's readers mostly are.
DEFAULT_ZONES = {"zh": "Asia/Shanghai", "en": "UTC"}

# Offered first when a plan is created; any IANA zone name is accepted.
COMMON_ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
)


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def is_zone(name: object) -> bool:
    return isinstance(name, str) and name in _known()


def _checked(name: str) -> str:
    if not is_zone(name):
        raise ValueError("time_zone:unknown")  # err.time_zone
    return name


TimeZoneName = Annotated[str, AfterValidator(_checked)]


def zone(name: str | None, lang: str) -> ZoneInfo:
    """``name`` if it is a known zone, else the language's default zone."""
    for candidate in (name, DEFAULT_ZONES.get(lang, "UTC")):
        if is_zone(candidate):
            try:
                return ZoneInfo(str(candidate))
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def choices(preferred: str | None) -> list[str]:
    """The zones a creator picks from: the browser's first when it is not a common one."""
    if preferred is None or not is_zone(preferred) or preferred in COMMON_ZONES:
        return list(COMMON_ZONES)
    return [preferred, *COMMON_ZONES]


def offset(tz: ZoneInfo, now: datetime | None = None) -> str:
    """``UTC+08:00``: the zone's offset from UTC at ``now`` (summer time included)."""
    raw = (now or datetime.now(UTC)).astimezone(tz).strftime("%z")
    return f"UTC{raw[:3]}:{raw[3:]}"


def label(name: str, lang: str, now: datetime | None = None) -> str:
    """A zone as a reader knows it, with its offset now: ``北京时间 (UTC+08:00)``,
    ``China (UTC+08:00)``. A zone the app has no name for reads as its city."""
    if now is None:  # offsets change only on the hour: one label per zone an hour
        return _label_this_hour(name, lang, datetime.now(UTC).strftime("%Y%m%d%H"))
    return _label(name, lang, now)


@lru_cache(maxsize=1024)
def _label_this_hour(name: str, lang: str, hour: str) -> str:
    return _label(name, lang, datetime.strptime(hour, "%Y%m%d%H").replace(tzinfo=UTC))


def _label(name: str, lang: str, now: datetime) -> str:
    from playbook.i18n import strings, t

    key = f"tz.{name}"
    place = t(key, lang) if key in strings() else name.rpartition("/")[2].replace("_", " ")
    return f"{place} ({offset(zone(name, lang), now)})"


def local_time(moment: datetime, tz: ZoneInfo, seconds: bool = False) -> str:
    """``2026-11-24 02:01 (UTC+08:00)`` in the zone ``tz``."""
    local = moment.astimezone(tz)
    offset = local.strftime("%z")
    clock = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{local.strftime(clock)} (UTC{offset[:3]}:{offset[3:]})"


def today_in(tz: ZoneInfo, now: datetime | None = None) -> date:
    """The calendar date in ``tz`` at ``now`` (default: this moment)."""
    return (now or datetime.now(UTC)).astimezone(tz).date()

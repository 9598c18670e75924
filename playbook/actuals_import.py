"""Reading a file of actuals: our own template or WeCom's customer-group statistics.

A file becomes a :class:`Preview` — how each column was read, the periods it adds up to and
every problem with its row number — and nothing more: the page stores the preview's
change set only when the team confirms it. Re-importing a period writes the same paths
again, so an unchanged file changes nothing and a corrected one makes one new revision.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import pandas as pd
from pydantic import ValidationError

from playbook.actuals import (
    Actuals,
    ActualValues,
    Cadence,
    actuals_content,
    parse_period,
    period_key,
    period_start,
)
from playbook.actuals_columns import Column, read_columns

MAX_BYTES = 20 * 1024 * 1024
MAX_ERRORS = 200
ErrorKind = Literal[
    "unreadable",
    "empty",
    "unknown_column",
    "no_period",
    "bad_date",
    "not_numeric",
    "not_whole",
    "negative",
    "duplicate_period",
    "future_date",
    "inconsistent",
]


@dataclass(frozen=True)
class RowError:
    kind: ErrorKind
    row: int | None  # the row as a spreadsheet shows it (the header is row 1)
    column: str = ""
    value: str = ""


@dataclass
class Preview:
    layout: Literal["template", "wecom"] = "template"
    columns: list[Column] = field(default_factory=list)
    periods: dict[str, ActualValues] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.error_count and bool(self.periods)

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """Every cell as text (pandas for CSV, openpyxl for .xlsx); raises ``ValueError``."""
    if len(data) > MAX_BYTES:
        raise ValueError("too_large")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                frame = pd.read_csv(io.BytesIO(data), dtype=str, encoding=encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("encoding")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.fillna("")


def preview(
    data: bytes,
    filename: str,
    cadence: Cadence,
    today: date,
    custom_labels: dict[str, tuple[str, str]],
    default_day: date | None = None,
) -> Preview:
    """Read ``data`` into periods of ``cadence``. ``custom_labels`` names the plan's custom
    KPIs (objective id -> zh, en label); ``default_day`` dates a file without dates (WeCom's
    by-owner view covers the range chosen when it was exported)."""
    result = Preview()
    try:
        frame = read_table(data, filename)
    except Exception:  # a damaged upload can fail anywhere in pandas, zipfile or openpyxl
        result.add(RowError("unreadable", None))
        return result
    result.rows = len(frame)
    result.columns, result.layout = read_columns(list(frame.columns), custom_labels)
    for column in result.columns:
        if column.role == "unknown":
            result.add(RowError("unknown_column", 1, column.name))
    if frame.empty:
        result.add(RowError("empty", None))
        return result
    table = _typed(frame, result, cadence, today, default_day)
    if table is not None and not result.error_count:
        result.periods = _periods(table, result)
    return result


def _when(frame: pd.DataFrame, result: Preview, cadence: Cadence, default_day: date | None):
    """Each row's period key and the day it stands for (for ordering within a period)."""
    by_role: dict[str, str] = {c.role: c.name for c in result.columns}
    source = by_role.get("date") or by_role.get("period")
    if source is None:
        if default_day is None:
            result.add(RowError("no_period", None))
            return None
        key = period_key(default_day, cadence)
        return pd.Series(key, index=frame.index), pd.Series(default_day, index=frame.index)
    codes, uniques = pd.factorize(frame[source].str.strip())
    keys: list[str | None] = []
    days: list[date | None] = []
    for text in uniques:
        found_key, day = _read_when(str(text), cadence)
        keys.append(found_key)
        days.append(day)
    key_series = pd.Series([keys[c] for c in codes], index=frame.index)
    day_series = pd.Series([days[c] for c in codes], index=frame.index)
    for index in key_series.index[key_series.isna()]:
        result.add(RowError("bad_date", int(index) + 2, source, frame.at[index, source]))
    return key_series, day_series


_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+[\d:]+)?$")


def _read_when(text: str, cadence: Cadence) -> tuple[str | None, date | None]:
    """A cell of the date or period column: its period and the day it stands for."""
    try:
        if found := _DAY.fullmatch(text):
            day = date(int(found[1]), int(found[2]), int(found[3]))
            return period_key(day, cadence), day
        key = parse_period(text, cadence)
    except ValueError:
        return None, None
    return key, period_start(key)


def _typed(
    frame: pd.DataFrame, result: Preview, cadence: Cadence, today: date, default_day: date | None
) -> pd.DataFrame | None:
    when = _when(frame, result, cadence, default_day)
    if when is None:
        return None
    keys, days = when
    table = pd.DataFrame({"period": keys, "day": days})
    future = days.notna() & (days.map(lambda d: d is not None and d > today))
    by_role: dict[str, str] = {c.role: c.name for c in result.columns}
    for index in days.index[future]:
        source = by_role.get("date") or by_role.get("period") or ""
        result.add(RowError("future_date", int(index) + 2, source, str(days[index])))
    unit_column = by_role.get("group") or by_role.get("owner")
    table["unit"] = frame[unit_column].str.strip() if unit_column else ""
    money = {f.id for f in actuals_content().fields if f.money}
    for column in result.columns:
        if column.role in ("value", "custom"):
            whole = column.role == "value" and column.target not in money
            table[column.key] = _numbers(frame[column.name], column.name, whole, result)
    _duplicates(table, result, by_role)
    return table


def _numbers(raw: pd.Series, name: str, whole: bool, result: Preview) -> pd.Series:
    text = raw.str.strip().str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    blank = text == ""
    numbers = pd.to_numeric(text.where(~blank), errors="coerce")
    for index in numbers.index[numbers.isna() & ~blank]:
        result.add(RowError("not_numeric", int(index) + 2, name, raw[index]))
    for index in numbers.index[numbers < 0]:
        result.add(RowError("negative", int(index) + 2, name, raw[index]))
    if whole:
        for index in numbers.index[(numbers % 1 != 0) & numbers.notna()]:
            result.add(RowError("not_whole", int(index) + 2, name, raw[index]))
    return numbers


def _duplicates(table: pd.DataFrame, result: Preview, by_role: Mapping[str, str]) -> None:
    """The same day (or period) of the same group twice would be counted twice."""
    source = by_role.get("date") or by_role.get("period") or ""
    when = "day" if by_role.get("date") else "period"
    repeated = table.duplicated(subset=[when, "unit"], keep="first") & table[when].notna()
    for index in table.index[repeated]:
        value = str(table.at[index, when])
        result.add(RowError("duplicate_period", int(index) + 2, source, value))


def _periods(table: pd.DataFrame, result: Preview) -> dict[str, ActualValues]:
    content = actuals_content()
    values = [c for c in result.columns if c.role == "value"]
    custom = [c for c in result.columns if c.role == "custom"]
    table = table.sort_values("day", kind="stable")
    how = {c.key: content.field(c.target).aggregate for c in values}
    grouped = table.groupby(["period", "unit"], sort=False)
    per_unit = pd.DataFrame(
        {
            key: getattr(grouped[key], "sum" if rule == "sum" else rule)(
                **({"min_count": 1} if rule == "sum" else {})
            )
            for key, rule in how.items()
        }
    )
    totals = per_unit.groupby(level="period").sum(min_count=1) if how else None
    customs = table.groupby("period")[[c.key for c in custom]].mean() if custom else None
    out: dict[str, ActualValues] = {}
    for period in sorted(table["period"].dropna().unique()):
        record: dict[str, Any] = {}
        if totals is not None:
            for column in values:
                number = totals.at[period, column.key]
                if pd.notna(number):
                    money = content.field(column.target).money
                    record[column.target] = float(number) if money else int(number)
        if customs is not None:
            record["custom"] = {
                c.target: float(customs.at[period, c.key])
                for c in custom
                if pd.notna(customs.at[period, c.key])
            }
        record["largest"] = _largest(per_unit, period, content.thresholds.kept_groups)
        try:
            out[period] = ActualValues.model_validate(record)
        except ValidationError as exc:
            detail = str(exc.errors(include_url=False)[0].get("ctx", {}).get("error", ""))
            result.add(RowError("inconsistent", None, period, detail.split(":", 1)[0]))
    return out


def _largest(per_unit: pd.DataFrame, period: str, keep: int) -> list[dict[str, Any]]:
    """The largest groups of a period (an owner's row: the average of their groups)."""
    members, count, held = "value:members", "value:groups", "value:events"
    if members not in per_unit.columns:
        return []
    rows = per_unit.loc[period]
    facts: list[dict[str, Any]] = []
    for unit, row in rows.iterrows():
        if not str(unit) or pd.isna(row[members]):
            continue
        groups = int(row[count]) if count in rows.columns and pd.notna(row[count]) else 1
        groups = max(groups, 1)
        events = row[held] if held in rows.columns else None
        facts.append(
            {
                "name": str(unit)[:200],
                "size": round(float(row[members]) / groups),
                "groups": groups,
                "events": None if events is None or pd.isna(events) else int(events),
            }
        )
    facts.sort(key=lambda f: f["size"], reverse=True)
    return facts[:keep]


def changes(found: Preview, actuals: Actuals, cadence: Cadence) -> dict[str, Any]:
    """The change set that stores a preview: each imported number at its own path, so the
    numbers a file does not have (events typed in by hand) stay as they were."""
    out: dict[str, Any] = {"sections.actuals.cadence": cadence}
    for key, values in found.periods.items():
        base = f"sections.actuals.periods.{key}"
        data = values.model_dump(mode="json", exclude_none=True)
        old = actuals.periods.get(key)
        for name, value in data.items():
            if name == "custom":
                if value:
                    out[f"{base}.custom"] = (old.custom if old else {}) | value
            elif name == "largest":
                if value:
                    out[f"{base}.largest"] = value
            else:
                out[f"{base}.{name}"] = value
    return out

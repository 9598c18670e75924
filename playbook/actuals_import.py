"""Reading a file of actuals: our own template or WeCom's customer-group statistics.

A file becomes a :class:`Preview` — how each column was read, the periods it adds up to and
every problem with its row number — and nothing more: the page stores the preview's
change set (``actuals_table.import_changes``) only when the team confirms it. Re-importing
a period writes the same paths again: an unchanged file changes nothing and a corrected one
makes one new revision.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import ValidationError

from playbook.actuals import (
    ActualValues,
    Cadence,
    actuals_content,
    period_key,
    period_label,
    read_when,
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


def read_table(data: bytes, filename: str, text: Callable[[str], bool]) -> pd.DataFrame:
    """The file as a table (pandas; openpyxl for .xlsx). Columns for which ``text`` is true
    are read as text; number columns are left to pandas' fast parser, and any that hold
    something else than numbers come back as text for a row-by-row check."""
    if len(data) > MAX_BYTES:
        raise ValueError("too_large")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        head = pd.read_excel(io.BytesIO(data), nrows=0, engine="openpyxl")
        types = {c: str for c in head.columns if text(str(c).strip())}
        frame = pd.read_excel(io.BytesIO(data), dtype=types, engine="openpyxl")
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                head = pd.read_csv(io.BytesIO(data), nrows=0, encoding=encoding)
                types = {c: str for c in head.columns if text(str(c).strip())}
                frame = pd.read_csv(io.BytesIO(data), dtype=types, encoding=encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("encoding")
    frame.columns = [str(c).strip() for c in frame.columns]
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].fillna("").astype(str)
    return frame


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

    def text(header: str) -> bool:
        found, _ = read_columns([header], custom_labels)
        return found[0].role not in ("value", "custom")

    try:
        frame = read_table(data, filename, text)
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
    result.errors.sort(key=lambda e: (e.row is None, e.row or 0))
    return result


When = tuple[pd.Series, pd.Series]


def _when(
    frame: pd.DataFrame, result: Preview, cadence: Cadence, default_day: date | None
) -> When | None:
    """Each row's period key and the day it stands for (for ordering within a period)."""
    by_role: dict[str, str] = {c.role: c.name for c in result.columns}
    source = by_role.get("date") or by_role.get("period")
    if source is None:
        if default_day is None:
            result.add(RowError("no_period", None))
            return None
        key = period_key(default_day, cadence)
        day = pd.Timestamp(default_day)
        return pd.Series(key, index=frame.index), pd.Series(day, index=frame.index)
    codes, uniques = pd.factorize(frame[source].astype(str).str.strip())
    parsed = [read_when(str(text), cadence) for text in uniques]
    keys = np.array([k for k, _ in parsed] + [None], dtype=object)
    days = pd.to_datetime(pd.Series([d for _, d in parsed] + [None]))
    key_series = pd.Series(keys[codes], index=frame.index)
    day_series = pd.Series(days.to_numpy()[codes], index=frame.index)
    for index in key_series.index[key_series.isna()]:
        result.add(RowError("bad_date", int(index) + 2, source, frame.at[index, source]))
    return key_series, day_series


def _typed(
    frame: pd.DataFrame, result: Preview, cadence: Cadence, today: date, default_day: date | None
) -> pd.DataFrame | None:
    when = _when(frame, result, cadence, default_day)
    if when is None:
        return None
    keys, days = when
    table = pd.DataFrame({"period": keys, "day": days})
    future = days > pd.Timestamp(today)
    by_role: dict[str, str] = {c.role: c.name for c in result.columns}
    for index in days.index[future]:
        source = by_role.get("date") or by_role.get("period") or ""
        result.add(RowError("future_date", int(index) + 2, source, str(days[index].date())))
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
    if pd.api.types.is_numeric_dtype(raw):
        numbers = raw.astype(float)
        _check(numbers, raw, name, whole, result)
        return numbers
    text = raw.str.strip().str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    blank = text == ""
    numbers = pd.to_numeric(text.where(~blank), errors="coerce")
    for index in numbers.index[numbers.isna() & ~blank]:
        result.add(RowError("not_numeric", int(index) + 2, name, raw[index]))
    _check(numbers, raw, name, whole, result)
    return numbers


def _check(numbers: pd.Series, raw: pd.Series, name: str, whole: bool, result: Preview) -> None:
    for index in numbers.index[numbers < 0]:
        result.add(RowError("negative", int(index) + 2, name, str(raw[index])))
    if whole:
        for index in numbers.index[(numbers % 1 != 0) & numbers.notna()]:
            result.add(RowError("not_whole", int(index) + 2, name, str(raw[index])))


def _duplicates(table: pd.DataFrame, result: Preview, by_role: Mapping[str, str]) -> None:
    """The same day (or period) of the same group twice would be counted twice."""
    source = by_role.get("date") or by_role.get("period") or ""
    when = "day" if by_role.get("date") else "period"
    repeated = table.duplicated(subset=[when, "unit"], keep="first") & table[when].notna()
    for index in table.index[repeated]:
        found = table.at[index, when]
        value = period_label(found) if when == "period" else str(found.date())
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
    largest = _largest(per_unit, content.thresholds.kept_groups)
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
        record["largest"] = largest.get(period, [])
        try:
            out[period] = ActualValues.model_validate(record)
        except ValidationError as exc:
            detail = str(exc.errors(include_url=False)[0].get("ctx", {}).get("error", ""))
            result.add(RowError("inconsistent", None, period, detail.split(":", 1)[0]))
    return out


def _largest(per_unit: pd.DataFrame, keep: int) -> dict[str, list[dict[str, Any]]]:
    """Each period's largest groups (an owner's row: the average of their groups)."""
    members, count, held = "value:members", "value:groups", "value:events"
    if members not in per_unit.columns:
        return {}
    units = per_unit.reset_index()
    units = units[(units["unit"] != "") & units[members].notna()]
    groups = units[count].fillna(1).clip(lower=1) if count in units else 1
    facts = pd.DataFrame(
        {
            "period": units["period"],
            "name": units["unit"].str.slice(0, 200),
            "size": (units[members] / groups).round().astype(int),
            "groups": groups if isinstance(groups, int) else groups.astype(int),
            "events": units.get(held, np.nan),
        }
    )
    top = facts.sort_values("size", ascending=False, kind="stable").groupby("period").head(keep)
    out: dict[str, list[dict[str, Any]]] = {}
    for record in top.to_dict("records"):
        period = record.pop("period")
        events = record["events"]
        record["events"] = None if pd.isna(events) else int(events)
        out.setdefault(period, []).append(record)
    return out

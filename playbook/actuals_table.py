"""The actuals as an editable table (one row per period), and a table's edits as a change set.

Each edited cell is written at its own path (``sections.actuals.periods.<period>.<field>``),
so two teammates entering different numbers of the same month both keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playbook.actuals import Actuals, Cadence, actuals_content, parse_period, period_label
from playbook.actuals_import import Preview

PERIOD = "period"


def columns(custom: list[str]) -> list[str]:
    """Column ids of the table: the period, every number, the plan's custom KPIs."""
    return [PERIOD, *(f.id for f in actuals_content().fields), *(f"custom.{c}" for c in custom)]


def rows(actuals: Actuals, custom: list[str]) -> list[dict[str, Any]]:
    out = []
    for key, values in actuals.ordered():
        row: dict[str, Any] = {PERIOD: period_label(key)}
        row |= {f.id: getattr(values, f.id) for f in actuals_content().fields}
        row |= {f"custom.{c}": values.custom.get(c) for c in custom}
        out.append(row)
    return out


@dataclass
class Edits:
    changes: dict[str, Any] = field(default_factory=dict)
    bad_periods: list[str] = field(default_factory=list)


def _value(column: str, raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    money = {f.id for f in actuals_content().fields if f.money}
    if column in money or column.startswith("custom."):
        return float(raw)
    number = float(raw)
    return int(number) if number.is_integer() else number  # a fraction is refused on save


def edits(state: dict[str, Any], actuals: Actuals, cadence: Cadence) -> Edits:
    """The change set for ``st.data_editor``'s state (edited, added and deleted rows)."""
    out = Edits()
    keys = [key for key, _ in actuals.ordered()]
    base = "sections.actuals.periods"
    for index in state.get("deleted_rows", []):
        out.changes[f"{base}.{keys[index]}"] = None
    for index, cells in state.get("edited_rows", {}).items():
        key = keys[int(index)]
        custom = dict(actuals.periods[key].custom)
        for column, raw in cells.items():
            if column == PERIOD:
                continue  # a period is renamed by deleting it and adding another
            if column.startswith("custom."):
                _set_custom(custom, column, raw)
                out.changes[f"{base}.{key}.custom"] = custom
            else:
                out.changes[f"{base}.{key}.{column}"] = _value(column, raw)
    for cells in state.get("added_rows", []):
        text = str(cells.get(PERIOD) or "").strip()
        try:
            key = parse_period(text, cadence)
        except ValueError:
            out.bad_periods.append(text)
            continue
        record: dict[str, Any] = {}
        extra: dict[str, float] = {}
        for column, raw in cells.items():
            if column.startswith("custom."):
                _set_custom(extra, column, raw)
            elif column != PERIOD and _value(column, raw) is not None:
                record[column] = _value(column, raw)
        if extra:
            record["custom"] = extra
        old = actuals.periods.get(key)
        merged = (old.model_dump(mode="json", exclude_none=True) if old else {}) | record
        out.changes[f"{base}.{key}"] = merged
    if out.changes:
        out.changes["sections.actuals.cadence"] = cadence
    return out


def _set_custom(custom: dict[str, float], column: str, raw: Any) -> None:
    name = column.removeprefix("custom.")
    value = _value(column, raw)
    if value is None:
        custom.pop(name, None)
    else:
        custom[name] = value


def import_changes(found: Preview, actuals: Actuals, cadence: Cadence) -> dict[str, Any]:
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

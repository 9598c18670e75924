"""The roadmap as an editable table: tasks to rows with labels in the page's language, and
edited rows back to task fields (labels to ids, cells cleaned). The roadmap page only lays
the table out; the export reads the same tasks through ``roadmap.ordered``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd
import pyarrow as pa
from pydantic import ValidationError

from playbook.content import Content, content
from playbook.i18n import errors_by_field, t
from playbook.roadmap import Task, TaskDraft, TaskStatus, in_table_order, new_task_id
from playbook.text import clean_text

COLUMNS = ("id", "step", "title", "owner", "start", "due", "status", "notes", "problem")


def problem_text(draft: TaskDraft, lang: str) -> str:
    """What a draft row still needs, field by field ("Task: This field cannot be empty.")."""
    try:
        Task.model_validate(draft.model_dump())
    except ValidationError as exc:
        colon = "：" if lang == "zh" else ": "
        return ("；" if lang == "zh" else "; ").join(
            f"{_column_label(field, lang)}{colon}{' '.join(messages)}"
            for field, messages in errors_by_field(exc, lang).items()
        )
    return ""


def _column_label(field: str, lang: str) -> str:
    return t(f"rm.col.{field}", lang) if field in COLUMNS else t("rm.col.due", lang)


@dataclass(frozen=True)
class TaskTable:
    step_labels: dict[str, str]  # step id -> "1. Positioning"
    status_labels: dict[str, str]  # status -> its word in the page's language

    @classmethod
    def for_language(cls, content: Content, lang: str) -> TaskTable:
        return cls(
            {s.id: f"{s.number}. {s.title.get(lang)}" for s in content.steps},
            {s.value: t(f"rm.status.{s.value}", lang) for s in TaskStatus},
        )

    def frame(
        self, tasks: dict[str, Task], drafts: dict[str, TaskDraft], lang: str
    ) -> pd.DataFrame:
        """Tasks and drafts in the team's order; a draft's row says what it still needs."""
        merged: dict[str, Task | TaskDraft] = {**tasks, **drafts}
        rows = in_table_order(merged)
        return pd.DataFrame(
            {
                "id": [tid for tid, _ in rows],
                "step": [self.step_labels.get(r.step, r.step) if r.step else None for _, r in rows],
                "title": [r.title for _, r in rows],
                "owner": [r.owner for _, r in rows],
                "start": [r.start for _, r in rows],
                "due": [r.due for _, r in rows],
                "status": [self.status_labels[r.status.value] for _, r in rows],
                "notes": [r.notes for _, r in rows],
                "problem": [
                    problem_text(r, lang) if isinstance(r, TaskDraft) else "" for _, r in rows
                ],
            },
            columns=list(COLUMNS),
        )

    def records(self, edited: pd.DataFrame) -> list[dict[str, Any]]:
        """Edited rows as task fields (for ``roadmap.tasks_from_rows``)."""
        step_ids = {label: sid for sid, label in self.step_labels.items()}
        status_ids = {label: status for status, label in self.status_labels.items()}
        out = []
        for row in edited.to_dict("records"):
            record = {str(k): _cell(v) for k, v in row.items()}
            record["step"] = step_ids.get(str(record.get("step")), record.get("step"))
            record["status"] = status_ids.get(str(record.get("status")), record.get("status"))
            if isinstance(record.get("notes"), str):
                record["notes"] = clean_text(record["notes"])
            out.append(record)
        return out


def _cell(value: Any) -> Any:
    """A table cell as a plain value: empty cells are None, timestamps are dates."""
    if value is None or (not isinstance(value, list | dict) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def with_ids(edited: pd.DataFrame, added_ids: list[str]) -> pd.DataFrame:
    """The edited table with an id on every row: rows the editor added (no id yet) take
    the ids given to added rows before, in order, so saving again updates those tasks
    rather than adding them twice; ``added_ids`` grows when more rows are added."""
    out = edited.copy()
    position = 0
    ids = []
    for value in out["id"]:
        if _cell(value) is None:
            if position == len(added_ids):
                added_ids.append(new_task_id())
            ids.append(added_ids[position])
            position += 1
        else:
            ids.append(value)
    out["id"] = ids
    return out


def row_values(frame: pd.DataFrame, loose: set[str] | frozenset[str] = frozenset()) -> list[tuple]:
    """A table's rows as plain values, to tell whether two tables show the same tasks
    (empty and missing cells alike, dates as dates). The problem cell of the rows in
    ``loose`` is left out: the editor cannot show it for a row it added itself."""
    columns = [frame[c].tolist() if c in frame else [None] * len(frame) for c in COLUMNS]
    rows = []
    for row in zip(*columns, strict=True):
        values = []
        for column, cell in zip(COLUMNS, row, strict=True):
            value = _cell(cell)
            if column == "problem" and row[0] in loose:
                value = None
            if isinstance(value, str) and column in ("start", "due"):
                value = _date(value)
            values.append("" if value is None else value)
        rows.append(tuple(values))
    return rows


def _date(text: str) -> Any:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return text


@lru_cache(maxsize=64)
def platform_table(fits: tuple[str | None, ...], lang: str) -> pa.Table:
    """The platforms compared, for a plan's fits (in the content's order), as the Arrow
    table ``st.dataframe`` sends as it is (a pandas frame is converted on every run)."""
    platforms = content().platforms
    return pa.table(
        {
            t("rm.col.platform", lang): [p.label.get(lang) for p in platforms],
            t("rm.col.fit", lang): [
                t(f"rm.fit.{fit}", lang) if fit else t("rm.fit.unknown", lang) for fit in fits
            ],
            t("rm.col.cap", lang): [
                f"{p.group_cap:,}" if p.group_cap else t("rm.no_cap", lang) for p in platforms
            ],
            t("rm.col.strengths", lang): [p.strengths.get(lang) for p in platforms],
            t("rm.col.limits", lang): [p.limits.get(lang) for p in platforms],
            t("rm.col.audience", lang): [p.audience.get(lang) for p in platforms],
        }
    )

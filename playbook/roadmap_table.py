"""The roadmap as an editable table: tasks to rows with labels in the page's language, and
edited rows back to task fields (labels to ids, cells cleaned). The roadmap page only lays
the table out; the export reads the same tasks through ``roadmap.ordered``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from playbook.content import Content
from playbook.i18n import t
from playbook.roadmap import Task, TaskStatus, ordered
from playbook.text import clean_text

COLUMNS = ("id", "step", "title", "owner", "start", "due", "status", "notes")


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

    def frame(self, tasks: dict[str, Task]) -> pd.DataFrame:
        rows = ordered(tasks)
        return pd.DataFrame(
            {
                "id": [tid for tid, _ in rows],
                "step": [self.step_labels.get(task.step, task.step) for _, task in rows],
                "title": [task.title for _, task in rows],
                "owner": [task.owner for _, task in rows],
                "start": [task.start for _, task in rows],
                "due": [task.due for _, task in rows],
                "status": [self.status_labels[task.status.value] for _, task in rows],
                "notes": [task.notes for _, task in rows],
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

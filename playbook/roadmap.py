"""The implementation roadmap: tasks for the seven steps, and the platform choice.

Tasks are stored one per key under ``sections.roadmap.tasks.<task id>`` so that two people
editing different tasks at once both keep their edits (see store.py).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from playbook.content import Content, Platform
from playbook.ids import Slug
from playbook.text import LongText, RequiredShortText, ShortText

if TYPE_CHECKING:
    from playbook.plan import Plan


class TaskStatus(StrEnum):
    TO_DO = "todo"
    DOING = "doing"
    DONE = "done"
    BLOCKED = "blocked"


class Task(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step: Slug
    title: RequiredShortText
    owner: ShortText = ""
    start: date
    due: date
    status: TaskStatus = TaskStatus.TO_DO
    notes: LongText = ""
    order: int = Field(default=0, ge=0, le=100_000)

    @model_validator(mode="after")
    def _due_after_start(self) -> Task:
        if self.due < self.start:
            raise ValueError("due_before_start")
        return self

    def overdue(self, today: date) -> bool:
        return self.status != TaskStatus.DONE and self.due < today


def new_task_id() -> str:
    return "t" + secrets.token_hex(6)


def suggested_tasks(content: Content, stage: str, start: date, lang: str) -> dict[str, Task]:
    """The content's suggested tasks for a lifecycle stage, dated from ``start``."""
    tasks: dict[str, Task] = {}
    for step in content.steps:
        for index, suggestion in enumerate(step.tasks):
            if stage not in suggestion.stages:
                continue
            begins = start + timedelta(days=suggestion.start)
            tasks[f"s{step.number}_{index + 1}"] = Task(
                step=step.id,
                title=suggestion.title.get(lang),
                start=begins,
                due=begins + timedelta(days=suggestion.days),
                order=len(tasks),
            )
    return tasks


def stored_tasks(plan: Plan) -> dict[str, Task] | None:
    """The plan's tasks, or None while the team has not started its roadmap."""
    roadmap = plan.sections.roadmap
    return dict(roadmap.tasks) if roadmap.started else None


def ordered(tasks: dict[str, Task]) -> list[tuple[str, Task]]:
    return sorted(tasks.items(), key=lambda item: (item[1].start, item[1].order, item[0]))


def tasks_from_rows(
    rows: list[dict[str, Any]], existing: dict[str, Task] | None = None
) -> tuple[dict[str, Task], list[tuple[int, ValidationError]]]:
    """Tasks from table rows (``id`` plus Task fields); rows without an id are new tasks,
    placed after the existing ones. Returns the tasks and, for invalid rows, their
    1-based number and error."""
    existing = existing or {}
    next_order = max((t.order for t in existing.values()), default=-1) + 1
    tasks: dict[str, Task] = {}
    errors: list[tuple[int, ValidationError]] = []
    for number, row in enumerate(rows, start=1):
        task_id = row.get("id") or new_task_id()
        fields = {k: v for k, v in row.items() if k != "id" and v is not None}
        if task_id in existing:
            fields["order"] = existing[task_id].order
        else:
            fields["order"] = next_order
            next_order += 1
        try:
            tasks[task_id] = Task.model_validate(fields)
        except ValidationError as exc:
            errors.append((number, exc))
    return tasks, errors


def task_changes(before: dict[str, Task] | None, after: dict[str, Task]) -> dict[str, Any]:
    """Change set turning the stored tasks into ``after`` (only tasks that differ)."""
    changes: dict[str, Any] = {} if before is not None else {"sections.roadmap.started": True}
    before = before or {}
    for tid in before.keys() - after.keys():
        changes[f"sections.roadmap.tasks.{tid}"] = None
    for tid, task in after.items():
        if before.get(tid) != task:
            changes[f"sections.roadmap.tasks.{tid}"] = task.model_dump(mode="json")
    return changes


Fit = Literal["strong", "partial", "weak"]

# Which kinds of platform suit each community boundary (target members, variable 1):
# a closed customer community lives in private groups and owned spaces; an open interest
# community needs public content to be found; a mixed one needs both.
_FIT: dict[str, dict[str, Fit]] = {
    "customers_only": {
        "private_group": "strong",
        "owned": "strong",
        "offline": "strong",
        "public_content": "weak",
    },
    "customers_and_prospects": {
        "private_group": "strong",
        "owned": "strong",
        "public_content": "partial",
        "offline": "partial",
    },
    "open_interest": {
        "public_content": "strong",
        "owned": "strong",
        "private_group": "partial",
        "offline": "partial",
    },
}


def platform_fit(platform: Platform, plan: Plan) -> Fit | None:
    """How well a platform suits the plan's positioning (None until the boundary is set)."""
    boundary = plan.answer("target", "boundary")
    if not isinstance(boundary, str) or boundary not in _FIT:
        return None
    return _FIT[boundary][platform.kind]

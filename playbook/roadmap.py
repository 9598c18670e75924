"""The implementation roadmap: tasks for the seven steps, and the platform choice.

Tasks are stored one per key under ``sections.roadmap.tasks.<task id>`` so that two people
editing different tasks at once both keep their edits (see storage/plans.py).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Mapping
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


class TaskDraft(BaseModel):
    """A row the team started that is not a task yet (its title or a date is missing).
    It is kept with the plan, so nothing typed is lost, and its row says what is missing."""

    model_config = ConfigDict(extra="forbid")

    step: Slug | None = None
    title: ShortText = ""
    owner: ShortText = ""
    start: date | None = None
    due: date | None = None
    status: TaskStatus = TaskStatus.TO_DO
    notes: LongText = ""
    order: int = Field(default=0, ge=0, le=100_000)


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
    """Tasks by start date (the timeline and the exported document)."""
    return sorted(tasks.items(), key=lambda item: (item[1].start, item[1].order, item[0]))


def in_table_order(rows: dict[str, Task | TaskDraft]) -> list[tuple[str, Task | TaskDraft]]:
    """Rows as the team arranged them: a row added last stays last while it is edited."""
    return sorted(rows.items(), key=lambda item: (item[1].order, item[0]))


def sorted_by_date(tasks: dict[str, Task]) -> dict[str, Task]:
    """The same tasks renumbered in start-date order (the table's "sort" button)."""
    return {
        tid: task.model_copy(update={"order": n}) for n, (tid, task) in enumerate(ordered(tasks))
    }


def tasks_from_rows(
    rows: list[dict[str, Any]], existing: Mapping[str, Task | TaskDraft] | None = None
) -> tuple[dict[str, Task], list[tuple[int, ValidationError]]]:
    """Tasks from table rows (``id`` plus Task fields); rows without an id are new tasks,
    placed after the existing ones. Returns the tasks and, for invalid rows, their
    1-based number and error."""
    tasks, _, errors = rows_to_tasks(rows, existing)
    return tasks, [(number, exc) for number, _, exc in errors]


def rows_to_tasks(
    rows: list[dict[str, Any]], existing: Mapping[str, Task | TaskDraft] | None = None
) -> tuple[dict[str, Task], dict[str, TaskDraft], list[tuple[int, str, ValidationError]]]:
    """Table rows as tasks, and as drafts where a row is not a valid task yet.

    Returns the tasks, the drafts, and for each row that is not a task its 1-based
    number, its id and why (a row that is not even a valid draft is in the errors only).
    """
    existing = existing or {}
    next_order = max((t.order for t in existing.values()), default=-1) + 1
    tasks: dict[str, Task] = {}
    drafts: dict[str, TaskDraft] = {}
    errors: list[tuple[int, str, ValidationError]] = []
    for number, row in enumerate(rows, start=1):
        task_id = row.get("id") or new_task_id()
        fields = {k: v for k, v in row.items() if k not in ("id", "problem") and v is not None}
        if task_id in existing:
            fields["order"] = existing[task_id].order
        else:
            fields["order"] = next_order
            next_order += 1
        try:
            tasks[task_id] = Task.model_validate(fields)
        except ValidationError as exc:
            errors.append((number, task_id, exc))
            with contextlib.suppress(ValidationError):
                drafts[task_id] = TaskDraft.model_validate(fields)
    return tasks, drafts, errors


def task_changes(
    before: dict[str, Task] | None,
    after: dict[str, Task],
    drafts_before: Mapping[str, TaskDraft] | None = None,
    drafts_after: Mapping[str, TaskDraft] | None = None,
) -> dict[str, Any]:
    """Change set turning the stored tasks (and drafts) into ``after`` (only rows that
    differ); a draft that became a task leaves the drafts."""
    changes: dict[str, Any] = {} if before is not None else {"sections.roadmap.started": True}
    for kind, old, new in (
        ("tasks", before or {}, after),
        ("drafts", drafts_before or {}, drafts_after or {}),
    ):
        for tid in old.keys() - new.keys():
            changes[f"sections.roadmap.{kind}.{tid}"] = None
        for tid, row in new.items():
            if old.get(tid) != row:
                changes[f"sections.roadmap.{kind}.{tid}"] = row.model_dump(mode="json")
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

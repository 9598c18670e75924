"""What the plan store hands out: a plan at a version, a plan in a list, a revision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from playbook.plan import Plan


@dataclass(frozen=True)
class PlanRecord:
    plan: Plan
    version: int
    # the stored JSON of this version, exactly as written (the base of the next patch)
    data: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class PlanSummary:
    id: str
    title: str
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class RevisionInfo:
    version: int
    created_at: datetime
    changed: list[str]
    source: str
    author: str | None = None  # the editor's display name, when they gave one

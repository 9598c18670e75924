"""Shapes of the plan's later sections (roadmap, checklist, KPIs, calculators).

``Plan.sections`` holds them as JSON; ``check_sections`` validates them whenever a plan is
stored or imported, so no page ever reads a section it cannot understand.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from calculators import group_size, roi
from playbook.actuals import Actuals
from playbook.plan import Plan, Slug
from playbook.roadmap import Task
from playbook.text import LongText, ShortText


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Roadmap(_Strict):
    started: bool = False
    platforms: list[Slug] = Field(default_factory=list, max_length=30)
    rationale: LongText = ""
    tasks: dict[Slug, Task | None] = Field(default_factory=dict, max_length=500)


class ChecklistEntry(_Strict):
    done: bool = False
    note: ShortText = ""


class Kpi(_Strict):
    on: bool = False
    question: ShortText = ""
    metric: Slug | None = None
    formula: LongText = ""
    target: ShortText = ""
    cadence: Slug | None = None


class Sections(_Strict):
    roadmap: Roadmap | None = None
    checklist: dict[Slug, ChecklistEntry] = Field(default_factory=dict, max_length=200)
    kpis: dict[Slug, Kpi] = Field(default_factory=dict, max_length=50)
    group_size: dict[str, Any] | None = None
    roi: dict[str, Any] | None = None
    actuals: Actuals | None = None


def check_sections(plan: Plan) -> None:
    """Raise ``pydantic.ValidationError`` when a section does not have its shape."""
    sections = Sections.model_validate(plan.sections)
    if sections.group_size is not None:
        group_size.GroupSizeInput.model_validate(group_size.effective(sections.group_size))
    if sections.roi is not None:
        roi.RoiInput.model_validate(roi.effective(sections.roi))

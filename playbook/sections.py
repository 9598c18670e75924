"""The plan's later sections: roadmap, checklist, KPIs and the calculators' inputs.

``Plan.sections`` is a :class:`Sections`; every reader gets typed values with defaults, and
edits still arrive as change sets on dotted paths (``sections.kpis.sales.target``). Plans
stored before the sections were typed load unchanged: a missing or ``null`` section means
its default, and a removed task (``null``) is dropped.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from calculators import group_size
from calculators.group_size import GroupSizeSection
from calculators.roi import StoredRoi
from playbook.actuals import Actuals
from playbook.ids import Slug
from playbook.roadmap import Task, TaskDraft
from playbook.text import LongText, ShortText

MAX_PLATFORMS = 30
MAX_TASKS = 500
MAX_DRAFTS = 100
MAX_CHECKLIST = 200
MAX_KPIS = 50


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Roadmap(_Strict):
    started: bool = False
    platforms: list[Slug] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    rationale: LongText = ""
    tasks: dict[Slug, Task] = Field(default_factory=dict, max_length=MAX_TASKS)
    # rows not yet valid as tasks (a title or date missing), kept so nothing typed is lost
    drafts: dict[Slug, TaskDraft] = Field(default_factory=dict, max_length=MAX_DRAFTS)

    @field_validator("tasks", "drafts", mode="before")
    @classmethod
    def _drop_removed(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if v is not None}
        return value


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
    roadmap: Roadmap = Field(default_factory=Roadmap)
    checklist: dict[Slug, ChecklistEntry] = Field(default_factory=dict, max_length=MAX_CHECKLIST)
    kpis: dict[Slug, Kpi] = Field(default_factory=dict, max_length=MAX_KPIS)
    # What a team saved in the group-size calculator; read through
    # ``calculators.group_size.from_section``.
    group_size: GroupSizeSection | None = None
    # The ROI estimator's inputs (a section of the earlier model is carried over on load)
    roi: StoredRoi | None = None
    # What happened after launch, period by period (see actuals.py).
    actuals: Actuals = Field(default_factory=Actuals)

    @model_validator(mode="before")
    @classmethod
    def _defaults_for_null(cls, data: Any) -> Any:
        """``null`` (written by older plans) means "not set", i.e. the default."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data

    @model_validator(mode="after")
    def _calculator_inputs_valid(self) -> Sections:
        group_size.from_section(self.group_size)
        return self

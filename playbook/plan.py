"""The Plan: everything a team decides while working through the playbook.

A plan is stored as one JSON document (see ``storage/plans.py``). Edits arrive as *changes*: a
mapping from a dotted path (``"answers.target.summary"``) to a new value. Applying changes
to the latest stored document, rather than saving a whole plan a browser once loaded, is
what lets two teammates edit different fields at the same time without losing either edit.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from playbook.clock import TimeZoneName
from playbook.comments import MAX_COMMENTS, Comment, CommentId
from playbook.errors import PlaybookError
from playbook.ids import PlanId, Slug, Stage, is_plan_id, new_plan_id
from playbook.sections import Sections
from playbook.text import LongText, RequiredShortText, ShortText

__all__ = ["Plan", "PlanId", "PlanMeta", "Slug", "Stage", "is_plan_id", "new_plan_id"]

SCHEMA_VERSION = 1

AnswerValue = LongText | list[ShortText] | int | None


class PlanMeta(BaseModel):
    """Who the plan is for; entered when a plan is started, editable later."""

    model_config = ConfigDict(extra="forbid")

    team: RequiredShortText
    community: RequiredShortText
    industry: Slug
    platforms: list[Slug] = Field(default_factory=list, max_length=30)
    stage: Stage = Stage.COLD_START
    # where the team works: the date and times in its documents (None: the language's default)
    time_zone: TimeZoneName | None = None


def _now() -> datetime:
    return datetime.now(UTC)


class Plan(BaseModel):
    """One team's community-marketing plan (schema version 1)."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = 1  # SCHEMA_VERSION
    id: PlanId
    meta: PlanMeta
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)
    # variable id -> field id -> value
    answers: dict[Slug, dict[Slug, AnswerValue]] = Field(default_factory=dict)
    # Roadmap, checklist, KPIs and calculator inputs (see sections.py).
    sections: Sections = Field(default_factory=Sections)
    notes: LongText = ""
    # comment id -> comment (see comments.py); kept when an earlier revision is restored
    comments: dict[CommentId, Comment] = Field(default_factory=dict, max_length=MAX_COMMENTS)

    def answer(self, variable: str, field: str) -> AnswerValue:
        return self.answers.get(variable, {}).get(field)

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str | bytes) -> Plan:
        return cls.model_validate_json(text)


# Paths a change may write to; anything else is refused before it reaches the database.
_PATH_RE = re.compile(
    r"^(meta\.(team|community|industry|platforms|stage|time_zone)"
    r"|answers\.[a-z][a-z0-9_]{0,39}\.[a-z][a-z0-9_]{0,39}"
    r"|sections(\.[a-z][a-z0-9_]{0,39}){1,4}"
    r"|notes"
    r"|comments\.c[0-9a-f]{12}(\.resolved)?)$"
)


class InvalidChange(PlaybookError, ValueError):
    """A change names a path that a plan does not have."""

    message_key = "err.invalid"


def check_path(path: str) -> list[str]:
    if not _PATH_RE.fullmatch(path):
        raise InvalidChange(path)
    return path.split(".")


def apply_changes(plan: Plan, changes: Mapping[str, Any]) -> Plan:
    """Return a new, validated plan with ``changes`` applied; ``plan`` is not touched.

    Raises ``pydantic.ValidationError`` when a value is not acceptable, so an invalid
    edit never produces a plan that could be stored.
    """
    data = plan.model_dump(mode="json")
    for path, value in changes.items():
        parts = check_path(path)
        node = data
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        if value is None or value == "" or value == []:
            node.pop(parts[-1], None)
        else:
            node[parts[-1]] = copy.deepcopy(value)
    # Drop variables whose every answer was cleared, so "empty" has one representation.
    data["answers"] = {k: v for k, v in data.get("answers", {}).items() if v}
    return Plan.model_validate(data)


def same_content(a: Plan, b: Plan) -> bool:
    """True when two plans differ at most in their timestamps."""
    skip = {"updated_at"}
    return a.model_dump(exclude=skip) == b.model_dump(exclude=skip)


def _diff(a: Any, b: Any, prefix: str, depth: int) -> list[str]:
    """Paths below ``prefix`` where two JSON values differ, down to ``depth`` levels."""
    if a == b:
        return []
    if depth > 0 and (isinstance(a, dict) or isinstance(b, dict)):
        a, b = a if a is not None else {}, b if b is not None else {}
    if depth == 0 or not isinstance(a, dict) or not isinstance(b, dict):
        return [prefix]
    paths: list[str] = []
    for key in sorted(set(a) | set(b)):
        paths += _diff(a.get(key), b.get(key), f"{prefix}.{key}", depth - 1)
    return paths


# How deep a change is described: one checklist item, one KPI goal, one roadmap task, one
# calculator input (or one driver's range).
_SECTION_DEPTH = {"checklist": 1, "kpis": 1, "roadmap": 2, "group_size": 1, "roi": 2}


def changed_paths(old: Plan, new: Plan) -> list[str]:
    """Dotted paths whose value differs between two plans (for revision summaries)."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    paths = _diff(a["meta"], b["meta"], "meta", 1)
    paths += _diff(a["answers"], b["answers"], "answers", 2)
    for key, depth in _SECTION_DEPTH.items():
        paths += _diff(a["sections"].get(key), b["sections"].get(key), f"sections.{key}", depth)
    for key in sorted(set(a["sections"]) - set(_SECTION_DEPTH)):
        paths += _diff(a["sections"][key], b["sections"].get(key), f"sections.{key}", 1)
    if a["notes"] != b["notes"]:
        paths.append("notes")
    paths += _diff(a.get("comments"), b.get("comments"), "comments", 1)
    return paths

"""A plan checked against the playbook's content, and problems named by field.

The plan model knows the shape of a plan (which keys, which types, how long); only the
content knows which industries, platforms, steps, checklist items, KPI objectives and
answer options exist, and each field's limits. Editing offers nothing else; a plan that
arrives whole (an imported file) is held to the same rules here, so no page or export
meets an id it cannot look up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from playbook.answers import clean_answer
from playbook.content import Content
from playbook.describe import path_label
from playbook.i18n import error_message, t
from playbook.kpis import CUSTOM
from playbook.plan import Plan

# pydantic names the branch of a union (``str``, ``list[…]``, ``function-after[…]``) and
# list positions in an error's location; they say nothing to a person and are dropped.
_BRANCH = re.compile(r"^(str|int|float|bool|none|list|dict|constrained-\w+|\d+)$|[\[\](),<> ]")
# The error types a union reports for the branches a value did not even try to be.
_WRONG_BRANCH = {
    "string_type",
    "int_type",
    "int_parsing",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "list_type",
    "dict_type",
    "none_required",
    "model_type",
}


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field: its dotted path and a pydantic-style error."""

    path: str
    error: Mapping[str, Any] = field(default_factory=dict)


def _unknown(path: str, value: object) -> FieldProblem:
    return FieldProblem(path, {"type": "enum", "input": value, "ctx": {}})


def _not_a_field(path: str) -> FieldProblem:
    return FieldProblem(path, {"type": "unknown_field", "ctx": {}})


def from_validation(exc: ValidationError, prefix: Sequence[str] = ()) -> list[FieldProblem]:
    """One problem per field: a union's branch errors become the one that applies."""
    chosen: dict[str, Mapping[str, Any]] = {}
    for error in exc.errors(include_url=False):
        parts = [*prefix, *(str(p) for p in error["loc"] if not _BRANCH.search(str(p)))]
        path = ".".join(parts) or "plan"
        if path not in chosen or (
            chosen[path]["type"] in _WRONG_BRANCH and error["type"] not in _WRONG_BRANCH
        ):
            chosen[path] = {k: v for k, v in error.items() if k in ("type", "ctx", "input")}
    return [FieldProblem(path, error) for path, error in chosen.items()]


def _answers(plan: Plan, content: Content) -> Iterator[FieldProblem]:
    variables = {v.id: v for v in content.variables}
    for variable_id, answers in plan.answers.items():
        variable = variables.get(variable_id)
        for field_id, value in answers.items():
            path = f"answers.{variable_id}.{field_id}"
            spec = (
                next((f for f in variable.fields if f.id == field_id), None) if variable else None
            )
            if spec is None:
                yield _not_a_field(path)
                continue
            try:
                clean_answer(spec, value)
            except ValidationError as exc:
                yield FieldProblem(path, from_validation(exc)[0].error)


def _meta(plan: Plan, content: Content) -> Iterator[FieldProblem]:
    if plan.meta.industry not in {o.id for o in content.industries}:
        yield _unknown("meta.industry", plan.meta.industry)
    platforms = {p.id for p in content.platforms}
    if unknown := [p for p in plan.meta.platforms if p not in platforms]:
        yield _unknown("meta.platforms", unknown[0])


def _sections(plan: Plan, content: Content) -> Iterator[FieldProblem]:
    roadmap = plan.sections.roadmap
    steps = {s.id for s in content.steps}
    for task_id, task in roadmap.tasks.items():
        if task.step not in steps:
            yield _unknown(f"sections.roadmap.tasks.{task_id}.step", task.step)
    platforms = {p.id for p in content.platforms}
    if unknown := [p for p in roadmap.platforms if p not in platforms]:
        yield _unknown("sections.roadmap.platforms", unknown[0])
    items = {i.id for i in content.items}
    for item_id in plan.sections.checklist:
        if item_id not in items:
            yield _not_a_field(f"sections.checklist.{item_id}")
    objectives = {o.id: o for o in content.objectives}
    cadences = {c.id for c in content.cadences}
    for objective_id, kpi in plan.sections.kpis.items():
        path = f"sections.kpis.{objective_id}"
        objective = objectives.get(objective_id)
        if objective is None:
            yield _not_a_field(path)
            continue
        metrics = {m.id for m in objective.metrics} | {CUSTOM}
        if kpi.metric is not None and kpi.metric not in metrics:
            yield _unknown(f"{path}.metric", kpi.metric)
        if kpi.cadence is not None and kpi.cadence not in cadences:
            yield _unknown(f"{path}.cadence", kpi.cadence)


def content_problems(plan: Plan, content: Content) -> list[FieldProblem]:
    """Every id or value in ``plan`` that the content does not allow (empty when none)."""
    return [*_meta(plan, content), *_answers(plan, content), *_sections(plan, content)]


def _task_title(path: list[str], data: Mapping[str, Any]) -> str:
    tasks = ((data.get("sections") or {}).get("roadmap") or {}).get("tasks") or {}
    task = tasks.get(path[3]) if isinstance(tasks, dict) else None
    title = task.get("title") if isinstance(task, dict) else None
    return title if isinstance(title, str) and title.strip() else path[3]


def field_label(path: str, content: Content, lang: str, data: Mapping[str, Any]) -> str:
    """The name a person knows a field by (a task by its title), in ``lang``."""
    parts = path.split(".")
    if parts[:3] == ["sections", "roadmap", "tasks"] and len(parts) >= 4:
        label = t("imp.task", lang, title=_task_title(parts, data)[:60])
        if len(parts) >= 5 and f"rm.col.{parts[4]}" in _known_keys():
            label += " · " + t(f"rm.col.{parts[4]}", lang)
        return label
    if parts[0] == "sections" and len(parts) >= 2:
        known = f"section.{parts[1]}" in _known_keys()
        return t(f"section.{parts[1]}", lang) if known else t("imp.unknown_part", lang, path=path)
    if parts[0] in ("kind", "schema_version", "id", "created_at", "updated_at", "plan"):
        return t("imp.file", lang)
    label = path_label(path, content, lang)
    return label if label != path else t("imp.unknown_part", lang, path=path)


def _known_keys() -> set[str]:
    from playbook.i18n import strings

    return set(strings())


def messages(
    problems: Sequence[FieldProblem], content: Content, lang: str, data: Mapping[str, Any]
) -> list[str]:
    """One plain sentence per problem, ``label: what is wrong``, without repeats."""
    lines = []
    for problem in problems:
        if problem.error.get("type") == "unknown_field":
            message = t("imp.not_a_field", lang)
        else:
            message = error_message(problem.error, lang)
        label = field_label(problem.path, content, lang, data)
        lines.append(t("imp.field", lang, path=label, message=message))
    return list(dict.fromkeys(lines))

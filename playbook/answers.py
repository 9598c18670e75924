"""Checking a team's answer against the field it belongs to, and measuring progress.

Widgets hand over raw values (strings from text boxes, lists from multiselects, numbers);
``clean_answer`` turns one into the value stored in the plan or raises
``pydantic.ValidationError``, whose errors ``i18n.error_messages`` translates.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal, cast

from pydantic import BeforeValidator, Field, StringConstraints, TypeAdapter

from playbook.content import FieldSpec, Variable
from playbook.plan import AnswerValue, Plan
from playbook.text import MAX_SHORT, MAX_TEXT, clean_line, clean_text


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


@lru_cache(maxsize=512)
def _adapter(spec: FieldSpec) -> TypeAdapter:
    if spec.kind == "line":
        limit = spec.max_chars or MAX_SHORT
        return TypeAdapter(
            Annotated[str, BeforeValidator(clean_line), StringConstraints(max_length=limit)]
        )
    if spec.kind == "text":
        limit = spec.max_chars or MAX_TEXT
        return TypeAdapter(
            Annotated[str, BeforeValidator(clean_text), StringConstraints(max_length=limit)]
        )
    # the field's options as a Literal type, built at run time from the content
    one_of: Any = cast(Any, Literal)[tuple(o.id for o in spec.options)]
    if spec.kind == "choice":
        return TypeAdapter(one_of | None)
    if spec.kind == "choices":
        return TypeAdapter(list[one_of])
    bounded = Annotated[int, Field(ge=spec.min, le=spec.max)]
    return TypeAdapter(Annotated[bounded | None, BeforeValidator(_blank_to_none)])


def clean_answer(spec: FieldSpec, raw: Any) -> AnswerValue:
    """The value to store for ``raw`` typed into ``spec``; raises ValidationError."""
    value = _adapter(spec).validate_python(raw)
    if isinstance(value, list):
        # keep the team's order, drop repeats
        value = list(dict.fromkeys(value))
    return value


def is_filled(value: AnswerValue) -> bool:
    return value not in (None, "", [])


class Status(StrEnum):
    EMPTY = "empty"
    STARTED = "started"
    COMPLETE = "complete"


def statuses(plan: Plan, variables: Iterable[Variable]) -> dict[str, Status]:
    """Each variable's status by its id: complete when every required field is filled, not
    with a template's example text (still marked as such); started when anything is
    filled. The plan's marked examples are looked up once for all of them."""
    from playbook.content import content
    from playbook.examples import examples

    marked: list[tuple[str, str]] | None = None
    out: dict[str, Status] = {}
    for variable in variables:
        answers = plan.answers.get(variable.id, {})
        filled = {fid for fid, value in answers.items() if is_filled(value)}
        if not filled:
            out[variable.id] = Status.EMPTY
            continue
        if marked is None:
            marked = examples().example_left(plan, content(), marked_only=True)
        examples_left = {f for v, f in marked if v == variable.id}
        required = {f.id for f in variable.fields if f.required}
        complete = required <= filled - examples_left
        out[variable.id] = Status.COMPLETE if complete else Status.STARTED
    return out


def variable_status(plan: Plan, variable: Variable) -> Status:
    """One variable's status (see :func:`statuses`)."""
    return statuses(plan, [variable])[variable.id]


def completed(by_variable: dict[str, Status]) -> int:
    """How many of these statuses are complete."""
    return sum(status is Status.COMPLETE for status in by_variable.values())


def progress(plan: Plan, variables: list[Variable]) -> tuple[int, int]:
    """(complete variables, all variables)."""
    return completed(statuses(plan, variables)), len(variables)

"""The identifiers every part of the playbook shares: slugs, plan ids and plan stages.

Defined once here so that content, plans, storage and pages agree on what a valid id is.
"""

from __future__ import annotations

import re
import secrets
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints

SLUG_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]

# secrets.token_urlsafe(16) gives 22 characters (128 random bits); longer ids are accepted
# so that a server may choose stronger ones.
PLAN_ID_RE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
PlanId = Annotated[str, StringConstraints(pattern=PLAN_ID_RE.pattern)]


class Stage(StrEnum):
    """Where a community is in its life: the review and the roadmap depend on it."""

    COLD_START = "cold_start"
    GROWING = "growing"
    MATURE = "mature"


def new_plan_id() -> str:
    """An unguessable, URL-safe id (128 random bits)."""
    return secrets.token_urlsafe(16)


def is_plan_id(value: object) -> bool:
    return isinstance(value, str) and PLAN_ID_RE.fullmatch(value) is not None

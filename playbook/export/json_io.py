"""A plan as a schema-versioned JSON file, and the import that checks one thoroughly
before it becomes a new plan (an import never changes an existing plan)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from playbook.plan import SCHEMA_VERSION, Plan, new_plan_id

KIND = "community-playbook-plan"
MAX_BYTES = 2 * 1024 * 1024


def to_json(plan: Plan) -> bytes:
    document = {
        "kind": KIND,
        "schema_version": SCHEMA_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "plan": plan.model_dump(mode="json"),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass
class ImportProblem(Exception):
    """Why a file cannot be imported: a ui string key, its values, and field errors."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _errors(exc: ValidationError) -> list[tuple[str, dict[str, Any]]]:
    return [
        (".".join(str(part) for part in error["loc"]) or "plan", dict(error))
        for error in exc.errors(include_url=False)
    ]


def read_plan(data: bytes) -> Plan:
    """The plan in an exported file, with a fresh id; raises ImportProblem."""
    if len(data) > MAX_BYTES:
        raise ImportProblem(
            "imp.too_large", {"size": len(data) // 1024, "limit": MAX_BYTES // 1024}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem("imp.not_utf8") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} ({exc.lineno}:{exc.colno})"
        raise ImportProblem("imp.not_json", {"detail": detail}) from None
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise ImportProblem("imp.wrong_kind")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION or not isinstance(document.get("plan"), dict):
        raise ImportProblem(
            "imp.wrong_version", {"version": str(version)[:20], "supported": SCHEMA_VERSION}
        )
    now = datetime.now(UTC)
    body = document["plan"] | {"id": new_plan_id(), "created_at": now, "updated_at": now}
    try:
        return Plan.model_validate(body)
    except ValidationError as exc:
        errors = _errors(exc)
        raise ImportProblem("imp.invalid", {"count": len(errors)}, errors) from None

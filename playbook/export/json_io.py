"""A plan as a schema-versioned JSON file, and the import that checks one thoroughly
before it becomes a new plan (an import never changes an existing plan).

An imported file is held to the rules editing follows: the plan model's shape and limits,
and the content's ids and ranges (``conformance``). Whatever is wrong is reported once per
field, by the field's name; nothing of the file is stored until all of it is right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from playbook.conformance import FieldProblem, content_problems, from_validation
from playbook.content import Content
from playbook.plan import SCHEMA_VERSION, Plan, new_plan_id

KIND = "community-playbook-plan"
MAX_BYTES = 2 * 1024 * 1024
# An exported plan nests six levels deep; anything far deeper is not a plan and would
# only exhaust the parser's stack.
MAX_DEPTH = 32


def to_json(plan: Plan) -> bytes:
    """The plan as a file for backups and moving between servers (without its id)."""
    document = {
        "kind": KIND,
        "schema_version": SCHEMA_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        # the plan id opens the plan for editing; an import gives the copy a new one
        "plan": plan.model_dump(mode="json", exclude={"id"}),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass
class ImportProblem(Exception):
    """Why a file cannot be imported: a ui string key, its values, and field problems
    (with the file's plan data, for naming them)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[FieldProblem] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _too_deep(value: Any) -> bool:
    """Whether containers nest deeper than MAX_DEPTH (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = node.values() if isinstance(node, dict) else node
        if isinstance(node, dict | list):
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _parse(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise ImportProblem(
            "imp.too_large", {"size": len(data) // 1024, "limit": MAX_BYTES // 1024}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem("imp.not_utf8") from None
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except RecursionError:
        raise ImportProblem("imp.too_deep") from None
    except _DuplicateKey as exc:
        raise ImportProblem("imp.duplicate_key", {"key": exc.key[:80]}) from None
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} ({exc.lineno}:{exc.colno})"
        raise ImportProblem("imp.not_json", {"detail": detail}) from None
    if _too_deep(document):
        raise ImportProblem("imp.too_deep")
    return document


def _version(value: Any) -> int | None:
    """The file's format version: a whole number, also when written as text ("1")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def read_plan(data: bytes, content: Content | None = None) -> Plan:
    """The plan in an exported file, with a fresh id; raises ImportProblem."""
    document = _parse(data)
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise ImportProblem("imp.wrong_kind")
    raw_version = document.get("schema_version")
    if _version(raw_version) != SCHEMA_VERSION:
        shown = str(raw_version)[:20] if raw_version is not None else "—"
        raise ImportProblem("imp.wrong_version", {"version": shown, "supported": SCHEMA_VERSION})
    if not isinstance(document.get("plan"), dict):
        raise ImportProblem("imp.wrong_kind")
    now = datetime.now(UTC)
    body = document["plan"] | {"id": new_plan_id(), "created_at": now, "updated_at": now}
    body["schema_version"] = SCHEMA_VERSION
    try:
        plan = Plan.model_validate(body)
    except ValidationError as exc:
        raise _invalid(from_validation(exc), body) from None
    if content is None:
        from playbook.content import content as load

        content = load()
    if problems := content_problems(plan, content):
        raise _invalid(problems, body)
    return plan


def _invalid(problems: list[FieldProblem], body: dict[str, Any]) -> ImportProblem:
    return ImportProblem("imp.invalid", {"count": len(problems)}, problems, body)

"""How revisions are stored: a full copy now and then, JSON Patches in between.

Revision 1 of a plan, and every ``SNAPSHOT_EVERY``-th revision after it (101, 201, …), holds
the whole plan (a *snapshot*); every other revision holds a JSON Patch (RFC 6902) that turns
the revision before it into this one. Reading revision *k* starts from the nearest snapshot
at or below *k* and applies the patches after it, so no read applies more than
``SNAPSHOT_EVERY - 1`` patches. A typical edit changes one field, so a patch is a few
hundred bytes where a copy of the plan may be a megabyte.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import jsonpatch
from jsonpointer import escape

SNAPSHOT_EVERY = 100


class Kind(StrEnum):
    SNAPSHOT = "snapshot"
    PATCH = "patch"


class BrokenHistory(ValueError):
    """Stored revisions that do not rebuild a plan (a patch without its base)."""


def snapshot_due(version: int) -> bool:
    """Whether revision ``version`` is stored in full."""
    return version % SNAPSHOT_EVERY == 1 or version == 1


def diff(before: Any, after: Any, pointer: str, out: list[dict[str, Any]]) -> None:
    """Append to ``out`` the JSON Patch operations that turn ``before`` (at ``pointer``)
    into ``after``. Objects are compared key by key and equal values skipped whole (a
    comparison in C), so an edit costs what it changed, not the plan's size; lists go to
    jsonpatch's own diff, which also finds moved items. Values compare as Python values
    (1 == 1.0): a plan's fields are typed, so a value never turns into an equal one of
    another JSON type between two revisions."""
    if before == after and type(before) is type(after):
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before:
            if key not in after:
                out.append({"op": "remove", "path": f"{pointer}/{escape(key)}"})
        for key, value in after.items():
            path = f"{pointer}/{escape(key)}"
            if key in before:
                diff(before[key], value, path, out)
            else:
                out.append({"op": "add", "path": path, "value": value})
    elif isinstance(before, list) and isinstance(after, list):
        for operation in jsonpatch.make_patch(before, after).patch:
            moved = dict(operation, path=pointer + operation["path"])
            if "from" in operation:
                moved["from"] = pointer + operation["from"]
            out.append(moved)
    else:
        out.append({"op": "replace", "path": pointer, "value": after})


def encode(version: int, previous: str | None, current: str) -> tuple[Kind, str]:
    """What to store for revision ``version`` whose plan JSON is ``current``, given the JSON
    of the revision before it (``None`` for none).

    A patch is stored only when it rebuilds ``current`` exactly (it is checked by applying
    it) and is smaller than the plan itself; otherwise the revision is a snapshot.
    """
    if previous is None or snapshot_due(version):
        return Kind.SNAPSHOT, current
    before, after = json.loads(previous), json.loads(current)
    operations: list[dict[str, Any]] = []
    diff(before, after, "", operations)
    patch = jsonpatch.JsonPatch(operations)
    text = json.dumps(operations, ensure_ascii=False, separators=(",", ":"))
    if len(text) >= len(current):
        return Kind.SNAPSHOT, current
    try:
        rebuilt = jsonpatch.apply_patch(before, patch, in_place=True)
    except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException):
        return Kind.SNAPSHOT, current
    if rebuilt != after:
        return Kind.SNAPSHOT, current
    return Kind.PATCH, text


def rebuild(rows: Iterable[tuple[str, str]]) -> str:
    """The plan JSON of the last of ``rows`` — ``(kind, data)`` pairs in version order,
    starting with a snapshot and with no version missing."""
    document: Any = None
    for kind, data in rows:
        if kind == Kind.SNAPSHOT:
            document = json.loads(data)
        elif document is None:
            raise BrokenHistory("a patch without a snapshot before it")
        else:
            try:
                document = jsonpatch.apply_patch(document, json.loads(data), in_place=True)
            except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
                raise BrokenHistory(str(exc)) from exc
    if document is None:
        raise BrokenHistory("no revisions")
    return json.dumps(document, ensure_ascii=False)

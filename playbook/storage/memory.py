"""What a server process keeps of stored plans: parsed plans by a digest of their JSON,
and the newest record of each plan per database, so that a rerun of a page whose plan has
not changed reads neither the JSON nor parses it. Only committed versions are kept."""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict

from sqlalchemy.engine import Engine

from playbook.plan import Plan
from playbook.storage.records import PlanRecord

# Plans parsed from stored JSON, by a digest of the JSON (a maximal plan's JSON is half a
# megabyte: the digest, not the text, is kept): revisions, and versions another server
# process wrote. A few suffice, as the newest version of each plan is kept below.
_PARSED_MAX = 32
_parsed: OrderedDict[bytes, Plan] = OrderedDict()
_guard = threading.Lock()


def _digest(data: str) -> bytes:
    return hashlib.blake2b(data.encode(), digest_size=16).digest()


def parse(data: str) -> Plan:
    """A stored plan, parsed once per process: every rerun of every open page reads the
    plan, and the same stored JSON always gives the same plan (callers never mutate it)."""
    key = _digest(data)
    with _guard:
        plan = _parsed.get(key)
        if plan is not None:
            _parsed.move_to_end(key)
            return plan
    plan = Plan.from_json(data)
    remember(data, plan)
    return plan


def remember(data: str, plan: Plan) -> None:
    """Note that ``data`` parses to ``plan`` (a plan just saved as ``data``), so that the
    next read of the plan does not parse it again."""
    key = _digest(data)
    with _guard:
        _parsed[key] = plan
        _parsed.move_to_end(key)
        while len(_parsed) > _PARSED_MAX:
            _parsed.popitem(last=False)


# The newest record read or written of each plan, per database: a plan whose version has
# not changed since is returned without reading its JSON again.
_LATEST: weakref.WeakKeyDictionary[Engine, OrderedDict[str, PlanRecord]] = (
    weakref.WeakKeyDictionary()
)
_LATEST_MAX = 256


def _latest_of(engine: Engine) -> OrderedDict[str, PlanRecord]:
    """The newest record read or written per plan, for one database."""
    with _guard:
        return _LATEST.setdefault(engine, OrderedDict())


def known(engine: Engine, plan_id: str) -> PlanRecord | None:
    """The newest record of the plan this process has read or written, if any."""
    latest = _latest_of(engine)
    with _guard:
        return latest.get(plan_id)


def keep_latest(engine: Engine, record: PlanRecord) -> None:
    """Keep ``record`` as the plan's newest (a committed version only)."""
    latest = _latest_of(engine)
    with _guard:
        known = latest.get(record.plan.id)
        if known is None or known.version <= record.version:
            latest[record.plan.id] = record
            latest.move_to_end(record.plan.id)
        while len(latest) > _LATEST_MAX:
            latest.popitem(last=False)

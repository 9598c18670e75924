"""Plan persistence with revisions, on SQLAlchemy Core.

SQLite (one file under ``PLAYBOOK_DATA_DIR``) is the default; any SQLAlchemy URL given
in ``PLAYBOOK_DATABASE_URL`` (PostgreSQL for several replicas) takes the same code path.

Every write is a *change set* applied to the newest stored plan and guarded by the
plan's version column (optimistic concurrency). When another writer got in first, the
change set is re-applied to their result, so edits to different fields both survive;
edits to the same field resolve to the later one, and the earlier value remains in the
revisions table, from which any revision can be restored.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from playbook.errors import ConcurrentUpdateError, PlanNotFound, translating
from playbook.plan import (
    Plan,
    PlanMeta,
    apply_changes,
    changed_paths,
    is_plan_id,
    new_plan_id,
    same_content,
)
from playbook.settings import Settings
from playbook.storage.engine import make_engine
from playbook.storage.schema import plans_table, revisions_table

MAX_RETRIES = 60


@dataclass(frozen=True)
class PlanRecord:
    plan: Plan
    version: int


@dataclass(frozen=True)
class PlanSummary:
    id: str
    title: str
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class RevisionInfo:
    version: int
    created_at: datetime
    changed: list[str]
    source: str


# Plans parsed from stored JSON, by a digest of the JSON (a maximal plan's JSON is half a
# megabyte: the digest, not the text, is kept): revisions, and versions another server
# process wrote. A few suffice, as the newest version of each plan is kept below.
_PARSED: OrderedDict[bytes, Plan] = OrderedDict()
_PARSED_MAX = 32
_PARSED_LOCK = threading.Lock()


def _digest(data: str) -> bytes:
    return hashlib.blake2b(data.encode(), digest_size=16).digest()


def _parse(data: str) -> Plan:
    """A stored plan, parsed once per process: every rerun of every open page reads the
    plan, and the same stored JSON always gives the same plan (callers never mutate it)."""
    key = _digest(data)
    with _PARSED_LOCK:
        plan = _PARSED.get(key)
        if plan is not None:
            _PARSED.move_to_end(key)
            return plan
    plan = Plan.from_json(data)
    with _PARSED_LOCK:
        _PARSED[key] = plan
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    return plan


# The newest record read or written of each plan, per database: a plan whose version has
# not changed since is returned without reading its JSON again.
_LATEST: weakref.WeakKeyDictionary[Engine, OrderedDict[str, PlanRecord]] = (
    weakref.WeakKeyDictionary()
)
_LATEST_MAX = 256


def _latest(engine: Engine) -> OrderedDict[str, PlanRecord]:
    with _PARSED_LOCK:
        return _LATEST.setdefault(engine, OrderedDict())


def _keep_latest(engine: Engine, record: PlanRecord) -> None:
    latest = _latest(engine)
    with _PARSED_LOCK:
        known = latest.get(record.plan.id)
        if known is None or known.version <= record.version:
            latest[record.plan.id] = record
            latest.move_to_end(record.plan.id)
        while len(latest) > _LATEST_MAX:
            latest.popitem(last=False)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _title(plan: Plan) -> str:
    return f"{plan.meta.team} · {plan.meta.community}"[:420]


class Store:
    @translating
    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.engine = engine or make_engine(url or Settings.from_env().store_url())

    # -- reading -------------------------------------------------------------------
    @translating
    def get(self, plan_id: str) -> PlanRecord:
        if not is_plan_id(plan_id):
            raise PlanNotFound(plan_id)
        latest = _latest(self.engine)
        with self.engine.connect() as conn:
            # the version alone first: a plan read at this version before needs no transfer
            # of its (up to a few hundred kB of) JSON
            version = conn.execute(
                sa.select(plans_table.c.version).where(plans_table.c.id == plan_id)
            ).scalar()
            if version is None:
                raise PlanNotFound(plan_id)
            with _PARSED_LOCK:
                known = latest.get(plan_id)
            if known is not None and known.version == version:
                return known
            row = conn.execute(
                sa.select(plans_table.c.version, plans_table.c.data).where(
                    plans_table.c.id == plan_id
                )
            ).first()
        if row is None:
            raise PlanNotFound(plan_id)
        record = PlanRecord(_parse(row.data), row.version)
        _keep_latest(self.engine, record)
        return record

    def exists(self, plan_id: str) -> bool:
        try:
            self.get(plan_id)
        except PlanNotFound:
            return False
        return True

    @translating
    def list_plans(self, limit: int = 50) -> list[PlanSummary]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    plans_table.c.id,
                    plans_table.c.title,
                    plans_table.c.version,
                    plans_table.c.updated_at,
                )
                .order_by(plans_table.c.updated_at.desc())
                .limit(limit)
            ).all()
        return [
            PlanSummary(r.id, r.title, r.version, datetime.fromisoformat(r.updated_at))
            for r in rows
        ]

    @translating
    def revisions(self, plan_id: str) -> list[RevisionInfo]:
        """All revisions of a plan, newest first."""
        t = revisions_table
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.c.version, t.c.created_at, t.c.changed, t.c.source)
                .where(t.c.plan_id == plan_id)
                .order_by(t.c.version.desc())
            ).all()
        if not rows:
            raise PlanNotFound(plan_id)
        return [
            RevisionInfo(
                r.version, datetime.fromisoformat(r.created_at), json.loads(r.changed), r.source
            )
            for r in rows
        ]

    @translating
    def revision(self, plan_id: str, version: int) -> Plan:
        t = revisions_table
        with self.engine.connect() as conn:
            data = conn.execute(
                sa.select(t.c.data).where(t.c.plan_id == plan_id, t.c.version == version)
            ).scalar()
        if data is None:
            raise PlanNotFound(f"{plan_id}@{version}")
        return _parse(data)

    # -- writing -------------------------------------------------------------------
    def create(self, meta: PlanMeta, *, source: str = "create") -> PlanRecord:
        plan = Plan(id=new_plan_id(), meta=meta)
        return self.insert(plan, source=source)

    @translating
    def insert(self, plan: Plan, *, source: str = "create") -> PlanRecord:
        """Store ``plan`` as a new plan (revision 1). Its id must not be in use."""
        now = _iso(plan.updated_at)
        with self.engine.begin() as conn:
            conn.execute(
                plans_table.insert().values(
                    id=plan.id,
                    version=1,
                    title=_title(plan),
                    data=plan.to_json(),
                    created_at=_iso(plan.created_at),
                    updated_at=now,
                )
            )
            self._add_revision(conn, plan, 1, ["*"], source, now)
        return PlanRecord(plan, 1)

    @translating
    def update(
        self, plan_id: str, changes: Mapping[str, Any], *, source: str = "edit"
    ) -> PlanRecord:
        """Apply ``changes`` to the newest stored plan and save it as a new revision.

        Raises ``InvalidData`` (nothing stored) when a value is invalid, ``PlanNotFound``,
        or ``StorageUnavailable`` when the database fails.
        A change set that alters nothing returns the current record without a revision.
        """
        return self._write(plan_id, lambda plan: apply_changes(plan, changes), source)

    @translating
    def restore(self, plan_id: str, version: int) -> PlanRecord:
        """Make an earlier revision current again, as a new revision (history is kept)."""
        old = self.revision(plan_id, version)
        return self._write(
            plan_id,
            lambda plan: old.model_copy(update={"created_at": plan.created_at}),
            f"restore:{version}",
        )

    def _write(self, plan_id: str, transform: Any, source: str) -> PlanRecord:
        for attempt in range(MAX_RETRIES):
            if attempt:
                # another writer got in first: back off a random moment so that two busy
                # writers stop colliding in lock-step
                time.sleep(random.uniform(0, min(0.002 * attempt, 0.05)))
            current = self.get(plan_id)
            new_plan = transform(current.plan)
            if same_content(current.plan, new_plan):
                return current
            now_dt = datetime.now(UTC)
            new_plan = new_plan.model_copy(update={"updated_at": now_dt})
            paths = changed_paths(current.plan, new_plan)
            now = _iso(now_dt)
            version = current.version + 1
            data = new_plan.to_json()
            with self.engine.begin() as conn:
                result = conn.execute(
                    plans_table.update()
                    .where(
                        plans_table.c.id == plan_id,
                        plans_table.c.version == current.version,
                    )
                    .values(
                        version=version,
                        title=_title(new_plan),
                        data=data,
                        updated_at=now,
                    )
                )
                if result.rowcount != 1:
                    continue  # someone else saved first: re-read and re-apply
                self._add_revision(conn, new_plan, version, paths, source, now, data)
            record = PlanRecord(new_plan, version)
            _keep_latest(self.engine, record)
            return record
        raise ConcurrentUpdateError(plan_id)

    @staticmethod
    def _add_revision(
        conn: sa.Connection,
        plan: Plan,
        version: int,
        paths: list[str],
        source: str,
        now: str,
        data: str | None = None,
    ) -> None:
        conn.execute(
            revisions_table.insert().values(
                plan_id=plan.id,
                version=version,
                data=data if data is not None else plan.to_json(),
                changed=json.dumps(paths),
                source=source[:40],
                created_at=now,
            )
        )

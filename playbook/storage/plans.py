"""Plan persistence with revisions, on SQLAlchemy Core.

SQLite (one file under ``PLAYBOOK_DATA_DIR``) is the default; any SQLAlchemy URL given
in ``PLAYBOOK_DATABASE_URL`` (PostgreSQL for several replicas) takes the same code path.

Every write is a *change set* applied to the newest stored plan and guarded by the
plan's version column (optimistic concurrency). When another writer got in first, the
change set is re-applied to their result, so edits to different fields both survive;
edits to the same field resolve to the later one, and the earlier value remains in the
revisions table, from which any revision can be restored.

Revisions are stored compactly (see ``revisions.py``): a full copy of the plan every
hundred revisions, and in between the JSON Patch from the revision before. The plans
table keeps the current plan in full, so opening a plan reads one row.

Saves of one plan from one process take turns (a lock per plan), so threads of a server
never race each other; processes sharing a SQLite file take turns too, through a lock file
beside it. Between servers the version check decides, and a writer that lost the race
retries once holding the plan's row, which the next loser waits for.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from playbook.errors import ConcurrentUpdateError, PlanNotFound, PlanTooLarge, translating
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
from playbook.storage import memory
from playbook.storage.engine import make_engine
from playbook.storage.records import PlanRecord, PlanSummary, RevisionInfo
from playbook.storage.revisions import BrokenHistory, Kind, encode, rebuild
from playbook.storage.schema import plans_table, revisions_table
from playbook.storage.turns import connection, reading_through, turns_of

# The statements of every page view and every save, made once: building one costs about
# as much as running it on SQLite (its cache key is worked out from its structure).
_P = plans_table.c
_VERSION = sa.select(_P.version).where(_P.id == sa.bindparam("plan_id"))
_ROW = sa.select(_P.version, _P.data).where(_P.id == sa.bindparam("plan_id"))
_LOCK = plans_table.update().where(_P.id == sa.bindparam("plan_id")).values(version=_P.version)
_WRITE = (
    plans_table.update()
    .where(_P.id == sa.bindparam("plan_id"), _P.version == sa.bindparam("expected"))
    .values(
        version=sa.bindparam("new_version"),
        title=sa.bindparam("new_title"),
        data=sa.bindparam("new_data"),
        updated_at=sa.bindparam("new_updated_at"),
    )
)
_ADD_REVISION = revisions_table.insert()

MAX_RETRIES = 60
MAX_PLAN_BYTES = 2 * 1024 * 1024  # of plan JSON (UTF-8); a save that would pass it is refused
AUTHOR_MAX = 40  # characters of an editor's display name kept with a revision


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _title(plan: Plan) -> str:
    return f"{plan.meta.team} · {plan.meta.community}"[:420]


def _size(data: str) -> int:
    return len(data.encode("utf-8"))


class Store:
    @translating
    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.engine = engine or make_engine(url or Settings.from_env().store_url())

    # -- reading -------------------------------------------------------------------
    @translating
    def get(self, plan_id: str, version: int | None = None) -> PlanRecord:
        """The stored plan. ``version``: its stored version, when the caller has just read
        it (see ``AccessStore.open``); a plan this process holds at that version is
        returned without a query."""
        if not is_plan_id(plan_id):
            raise PlanNotFound(plan_id)
        known = memory.known(self.engine, plan_id)
        if version is not None and known is not None and known.version == version:
            return known
        with connection(self.engine) as conn:
            # the version alone first: a plan read at this version before needs no transfer
            # of its (up to a few hundred kB of) JSON
            version = conn.execute(_VERSION, {"plan_id": plan_id}).scalar()
            if version is None:
                raise PlanNotFound(plan_id)
            known = memory.known(self.engine, plan_id)
            if known is not None and known.version == version:
                return known
            row = conn.execute(_ROW, {"plan_id": plan_id}).first()
        if row is None:
            raise PlanNotFound(plan_id)
        record = PlanRecord(memory.parse(row.data), row.version, row.data)
        memory.keep_latest(self.engine, record)
        return record

    @translating
    def version(self, plan_id: str) -> int | None:
        """The stored plan's version alone (None when there is no such plan): the cheap
        question an open page asks every few seconds."""
        if not is_plan_id(plan_id):
            return None
        with self.engine.connect() as conn:
            return conn.execute(_VERSION, {"plan_id": plan_id}).scalar()

    @translating
    def changes_after(self, plan_id: str, version: int) -> list[tuple[int, str]]:
        """``(version, source)`` of each revision newer than ``version``: who changed the
        plan since."""
        t = revisions_table
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.c.version, t.c.source)
                .where(t.c.plan_id == plan_id, t.c.version > version)
                .order_by(t.c.version)
            ).all()
        return [(r.version, r.source) for r in rows]

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
                sa.select(t.c.version, t.c.created_at, t.c.changed, t.c.source, t.c.author)
                .where(t.c.plan_id == plan_id)
                .order_by(t.c.version.desc())
            ).all()
        if not rows:
            raise PlanNotFound(plan_id)
        return [
            RevisionInfo(
                r.version,
                datetime.fromisoformat(r.created_at),
                json.loads(r.changed),
                r.source,
                r.author,
            )
            for r in rows
        ]

    @translating
    def revision(self, plan_id: str, version: int) -> Plan:
        """The plan as revision ``version`` left it: the nearest full copy at or below it,
        with the patches after it applied."""
        t = revisions_table
        start = (
            sa.select(sa.func.max(t.c.version))
            .where(t.c.plan_id == plan_id, t.c.version <= version, t.c.kind == Kind.SNAPSHOT.value)
            .scalar_subquery()
        )
        with self.engine.connect() as conn:  # one statement: one consistent view of the rows
            rows = conn.execute(
                sa.select(t.c.version, t.c.kind, t.c.data)
                .where(t.c.plan_id == plan_id, t.c.version <= version, t.c.version >= start)
                .order_by(t.c.version)
            ).all()
        if not rows or [r.version for r in rows] != list(range(rows[0].version, version + 1)):
            raise PlanNotFound(f"{plan_id}@{version}")
        if len(rows) == 1:
            return memory.parse(rows[0].data)
        try:
            return memory.parse(rebuild((r.kind, r.data) for r in rows))
        except BrokenHistory as exc:
            raise PlanNotFound(f"{plan_id}@{version}") from exc

    # -- writing -------------------------------------------------------------------
    def create(
        self, meta: PlanMeta, *, source: str = "create", author: str | None = None
    ) -> PlanRecord:
        plan = Plan(id=new_plan_id(), meta=meta)
        return self.insert(plan, source=source, author=author)

    @translating
    def insert(
        self, plan: Plan, *, source: str = "create", author: str | None = None
    ) -> PlanRecord:
        """Store ``plan`` as a new plan (revision 1). Its id must not be in use.
        ``author`` is the display name of whoever made it (None: anonymous)."""
        now = _iso(plan.updated_at)
        data = plan.to_json()
        if _size(data) > MAX_PLAN_BYTES:
            raise PlanTooLarge(_size(data), MAX_PLAN_BYTES)
        with self.engine.begin() as conn:
            conn.execute(
                plans_table.insert().values(
                    id=plan.id,
                    version=1,
                    title=_title(plan),
                    data=data,
                    created_at=_iso(plan.created_at),
                    updated_at=now,
                )
            )
            self._add_revision(conn, plan.id, 1, None, data, ["*"], source, author, now)
        return PlanRecord(plan, 1, data)

    @translating
    def update(
        self,
        plan_id: str,
        changes: Mapping[str, Any],
        *,
        source: str = "edit",
        author: str | None = None,
    ) -> PlanRecord:
        """Apply ``changes`` to the newest stored plan and save it as a new revision,
        recorded with ``source`` and the editor's display name ``author`` (None: anonymous).

        Raises ``InvalidData`` (nothing stored) when a value is invalid, ``PlanNotFound``,
        or ``StorageUnavailable`` when the database fails.
        A change set that alters nothing returns the current record without a revision.
        """
        return self._write(plan_id, lambda plan: apply_changes(plan, changes), source, author)

    @translating
    def restore(self, plan_id: str, version: int, *, author: str | None = None) -> PlanRecord:
        """Make an earlier revision current again, as a new revision (history is kept)."""
        old = self.revision(plan_id, version)
        return self._write(
            plan_id,
            # the discussion goes on: comments made since are kept
            lambda plan: old.model_copy(
                update={"created_at": plan.created_at, "comments": plan.comments}
            ),
            f"restore:{version}",
            author,
        )

    def _write(
        self, plan_id: str, transform: Any, source: str, author: str | None = None
    ) -> PlanRecord:
        """Save ``transform(current plan)`` as the next revision.

        Saves of the plan through this database take turns (threads, and processes on one
        SQLite file). The first attempt reads, computes and writes under the version
        check; when another server saved first, the next attempts — and for a few seconds
        the plan's next saves — first take the plan's row (waiting for the writer holding
        it), then read and apply: no update is lost, versions have no gaps, and no work is
        thrown away twice.
        """
        turns = turns_of(self.engine)
        with turns.turn(plan_id):
            hold = turns.contended(plan_id)
            for attempt in range(MAX_RETRIES):
                if attempt > 1:
                    # not expected while holding the row; back off a random moment
                    time.sleep(random.uniform(0, min(0.002 * attempt, 0.05)))
                if hold or attempt:
                    with self.engine.begin() as conn:
                        if not self._lock_row(conn, plan_id):
                            raise PlanNotFound(plan_id)
                        with reading_through(self.engine, conn):
                            current = self.get(plan_id)
                        record = self._try_write(conn, current, transform, source, author)
                else:
                    current = self.get(plan_id)
                    with self.engine.begin() as conn:
                        record = self._try_write(conn, current, transform, source, author)
                if record is not None:
                    if record is not current:  # a new version, committed just now
                        memory.remember(record.data, record.plan)
                        memory.keep_latest(self.engine, record)
                    return record
                turns.lost_race(plan_id)
        raise ConcurrentUpdateError(plan_id)

    @staticmethod
    def _lock_row(conn: sa.Connection, plan_id: str) -> bool:
        """Take the plan's row for this transaction (a row lock on PostgreSQL, the write
        lock on SQLite); False when there is no such plan."""
        return conn.execute(_LOCK, {"plan_id": plan_id}).rowcount == 1

    def _try_write(
        self,
        conn: sa.Connection,
        current: PlanRecord,
        transform: Any,
        source: str,
        author: str | None = None,
    ) -> PlanRecord | None:
        """One attempt: None when another writer saved since ``current`` was read."""
        plan_id = current.plan.id
        new_plan = transform(current.plan)
        if same_content(current.plan, new_plan):
            return current
        now_dt = datetime.now(UTC)
        new_plan = new_plan.model_copy(update={"updated_at": now_dt})
        data = new_plan.to_json()
        base = current.data or current.plan.to_json()
        if _size(data) > MAX_PLAN_BYTES and _size(data) > _size(base):
            raise PlanTooLarge(_size(data), MAX_PLAN_BYTES)
        paths = changed_paths(current.plan, new_plan)
        now = _iso(now_dt)
        version = current.version + 1
        result = conn.execute(
            _WRITE,
            {
                "plan_id": plan_id,
                "expected": current.version,
                "new_version": version,
                "new_title": _title(new_plan),
                "new_data": data,
                "new_updated_at": now,
            },
        )
        if result.rowcount != 1:
            return None  # someone else saved first: re-read and re-apply
        self._add_revision(conn, plan_id, version, base, data, paths, source, author, now)
        # not cached here: the transaction may still fail to commit
        return PlanRecord(new_plan, version, data)

    @staticmethod
    def _add_revision(
        conn: sa.Connection,
        plan_id: str,
        version: int,
        previous: str | None,
        data: str,
        paths: list[str],
        source: str,
        author: str | None,
        now: str,
    ) -> None:
        kind, stored = encode(version, previous, data)
        conn.execute(
            _ADD_REVISION,
            {
                "plan_id": plan_id,
                "version": version,
                "kind": kind.value,
                "data": stored,
                "changed": json.dumps(paths),
                "source": source[:40],
                "created_at": now,
                "author": author[:AUTHOR_MAX] if author else None,
            },
        )

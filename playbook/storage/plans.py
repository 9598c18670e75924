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

import hashlib
import json
import os
import random
import threading
import time
import weakref
import zlib
from collections import OrderedDict, deque
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

try:  # POSIX: SQLite writers of several processes take turns through a lock file
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

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
from playbook.storage.engine import make_engine
from playbook.storage.revisions import BrokenHistory, Kind, encode, rebuild
from playbook.storage.schema import plans_table, revisions_table

MAX_RETRIES = 60
MAX_PLAN_BYTES = 2 * 1024 * 1024  # of plan JSON (UTF-8); a save that would pass it is refused
_LOCK_STRIPES = 64
CONTENDED_FOR = 5.0  # s after a lost race during which saves of the plan wait for its row
AUTHOR_MAX = 40  # characters of an editor's display name kept with a revision


@dataclass(frozen=True)
class PlanRecord:
    plan: Plan
    version: int
    # the stored JSON of this version, exactly as written (the base of the next patch)
    data: str = field(default="", compare=False, repr=False)


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
    author: str | None = None  # the editor's display name, when they gave one


# Plans parsed from stored JSON, by a digest of the JSON (a maximal plan's JSON is half a
# megabyte: the digest, not the text, is kept): revisions, and versions another server
# process wrote. A few suffice, as the newest version of each plan is kept below.
_PARSED_MAX = 32
_parsed: OrderedDict[bytes, Plan] = OrderedDict()
_parsed_guard = threading.Lock()


def _digest(data: str) -> bytes:
    return hashlib.blake2b(data.encode(), digest_size=16).digest()


def _parse(data: str) -> Plan:
    """A stored plan, parsed once per process: every rerun of every open page reads the
    plan, and the same stored JSON always gives the same plan (callers never mutate it)."""
    key = _digest(data)
    with _parsed_guard:
        plan = _parsed.get(key)
        if plan is not None:
            _parsed.move_to_end(key)
            return plan
    plan = Plan.from_json(data)
    _remember(data, plan)
    return plan


def _remember(data: str, plan: Plan) -> None:
    """Note that ``data`` parses to ``plan`` (a plan just saved as ``data``), so that the
    next read of the plan does not parse it again."""
    key = _digest(data)
    with _parsed_guard:
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


def _latest(engine: Engine) -> OrderedDict[str, PlanRecord]:
    """The newest record read or written per plan, for one database."""
    with _parsed_guard:
        return _LATEST.setdefault(engine, OrderedDict())


def _keep_latest(engine: Engine, record: PlanRecord) -> None:
    latest = _latest(engine)
    with _parsed_guard:
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


def _size(data: str) -> int:
    return len(data.encode("utf-8"))


class _TurnLock:
    """A lock handed to its waiters in the order they came (``threading.Lock`` is not: a
    writer that saves again at once can take it back before one that has waited for
    seconds)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Lock] = deque()

    def __enter__(self) -> None:
        with self._guard:
            if not self._held:
                self._held = True
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiting.append(turn)
        turn.acquire()  # released by the holder before us, which hands the lock over

    def __exit__(self, *_: object) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._held = False


class _Turns:
    """Where the saves of one database take turns: a first-come lock per stripe of plan
    ids for the threads of this process and, for a SQLite file, the same stripe as a byte
    of a lock file next to it for the processes on this machine (no database lock is held
    while a save is computed, so no writer times out waiting for one)."""

    def __init__(self, engine: Engine) -> None:
        self.stripes = [_TurnLock() for _ in range(_LOCK_STRIPES)]
        self.lost: OrderedDict[str, float] = OrderedDict()  # plan id -> when a race was lost
        self.fd: int | None = None
        database = engine.url.database
        if engine.dialect.name == "sqlite" and database and database != ":memory:" and fcntl:
            self.fd = os.open(f"{database}.locks", os.O_RDWR | os.O_CREAT, 0o600)
            weakref.finalize(engine, os.close, self.fd)

    @contextmanager
    def turn(self, plan_id: str) -> Iterator[None]:
        stripe = zlib.crc32(plan_id.encode()) % _LOCK_STRIPES  # the same in every process
        with self.stripes[stripe]:
            if self.fd is None or fcntl is None:
                yield
                return
            fcntl.lockf(self.fd, fcntl.LOCK_EX, 1, stripe)
            try:
                yield
            finally:
                fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, stripe)

    def contended(self, plan_id: str) -> bool:
        """Whether a save of this plan lost a race to another server a moment ago (called
        while holding the plan's turn, like ``lost_race``)."""
        lost = self.lost.get(plan_id)
        return lost is not None and time.monotonic() - lost < CONTENDED_FOR

    def lost_race(self, plan_id: str) -> None:
        with _turns_guard:
            self.lost[plan_id] = time.monotonic()
            self.lost.move_to_end(plan_id)
            while len(self.lost) > 1024:
                self.lost.popitem(last=False)


_turns: weakref.WeakKeyDictionary[Engine, _Turns] = weakref.WeakKeyDictionary()
_turns_guard = threading.Lock()


def _turns_of(engine: Engine) -> _Turns:
    with _turns_guard:
        turns = _turns.get(engine)
        if turns is None:
            turns = _turns[engine] = _Turns(engine)
    return turns


# A save holding its plan's row reads the plan through the same connection (and so in the
# same transaction): one connection per save, never two at once.
_holding = threading.local()


@contextmanager
def _reading_through(engine: Engine, conn: sa.Connection) -> Iterator[None]:
    _holding.engine, _holding.conn = engine, conn
    try:
        yield
    finally:
        _holding.engine = _holding.conn = None


def _connection(engine: Engine) -> AbstractContextManager[sa.Connection]:
    if getattr(_holding, "engine", None) is engine:
        return nullcontext(_holding.conn)
    return engine.connect()


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
        with _connection(self.engine) as conn:
            # the version alone first: a plan read at this version before needs no transfer
            # of its (up to a few hundred kB of) JSON
            version = conn.execute(
                sa.select(plans_table.c.version).where(plans_table.c.id == plan_id)
            ).scalar()
            if version is None:
                raise PlanNotFound(plan_id)
            with _parsed_guard:
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
        record = PlanRecord(_parse(row.data), row.version, row.data)
        _keep_latest(self.engine, record)
        return record

    @translating
    def version(self, plan_id: str) -> int | None:
        """The stored plan's version alone (None when there is no such plan): the cheap
        question an open page asks every few seconds."""
        if not is_plan_id(plan_id):
            return None
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(plans_table.c.version).where(plans_table.c.id == plan_id)
            ).scalar()

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
            return _parse(rows[0].data)
        try:
            return _parse(rebuild((r.kind, r.data) for r in rows))
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
        turns = _turns_of(self.engine)
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
                        with _reading_through(self.engine, conn):
                            current = self.get(plan_id)
                        record = self._try_write(conn, current, transform, source, author)
                else:
                    current = self.get(plan_id)
                    with self.engine.begin() as conn:
                        record = self._try_write(conn, current, transform, source, author)
                if record is not None:
                    return record
                turns.lost_race(plan_id)
        raise ConcurrentUpdateError(plan_id)

    @staticmethod
    def _lock_row(conn: sa.Connection, plan_id: str) -> bool:
        """Take the plan's row for this transaction (a row lock on PostgreSQL, the write
        lock on SQLite); False when there is no such plan."""
        result = conn.execute(
            plans_table.update()
            .where(plans_table.c.id == plan_id)
            .values(version=plans_table.c.version)
        )
        return result.rowcount == 1

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
            plans_table.update()
            .where(plans_table.c.id == plan_id, plans_table.c.version == current.version)
            .values(version=version, title=_title(new_plan), data=data, updated_at=now)
        )
        if result.rowcount != 1:
            return None  # someone else saved first: re-read and re-apply
        self._add_revision(conn, plan_id, version, base, data, paths, source, author, now)
        _remember(data, new_plan)
        record = PlanRecord(new_plan, version, data)
        _keep_latest(self.engine, record)
        return record

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
            revisions_table.insert().values(
                plan_id=plan_id,
                version=version,
                kind=kind.value,
                data=stored,
                changed=json.dumps(paths),
                source=source[:40],
                created_at=now,
                author=author[:AUTHOR_MAX] if author else None,
            )
        )

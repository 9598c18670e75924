"""How saves of one plan take turns: a first-come lock per stripe of plan ids for the
threads of a process, a byte of a lock file beside a SQLite database for the processes on
one machine, and a short memory of races lost to other servers (whose next saves then
take the plan's row first). A save holding the row reads through its own connection."""

from __future__ import annotations

import os
import threading
import time
import weakref
import zlib
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

import sqlalchemy as sa
from sqlalchemy.engine import Engine

try:  # POSIX: SQLite writers of several processes take turns through a lock file
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_STRIPES = 64
CONTENDED_FOR = 5.0  # s after a lost race during which saves of the plan wait for its row


class TurnLock:
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


class Turns:
    """Where the saves of one database take turns: a first-come lock per stripe of plan
    ids for the threads of this process and, for a SQLite file, the same stripe as a byte
    of a lock file next to it for the processes on this machine (no database lock is held
    while a save is computed, so no writer times out waiting for one)."""

    def __init__(self, engine: Engine) -> None:
        self.stripes = [TurnLock() for _ in range(LOCK_STRIPES)]
        self.lost: OrderedDict[str, float] = OrderedDict()  # plan id -> when a race was lost
        self.fd: int | None = None
        database = engine.url.database
        if engine.dialect.name == "sqlite" and database and database != ":memory:" and fcntl:
            self.fd = os.open(f"{database}.locks", os.O_RDWR | os.O_CREAT, 0o600)
            weakref.finalize(engine, os.close, self.fd)

    @contextmanager
    def turn(self, plan_id: str) -> Iterator[None]:
        stripe = zlib.crc32(plan_id.encode()) % LOCK_STRIPES  # the same in every process
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


_turns: weakref.WeakKeyDictionary[Engine, Turns] = weakref.WeakKeyDictionary()
_turns_guard = threading.Lock()


def turns_of(engine: Engine) -> Turns:
    with _turns_guard:
        turns = _turns.get(engine)
        if turns is None:
            turns = _turns[engine] = Turns(engine)
    return turns


# A save holding its plan's row reads the plan through the same connection (and so in the
# same transaction): one connection per save, never two at once.
_holding = threading.local()


@contextmanager
def reading_through(engine: Engine, conn: sa.Connection) -> Iterator[None]:
    _holding.engine, _holding.conn = engine, conn
    try:
        yield
    finally:
        _holding.engine = _holding.conn = None


def connection(engine: Engine) -> AbstractContextManager[sa.Connection]:
    if getattr(_holding, "engine", None) is engine:
        return nullcontext(_holding.conn)
    return engine.connect()

"""What saving a plan costs in storage and in time under contention.

Prints, for a plan of ~150 KB and one of ~1 MB saved a few hundred times (most saves change
a short answer, every fifth rewrites a sentence of a long one), the bytes the database
takes per revision: the SQLite file (after a WAL checkpoint) divided by the revisions, and
with ``PLAYBOOK_TEST_POSTGRES_URL`` set, ``pg_total_relation_size`` of the plans and
revisions tables divided by the revisions, in a database of its own; and the revisions'
own data (UTF-8 bytes) per revision. Then 16 writers save
the ~1 MB plan at once, as threads of one process (one store, as in a server) and as 16
processes (as 16 servers): p50, p95 and the slowest save, and the saves that failed.

    .venv/bin/python bench/storage.py [--saves-small 400] [--saves-large 300] [--rounds 25]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playbook.errors import PlaybookError
from playbook.plan import PlanMeta
from playbook.storage import Store

WRITERS = 16
META = PlanMeta(team="华东用户运营组", community="蓝色车主俱乐部", industry="automotive")
WORDS = [
    "车主",
    "周末",
    "一起",
    "郊外",
    "试驾",
    "分享",
    "保养",
    "经验",
    "路线",
    "活动",
    "社群",
    "新人",
    "欢迎",
    "规则",
    "话题",
    "价值",
    "积分",
    "门店",
    "顾问",
    "回访",
    "满意",
    "推荐",
    "owners",
    "meet",
    "weekend",
    "route",
    "service",
    "club",
    "member",
]


def _long(seed: int) -> str:
    """An answer of 5,000 characters that compresses about as well as typed text."""
    rng = random.Random(seed)
    text = ""
    while len(text) < 5000:
        text += "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + "。"
    return text[:5000]


def _long_answers(size: int) -> dict[str, str]:
    """Long answers that make a plan of about ``size`` bytes of JSON."""
    count = max(1, size // len(_long(0).encode()))
    return {f"answers.v{i}.text": _long(i) for i in range(count)}


def _edit(i: int, longs: int, writer: int = 0) -> dict[str, str]:
    if i % 5 == 0:  # a sentence of a long answer rewritten
        n = (i // 5 + writer) % longs
        text = _long(n)
        return {f"answers.v{n}.text": text[:1000] + f"（第 {i} 次修改）" + text[1000:4980]}
    return {f"answers.w{writer}.summary": f"第 {i} 版：已购车主与潜在车主"}


def _planned(url: str, size: int) -> tuple[Store, str, int]:
    store = Store(url)
    plan_id = store.create(META).plan.id
    answers = _long_answers(size)
    store.update(plan_id, answers)
    return store, plan_id, len(answers)


def _plan_bytes(store: Store, plan_id: str) -> int:
    return len(store.get(plan_id).plan.to_json().encode())


def _database_bytes(store: Store) -> int:
    engine = store.engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.execute(sa.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        path = Path(str(engine.url.database))
        wal = Path(f"{path}-wal")
        return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    with engine.connect() as conn:
        conn.execute(sa.text("CHECKPOINT"))
        return int(
            conn.execute(
                sa.text(
                    "SELECT pg_total_relation_size('plans')"
                    " + pg_total_relation_size('plan_revisions')"
                )
            ).scalar_one()
        )


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def storage(url: str, label: str, size: int, saves: int) -> None:
    store, plan_id, longs = _planned(url, size)
    times = []
    for i in range(saves):
        start = time.perf_counter()
        store.update(plan_id, _edit(i, longs))
        times.append(time.perf_counter() - start)
    revisions = len(store.revisions(plan_id))
    total = _database_bytes(store)
    with store.engine.connect() as conn:
        rows = sum(
            len(data.encode())
            for data in conn.execute(
                sa.text("SELECT data FROM plan_revisions WHERE plan_id = :p"), {"p": plan_id}
            ).scalars()
        )
    print(
        f"{label}: plan {_plan_bytes(store, plan_id) / 1024:,.0f} KB, {revisions} revisions, "
        f"database {total / 1024 / 1024:,.1f} MB = {total / revisions / 1024:,.1f} KB per "
        f"revision (revision data alone {rows / revisions / 1024:,.1f} KB); one writer: "
        f"median save {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {_pct(times, 0.95) * 1000:.0f} ms",
        flush=True,
    )
    store.engine.dispose()


def _report(label: str, times: list[float], failures: list[str], seconds: float) -> None:
    kinds = sorted(set(failures))
    print(
        f"{label}: {len(times)} saves in {seconds:.1f} s, p50 {_pct(times, 0.5) * 1000:,.0f} ms, "
        f"p95 {_pct(times, 0.95) * 1000:,.0f} ms, max {max(times) * 1000:,.0f} ms; "
        f"{len(failures)} failed{' (' + ', '.join(kinds) + ')' if kinds else ''}",
        flush=True,
    )


def _save_all(
    store: Store, plan_id: str, writer: int, rounds: int, longs: int, wait: Callable[[], object]
) -> tuple[list[float], list[str]]:
    times, failures = [], []
    wait()
    for i in range(rounds):
        start = time.perf_counter()
        try:
            store.update(plan_id, _edit(i, longs, writer))
        except PlaybookError as exc:
            failures.append(type(exc).__name__)
        times.append(time.perf_counter() - start)
    return times, failures


def threads(url: str, label: str, rounds: int) -> None:
    store, plan_id, longs = _planned(url, 1_000_000)
    barrier = threading.Barrier(WRITERS)
    results: list[tuple[list[float], list[str]]] = []

    def run(writer: int) -> None:
        results.append(_save_all(store, plan_id, writer, rounds, longs, barrier.wait))

    workers = [threading.Thread(target=run, args=(n,)) for n in range(WRITERS)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - start
    _report(label, [t for r in results for t in r[0]], [f for r in results for f in r[1]], seconds)
    _check(store, plan_id, WRITERS * rounds - sum(len(r[1]) for r in results))
    store.engine.dispose()


def _process(url: str, plan_id: str, writer: int, rounds: int, longs: int, barrier, queue) -> None:
    store = Store(url)
    store.get(plan_id)
    queue.put(_save_all(store, plan_id, writer, rounds, longs, barrier.wait))


def processes(url: str, label: str, rounds: int) -> None:
    store, plan_id, longs = _planned(url, 1_000_000)
    store.engine.dispose()  # the children open their own connections
    context = multiprocessing.get_context("fork")
    barrier, queue = context.Barrier(WRITERS, timeout=300), context.Queue()
    workers = [
        context.Process(target=_process, args=(url, plan_id, n, rounds, longs, barrier, queue))
        for n in range(WRITERS)
    ]
    for w in workers:
        w.start()
    start = time.perf_counter()
    results = [queue.get() for _ in workers]
    seconds = time.perf_counter() - start
    for w in workers:
        w.join()
    _report(label, [t for r in results for t in r[0]], [f for r in results for f in r[1]], seconds)
    _check(store, plan_id, WRITERS * rounds - sum(len(r[1]) for r in results))


def _check(store: Store, plan_id: str, saved: int) -> None:
    """Every save that did not fail is a revision, with no gap in the versions."""
    versions = [r.version for r in store.revisions(plan_id)]
    assert versions == list(range(len(versions), 0, -1)), "a gap in the versions"
    assert store.get(plan_id).version == 2 + saved, "a save was lost"


def _postgres_database() -> tuple[str, Callable[[], None]] | None:
    admin_url = os.environ.get("PLAYBOOK_TEST_POSTGRES_URL")
    if not admin_url:
        return None
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"playbook_bench_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()

    return admin.url.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves-small", type=int, default=400, help="saves of the 150 KB plan")
    parser.add_argument("--saves-large", type=int, default=300, help="saves of the 1 MB plan")
    parser.add_argument("--rounds", type=int, default=25, help="saves per writer (16 writers)")
    parser.add_argument("--no-processes", action="store_true", help="threads only")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:

        def sqlite(name: str) -> str:
            return f"sqlite:///{Path(tmp) / name}.sqlite3"

        storage(sqlite("small"), "SQLite, 150 KB plan", 150_000, args.saves_small)
        storage(sqlite("large"), "SQLite, 1 MB plan", 1_000_000, args.saves_large)
        threads(sqlite("threads"), "SQLite, 16 writer threads, 1 MB plan", args.rounds)
        if not args.no_processes:
            processes(sqlite("procs"), "SQLite, 16 writer processes, 1 MB plan", args.rounds)
    for label, size, saves in [
        ("150 KB", 150_000, args.saves_small),
        ("1 MB", 1_000_000, args.saves_large),
    ]:
        database = _postgres_database()
        if database is None:
            break
        url, drop = database
        try:
            storage(url, f"PostgreSQL, {label} plan", size, saves)
        finally:
            drop()
    database = _postgres_database()
    if database is not None:
        url, drop = database
        try:
            threads(url, "PostgreSQL, 16 writer threads, 1 MB plan", args.rounds)
            if not args.no_processes:
                processes(url, "PostgreSQL, 16 writer processes, 1 MB plan", args.rounds)
        finally:
            drop()
    print(f"load average after: {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()

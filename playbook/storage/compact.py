"""Rewrite the full copies of a database's revisions as patches.

Databases from before revisions were stored compactly hold a full copy of the plan in
every revision. This rewrites each revision that would be a patch today (see
``revisions.py``) as the patch from the revision before it, leaving a full copy every
``SNAPSHOT_EVERY`` revisions, and then lets the database give the space back (``VACUUM``).
Every revision reads back as before; it is safe while the app is running, since each
rewritten revision is a patch against one that already reads back the same.

    python -m playbook.storage.compact [--database-url URL] [--no-vacuum]

Without ``--database-url`` it works on the app's own database (``PLAYBOOK_DATABASE_URL``,
else the SQLite file in ``PLAYBOOK_DATA_DIR``).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

import jsonpatch
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from playbook.settings import Settings
from playbook.storage.engine import make_engine
from playbook.storage.revisions import Kind, encode
from playbook.storage.schema import revisions_table

BATCH = 50  # revisions rewritten per transaction


@dataclass
class Compacted:
    plans: int = 0
    rewritten: int = 0
    bytes_before: int = 0
    bytes_after: int = 0


def compact(engine: Engine, *, vacuum: bool = True) -> Compacted:
    """Rewrite every full copy that is not due as a patch; returns what was done."""
    t = revisions_table
    done = Compacted()
    with engine.connect() as conn:
        plan_ids = conn.execute(sa.select(t.c.plan_id).distinct()).scalars().all()
    for plan_id in plan_ids:
        done.plans += 1
        _compact_plan(engine, plan_id, done)
    if vacuum:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM"))
    return done


def _compact_plan(engine: Engine, plan_id: str, done: Compacted) -> None:
    t = revisions_table
    previous: str | None = None
    document: Any = None
    pending: list[tuple[int, str, str]] = []
    with engine.connect() as conn:
        versions = conn.execute(
            sa.select(t.c.version).where(t.c.plan_id == plan_id).order_by(t.c.version)
        ).scalars()
        for version in versions.all():
            kind, data = conn.execute(
                sa.select(t.c.kind, t.c.data).where(t.c.plan_id == plan_id, t.c.version == version)
            ).one()
            done.bytes_before += len(data.encode())
            if kind == Kind.SNAPSHOT:
                current = data
                document = json.loads(data)
            else:
                document = jsonpatch.apply_patch(document, json.loads(data), in_place=True)
                current = json.dumps(document, ensure_ascii=False)
            stored = data
            if kind == Kind.SNAPSHOT:
                new_kind, stored = encode(version, previous, current)
                if new_kind == Kind.PATCH:
                    pending.append((version, new_kind.value, stored))
            done.bytes_after += len(stored.encode())
            previous = current
            if len(pending) >= BATCH:
                _rewrite(engine, plan_id, pending, done)
    _rewrite(engine, plan_id, pending, done)


def _rewrite(
    engine: Engine, plan_id: str, rows: list[tuple[int, str, str]], done: Compacted
) -> None:
    t = revisions_table
    with engine.begin() as conn:
        for version, kind, data in rows:
            conn.execute(
                t.update()
                .where(
                    t.c.plan_id == plan_id, t.c.version == version, t.c.kind == Kind.SNAPSHOT.value
                )
                .values(kind=kind, data=data)
            )
    done.rewritten += len(rows)
    rows.clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m playbook.storage.compact",
        description="Rewrite the full copies of revisions as patches (history reads the same).",
    )
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: the app's database)")
    parser.add_argument("--no-vacuum", action="store_true", help="do not give the space back")
    args = parser.parse_args(argv)
    engine = make_engine(args.database_url or Settings.from_env().store_url())
    done = compact(engine, vacuum=not args.no_vacuum)
    print(
        f"{done.plans} plans, {done.rewritten} revisions rewritten as patches; revision data "
        f"{done.bytes_before / 1024:,.0f} KB -> {done.bytes_after / 1024:,.0f} KB"
    )


if __name__ == "__main__":
    main()

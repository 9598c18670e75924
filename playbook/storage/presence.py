"""Who else has a plan open: a heartbeat table shared by every app server.

Each open plan page writes a heartbeat now and then (plan, an anonymous session id, the
page and variable it shows, the display name if one was given) and reads, in one
indexed query, the plan's stored version together with the other sessions seen within
the timeout. Rows that stopped beating are ignored at once and deleted later.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from playbook.errors import translating
from playbook.storage.plans import Store
from playbook.storage.schema import plans_table, presence_table

TIMEOUT = 30.0  # seconds without a heartbeat after which a session is gone
_FORGET = 600.0  # rows this old are deleted by the next heartbeat that prunes


_P = presence_table
# The plan's version and the others on it (made once: a tab asks every few seconds).
_LOOK = (
    sa.select(
        plans_table.c.version, _P.c.session_id, _P.c.name, _P.c.page, _P.c.variable, _P.c.last_seen
    )
    .select_from(
        plans_table.outerjoin(
            _P,
            sa.and_(
                _P.c.plan_id == plans_table.c.id,
                _P.c.last_seen >= sa.bindparam("since"),
                _P.c.session_id != sa.bindparam("me"),
                ~_P.c.session_id.like(sa.bindparam("mine"), escape="/"),
            ),
        )
    )
    .where(plans_table.c.id == sa.bindparam("plan_id"))
)


def _escape_like(text: str) -> str:
    """``text`` matched literally in a LIKE pattern whose escape character is ``/``."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


@dataclass(frozen=True)
class Presence:
    session_id: str
    name: str
    page: str
    variable: str | None
    last_seen: float


def person(session_id: str) -> str:
    """The browser part of a session id ``<browser>.<session>`` (the whole id without one):
    one person however many tabs and reloads they have."""
    return session_id.split(".", 1)[0]


@dataclass(frozen=True)
class Look:
    """The plan's stored version (None: the plan is gone) and who else is there."""

    version: int | None
    others: list[Presence]


class PresenceStore:
    def __init__(self, store: Store):
        self.engine = store.engine

    @translating
    def beat(
        self,
        plan_id: str,
        session_id: str,
        *,
        page: str,
        variable: str | None = None,
        name: str = "",
        now: float | None = None,
        prune: bool = False,
    ) -> None:
        """Record that ``session_id`` shows ``page`` (and ``variable``) of the plan now."""
        now = time.time() if now is None else now
        values = {
            "plan_id": plan_id,
            "session_id": session_id[:32],
            "name": name[:40],
            "page": page[:40],
            "variable": variable[:40] if variable else None,
            "last_seen": now,
        }
        changing = {k: values[k] for k in ("name", "page", "variable", "last_seen")}
        with self.engine.begin() as conn:
            dialect = conn.dialect.name
            if dialect in ("sqlite", "postgresql"):
                insert = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(
                    presence_table
                ).values(**values)
                conn.execute(
                    insert.on_conflict_do_update(
                        index_elements=["plan_id", "session_id"], set_=changing
                    )
                )
            else:  # any other database: update, else insert
                where = sa.and_(
                    presence_table.c.plan_id == plan_id,
                    presence_table.c.session_id == values["session_id"],
                )
                updated = conn.execute(presence_table.update().where(where).values(**changing))
                if not updated.rowcount:
                    conn.execute(presence_table.insert().values(**values))
            if prune:
                conn.execute(
                    presence_table.delete().where(presence_table.c.last_seen < now - _FORGET)
                )

    @translating
    def leave(self, plan_id: str, session_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                presence_table.delete().where(
                    presence_table.c.plan_id == plan_id,
                    presence_table.c.session_id == session_id[:32],
                )
            )

    @translating
    def look(
        self, plan_id: str, session_id: str, *, now: float | None = None, timeout: float = TIMEOUT
    ) -> Look:
        """The plan's version and the other live sessions on it, in one query."""
        now = time.time() if now is None else now
        mine = person(session_id) + "."
        with self.engine.connect() as conn:
            rows = conn.execute(
                _LOOK,
                {
                    "plan_id": plan_id,
                    "since": now - timeout,
                    "me": session_id[:32],
                    # this person's other tabs, and the sessions their reloads left behind
                    "mine": _escape_like(mine) + "%",
                },
            ).all()
        if not rows:
            return Look(None, [])
        others = [
            Presence(r.session_id, r.name, r.page, r.variable, r.last_seen)
            for r in rows
            if r.session_id is not None
        ]
        others.sort(key=lambda o: (o.name == "", o.name, o.page, o.session_id))
        return Look(rows[0].version, others)

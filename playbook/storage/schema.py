"""The database schema of plans, revisions and workshops, and its versioned creation.

``ensure_schema`` is safe to run from every server at start-up, at the same time: on
PostgreSQL it takes an advisory lock, creates what is missing, applies any migrations
newer than the recorded version, and records the version.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

SCHEMA_VERSION = 3
_LOCK_ID = 0x5EED_C0DE  # advisory lock key for schema changes (PostgreSQL)

metadata = sa.MetaData()

schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

plans_table = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("title", sa.String(420), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

revisions_table = sa.Table(
    "plan_revisions",
    metadata,
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    # the whole plan (a snapshot) or a JSON Patch from the revision before (see revisions.py)
    sa.Column("kind", sa.String(8), nullable=False, server_default="snapshot"),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("changed", sa.Text, nullable=False),  # JSON list of dotted paths
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    # the display name the editor gave (presence's name, up to 40 characters), if any
    sa.Column("author", sa.String(64), nullable=True),
)

workshops_table = sa.Table(
    "workshops",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("code", sa.String(12), nullable=False, unique=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

teams_table = sa.Table(
    "workshop_teams",
    metadata,
    sa.Column("workshop_id", sa.String(64), sa.ForeignKey("workshops.id"), primary_key=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), primary_key=True),
    sa.Column("joined_at", sa.String(40), nullable=False),
)

# The links that open a plan, by role. A plan with no edit row is opened for editing by
# its id; replacing a link marks the old token revoked (kept, so it can be explained).
links_table = sa.Table(
    "plan_links",
    metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False, index=True),
    sa.Column("role", sa.String(8), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("revoked_at", sa.String(40), nullable=True),
)

# Who has a plan open, and where (one row per browser session; rows older than the
# presence timeout are ignored and later removed). Created by ``create_all`` like every
# other table: a new table needs no migration.
presence_table = sa.Table(
    "plan_presence",
    metadata,
    sa.Column("plan_id", sa.String(64), primary_key=True),
    sa.Column("session_id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("page", sa.String(40), nullable=False),
    sa.Column("variable", sa.String(40), nullable=True),
    sa.Column("last_seen", sa.Float, nullable=False, index=True),
)

# A workshop's room: the slide on the shared screen and the exercise timer. New tables
# are made by ``create_all`` on start-up, with no migration.
rooms_table = sa.Table(
    "workshop_rooms",
    metadata,
    sa.Column("workshop_id", sa.String(64), sa.ForeignKey("workshops.id"), primary_key=True),
    sa.Column("screen_token", sa.String(64), nullable=False, unique=True),
    sa.Column("slide", sa.Integer, nullable=False),
    sa.Column("timer", sa.Text, nullable=False),  # JSON of playbook.room.Timer
    sa.Column("updated_at", sa.String(40), nullable=False),
)

# version -> statements that bring a database from the previous version to it
MIGRATIONS: dict[int, list[str]] = {
    # revisions become snapshots or patches; every revision stored before was a full copy
    2: ["ALTER TABLE plan_revisions ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'snapshot'"],
    # revisions name their editor; those saved before have no name
    3: ["ALTER TABLE plan_revisions ADD COLUMN author VARCHAR(64)"],
}


def ensure_schema(engine: Engine) -> int:
    """Create missing tables and migrate to SCHEMA_VERSION; returns the version."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        metadata.create_all(conn)
        current = conn.execute(
            sa.select(schema_info.c.version).where(schema_info.c.id == 1)
        ).scalar()
        if current is None:
            conn.execute(schema_info.insert().values(id=1, version=SCHEMA_VERSION))
            return SCHEMA_VERSION
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(version, []):
                conn.execute(sa.text(statement))
        if current < SCHEMA_VERSION:
            conn.execute(
                schema_info.update().where(schema_info.c.id == 1).values(version=SCHEMA_VERSION)
            )
        return max(current, SCHEMA_VERSION)

"""Links that open a plan, each with a role: edit, comment or view-only.

Every link is its own unguessable token (128 random bits). A new plan is opened for
editing by its id, as before; its comment and view-only links are made the first time
they are asked for.
Replacing a link revokes the old token, which is kept so that whoever follows it is told
the link was replaced rather than that the plan does not exist. The role is enforced
where plans are written (see ``pages/shared/session.py``), not only by hiding inputs.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from playbook.comments import is_comment_path
from playbook.errors import PlanNotFound, PlaybookError, translating
from playbook.plan import Plan, apply_changes, is_plan_id
from playbook.storage import PlanRecord, Store
from playbook.storage.schema import links_table, plans_table


class Role(StrEnum):
    EDIT = "edit"
    COMMENT = "comment"  # reads everything and comments; changes nothing else
    VIEW = "view"


class LinkRevoked(PlaybookError, LookupError):
    """The token was a link to a plan, replaced since by a newer one."""

    message_key = "plan.problem.revoked"


class ReadOnly(PlaybookError, PermissionError):
    """A change was sent through a view-only link."""

    message_key = "err.read_only"


@dataclass(frozen=True)
class Access:
    plan_id: str
    role: Role
    token: str


# What a token opens, and the plan's stored version, in one statement (it runs on every
# page view): the link row when the token is a link (a revoked link included), none when
# the token is a plan's own id; no row at all when neither exists.
_OPEN = (
    sa.select(plans_table.c.id, plans_table.c.version, links_table.c.role, links_table.c.revoked_at)
    .select_from(plans_table.outerjoin(links_table, links_table.c.token == sa.bindparam("token")))
    .where(
        plans_table.c.id
        == sa.func.coalesce(
            sa.select(links_table.c.plan_id)
            .where(links_table.c.token == sa.bindparam("token"))
            .scalar_subquery(),
            sa.bindparam("token"),
        )
    )
)

# A plan's current links, every role (the home page's list of links to send).
_LINKS = sa.select(links_table.c.role, links_table.c.token).where(
    links_table.c.plan_id == sa.bindparam("plan_id"), links_table.c.revoked_at.is_(None)
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def new_token() -> str:
    return secrets.token_urlsafe(16)


class AccessStore:
    def __init__(self, store: Store):
        self.engine = store.engine

    def resolve(self, token: str) -> Access:
        """What a link opens; raises PlanNotFound or LinkRevoked."""
        return self.open(token)[0]

    @translating
    def open(self, token: str) -> tuple[Access, int]:
        """What a link opens and the plan's stored version, in one query; raises
        PlanNotFound (neither a link nor a plan's own id) or LinkRevoked."""
        if not is_plan_id(token):
            raise PlanNotFound(token)
        with self.engine.connect() as conn:
            row = conn.execute(_OPEN, {"token": token}).first()
        if row is None:
            raise PlanNotFound(token)
        if row.role is None:
            return Access(token, Role.EDIT, token), row.version
        if row.revoked_at is not None:
            raise LinkRevoked(token)
        return Access(row.id, Role(row.role), token), row.version

    @translating
    def link(self, plan_id: str, role: Role) -> str:
        """The plan's current link for ``role`` (a comment or view-only link is made when
        missing)."""
        return self.links(plan_id, (role,))[role]

    @translating
    def links(self, plan_id: str, roles: Iterable[Role]) -> dict[Role, str]:
        """The plan's current links for ``roles``, in one transaction: one query when they
        all exist (the home page asks on every view)."""
        wanted = list(roles)
        with self.engine.connect() as conn:
            current = {
                Role(row.role): row.token for row in conn.execute(_LINKS, {"plan_id": plan_id})
            }
        current.setdefault(Role.EDIT, plan_id)  # until replaced, the plan id is the edit link
        if all(role in current for role in wanted):
            return {role: current[role] for role in wanted}
        with self.engine.begin() as conn:
            return {role: self._link(conn, plan_id, role) for role in wanted}

    def _link(self, conn: Connection, plan_id: str, role: Role) -> str:
        current = self._current(conn, plan_id, role)
        if current is not None:
            return current
        if role is Role.EDIT:
            return plan_id
        token = new_token()
        self._add(conn, plan_id, role, token)
        return token

    @translating
    def replace(self, plan_id: str, role: Role) -> str:
        """A new link for ``role``; the old one stops working (and says why)."""
        with self.engine.begin() as conn:
            old = self._current(conn, plan_id, role)
            if old is not None:
                conn.execute(
                    links_table.update().where(links_table.c.token == old).values(revoked_at=_now())
                )
            elif role is Role.EDIT:  # the plan id itself was the edit link
                self._add(conn, plan_id, role, plan_id, revoked=True)
            token = new_token()
            self._add(conn, plan_id, role, token)
            return token

    @staticmethod
    def _current(conn: Connection, plan_id: str, role: Role) -> str | None:
        return conn.execute(
            sa.select(links_table.c.token).where(
                links_table.c.plan_id == plan_id,
                links_table.c.role == role.value,
                links_table.c.revoked_at.is_(None),
            )
        ).scalar()

    @staticmethod
    def _add(conn: Connection, plan_id: str, role: Role, token: str, revoked: bool = False) -> None:
        now = _now()
        conn.execute(
            links_table.insert().values(
                token=token,
                plan_id=plan_id,
                role=role.value,
                created_at=now,
                revoked_at=now if revoked else None,
            )
        )


class ReadOnlyStore(Store):
    """The store as a view-only session sees it: reading works, every write is refused.

    Pages reach the store only through their session, so a change set sent through a
    view-only link (a forged widget message, a stale form) stops here.
    """

    def __init__(self, store: Store):  # shares the store's engine and pool
        self.engine = store.engine

    def _write(
        self, plan_id: str, transform: Any, source: str, author: str | None = None
    ) -> PlanRecord:
        # update() and restore() both write through here; new plans (create, insert)
        # are not this plan and stay possible
        raise ReadOnly(plan_id)


class CommentOnlyStore(Store):
    """The store as a comment link sees it: a change set made only of new comments and
    of resolving or reopening comments is stored; anything else is refused, like a
    view-only link's (a forged widget message included)."""

    def __init__(self, store: Store):
        self.engine = store.engine

    @translating
    def update(
        self,
        plan_id: str,
        changes: Mapping[str, Any],
        *,
        source: str = "edit",
        author: str | None = None,
    ) -> PlanRecord:
        if not changes or not all(is_comment_path(path) for path in changes):
            raise ReadOnly(plan_id)

        def transform(plan: Plan) -> Plan:
            for path in changes:
                parts = path.split(".")
                if len(parts) == 2 and parts[1] in plan.comments:  # no rewriting a comment
                    raise ReadOnly(plan_id)
            return apply_changes(plan, changes)

        return self._write(plan_id, transform, source, author)

    def restore(self, plan_id: str, version: int, *, author: str | None = None) -> PlanRecord:
        raise ReadOnly(plan_id)

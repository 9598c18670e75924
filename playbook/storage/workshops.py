"""Workshops and the teams' plans that belong to them, in the plans database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from playbook.errors import PlanNotFound, PlaybookError, StorageUnavailable, translating
from playbook.plan import Plan, PlanMeta, new_plan_id
from playbook.storage.plans import PlanRecord, Store
from playbook.storage.schema import teams_table, workshops_table
from playbook.workshop import CODE_ALPHABET, Workshop, new_code


class WorkshopNotFound(PlaybookError, LookupError):
    """No workshop has this id or join code."""

    message_key = "ws.unknown"


@dataclass(frozen=True)
class TeamPlan:
    plan: Plan
    joined_at: datetime


def _now() -> str:
    return datetime.now(UTC).isoformat()


class WorkshopStore:
    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine  # the store created the workshop tables with the rest

    @translating
    def create(self, workshop: Workshop) -> Workshop:
        for _ in range(20):  # a new code if it is taken
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        workshops_table.insert().values(
                            id=workshop.id,
                            code=workshop.code,
                            data=workshop.model_dump_json(),
                            updated_at=_now(),
                        )
                    )
                return workshop
            except sa.exc.IntegrityError:
                workshop = workshop.model_copy(update={"code": new_code()})
        raise StorageUnavailable("no free workshop code")

    @translating
    def save(self, workshop: Workshop) -> Workshop:
        Workshop.model_validate(workshop.model_dump())
        with self.engine.begin() as conn:
            result = conn.execute(
                workshops_table.update()
                .where(workshops_table.c.id == workshop.id)
                .values(data=workshop.model_dump_json(), updated_at=_now())
            )
        if result.rowcount != 1:
            raise WorkshopNotFound(workshop.id)
        return workshop

    def _one(self, column: sa.Column, value: str) -> Workshop:
        with self.engine.connect() as conn:
            data = conn.execute(sa.select(workshops_table.c.data).where(column == value)).scalar()
        if data is None:
            raise WorkshopNotFound(value)
        return Workshop.model_validate_json(data)

    @translating
    def get(self, workshop_id: str) -> Workshop:
        return self._one(workshops_table.c.id, workshop_id)

    @translating
    def by_code(self, code: str) -> Workshop:
        """The workshop with this join code (spaces and case ignored, as read aloud)."""
        code = "".join(code.split()).upper()
        if not code or any(c not in CODE_ALPHABET for c in code):
            raise WorkshopNotFound(code)
        return self._one(workshops_table.c.code, code)

    @translating
    def join(self, code: str, meta: PlanMeta) -> PlanRecord:
        """A new plan for a team, under the workshop with this join code."""
        workshop = self.by_code(code)
        record = self.store.insert(Plan(id=new_plan_id(), meta=meta), source="join")
        with self.engine.begin() as conn:
            conn.execute(
                teams_table.insert().values(
                    workshop_id=workshop.id, plan_id=record.plan.id, joined_at=_now()
                )
            )
        return record

    @translating
    def teams(self, workshop_id: str) -> list[TeamPlan]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(teams_table.c.plan_id, teams_table.c.joined_at)
                .where(teams_table.c.workshop_id == workshop_id)
                .order_by(teams_table.c.joined_at)
            ).all()
        out = []
        for row in rows:
            try:
                plan = self.store.get(row.plan_id).plan
            except PlanNotFound:
                continue
            out.append(TeamPlan(plan, datetime.fromisoformat(row.joined_at)))
        return out

"""Workshop rooms in the plans database: the slide on the shared screen and the timer."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from playbook.errors import PlaybookError, translating
from playbook.room import Room, Timer, is_screen_token, new_screen_token
from playbook.storage.plans import Store
from playbook.storage.schema import rooms_table, teams_table


class ScreenNotFound(PlaybookError, LookupError):
    """No room has this screen token (a mistyped or old audience-view link)."""

    message_key = "room.unknown_screen"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _room(row: sa.Row) -> Room:
    return Room(
        workshop_id=row.workshop_id,
        screen_token=row.screen_token,
        slide=row.slide,
        timer=Timer.model_validate_json(row.timer),
    )


class RoomStore:
    def __init__(self, store: Store):
        self.engine = store.engine

    @translating
    def room(self, workshop_id: str) -> Room:
        """The workshop's room, made (slide one, a ten-minute timer) the first time."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(rooms_table).where(rooms_table.c.workshop_id == workshop_id)
            ).first()
        if row is not None:
            return _room(row)
        room = Room(workshop_id=workshop_id, screen_token=new_screen_token())
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    rooms_table.insert().values(
                        workshop_id=workshop_id,
                        screen_token=room.screen_token,
                        slide=room.slide,
                        timer=room.timer.model_dump_json(),
                        updated_at=_now(),
                    )
                )
        except sa.exc.IntegrityError:  # another window made it first
            return self.room(workshop_id)
        return room

    @translating
    def by_screen(self, token: str) -> Room:
        if not is_screen_token(token):
            raise ScreenNotFound(token)
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(rooms_table).where(rooms_table.c.screen_token == token)
            ).first()
        if row is None:
            raise ScreenNotFound(token)
        return _room(row)

    @translating
    def slide(self, workshop_id: str) -> int:
        """The slide on the screen: one primary-key lookup, for windows that poll."""
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(rooms_table.c.slide).where(rooms_table.c.workshop_id == workshop_id)
            ).scalar()
        return value or 0

    @translating
    def move(self, workshop_id: str, offset: int, count: int) -> None:
        """Move the screen ``offset`` slides from where it is now (whichever window asks),
        within a deck of ``count`` slides, in one statement."""
        target = rooms_table.c.slide + offset
        with self.engine.begin() as conn:
            conn.execute(
                rooms_table.update()
                .where(rooms_table.c.workshop_id == workshop_id)
                .values(
                    slide=sa.case((target < 0, 0), (target > count - 1, count - 1), else_=target),
                    updated_at=_now(),
                )
            )

    @translating
    def show(self, workshop_id: str, index: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                rooms_table.update()
                .where(rooms_table.c.workshop_id == workshop_id)
                .values(slide=max(0, index), updated_at=_now())
            )

    @translating
    def timer(self, workshop_id: str) -> Timer | None:
        """The room's timer (None before the room exists): one primary-key lookup."""
        with self.engine.connect() as conn:
            data = conn.execute(
                sa.select(rooms_table.c.timer).where(rooms_table.c.workshop_id == workshop_id)
            ).scalar()
        return None if data is None else Timer.model_validate_json(data)

    @translating
    def set_timer(self, workshop_id: str, timer: Timer) -> None:
        self.room(workshop_id)
        with self.engine.begin() as conn:
            conn.execute(
                rooms_table.update()
                .where(rooms_table.c.workshop_id == workshop_id)
                .values(
                    timer=Timer.model_validate(timer.model_dump()).model_dump_json(),
                    updated_at=_now(),
                )
            )

    @translating
    def workshop_of(self, plan_id: str) -> str | None:
        """The workshop a team's plan joined, if any."""
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(teams_table.c.workshop_id).where(teams_table.c.plan_id == plan_id)
            ).scalar()

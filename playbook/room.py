"""A workshop's room: the slide on the screen and the exercise timer, shared by every
window of the workshop (the trainer's, the projector's, the teams').

Both live in the database rather than in a browser, so a reload neither loses the slide
nor resets or pauses the timer. The projector opens the room by its own secret token, so
the trainer's workshop id never appears on the shared screen.
"""

from __future__ import annotations

import io
import math
import re
import secrets
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from playbook.answers import progress
from playbook.content import Content
from playbook.plan import Plan
from playbook.review import review

TIMER_MAX_SECONDS = 180 * 60
SCREEN_TOKEN = r"[A-Za-z0-9_-]{22,64}"


def new_screen_token() -> str:
    return secrets.token_urlsafe(16)


def is_screen_token(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(SCREEN_TOKEN, value) is not None


@dataclass(frozen=True)
class Face:
    """What a timer shows: time left (whole seconds, rounded up), running, ended."""

    seconds_left: int
    running: bool
    finished: bool

    @property
    def display(self) -> str:
        minutes, seconds = divmod(self.seconds_left, 60)
        return f"{minutes:02d}:{seconds:02d}"


class Timer(BaseModel):
    """A countdown: ``ends_at`` (epoch seconds) while it runs, else ``left`` seconds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seconds: int = Field(default=600, ge=1, le=TIMER_MAX_SECONDS)
    left: float = Field(default=600.0, ge=0, le=TIMER_MAX_SECONDS)
    ends_at: float | None = None

    def start(self, now: float) -> Timer:
        if self.ends_at is not None or self.left <= 0:
            return self
        return self.model_copy(update={"ends_at": now + self.left})

    def pause(self, now: float) -> Timer:
        if self.ends_at is None:
            return self
        return self.model_copy(update={"left": max(0.0, self.ends_at - now), "ends_at": None})

    def reset(self) -> Timer:
        return self.model_copy(update={"left": float(self.seconds), "ends_at": None})

    def with_length(self, seconds: int) -> Timer:
        return Timer(seconds=seconds, left=float(seconds))

    def remaining(self, now: float) -> float:
        return max(0.0, self.ends_at - now) if self.ends_at is not None else self.left

    def face(self, now: float) -> Face:
        remaining = self.remaining(now)
        return Face(
            seconds_left=math.ceil(remaining),
            running=self.ends_at is not None and remaining > 0,
            finished=remaining <= 0,
        )

    def shown_to_teams(self, now: float, linger: float = 60.0) -> bool:
        """Whether team pages show it: while it runs, and a minute after it ends."""
        return self.ends_at is not None and now < self.ends_at + linger


class Room(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    workshop_id: str = Field(pattern=r"^[A-Za-z0-9_-]{22,64}$")
    screen_token: str = Field(pattern=rf"^{SCREEN_TOKEN}$")
    slide: int = Field(default=0, ge=0, le=10_000)
    timer: Timer = Field(default_factory=Timer)


def step(index: int, offset: int, count: int) -> int:
    """The slide ``offset`` away from ``index``, kept within a deck of ``count``."""
    return max(0, min(index + offset, count - 1))


@dataclass(frozen=True)
class TeamStatus:
    """One line of the trainer's progress board."""

    plan_id: str
    team: str
    community: str
    done: int
    total: int
    last_activity: datetime
    score: int


def minutes_ago(moment: datetime, now: datetime) -> int:
    """Whole minutes from ``moment`` to ``now`` (never negative: clocks drift)."""
    return max(0, int((now - moment).total_seconds() // 60))


def board(plans: list[Plan], content: Content, today: date) -> list[TeamStatus]:
    rows = []
    for plan in plans:
        done, total = progress(plan, content.variables)
        rows.append(
            TeamStatus(
                plan.id,
                plan.meta.team,
                plan.meta.community,
                done,
                total,
                plan.updated_at,
                review(plan, content, today).score,
            )
        )
    return rows


def _stem(plan: Plan) -> str:
    text = f"{plan.meta.team}-{plan.meta.community}"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" ._")[:60] or "plan"


def teams_zip(plans: list[Plan], content: Content, lang: str, today: date, writer: str) -> bytes:
    """Every team's plan as a document (``writer``: docx, pdf, html), in one ZIP."""
    from playbook.export.build import build_document
    from playbook.export.formats import write_document

    out = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, plan in enumerate(plans, start=1):
            name = f"{number:02d}-{_stem(plan)}.{writer}"
            while name in used:  # two teams with the same names
                name = f"{number:02d}-{_stem(plan)}-{len(used)}.{writer}"
            used.add(name)
            document = build_document(plan, content, lang, today)
            archive.writestr(name, write_document(document, writer))
    return out.getvalue()


# The audience view's slide, in units of 1% of its width (see pages/workshop/screen.py):
# text sizes at full scale, the width text runs in, and the height it may fill.
TITLE_SIZE, POINT_SIZE, QUESTION_SIZE, SNIPPET_SIZE = 4.4, 2.5, 2.2, 1.9
TEXT_WIDTH, TEXT_HEIGHT = 87.0, 46.0


def _ems(text: str) -> float:
    """Text width in ems: a CJK character is about one em, a Latin one about half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in text)


def _height(texts: list[str], size: float, leading: float, width: float) -> float:
    return sum(math.ceil(_ems(t) * size / width) * size * leading for t in texts)


def slide_fit(title: str, points: list[str], questions: list[str], snippet: str | None) -> float:
    """The scale (0.55 to 1) at which a slide's text fits the projector's screen: long
    slides are set smaller rather than cut off."""
    scale = 1.0
    while scale > 0.55:
        height = (
            _height([title], TITLE_SIZE * scale, 1.2, TEXT_WIDTH + 3)
            + 2 * scale
            + _height(points, POINT_SIZE * scale, 1.4, TEXT_WIDTH)
            + len(points) * scale
            + (
                _height(questions, QUESTION_SIZE * scale, 1.45, TEXT_WIDTH)
                + len(questions) * scale
                + 5.5 * scale
                if questions
                else 0
            )
            + (
                _height([snippet], SNIPPET_SIZE * scale, 1.5, TEXT_WIDTH) + 3 * scale
                if snippet
                else 0
            )
        )
        if height <= TEXT_HEIGHT:
            break
        scale -= 0.05
    return round(max(scale, 0.55), 2)

"""Workshops for trainers: the agenda, its timing, and the slide deck built from it.

Slides are drawn from the playbook's own content (variables, checklist, steps, cases,
trends); ``content/workshop.toml`` adds only what is specific to teaching: module lengths,
exercises, facilitator notes, and the opening and closing slides.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playbook.cases import Cases
from playbook.content import CONTENT_DIR, Content, Slug, Strict, Text, read_toml
from playbook.examples import examples
from playbook.text import RequiredShortText

SESSION_MINUTES = {"half_day": 210, "full_day": 420}  # 3.5 and 7 hours of teaching
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud in a room
CODE_LENGTH = 6
CODE_INPUT_MAX = 12  # room for the spaces or dashes people type when reading a code aloud


class Module(Strict):
    id: Slug
    title: Text
    minutes: int = Field(ge=5, le=240)
    exercise: Text
    notes: Text


class Intro(Strict):
    """The opening: what a community is, its traits, and a first question to the room."""

    definition: Text
    traits: list[Text] = Field(min_length=1)
    question: Text


class Wrapup(Strict):
    points: list[Text] = Field(min_length=1)
    question: Text


class WorkshopContent(Strict):
    modules: list[Module] = Field(min_length=1)
    intro: Intro
    wrapup: Wrapup

    def module(self, module_id: str) -> Module:
        for m in self.modules:
            if m.id == module_id:
                return m
        raise KeyError(module_id)


@lru_cache(maxsize=1)
def workshop_content() -> WorkshopContent:
    return WorkshopContent.model_validate(read_toml("workshop.toml", CONTENT_DIR))


class AgendaItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    module: Slug
    minutes: int = Field(ge=5, le=240)


class Workshop(BaseModel):
    """A trainer's workshop: its agenda and length. Teams join with ``code``."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{22,64}$")
    code: str = Field(pattern=rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
    title: RequiredShortText
    length: Literal["half_day", "full_day"] = "half_day"
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=30)
    # the room's industry: the ten-variable slides show its worked example and pitfall
    industry: Slug | None = None

    @model_validator(mode="after")
    def _known_modules(self) -> Workshop:
        known = {m.id for m in workshop_content().modules}
        for item in self.agenda:
            if item.module not in known:
                raise ValueError(f"unknown_module:{item.module}")
        return self


def join_code(value: object) -> str:
    """The join code a link carries (``?join=``), as typed into the form; else empty."""
    if not isinstance(value, str):
        return ""
    code = "".join(value.split()).upper()
    return code if len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) else ""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def default_agenda(length: str) -> list[AgendaItem]:
    """Every module at its default length for a full day; a half day drops the cases and
    trends and shortens the rest to four fifths (in steps of five minutes)."""
    modules = workshop_content().modules
    if length == "full_day":
        return [AgendaItem(module=m.id, minutes=m.minutes) for m in modules]
    return [
        AgendaItem(module=m.id, minutes=max(10, int(m.minutes * 0.8) // 5 * 5))
        for m in modules
        if m.id not in ("cases", "trends")
    ]


def new_workshop(title: str, length: str = "half_day", industry: str | None = None) -> Workshop:
    return Workshop(
        id=secrets.token_urlsafe(16),
        code=new_code(),
        title=title,
        length=length,
        agenda=default_agenda(length),
        industry=industry,
    )


@dataclass(frozen=True)
class Slot:
    module: str
    start: int  # minutes from the start of the session
    end: int


@dataclass(frozen=True)
class Timing:
    total: int
    available: int
    slots: list[Slot]

    @property
    def remaining(self) -> int:
        return self.available - self.total

    @property
    def over(self) -> bool:
        return self.total > self.available


def timing(workshop: Workshop) -> Timing:
    slots, clock = [], 0
    for item in workshop.agenda:
        slots.append(Slot(item.module, clock, clock + item.minutes))
        clock += item.minutes
    return Timing(clock, SESSION_MINUTES[workshop.length], slots)


@dataclass(frozen=True)
class Slide:
    module: str
    title: str
    points: list[str]
    questions: list[str] = field(default_factory=list)
    snippet: str | None = None  # a case snippet
    notes: str = ""  # facilitator notes (speaker notes in the deck)


def _variable_slides(
    module: Module, content: Content, cases: Cases, lang: str, industry: str | None
) -> list[Slide]:
    """One slide per variable; with the room's industry, its worked example and pitfall."""
    notes = module.notes.get(lang) + "\n" + module.exercise.get(lang)
    xiaomi = cases.cases[0]
    example_set = examples().for_industry(industry) if industry else None
    slides = []
    for v in content.variables:
        points = [v.tagline.get(lang), v.why.get(lang)]
        mistakes = [m.get(lang) for m in v.mistakes]
        if example_set is not None:
            example = example_set.variables[v.id]
            points.append(f"{example_set.label.get(lang)}: {example.summary.get(lang)}")
            mistakes.insert(0, example.mistake.get(lang))
        slides.append(
            Slide(
                module.id,
                f"{v.number}. {v.title.get(lang)}",
                points,
                [q.get(lang) for q in v.questions[:3]],
                f"{xiaomi.name.get(lang)}: {xiaomi.variables[v.id].get(lang)}",
                notes + "\n" + "\n".join(mistakes),
            )
        )
    return slides


def _module_slides(module: Module, content: Content, cases: Cases, lang: str) -> list[Slide]:
    extra = workshop_content()
    notes = module.notes.get(lang) + "\n" + module.exercise.get(lang)
    if module.id == "intro":
        intro = extra.intro
        return [
            Slide(
                module.id,
                module.title.get(lang),
                [intro.definition.get(lang)] + [t.get(lang) for t in intro.traits],
                [intro.question.get(lang)],
                notes=notes,
            )
        ]
    if module.id == "levers":
        slides = []
        for group in content.groups:
            if group.id not in ("rules", "people", "activities", "size"):
                continue
            items = [i for i in content.items if i.group == group.id]
            slides.append(
                Slide(
                    module.id,
                    group.title.get(lang),
                    [i.title.get(lang) for i in items],
                    [items[0].check.get(lang)],
                    notes=notes + "\n" + "\n".join(i.why.get(lang) for i in items),
                )
            )
        return slides
    if module.id == "steps":
        return [
            Slide(
                module.id,
                f"{s.number}. {s.title.get(lang)}",
                [s.purpose.get(lang)],
                [d.get(lang) for d in s.decisions],
                notes=notes,
            )
            for s in content.steps
        ]
    if module.id == "cautions":
        items = [i for i in content.items if i.group == "cautions"]
        return [
            Slide(
                module.id,
                module.title.get(lang),
                [i.title.get(lang) for i in items],
                [module.exercise.get(lang)],
                notes=notes + "\n" + "\n".join(i.why.get(lang) for i in items),
            )
        ]
    if module.id == "cases":
        return [
            Slide(
                module.id,
                case.name.get(lang),
                [s.get(lang) for s in case.success],
                [b.get(lang) for b in case.borrow[:2]],
                case.tagline.get(lang),
                notes
                + "\n"
                + "\n".join(f"{f.text.get(lang)} ({f.source.get(lang)})" for f in case.facts),
            )
            for case in cases.cases
        ]
    if module.id == "trends":
        return [
            Slide(
                module.id,
                module.title.get(lang),
                [tr.title.get(lang) for tr in cases.trends],
                [module.exercise.get(lang)],
                notes=notes + "\n" + "\n".join(tr.for_plan.get(lang) for tr in cases.trends),
            )
        ]
    wrap = extra.wrapup
    return [
        Slide(
            module.id,
            module.title.get(lang),
            [p.get(lang) for p in wrap.points],
            [wrap.question.get(lang)],
            notes=notes,
        )
    ]


def build_deck(workshop: Workshop, content: Content, cases: Cases, lang: str) -> list[Slide]:
    """The slides of the agenda, in order: one idea per slide."""
    extra = workshop_content()
    slides = []
    for item in workshop.agenda:
        module = extra.module(item.module)
        if module.id == "variables":
            slides += _variable_slides(module, content, cases, lang, workshop.industry)
        else:
            slides += _module_slides(module, content, cases, lang)
    return slides

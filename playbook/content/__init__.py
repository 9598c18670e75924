"""Bilingual playbook content: pydantic models and the loader for ``content/*.toml``.

The content files are the single source of every title, question, example and option the
site shows. Loading validates them strictly (every text in both languages, no unknown
keys, ids unique), so a content mistake fails the test suite instead of a page.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from playbook.ids import Slug

CONTENT_DIR = Path(__file__).resolve().parent  # the TOML files sit beside this loader
LANGS = ("zh", "en")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One piece of text in both languages."""

    zh: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Option(Strict):
    id: Slug
    label: Text
    hint: Text | None = None


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"duplicate {what} id {i!r}")
        seen.add(i)


class FieldSpec(Strict):
    """A field the team fills in: ``line`` (one line), ``text`` (paragraphs),
    ``choice`` (one option), ``choices`` (several options) or ``number``."""

    id: Slug
    kind: Literal["line", "text", "choice", "choices", "number"]
    label: Text
    help: Text | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    max_chars: int | None = None

    @model_validator(mode="after")
    def _kind_rules(self) -> FieldSpec:
        if self.kind in ("choice", "choices"):
            if len(self.options) < 2:
                raise ValueError(f"field {self.id}: a {self.kind} field needs options")
            _unique([o.id for o in self.options], f"option of {self.id}")
        elif self.options:
            raise ValueError(f"field {self.id}: only choice fields have options")
        if self.kind == "number" and (self.min is None or self.max is None or self.min > self.max):
            raise ValueError(f"field {self.id}: a number field needs min <= max")
        return self

    def option_label(self, option_id: str, lang: str) -> str:
        for option in self.options:
            if option.id == option_id:
                return option.label.get(lang)
        return option_id


class Example(Strict):
    context: Text
    answer: Text


class Variable(Strict):
    """One of the ten strategic variables of a community."""

    id: Slug
    number: int = Field(ge=1, le=10)
    key: Text  # the two-character name used on the canvas, e.g. 对象
    title: Text
    tagline: Text
    what: Text
    why: Text
    questions: list[Text] = Field(min_length=3, max_length=6)
    fields: list[FieldSpec] = Field(min_length=2)
    example: Example
    mistakes: list[Text] = Field(min_length=2)

    @model_validator(mode="after")
    def _summary_first(self) -> Variable:
        _unique([f.id for f in self.fields], f"field of {self.id}")
        first = self.fields[0]
        if first.id != "summary" or first.kind != "line" or not first.required:
            raise ValueError(
                f"variable {self.id}: the first field must be a required 'summary' line"
            )
        return self

    def field(self, field_id: str) -> FieldSpec:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


class Platform(Strict):
    """A platform a community can live on; ``group_cap`` only where it publishes one."""

    id: Slug
    label: Text
    kind: Literal["private_group", "public_content", "owned", "offline"]
    strengths: Text
    limits: Text
    audience: Text
    group_cap: int | None = Field(default=None, ge=2)
    cap_note: Text | None = None

    @model_validator(mode="after")
    def _cap_has_a_source(self) -> Platform:
        if (self.group_cap is None) != (self.cap_note is None):
            raise ValueError(f"platform {self.id}: a group cap needs a note on its source")
        return self


class Stage(Strict):
    id: Literal["cold_start", "growing", "mature"]
    label: Text
    hint: Text


StageId = Literal["cold_start", "growing", "mature"]
Severity = Literal["critical", "warning", "info"]


class StepTask(Strict):
    title: Text
    stages: list[StageId] = Field(min_length=1)
    start: int = Field(ge=0, le=730)  # days after the plan starts
    days: int = Field(ge=1, le=365)


class Step(Strict):
    """One of the seven implementation steps."""

    id: Slug
    number: int = Field(ge=1, le=7)
    title: Text
    purpose: Text
    decisions: list[Text] = Field(min_length=1)
    variables: list[Slug] = Field(default_factory=list)
    tasks: list[StepTask] = Field(min_length=1)


class ChecklistGroup(Strict):
    id: Slug
    title: Text
    industries: list[Slug] = Field(default_factory=list)  # shown only to these; empty: all

    def shown_for(self, industry: str) -> bool:
        return not self.industries or industry in self.industries


class ChecklistItem(Strict):
    id: Slug
    group: Slug
    title: Text
    why: Text
    check: Text
    page: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    variable: Slug | None = None
    focus: list[StageId] = Field(default_factory=list)


class KpiMetric(Strict):
    id: Slug
    label: Text
    formula: Text


class KpiObjective(Strict):
    id: Slug
    label: Text
    question: Text
    metrics: list[KpiMetric] = Field(min_length=1)


class ReviewStage(Strict):
    max_group_size: int = Field(ge=2)
    rules_needed_above: int = Field(ge=2)
    max_promo_per_week: int = Field(ge=0)
    severity: dict[Slug, Severity] = Field(default_factory=dict)


class Content(Strict):
    variables: list[Variable] = Field(min_length=10, max_length=10)
    industries: list[Option] = Field(min_length=2)
    platforms: list[Platform] = Field(min_length=2)
    stages: list[Stage] = Field(min_length=3, max_length=3)
    steps: list[Step] = Field(min_length=7, max_length=7)
    groups: list[ChecklistGroup] = Field(min_length=1)
    items: list[ChecklistItem] = Field(min_length=1)
    objectives: list[KpiObjective] = Field(min_length=1)
    cadences: list[Option] = Field(min_length=1)
    review: dict[StageId, ReviewStage]

    @model_validator(mode="after")
    def _ids(self) -> Content:
        _unique([v.id for v in self.variables], "variable")
        _unique([o.id for o in self.industries], "industry")
        _unique([o.id for o in self.platforms], "platform")
        if [v.number for v in self.variables] != list(range(1, 11)):
            raise ValueError("variables must be numbered 1..10 in order")
        if [s.number for s in self.steps] != list(range(1, 8)):
            raise ValueError("steps must be numbered 1..7 in order")
        _unique([s.id for s in self.steps], "step")
        _unique([i.id for i in self.items], "checklist item")
        _unique([o.id for o in self.objectives], "objective")
        variable_ids = {v.id for v in self.variables}
        group_ids = {g.id for g in self.groups}
        for item in self.items:
            if item.group not in group_ids:
                raise ValueError(f"checklist item {item.id}: unknown group {item.group}")
            if item.variable is not None and item.variable not in variable_ids:
                raise ValueError(f"checklist item {item.id}: unknown variable {item.variable}")
        for stage in ("cold_start", "growing", "mature"):
            if sum(stage in item.focus for item in self.items) > 4:
                raise ValueError(f"more than four checklist items in focus at {stage}")
        for step in self.steps:
            if not set(step.variables) <= variable_ids:
                raise ValueError(f"step {step.id}: unknown variable")
        if set(self.review) != {"cold_start", "growing", "mature"}:
            raise ValueError("review thresholds are needed for every stage")
        return self

    def variable(self, variable_id: str) -> Variable:
        for v in self.variables:
            if v.id == variable_id:
                return v
        raise KeyError(variable_id)

    def platform(self, platform_id: str) -> Platform:
        for p in self.platforms:
            if p.id == platform_id:
                return p
        raise KeyError(platform_id)

    def group_caps(self) -> dict[str, int]:
        """Each platform's published group cap, by platform id."""
        return {p.id: p.group_cap for p in self.platforms if p.group_cap is not None}

    def label(self, options: list[Option] | list[Platform], option_id: str, lang: str) -> str:
        for o in options:
            if o.id == option_id:
                return o.label.get(lang)
        return option_id


def read_toml(name: str, directory: Path = CONTENT_DIR) -> dict:
    with open(directory / name, "rb") as fh:
        return tomllib.load(fh)


def load_content(directory: Path = CONTENT_DIR) -> Content:
    """Read and validate every content file (raises ``pydantic.ValidationError``)."""
    data: dict = {}
    for name in (
        "variables.toml",
        "options.toml",
        "platforms.toml",
        "steps.toml",
        "checklist.toml",
        "kpis.toml",
    ):
        data |= read_toml(name, directory)
    data["review"] = read_toml("review.toml", directory)["stages"]
    return Content.model_validate(data)


@lru_cache(maxsize=1)
def content() -> Content:
    """The validated content, read once per process."""
    return load_content()

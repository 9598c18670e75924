"""Case studies and trends: the content models, the comparison with a team's plan, and
copying a case's pattern into the plan without ever overwriting the team's words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from playbook.content import CONTENT_DIR, Content, Slug, Strict, Text, Variable, content, read_toml
from playbook.errors import PlaybookError
from playbook.plan import Plan
from playbook.text import MAX_TEXT


class CaseFact(Strict):
    text: Text
    source: Text  # where the fact comes from, shown beside it


class Case(Strict):
    id: Slug
    name: Text
    tagline: Text
    story: list[Text] = Field(min_length=1)
    success: list[Text] = Field(min_length=1)
    borrow: list[Text] = Field(min_length=1)
    caveats: list[Text] = Field(min_length=1)
    facts: list[CaseFact] = Field(min_length=1)
    variables: dict[Slug, Text]
    steps: dict[Slug, Text]


class Trend(Strict):
    id: Slug
    title: Text
    what: Text
    for_plan: Text
    variable: Slug


class Cases(BaseModel):
    cases: list[Case] = Field(min_length=1)
    trends: list[Trend] = Field(min_length=1)

    def case(self, case_id: str) -> Case:
        for c in self.cases:
            if c.id == case_id:
                return c
        raise KeyError(case_id)

    def check_against(self, playbook: Content) -> Cases:
        """Every case reads through all ten variables and all seven steps."""
        variables = {v.id for v in playbook.variables}
        steps = {s.id for s in playbook.steps}
        for c in self.cases:
            if set(c.variables) != variables:
                raise ValueError(f"case {c.id}: needs exactly the ten variables")
            if set(c.steps) != steps:
                raise ValueError(f"case {c.id}: needs exactly the seven steps")
        for trend in self.trends:
            if trend.variable not in variables:
                raise ValueError(f"trend {trend.id}: unknown variable")
        return self

    @model_validator(mode="after")
    def _unique(self) -> Cases:
        ids = [c.id for c in self.cases]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate case id")
        return self


def load_cases(directory: Path = CONTENT_DIR, playbook: Content | None = None) -> Cases:
    loaded = Cases.model_validate(read_toml("cases.toml", directory))
    return loaded.check_against(playbook or content())


@lru_cache(maxsize=1)
def cases() -> Cases:
    return load_cases()


Gap = Literal["empty", "example", "thin"] | None
GAPS: tuple[str, ...] = ("empty", "example", "thin")
THIN_SHARE = 0.3  # a team answer under 30% of the case's length counts as thin


def team_text(plan: Plan, variable: Variable, skip: frozenset[str] = frozenset()) -> str:
    """The team's written answers for a variable (its text fields, in field order, but
    not the fields in ``skip``)."""
    parts = []
    for spec in variable.fields:
        value = plan.answer(variable.id, spec.id)
        if spec.id in skip:
            continue
        if spec.kind in ("line", "text") and isinstance(value, str) and value.strip():
            parts.append(value.strip())
    return "\n".join(parts)


@dataclass(frozen=True)
class Row:
    variable: Variable
    case_text: str
    team_text: str
    gap: Gap
    team_fields: list[tuple[str, str]]  # (field label, answer as text), answered fields only


def compare(plan: Plan, case: Case, playbook: Content, lang: str) -> list[Row]:
    """The case beside the team's plan, variable by variable, with the gaps marked. A
    template's example text is not the team's answer: a variable holding nothing else is
    marked "example", and the example does not make an answer look long enough."""
    from playbook.examples import examples

    left = examples().example_left(plan, playbook)
    rows = []
    for variable in playbook.variables:
        theirs = case.variables[variable.id].get(lang)
        ours = team_text(plan, variable)
        own = team_text(plan, variable, frozenset(f for v, f in left if v == variable.id))
        if not own:
            gap: Gap = "example" if ours else "empty"
        elif len(own) < THIN_SHARE * len(theirs):
            gap = "thin"
        else:
            gap = None
        rows.append(Row(variable, theirs, ours, gap, answered_fields(plan, variable, lang)))
    return rows


def answered_fields(plan: Plan, variable: Variable, lang: str) -> list[tuple[str, str]]:
    """The team's answers to a variable, field by field with their labels (choices as
    their option labels), in field order; unanswered fields are left out."""
    out = []
    for spec in variable.fields:
        value = plan.answer(variable.id, spec.id)
        if spec.kind in ("choice", "choices"):
            chosen = value if isinstance(value, list) else [value] if value else []
            text = ("、" if lang == "zh" else ", ").join(
                spec.option_label(str(o), lang) for o in chosen
            )
        else:
            text = "" if value is None else str(value).strip()
        if text:
            out.append((spec.label.get(lang), text))
    return out


def pattern_field(variable: Variable) -> str:
    """The paragraph field a copied pattern goes into: the first one of the variable."""
    return next(f.id for f in variable.fields if f.kind == "text")


class TooLong(PlaybookError, ValueError):
    """Appending the pattern would exceed the field's length limit."""

    message_key = "cmp.too_long"


class AlreadyCopied(PlaybookError):
    """The pattern is already in the field: copying it again would only repeat it."""

    message_key = "cmp.already"


class NothingToUndo(PlaybookError):
    """The copied pattern is no longer in the field (removed or edited since)."""

    message_key = "cmp.nothing_to_undo"


def _addition(case: Case, variable: Variable, lang: str) -> str:
    label = "参考" if lang == "zh" else "Pattern from"
    return f"[{label} {case.name.get(lang)}] {case.variables[variable.id].get(lang)}"


def undo_copy(plan: Plan, case: Case, variable: Variable, lang: str) -> dict[str, str | None]:
    """The change set that takes a copied pattern out of the field again."""
    field = pattern_field(variable)
    current = plan.answer(variable.id, field)
    addition = _addition(case, variable, lang)
    if not isinstance(current, str) or addition not in current:
        raise NothingToUndo(field)
    joined = f"\n\n{addition}"
    rest = current.replace(joined if joined in current else addition, "", 1)
    return {f"answers.{variable.id}.{field}": rest.strip() or None}


def copy_pattern(plan: Plan, case: Case, variable: Variable, lang: str) -> dict[str, str]:
    """The change set that appends the case's pattern to the variable's paragraph field.

    What the team wrote stays first and unchanged; the pattern follows, marked with the
    case's name so a reader can tell it was borrowed.
    """
    field = pattern_field(variable)
    current = plan.answer(variable.id, field)
    existing = current.rstrip() if isinstance(current, str) else ""
    addition = _addition(case, variable, lang)
    if addition in existing:
        raise AlreadyCopied(field)
    combined = f"{existing}\n\n{addition}" if existing else addition
    limit = variable.field(field).max_chars or MAX_TEXT
    if len(combined) > limit:
        raise TooLong(field)
    return {f"answers.{variable.id}.{field}": combined}

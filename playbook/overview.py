"""The playbook's frameworks in one place: the definition of community marketing, its four
traits, the five strategies, the six cautions, and how a community organises itself.

Read from ``content/overview.toml``; every point names the wizard steps (variables) where
a team puts it into practice, so the wizard can show the frameworks that apply to a step.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator

from playbook.content import CONTENT_DIR, Content, Slug, Strict, Text, content, read_toml


class Point(Strict):
    id: Slug
    title: Text
    point: Text


class Practice(Point):
    variables: list[Slug] = Field(min_length=1)


class Organisation(Strict):
    title: Text
    point: Text
    for_plan: Text
    variables: list[Slug] = Field(min_length=1)


class Organisations(Strict):
    flat: Organisation
    self_organising: Organisation


class Overview(Strict):
    definition: Text
    traits: list[Point] = Field(min_length=4, max_length=4)
    strategies: list[Practice] = Field(min_length=5, max_length=5)
    cautions: list[Practice] = Field(min_length=6, max_length=6)
    organisation: Organisations

    @model_validator(mode="after")
    def _unique_ids(self) -> Overview:
        for items in (self.traits, self.strategies, self.cautions):
            ids = [i.id for i in items]
            if len(ids) != len(set(ids)):
                raise ValueError("duplicate id in the overview")
        return self

    def check_against(self, playbook: Content) -> Overview:
        known = {v.id for v in playbook.variables}
        organisation = [self.organisation.flat, self.organisation.self_organising]
        used = [p.variables for p in [*self.strategies, *self.cautions]]
        used += [o.variables for o in organisation]
        for variables in used:
            if not set(variables) <= known:
                raise ValueError(f"overview: unknown variable in {variables}")
        return self

    def for_variable(self, variable_id: str) -> tuple[list[Practice], list[Practice]]:
        """The strategies and the cautions put into practice in one wizard step."""
        return (
            [s for s in self.strategies if variable_id in s.variables],
            [c for c in self.cautions if variable_id in c.variables],
        )

    def organisation_for(self, variable_id: str) -> list[Organisation]:
        pair = [self.organisation.flat, self.organisation.self_organising]
        return [o for o in pair if variable_id in o.variables]


def load_overview(directory: Path = CONTENT_DIR, playbook: Content | None = None) -> Overview:
    loaded = Overview.model_validate(read_toml("overview.toml", directory))
    return loaded.check_against(playbook or content())


@lru_cache(maxsize=1)
def overview() -> Overview:
    return load_overview()

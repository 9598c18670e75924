"""Worked examples of the ten variables for six industries, and plans started from them.

Read from ``content/examples.toml``. Each set has a context and, for every variable, a
one-line summary, an example answer and one mistake typical of that industry. A plan's
industry picks its set; a template plan is pre-filled with a set's summaries and answers,
each marked as example text, and ``example_left`` finds the ones a team has not replaced.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field

from playbook.content import CONTENT_DIR, Content, Slug, Strict, Text, Variable, content, read_toml
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id


class VariableExample(Strict):
    summary: Text
    answer: Text | None = None  # None: the variable's own example (variables.toml)
    mistake: Text


class ExampleSet(Strict):
    id: Slug
    label: Text
    industries: list[Slug] = Field(min_length=1)
    context: Text
    variables: dict[Slug, VariableExample]


class Template(Strict):
    marker: Text  # put before every example text in a template plan
    fields: dict[Slug, Slug]  # variable -> the text field that receives the answer


class Examples(Strict):
    template: Template
    sets: list[ExampleSet] = Field(min_length=6)

    def check_against(self, playbook: Content) -> Examples:
        variables = {v.id: v for v in playbook.variables}
        industries = {o.id for o in playbook.industries}
        ids = [s.id for s in self.sets]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate example set")
        for example_set in self.sets:
            if set(example_set.variables) != set(variables):
                raise ValueError(f"example set {example_set.id}: needs all ten variables")
            if not set(example_set.industries) <= industries:
                raise ValueError(f"example set {example_set.id}: unknown industry")
        if set(self.template.fields) != set(variables):
            raise ValueError("template: one answer field per variable")
        for variable_id, field_id in self.template.fields.items():
            if variables[variable_id].field(field_id).kind != "text":
                raise ValueError(f"template: {variable_id}.{field_id} is not a text field")
        return self

    def get(self, set_id: str) -> ExampleSet:
        for example_set in self.sets:
            if example_set.id == set_id:
                return example_set
        raise KeyError(set_id)

    def for_industry(self, industry: str) -> ExampleSet:
        """The set written for ``industry``; the first set when none is."""
        return next((s for s in self.sets if industry in s.industries), self.sets[0])

    def answer(self, example_set: ExampleSet, variable: Variable) -> Text:
        return example_set.variables[variable.id].answer or variable.example.answer

    def marked(self, text: str, lang: str) -> str:
        separator = "" if lang == "zh" else " "
        return f"{self.template.marker.get(lang)}{separator}{text}"

    def template_changes(self, set_id: str, lang: str, playbook: Content) -> dict[str, str]:
        """The change set that pre-fills a plan with a set's examples, marked as such."""
        example_set = self.get(set_id)
        changes: dict[str, str] = {}
        for variable in playbook.variables:
            example = example_set.variables[variable.id]
            field_id = self.template.fields[variable.id]
            answer = self.answer(example_set, variable).get(lang)
            changes[f"answers.{variable.id}.summary"] = self.marked(example.summary.get(lang), lang)
            changes[f"answers.{variable.id}.{field_id}"] = self.marked(answer, lang)
        return changes

    def texts(self, playbook: Content) -> frozenset[str]:
        """Every summary and answer of every set, in both languages, without the marker."""
        return _texts(self, playbook)

    def example_left(
        self, plan: Plan, playbook: Content, *, marked_only: bool = False
    ) -> list[tuple[str, str]]:
        """(variable, field) of every answer that still holds template example text:
        it starts with the marker, or (unless ``marked_only``) is an example word for word."""
        markers = (self.template.marker.zh, self.template.marker.en)
        texts = frozenset() if marked_only else self.texts(playbook)
        left = []
        for variable in playbook.variables:
            for field_id in ("summary", self.template.fields[variable.id]):
                value = plan.answer(variable.id, field_id)
                if not isinstance(value, str) or not value.strip():
                    continue
                if value.strip().startswith(markers) or value.strip() in texts:
                    left.append((variable.id, field_id))
        return left


_TEXTS: dict[tuple[int, int], tuple[Examples, Content, frozenset[str]]] = {}


def _texts(catalogue: Examples, playbook: Content) -> frozenset[str]:
    """Computed once per pair of catalogues (both are read once per process)."""
    cached = _TEXTS.get((id(catalogue), id(playbook)))
    if cached is not None and cached[0] is catalogue and cached[1] is playbook:
        return cached[2]
    found: set[str] = set()
    for example_set in catalogue.sets:
        for variable in playbook.variables:
            example = example_set.variables[variable.id]
            for text in (example.summary, catalogue.answer(example_set, variable)):
                found |= {text.zh, text.en}
    if len(_TEXTS) > 8:
        _TEXTS.clear()
    _TEXTS[(id(catalogue), id(playbook))] = (catalogue, playbook, frozenset(found))
    return frozenset(found)


def template_plan(meta: PlanMeta, set_id: str, lang: str, playbook: Content) -> Plan:
    """A new plan pre-filled with an example set, every text marked as example text."""
    changes = examples().template_changes(set_id, lang, playbook)
    return apply_changes(Plan(id=new_plan_id(), meta=meta), changes)


def load_examples(directory: Path = CONTENT_DIR, playbook: Content | None = None) -> Examples:
    loaded = Examples.model_validate(read_toml("examples.toml", directory))
    return loaded.check_against(playbook or content())


@lru_cache(maxsize=1)
def examples() -> Examples:
    return load_examples()

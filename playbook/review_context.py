"""What the plan review reads: the plan with its stage's thresholds, and one finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from calculators.group_size import GroupSizeInput, Purpose, plan_groups
from playbook.answers import is_filled
from playbook.content import Content, ReviewStage, Severity
from playbook.examples import examples
from playbook.plan import Plan
from playbook.roadmap import Task, stored_tasks


@dataclass(frozen=True)
class Context:
    plan: Plan
    content: Content
    today: date
    thresholds: ReviewStage = field(init=False)
    tasks: dict[str, Task] | None = field(init=False)
    # (variable, field) answers that still hold a template's example text
    examples_left: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "thresholds", self.content.review[self.plan.meta.stage.value])
        object.__setattr__(self, "tasks", stored_tasks(self.plan))
        left = examples().example_left(self.plan, self.content)
        object.__setattr__(self, "examples_left", left)

    def answer(self, variable: str, name: str) -> Any:
        return self.plan.answer(variable, name)

    def filled(self, variable: str, name: str) -> bool:
        """Whether the team has answered: example text from a template does not count."""
        if (variable, name) in self.examples_left:
            return False
        return is_filled(self.answer(variable, name))

    def group_inputs(self) -> GroupSizeInput | None:
        saved = self.plan.sections.group_size
        if not saved:
            return None
        return GroupSizeInput.from_section(saved, self.content.group_caps())

    def group_size(self) -> int | None:
        """The planned size of one group: the calculator's split, else the wizard's answer."""
        data = self.group_inputs()
        if data is not None:
            return plan_groups(data).members_per_group
        value = self.answer("structure", "group_size")
        return value if isinstance(value, int) else None

    def group_purpose(self) -> Purpose:
        """What the groups are for: the calculator's choice, else the wizard's, else discussion."""
        saved = self.plan.sections.group_size
        if saved and saved.purpose is not None:
            return saved.purpose
        answered = self.answer("structure", "group_purpose")
        if answered in {p.value for p in Purpose}:
            return Purpose(answered)
        return Purpose.DISCUSSION


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    page: str  # url path of the page where it is fixed
    variable: str | None = None  # the wizard step, when the page is the wizard
    values: dict[str, Any] = field(default_factory=dict)

"""The checklist of pitfalls and practices: its groups in order, and a plan's progress.

The checklist page and the exported document both read it through this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.content import ChecklistGroup, ChecklistItem, Content
from playbook.plan import Plan
from playbook.sections import ChecklistEntry


@dataclass(frozen=True)
class Line:
    item: ChecklistItem
    entry: ChecklistEntry
    focus: bool  # not done yet, and among the few that matter most at the plan's stage


@dataclass(frozen=True)
class Group:
    group: ChecklistGroup
    lines: list[Line]

    @property
    def done(self) -> int:
        return sum(line.entry.done for line in self.lines)

    @property
    def total(self) -> int:
        return len(self.lines)


def groups(plan: Plan, content: Content, focus_first: bool = False) -> list[Group]:
    """The checklist grouped as in the content (groups meant for other industries left
    out); ``focus_first`` lists the items that matter at the plan's stage first within
    each group (stable otherwise)."""
    stage = plan.meta.stage.value
    saved = plan.sections.checklist
    result = []
    entries = {i.id: saved.get(i.id) or ChecklistEntry() for i in content.items}
    for group in content.groups:
        if not group.shown_for(plan.meta.industry):
            continue
        lines = [
            Line(item, entries[item.id], stage in item.focus and not entries[item.id].done)
            for item in content.items
            if item.group == group.id
        ]
        if focus_first:
            lines.sort(key=lambda line: not line.focus)
        result.append(Group(group, lines))
    return result


def progress(plan: Plan, content: Content) -> tuple[int, int]:
    """Items ticked and items in total."""
    all_groups = groups(plan, content)
    return sum(g.done for g in all_groups), sum(g.total for g in all_groups)

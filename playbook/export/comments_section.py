"""The optional appendix of an exported plan: its comments, thread by thread."""

from __future__ import annotations

from playbook.clock import local_time, zone
from playbook.comments import thread
from playbook.export.context import Context
from playbook.export.document import Section, Table


def _where(ctx: Context, target: str) -> str:
    kind, _, target_id = target.partition(":")
    if kind == "variable":
        try:
            variable = ctx.content.variable(target_id)
        except KeyError:
            return target_id
        return f"{variable.number} {variable.title.get(ctx.lang)}"
    task = ctx.plan.sections.roadmap.tasks.get(target_id)
    return f"{ctx.t('comments.task')} · {task.title if task else ctx.t('comments.task_gone')}"


def comments_appendix(ctx: Context) -> list[Section]:
    """One table per thread (variables in their order, then tasks); nothing without
    comments. Times are in the plan's time zone."""
    plan = ctx.plan
    if not plan.comments:
        return []
    tz = zone(plan.meta.time_zone, ctx.lang)
    variables = [f"variable:{v.id}" for v in ctx.content.variables]
    others = sorted({c.target for c in plan.comments.values()} - set(variables))
    headers = [ctx.t(f"export.comments.{h}") for h in ("who", "when", "text", "status")]
    sections = [Section(ctx.t("export.comments"), new_page=True)]
    for target in [*variables, *others]:
        found = thread(plan.comments, target)
        if not found:
            continue
        rows = [
            [
                c.author or ctx.t("live.anonymous"),
                local_time(c.at, tz),
                c.text,
                ctx.t("comments.resolved" if c.resolved else "export.comments.open"),
            ]
            for _, c in found
        ]
        sections.append(Section(_where(ctx, target), [Table(headers, rows)], level=2))
    return sections

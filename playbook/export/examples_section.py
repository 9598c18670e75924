"""The exported plan's appendix of worked examples for the plan's industry."""

from __future__ import annotations

from playbook.examples import examples
from playbook.export.context import Context
from playbook.export.document import Paragraph, Section, Table


def industry_examples(ctx: Context) -> list[Section]:
    """Each variable's example summary and the mistake typical of the plan's industry."""
    shown = examples().for_industry(ctx.plan.meta.industry)
    rows = [
        [
            f"{v.number}. {v.title.get(ctx.lang)}",
            shown.variables[v.id].summary.get(ctx.lang),
            shown.variables[v.id].mistake.get(ctx.lang),
        ]
        for v in ctx.content.variables
    ]
    headers = [ctx.t("ex.col.variable"), ctx.t("ex.col.example"), ctx.t("ex.col.mistake")]
    blocks: list = [
        Paragraph(shown.context.get(ctx.lang), "muted"),
        Table(headers, rows),
        Paragraph(ctx.t("ex.illustration"), "muted"),
    ]
    title = ctx.t("ex.export_title", industry=shown.label.get(ctx.lang))
    return [Section(title, blocks)]

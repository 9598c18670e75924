"""Plan -> Document: the sections of the finished plan, in order.

Adding a section to every export format is adding one function (in sections.py) to
``SECTIONS``; the writers only know the blocks of ``document.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from playbook.clock import local_time, zone
from playbook.content import Content
from playbook.export.comments_section import comments_appendix
from playbook.export.context import Context
from playbook.export.document import Document, Section
from playbook.export.examples_section import industry_examples
from playbook.export.sections import (
    checklist,
    group_size_section,
    health,
    kpis,
    lessons,
    next_actions,
    roadmap_section,
    roi_section,
    variables,
)
from playbook.export.summary import summary
from playbook.i18n import t
from playbook.plan import Plan

SECTIONS: list[Callable[[Context], list[Section]]] = [
    summary,
    variables,
    roadmap_section,
    checklist,
    kpis,
    health,
    group_size_section,
    roi_section,
    lessons,
    industry_examples,
    next_actions,
]


def build_document(
    plan: Plan,
    content: Content,
    lang: str,
    today: date,
    *,
    with_charts: bool = True,
    with_comments: bool = False,
) -> Document:
    """The plan's document; ``with_comments`` adds its comments as an appendix."""
    ctx = Context(plan, content, lang, today, with_charts)
    stage = next(s.label.get(lang) for s in content.stages if s.id == plan.meta.stage.value)
    cover = [
        (t("meta.team", lang), plan.meta.team),
        (t("meta.community", lang), plan.meta.community),
        (t("meta.industry", lang), content.label(content.industries, plan.meta.industry, lang)),
        (t("meta.stage", lang), stage),
        (t("export.date", lang), today.isoformat()),
        (t("export.saved", lang), local_time(plan.updated_at, zone(plan.meta.time_zone, lang))),
    ]
    sections = [section for build in SECTIONS for section in build(ctx)]
    if with_comments:
        sections += comments_appendix(ctx)
    return Document(
        lang=lang,
        title=t("export.title", lang, community=plan.meta.community),
        subtitle=t("app.title", lang),
        cover=cover,
        sections=sections,
        not_filled=ctx.gap,
        author=plan.meta.team,
    )

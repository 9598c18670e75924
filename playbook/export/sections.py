"""The sections of an exported plan: one function each, from the Context to Sections."""

from __future__ import annotations

import json
from functools import partial

from calculators import group_size, roi
from playbook import charts, roi_report
from playbook import checklist as playbook_checklist
from playbook.cases import cases, compare
from playbook.describe import value_text
from playbook.export.context import FIGURE_WIDTH, Context
from playbook.export.document import Bar, Block, Bullets, Facts, Paragraph, Section, Table, Timeline
from playbook.kpis import kpi_rows
from playbook.review import checks_line
from playbook.roadmap import Task, TaskStatus, ordered, stored_tasks


def _answer(ctx: Context, variable_id: str, field_id: str) -> str:
    value = ctx.plan.answer(variable_id, field_id)
    return value_text(f"answers.{variable_id}.{field_id}", value, ctx.content, ctx.lang) or ctx.gap


def variables(ctx: Context) -> list[Section]:
    """Answered fields in full; the unanswered ones of a variable on one to-do line, so
    a gap never reads like an answer and an empty plan stays short."""
    intro: list[Block] = [Paragraph(ctx.t("export.variables_intro"), "muted")]
    out = [Section(ctx.t("wizard.title"), intro, new_page=True)]
    for variable in ctx.content.variables:
        pairs, todo = [], []
        for spec in variable.fields:
            text = _answer(ctx, variable.id, spec.id)
            if text == ctx.gap:
                todo.append(spec.label.get(ctx.lang))
            else:
                pairs.append((spec.label.get(ctx.lang), text))
        blocks: list[Block] = [Facts(pairs)] if pairs else []
        if todo:
            blocks.append(Paragraph(ctx.t("export.to_fill", fields=ctx.join(todo)), "empty"))
        out.append(Section(f"{variable.number}. {variable.title.get(ctx.lang)}", blocks, level=2))
    return out


def roadmap_section(ctx: Context) -> list[Section]:
    tasks = stored_tasks(ctx.plan)
    blocks: list = []
    if not tasks:
        blocks.append(Paragraph(ctx.gap, "empty"))
    else:
        steps = {s.id: f"{s.number}. {s.title.get(ctx.lang)}" for s in ctx.content.steps}
        rows = [
            [
                steps[task.step],
                task.title,
                task.owner or "—",
                task.start.isoformat(),
                task.due.isoformat(),
                ctx.t(f"rm.status.{task.status.value}")
                + (f" ({ctx.t('rm.overdue')})" if task.overdue(ctx.today) else ""),
            ]
            for _, task in ordered(tasks)
        ]
        headers = ["step", "title", "owner", "start", "due", "status"]
        blocks.append(Table([ctx.t(f"rm.col.{h}") for h in headers], rows))
        blocks += _timeline(ctx, ordered(tasks))
    section = ctx.plan.sections.roadmap
    chosen = [ctx.content.label(ctx.content.platforms, p, ctx.lang) for p in section.platforms]
    blocks.append(
        Facts(
            [
                (ctx.t("rm.chosen"), ctx.join(chosen) or ctx.gap),
                (ctx.t("rm.rationale"), section.rationale or ctx.gap),
            ]
        )
    )
    return [Section(ctx.t("rm.title"), blocks)]


def _timeline(ctx: Context, tasks: list[tuple[str, Task]]) -> list[Timeline]:
    if not ctx.with_charts:
        return []
    payload = json.dumps({tid: task.model_dump_json() for tid, task in tasks})
    spec = partial(charts.roadmap_spec, payload, ctx.today.isoformat(), ctx.lang, FIGURE_WIDTH)
    steps = {s.id: s.number for s in ctx.content.steps}
    bars = [
        Bar(
            f"{steps[task.step]}. {task.title}",
            task.start,
            task.due,
            ctx.t(f"rm.status.{task.status.value}"),
            charts.STATUS_COLOURS[task.status.value],
            task.overdue(ctx.today),
        )
        for _, task in tasks
    ]
    return [Timeline(bars, ctx.t("rm.timeline"), ctx.today, spec)]


def checklist(ctx: Context) -> list[Section]:
    rows = [
        [
            group.group.title.get(ctx.lang),
            line.item.title.get(ctx.lang),
            "✓" if line.entry.done else "—",
            line.entry.note,
        ]
        for group in playbook_checklist.groups(ctx.plan, ctx.content)
        for line in group.lines
    ]
    done, total = playbook_checklist.progress(ctx.plan, ctx.content)
    headers = [ctx.t("export.group"), ctx.t("export.item"), ctx.t("ck.done"), ctx.t("ck.note")]
    return [
        Section(
            ctx.t("ck.title"),
            [Paragraph(ctx.t("ck.progress", done=done, total=total)), Table(headers, rows)],
        )
    ]


KPI_COLUMNS = ("kp.objectives", "kp.question", "kp.metric", "kp.formula", "kp.target", "kp.cadence")


def kpis(ctx: Context) -> list[Section]:
    rows = [
        [
            row.objective.label.get(ctx.lang),
            row.question,
            row.metric,
            row.formula or ctx.gap,
            row.target or ctx.gap,
            row.cadence,
        ]
        for row in kpi_rows(ctx.plan, ctx.content, ctx.lang)
    ]
    headers = [ctx.t(k) for k in KPI_COLUMNS]
    blocks: list[Block] = [Table(headers, rows)] if rows else [Paragraph(ctx.gap, "empty")]
    return [Section(ctx.t("kp.title"), blocks)]


def health(ctx: Context) -> list[Section]:
    result = ctx.health
    blocks: list = [
        Paragraph(
            f"{ctx.t('rv.score')}{'：' if ctx.lang == 'zh' else ': '}{result.score}/100 · "
            + checks_line(result, ctx.lang)
        )
    ]
    if result.findings:
        blocks.append(Bullets([ctx.finding_text(f) for f in result.findings]))
    else:
        blocks.append(Paragraph(ctx.t("rv.all_clear")))
    if result.passes:
        blocks.append(Paragraph(ctx.t("rv.passes")))
        blocks.append(Bullets([ctx.t(f"review.pass.{f.rule}") for f in result.passes]))
    return [Section(ctx.t("rv.title"), blocks)]


def group_size_section(ctx: Context) -> list[Section]:
    saved = ctx.plan.sections.group_size
    if not saved:
        return [Section(ctx.t("gs.title"), [Paragraph(ctx.gap, "empty")])]
    data = group_size.from_section(saved, ctx.content.group_caps())
    result = group_size.plan_groups(data)
    pairs = [
        (ctx.t("gs.target"), f"{data.target_members:,}"),
        (ctx.t("gs.cap"), f"{data.group_cap:,}"),
        (ctx.t("gs.metric.groups"), f"{result.groups:,}"),
        (ctx.t("gs.metric.per_group"), f"{result.members_per_group:,}"),
        (
            ctx.t("gs.metric.admins"),
            f"{result.admins_needed:,} ({ctx.t('gs.admins')}: {data.admins_available})",
        ),
        (ctx.t("gs.metric.core"), f"{result.core_to_recruit:,}"),
    ]
    specs = charts.group_size_specs(result.model_dump_json(), ctx.lang, FIGURE_WIDTH)
    blocks: list = [Facts(pairs), Paragraph(ctx.t(f"gs.mode.{group_size.mode_key(result)}"))]
    blocks += ctx.figure(specs["layers"], ctx.t("gs.chart.layers"))
    return [Section(ctx.t("gs.title"), blocks)]


def roi_section(ctx: Context) -> list[Section]:
    saved = ctx.plan.sections.roi
    if saved is None:
        return [Section(ctx.t("roi.title"), [Paragraph(ctx.gap, "empty")])]
    data = roi.from_section(saved)
    result = roi_report.estimate_for(data)
    lang = ctx.lang
    blocks: list = [Paragraph(roi_report.headline(data, result, lang))]
    notes = roi_report.warnings(data, result, lang)
    if data.upgraded_from is not None:  # not yet opened on the page since the new model
        notes.append(ctx.t("roi.warn.upgraded"))
    blocks += [Paragraph(text, "muted") for text in notes]
    blocks.append(Facts(roi_report.metrics(data, result, lang)))
    blocks.append(Bullets(roi_report.explanations(data, result, lang)))
    if result.base.by_lever:
        headers = [ctx.t(k) for k in ("roi.col.lever", "roi.col.value", "roi.col.share")]
        rows = [list(row) for row in roi_report.lever_rows(result.base, lang)]
        blocks += [Paragraph(ctx.t("roi.by_lever")), Table(headers, rows)]
    specs = charts.roi_specs(result.model_dump_json(), lang, FIGURE_WIDTH)
    if "levers" in specs:
        blocks += ctx.figure(specs["levers"], ctx.t("roi.chart.levers"))
    blocks.append(Table(roi_report.scenario_headers(lang), roi_report.scenario_rows(result, lang)))
    band = result.band
    blocks.append(
        Paragraph(
            ctx.t(
                "roi.band",
                draws=f"{band.draws:,}",
                p10=roi_report.percent(band.roi_p10, lang),
                p50=roi_report.percent(band.roi_p50, lang),
                p90=roi_report.percent(band.roi_p90, lang),
            )
        )
    )
    blocks += ctx.figure(specs["cash"], ctx.t("roi.chart.cash"))
    sources = [roi_report.lever_source(lever, lang) for lever in data.levers_on()]
    if sources:
        blocks += [Paragraph(ctx.t("roi.sources")), Bullets(sources)]
    blocks.append(Paragraph(ctx.t("roi.caution"), "muted"))
    return [Section(ctx.t("roi.title"), blocks)]


def lessons(ctx: Context) -> list[Section]:
    out = [Section(ctx.t("export.lessons"), [])]
    for case in cases().cases:
        gaps = [
            r.variable.title.get(ctx.lang)
            for r in compare(ctx.plan, case, ctx.content, ctx.lang)
            if r.gap
        ]
        blocks: list = [
            Paragraph(ctx.t("case.borrow")),
            Bullets([b.get(ctx.lang) for b in case.borrow]),
        ]
        if gaps:
            blocks.append(Paragraph(ctx.t("export.case_gaps", variables=ctx.join(gaps))))
        out.append(Section(case.name.get(ctx.lang), blocks, level=2))
    return out


def next_actions(ctx: Context) -> list[Section]:
    items = []
    tasks = stored_tasks(ctx.plan) or {}
    open_tasks = sorted(
        (t for t in tasks.values() if t.status != TaskStatus.DONE), key=lambda t: t.due
    )
    for task in open_tasks[:5]:
        items.append(
            ctx.t(
                "export.task_line",
                title=task.title,
                owner=task.owner or "—",
                due=task.due.isoformat(),
            )
        )
    for finding in [f for f in ctx.health.findings if f.severity == "critical"][:3]:
        items.append(ctx.finding_text(finding))
    blocks: list[Block] = [Bullets(items)] if items else [Paragraph(ctx.gap, "empty")]
    return [Section(ctx.t("export.next"), blocks)]

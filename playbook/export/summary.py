"""The executive summary: the one page a manager reads.

The community in a sentence, who it serves and why they stay, its target scale and
structure, the budget and the business case (the simulation's median with its range, and
the assumptions that move it most), the KPI targets, the next 90 days, the top risks from
the review, and the decisions asked of management. Long answers are shortened here (they
are in full in the rest of the document) so the page stays one page.
"""

from __future__ import annotations

from datetime import timedelta

from calculators import group_size, roi
from playbook import roi_report
from playbook.export.context import Context
from playbook.export.document import Block, Bullets, Facts, Paragraph, Section
from playbook.export.textlayout import em_width
from playbook.kpis import kpi_rows
from playbook.roadmap import TaskStatus, stored_tasks

# Widths in em of the body text: about two lines for an answer, one for a list item, so
# that the summary of any plan, however long its answers, stays on one A4 page.
ANSWER, ITEM, NAME = 92.0, 44.0, 12.0
LIST = 4  # items per list


def _short(text: str, ems: float = ANSWER) -> str:
    text = " ".join(text.split())
    if em_width(text) <= ems:
        return text
    kept, width = [], 1.0  # room for the ellipsis
    for char in text:
        width += em_width(char)
        if width > ems:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def _answer(ctx: Context, variable: str) -> str | None:
    value = ctx.plan.answer(variable, "summary")
    return value if isinstance(value, str) and value else None


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}%"


def _scale(ctx: Context) -> tuple[str | None, group_size.GroupSizeResult | None, int]:
    saved = ctx.plan.sections.group_size
    if not saved:
        return None, None, 0
    data = group_size.from_section(saved, ctx.content.group_caps())
    result = group_size.plan_groups(data)
    text = ctx.t(
        "export.scale_value",
        target=f"{result.target_members:,}",
        groups=result.groups,
        per_group=result.members_per_group,
    )
    structure = _answer(ctx, "structure")
    joined = _short(f"{text} · {structure}") if structure else text
    return joined, result, data.admins_available


def _business_case(ctx: Context) -> tuple[list[tuple[str, str]], roi.RoiResult | None]:
    saved = ctx.plan.sections.roi
    if not saved:
        return [(ctx.t("export.budget"), ctx.gap)], None
    data = roi.from_section(saved)
    result = roi_report.estimate_for(data)  # the figures the ROI page shows
    base, band = result.base, result.band
    budget = ctx.t(
        "export.budget_value",
        months=data.horizon_months,
        cost=_money(base.cost),
        monthly=_money(base.cost / max(1, data.horizon_months)),
    )
    case = ctx.t(
        "export.case_value",
        p50=_pct(band.roi_p50),
        p10=_pct(band.roi_p10),
        p90=_pct(band.roi_p90),
        cash=_money(result.cash.p50[-1]) if result.cash and result.cash.p50 else "—",
        draws=f"{band.draws:,}",
    )
    levers = [bar for bar in result.tornado if bar.swing > 0][:2]
    if levers:
        case += " " + ctx.t(
            "export.levers", levers=ctx.join([ctx.t(f"roi.in.{bar.driver}") for bar in levers])
        )
    return [(ctx.t("export.budget"), budget), (ctx.t("export.case"), case)], result


def _kpi_targets(ctx: Context) -> list[str]:
    rows = kpi_rows(ctx.plan, ctx.content, ctx.lang)
    return [_short(f"{r.metric}: {r.target or ctx.gap}", ITEM) for r in rows][:LIST]


def _next_90_days(ctx: Context) -> list[str]:
    end = ctx.today + timedelta(days=90)
    tasks = stored_tasks(ctx.plan) or {}
    due = sorted(
        (t for t in tasks.values() if t.status != TaskStatus.DONE and t.due <= end),
        key=lambda t: (t.due, t.order),
    )
    return [
        _short(
            ctx.t(
                "export.task_line",
                title=_short(t.title, ITEM - 20),
                owner=_short(t.owner or "—", NAME),
                due=t.due,
            ),
            ITEM,
        )
        for t in due[:LIST]
    ]


def _decisions(
    ctx: Context, case: roi.RoiResult | None, scale: group_size.GroupSizeResult | None, admins: int
) -> list[str]:
    asks = []
    if case is not None:
        asks.append(ctx.t("export.ask_budget", cost=_money(case.base.cost)))
        if case.band.roi_p50 is not None and case.band.roi_p50 < 0:
            asks.append(ctx.t("export.ask_negative", p50=_pct(case.band.roi_p50)))
    if scale is not None and scale.admins_needed > admins:
        asks.append(ctx.t("export.ask_admins", missing=scale.admins_needed - admins))
    platforms = ctx.plan.sections.roadmap.platforms
    if platforms:
        names = [ctx.content.label(ctx.content.platforms, p, ctx.lang) for p in platforms]
        asks.append(ctx.t("export.ask_platforms", platforms=ctx.join(names)))
    if _answer(ctx, "target"):
        asks.append(ctx.t("export.ask_positioning"))
    return [_short(ask, ITEM) for ask in asks]


def _list(ctx: Context, title: str, items: list[str]) -> list[Block]:
    body: Block = Bullets(items) if items else Paragraph(ctx.gap, "empty")
    return [Paragraph(ctx.t(title), "muted"), body]


def summary(ctx: Context) -> list[Section]:
    plan = ctx.plan
    sentence = _answer(ctx, "target")
    stay = [a for a in (_answer(ctx, "value"), _answer(ctx, "bonds")) if a]
    scale, result, admins = _scale(ctx)
    money, case = _business_case(ctx)
    pairs = [
        (ctx.t("export.community"), _short(f"{plan.meta.community} — {sentence or ctx.gap}")),
        (ctx.t("export.stay"), _short(" ".join(stay)) or ctx.gap),
        (ctx.t("export.scale"), scale or _short(_answer(ctx, "structure") or ctx.gap)),
        *money,
    ]
    risks = [ctx.finding_text(f) for f in ctx.health.findings if f.severity != "info"][:3]
    risks = [_short(risk, ITEM) for risk in risks]
    risks.append(f"{ctx.t('rv.score')}: {ctx.health.score}/100")
    blocks: list[Block] = [Facts(pairs)]
    blocks += _list(ctx, "export.kpi_targets", _kpi_targets(ctx))
    blocks += _list(ctx, "export.next_90", _next_90_days(ctx))
    blocks += _list(ctx, "export.risks", risks)
    blocks += _list(ctx, "export.decisions", _decisions(ctx, case, result, admins))
    return [Section(ctx.t("export.summary"), blocks, new_page=True)]

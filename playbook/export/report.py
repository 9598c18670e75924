"""The monthly operating review: one page on a month of actuals — KPIs against target,
what changed since the month before, the top findings and the next actions — written by
the plan document's own writers (Markdown, HTML, DOCX, PDF)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from playbook.actuals import (
    ActualValues,
    MetricKind,
    actuals_content,
    monthly,
    of_plan,
    period_label,
)
from playbook.actuals_dashboard import kpi_rows, show
from playbook.content import content as load_content
from playbook.export.document import Block, Bullets, Document, Paragraph, Section, Table
from playbook.export.formats import file_name, write_document
from playbook.i18n import t
from playbook.metrics import Value
from playbook.review import review

TOP_FINDINGS = 3  # the report fits on one page


def _months_until(plan: Any, month: str) -> list[tuple[str, ActualValues]]:
    return [(key, values) for key, values in monthly(of_plan(plan)) if key <= month]


def _kpis(plan: Any, months: list[tuple[str, ActualValues]], lang: str) -> Section:
    rows = kpi_rows(plan, load_content(), lang, months)
    table = Table(
        [t(f"act.report.col.{c}", lang) for c in ("kpi", "actual", "previous", "target", "status")],
        [
            [
                f"{row.objective_label} · {row.label}",
                show(row.latest, row.kind, lang),
                show(row.previous, row.kind, lang),
                row.target_text or "—",
                t(f"act.light.{row.light() or 'none'}", lang),
            ]
            for row in rows
        ],
    )
    blocks: list[Block] = [table] if rows else [Paragraph(t("act.no_kpis", lang), "empty")]
    return Section(t("act.report.kpis", lang), blocks, level=2)


def _changes(months: list[tuple[str, ActualValues]], lang: str) -> Section:
    """Each number recorded this month beside last month's, with the change (numbers that
    stayed the same are left out)."""
    now = months[-1][1]
    before = months[-2][1] if len(months) > 1 else None
    rows = []
    for f in actuals_content().fields:
        value = getattr(now, f.id)
        if value is None:
            continue
        kind: MetricKind = "money" if f.money else "count"
        old = getattr(before, f.id) if before is not None else None
        if old == value:
            continue
        change = "—"
        if old is not None:
            change = ("+" if value > old else "") + show(Value(value - old, "ok"), kind, lang)
        shown_old = "—" if old is None else show(Value(old, "ok"), kind, lang)
        rows.append([f.label.get(lang), show(Value(value, "ok"), kind, lang), shown_old, change])
    headers = [t(f"act.report.col.{c}", lang) for c in ("number", "actual", "previous", "change")]
    blocks: list[Block] = [Table(headers, rows)] if rows else []
    blocks = blocks or [Paragraph(t("act.report.nothing", lang), "empty")]
    return Section(t("act.report.changes", lang), blocks, level=2)


def _findings(plan: Any, lang: str, today: date) -> tuple[Section, Section]:
    """The review's findings, those on the numbers first; each one's next action."""
    found = review(plan, load_content(), today).findings
    found.sort(key=lambda f: not f.rule.startswith("actuals_"))
    top = found[:TOP_FINDINGS]
    texts = [
        f"{t(f'severity.{f.severity}', lang)}: {t(f'review.{f.rule}', lang, **f.values)}"
        for f in top
    ]
    actions = [
        t(f"act.action.{f.rule}", lang, **f.values) for f in top if f.rule.startswith("actuals_")
    ]
    findings = Section(
        t("act.report.findings", lang),
        [Bullets(texts)] if texts else [Paragraph(t("act.report.no_findings", lang), "empty")],
        level=2,
    )
    next_steps = Section(
        t("act.report.actions", lang),
        [Bullets(actions or [t("act.action.keep_going", lang)])],
        level=2,
    )
    return findings, next_steps


def build_report(plan: Any, month: str, lang: str, today: date) -> Document:
    months = _months_until(plan, month)
    if not months:
        raise KeyError(month)
    findings, actions = _findings(plan, lang, today)
    return Document(
        lang=lang,
        title=t(
            "act.report.doc_title", lang, community=plan.meta.community, period=period_label(month)
        ),
        subtitle=t("app.title", lang),
        cover=[
            (t("meta.team", lang), plan.meta.team),
            (t("act.report.period", lang), period_label(month)),
            (t("export.date", lang), today.isoformat()),
        ],
        sections=[_kpis(plan, months, lang), _changes(months, lang), findings, actions],
        not_filled=t("export.not_filled", lang),
        author=plan.meta.team,
        compact=True,
    )


@dataclass(frozen=True)
class ReportFormat:
    id: str  # also the ui string "ex.<id>"
    mime: str
    file_name: str
    make: Callable[[], bytes]


def _write(plan: Any, month: str, lang: str, today: date, writer: str) -> bytes:
    return write_document(build_report(plan, month, lang, today), writer)


MIMES = {
    "md": "text/markdown",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def report_formats(plan: Any, month: str, lang: str, today: date) -> list[ReportFormat]:
    """The report in each format, each built only when asked for."""
    stem = file_name(plan, "x", today).rsplit("-", 3)[0]
    return [
        ReportFormat(
            fid,
            mime,
            f"{stem}-{period_label(month)}.{fid}",
            partial(_write, plan, month, lang, today, fid),
        )
        for fid, mime in MIMES.items()
    ]

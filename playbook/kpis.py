"""The KPI plan: for each goal a question, a metric with its formula, a target and a cadence.

The KPI page and the exported document both read a plan's KPIs through :func:`kpi_rows`, so
the metric, formula and cadence a team sees are the ones its boss reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.content import Content, KpiObjective
from playbook.i18n import t
from playbook.plan import Plan
from playbook.sections import Kpi

CUSTOM = "custom"
DEFAULT_CADENCE = "monthly"


@dataclass(frozen=True)
class KpiRow:
    """One goal's KPI as a reader sees it, in one language."""

    objective: KpiObjective
    question: str
    metric_id: str  # a metric of the objective, or CUSTOM
    metric: str
    formula: str
    target: str  # "" while the team has set none
    cadence_id: str
    cadence: str


def metric_id(objective: KpiObjective, kpi: Kpi) -> str:
    """The chosen metric: the saved one if the objective offers it (or it is custom), else
    the objective's first suggestion."""
    offered = {m.id for m in objective.metrics} | {CUSTOM}
    return kpi.metric if kpi.metric in offered else objective.metrics[0].id


def cadence_id(content: Content, kpi: Kpi) -> str:
    known = {c.id for c in content.cadences}
    return kpi.cadence if kpi.cadence in known else DEFAULT_CADENCE


def default_formula(objective: KpiObjective, metric: str, lang: str) -> str:
    """The suggested formula of a metric ("" for a custom metric)."""
    return next((m.formula.get(lang) for m in objective.metrics if m.id == metric), "")


def row(objective: KpiObjective, kpi: Kpi, content: Content, lang: str) -> KpiRow:
    chosen = metric_id(objective, kpi)
    metric = next((m.label.get(lang) for m in objective.metrics if m.id == chosen), None)
    cadence = cadence_id(content, kpi)
    return KpiRow(
        objective=objective,
        question=kpi.question or objective.question.get(lang),
        metric_id=chosen,
        metric=metric if metric is not None else t("kp.custom", lang),
        formula=kpi.formula or default_formula(objective, chosen, lang),
        target=kpi.target,
        cadence_id=cadence,
        cadence=content.label(content.cadences, cadence, lang),
    )


def chosen_objectives(plan: Plan, content: Content) -> list[KpiObjective]:
    """The goals the team has turned on, in the content's order."""
    saved = plan.sections.kpis
    return [o for o in content.objectives if o.id in saved and saved[o.id].on]


def kpi_rows(plan: Plan, content: Content, lang: str) -> list[KpiRow]:
    """Every chosen goal's KPI, in the content's order."""
    saved = plan.sections.kpis
    return [row(o, saved[o.id], content, lang) for o in chosen_objectives(plan, content)]


def has_target(plan: Plan) -> bool:
    """True when at least one chosen goal has a target."""
    return any(k.on and k.target.strip() for k in plan.sections.kpis.values())

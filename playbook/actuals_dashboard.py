"""What the actuals page, the home page and the monthly report show: every KPI of the plan
with its actual series, target and traffic light, and the business case beside the actual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators import roi
from playbook import kpis
from playbook.actuals import (
    ActualValues,
    MetricDef,
    MetricKind,
    actuals_content,
    monthly,
    of_plan,
    period_label,
)
from playbook.content import Content
from playbook.i18n import t
from playbook.metrics import Light, Target, Value, compute, light, measuring, parse_target
from playbook.plan import Plan


@dataclass(frozen=True)
class KpiRow:
    objective: str
    objective_label: str
    label: str
    formula: str
    kind: MetricKind
    lower_is_better: bool
    target_text: str
    target: Target | None
    series: list[tuple[str, Value]]  # (period key, value), oldest first

    @property
    def latest(self) -> Value:
        return self.series[-1][1] if self.series else Value(None, "missing")

    @property
    def previous(self) -> Value:
        return self.series[-2][1] if len(self.series) > 1 else Value(None, "missing")

    def light(self) -> Light | None:
        value = self.latest.value
        if value is None or self.target is None:
            return None
        return light(value, self.target, actuals_content().thresholds.amber_within)


def kpi_rows(
    plan: Plan,
    content: Content,
    lang: str,
    periods: list[tuple[str, ActualValues]] | None = None,
) -> list[KpiRow]:
    """Each KPI the plan turned on, measured by its derived metric or its custom numbers
    (over the recorded periods, or over ``periods``: the months of a report)."""
    ordered = of_plan(plan).ordered() if periods is None else periods
    rows = []
    for objective in kpis.chosen_objectives(plan, content):
        planned = kpis.row(objective, plan.sections.kpis[objective.id], content, lang)
        derived = measuring(objective.id, planned.metric_id)
        if derived is not None:
            series = [(key, compute(derived.id, values)) for key, values in ordered]
            label, formula = derived.label.get(lang), derived.formula.get(lang)
            kind, lower = derived.kind, derived.lower_is_better
            target = parse_target(planned.target, derived)
        else:
            series = [(key, _custom(values, objective.id)) for key, values in ordered]
            label, formula, kind, lower = planned.metric, planned.formula, "ratio", False
            target = parse_target(planned.target, _CUSTOM)
        rows.append(
            KpiRow(
                objective.id, objective.label.get(lang), label, formula, kind, lower,
                planned.target, target, series,
            )
        )  # fmt: skip
    return rows


def custom_kpis(plan: Plan, content: Content) -> list[str]:
    """The KPIs the plan turned on that no derived metric measures: their numbers are
    entered as they are (a custom metric, a first-response time…)."""
    return [
        o.id
        for o in kpis.chosen_objectives(plan, content)
        if measuring(o.id, kpis.metric_id(o, plan.sections.kpis[o.id])) is None
    ]


def _custom(values: ActualValues, objective: str) -> Value:
    found = values.custom.get(objective)
    return Value(None, "missing") if found is None else Value(found, "ok")


# a custom KPI's target is read as a plain number (no share, no direction but the text's)
_CUSTOM = MetricDef.model_validate(
    {"id": "custom", "label": {"zh": "-", "en": "-"}, "formula": {"zh": "-", "en": "-"},
     "objective": "custom", "kind": "ratio"}
)  # fmt: skip


def show(value: Value, kind: MetricKind, lang: str) -> str:
    """A metric as a page or document shows it."""
    if value.status == "undefined":
        return t("act.undefined", lang)
    if value.value is None:
        return "—"
    if kind == "rate":
        return f"{value.value * 100:.1f}%"
    if kind == "money":
        sign, amount = ("-" if value.value < 0 else ""), abs(value.value)
        return f"{sign}¥{amount:,.0f}" if amount >= 100 else f"{sign}¥{amount:,.2f}"
    if kind == "count":
        return f"{value.value:,.0f}"
    return f"{value.value:,.1f}"


def forecast_rows(plan: Plan) -> list[dict[str, Any]] | None:
    """Members, monthly value and cumulative cash: the business case's month N beside the
    N-th recorded month (the first recorded month is the case's month 1). The actual value
    is revenue from members × the case's gross margin; actual cash is that value minus the
    community spend. ``None`` without a business case."""
    if not plan.sections.roi:
        return None
    case = roi.from_section(plan.sections.roi)
    months = roi.outcome(case).months
    rows: list[dict[str, Any]] = []
    cash: float | None = 0.0
    for index, (key, values) in enumerate(monthly(of_plan(plan))):
        label = period_label(key)
        value = None if values.revenue is None else values.revenue * case.gross_margin_pct / 100
        if value is None or values.spend is None or cash is None:
            cash = None
        else:
            cash += value - values.spend
        actual = {"members": values.members, "value": value, "cash": cash}
        planned = months[index] if index < len(months) else None
        for measure, number in actual.items():
            rows.append({"period": label, "measure": measure, "series": "actual", "value": number})
            if planned is not None:
                expected = {"members": planned.members, "value": planned.value}.get(
                    measure, planned.cumulative
                )
                rows.append(
                    {"period": label, "measure": measure, "series": "plan", "value": expected}
                )
    return rows

"""Review rules on the recorded numbers (step 7: evaluate and keep improving).

They join the plan review's rules once a plan has actuals, so a plan still being written
is scored on the plan alone. Thresholds are in ``content/actuals.toml``; messages in
``ui_actuals.toml`` under ``review.<rule id>``, next actions under ``act.action.<rule id>``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from calculators import group_size, roi
from playbook.actuals import (
    ActualValues,
    actuals_content,
    monthly,
    of_plan,
    period_label,
)
from playbook.content import Severity
from playbook.metrics import compute
from playbook.review import Context, Rule

RULES: list[Rule] = []


Check = Callable[[Context], dict[str, Any] | None]


def _recorded(ctx: Context) -> bool:
    """These rules join the review only when numbers are recorded: a pass is earned."""
    return True


def rule(rule_id: str, severity: Severity, page: str = "actuals") -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(rule_id, severity, page, None, check, _recorded))
        return check

    return register


def rules_on_actuals(ctx: Context) -> list[Rule]:
    """The rules on numbers, when the plan has recorded any."""
    return list(RULES) if of_plan(ctx.plan).periods else []


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


@rule("actuals_participation_falling", "warning")
def _participation_falling(ctx: Context) -> dict[str, Any] | None:
    steps = actuals_content().thresholds.falling_periods
    ordered = of_plan(ctx.plan).ordered()[-(steps + 1) :]
    recent = [compute("participation_rate", values).value for _, values in ordered]
    rates = [r for r in recent if r is not None]
    if len(rates) < steps + 1:
        return None
    if all(b < a for a, b in itertools.pairwise(rates)):
        return {"periods": steps, "start": _pct(rates[0]), "end": _pct(rates[-1])}
    return None


@rule("actuals_net_growth_negative", "warning")
def _net_growth_negative(ctx: Context) -> dict[str, Any] | None:
    ordered = of_plan(ctx.plan).ordered()
    if not ordered:
        return None
    key, values = ordered[-1]
    net = compute("net_growth", values).value
    if net is None or net >= 0:
        return None
    return {"period": period_label(key), "net": int(net)}


def _assumed_churn(ctx: Context) -> float | None:
    saved = ctx.plan.sections.roi
    return roi.from_section(saved).member_churn_pct / 100 if saved else None


@rule("actuals_churn_above_plan", "warning")
def _churn_above_plan(ctx: Context) -> dict[str, Any] | None:
    months = monthly(of_plan(ctx.plan))
    assumed = _assumed_churn(ctx)
    if not months or assumed is None:
        return None
    key, values = months[-1]
    churn = compute("churn_rate", values).value
    if churn is None or churn <= assumed:
        return None
    return {"period": period_label(key), "churn": _pct(churn), "assumed": _pct(assumed)}


def _last_month(ctx: Context) -> tuple[str, ActualValues] | None:
    months = monthly(of_plan(ctx.plan))
    return months[-1] if months else None


@rule("actuals_event_free_group", "warning")
def _event_free_group(ctx: Context) -> dict[str, Any] | None:
    """A group above the threshold that held no event in the latest month."""
    found = _last_month(ctx)
    if found is None:
        return None
    key, values = found
    above = actuals_content().thresholds.event_free_above
    quiet = [g for g in values.largest if g.events == 0 and g.size > above]
    if not quiet:
        return None
    return {
        "period": period_label(key),
        "group": quiet[0].name,
        "size": quiet[0].size,
        "limit": above,
    }


@rule("actuals_event_free_month", "warning")
def _event_free_month(ctx: Context) -> dict[str, Any] | None:
    """Without events per group: no event at all in a month whose groups average above
    the threshold."""
    found = _last_month(ctx)
    if found is None:
        return None
    key, values = found
    if any(g.events is not None for g in values.largest) or values.events != 0:
        return None
    above = actuals_content().thresholds.event_free_above
    size = round((values.members or 0) / max(values.groups or 1, 1))
    return {"period": period_label(key), "size": size, "limit": above} if size > above else None


def platform_cap(ctx: Context) -> int | None:
    """The group cap the plan works with: the group-size calculator's, else the smallest
    published cap among the plan's platforms."""
    saved = ctx.plan.sections.group_size
    if saved:
        return group_size.from_section(saved).group_cap
    caps = []
    for platform in ctx.plan.meta.platforms:
        try:
            cap = ctx.content.platform(platform).group_cap
        except KeyError:
            continue
        if cap is not None:
            caps.append(cap)
    return min(caps) if caps else None


@rule("actuals_group_over_cap", "critical")
def _group_over_cap(ctx: Context) -> dict[str, Any] | None:
    ordered = of_plan(ctx.plan).ordered()
    cap = platform_cap(ctx)
    if not ordered or cap is None:
        return None
    key, values = ordered[-1]
    over = [g for g in values.largest if g.size > cap]
    if not over:
        return None
    return {"period": period_label(key), "group": over[0].name, "size": over[0].size, "cap": cap}

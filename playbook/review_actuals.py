"""Review rules on the recorded numbers (step 7: evaluate and keep improving).

They join the plan review's rules (``review.RULES``) and pass while no actuals are
recorded. Thresholds are in ``content/actuals.toml``; messages in ``ui_actuals.toml``
under ``review.<rule id>``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from calculators import roi
from playbook.actuals import (
    ActualValues,
    GroupFacts,
    actuals_content,
    monthly,
    of_plan,
    period_label,
)
from playbook.metrics import compute
from playbook.review import Context, rule


def _section(ctx: Context, name: str) -> Any:
    sections = ctx.plan.sections
    found = sections.get(name) if isinstance(sections, Mapping) else getattr(sections, name)
    return found.model_dump() if hasattr(found, "model_dump") else found


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


@rule("actuals_participation_falling", "warning", "actuals")
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


@rule("actuals_net_growth_negative", "warning", "actuals")
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
    saved = _section(ctx, "roi")
    if not saved:
        return None
    return roi.RoiInput.model_validate(roi.effective(saved)).monthly_churn_pct / 100


@rule("actuals_churn_above_plan", "warning", "actuals")
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


def _quiet_group(values: ActualValues, above: int) -> GroupFacts | None:
    """The largest group above ``above`` members that held no event in the month."""
    with_events = [g for g in values.largest if g.events is not None]
    if with_events:
        return next((g for g in with_events if g.events == 0 and g.size > above), None)
    if values.events != 0 or not values.members:
        return None
    size = round(values.members / max(values.groups or 1, 1))
    if size <= above:
        return None
    return GroupFacts(name="—", size=size, groups=values.groups or 1, events=0)


@rule("actuals_event_free_group", "warning", "actuals")
def _event_free_group(ctx: Context) -> dict[str, Any] | None:
    months = monthly(of_plan(ctx.plan))
    if not months:
        return None
    key, values = months[-1]
    above = actuals_content().thresholds.event_free_above
    quiet = _quiet_group(values, above)
    if quiet is None:
        return None
    return {"period": period_label(key), "group": quiet.name, "size": quiet.size, "limit": above}


def platform_cap(ctx: Context) -> int | None:
    """The group cap the plan works with: the group-size calculator's, else the smallest
    published cap among the plan's platforms."""
    saved = _section(ctx, "group_size")
    if saved and isinstance(saved.get("group_cap"), int):
        return int(saved["group_cap"])
    caps = []
    for platform in ctx.plan.meta.platforms:
        try:
            cap = ctx.content.platform(platform).group_cap
        except KeyError:
            continue
        if cap is not None:
            caps.append(cap)
    return min(caps) if caps else None


@rule("actuals_group_over_cap", "critical", "actuals")
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

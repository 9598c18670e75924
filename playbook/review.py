"""Plan health review: rules drawn from the seeds that read a plan and report findings.

Each rule is a pure function of a ``Context`` returning ``None`` (nothing to report) or
the values its message needs. Messages live in ``content/ui_review.toml`` under
``review.<rule id>``; thresholds and per-stage severities in ``content/review.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from calculators import group_size, roi
from playbook.content import Content, Severity
from playbook.i18n import counts
from playbook.kpis import has_target
from playbook.plan import Plan
from playbook.review_context import Context, Finding

__all__ = ["RULES", "Context", "Finding", "Review", "Rule", "review"]

WEIGHT: dict[Severity, int] = {"critical": 5, "warning": 3, "info": 1}
ORDER: dict[Severity, int] = {"critical": 0, "warning": 1, "info": 2}


Check = Callable[[Context], dict[str, Any] | None]
Evidence = Callable[[Context], bool]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    page: str
    variable: str | None
    check: Check
    # whether the plan holds what the rule checks: only then does a pass count as earned
    evidence: Evidence


RULES: list[Rule] = []
# evidence for rules registered without their own (by rule id)
EVIDENCE: dict[str, Evidence] = {
    "negative_roi": lambda ctx: bool(ctx.plan.sections.roi),
}


def _never(ctx: Context) -> bool:
    return False


def rule(
    rule_id: str,
    severity: Severity,
    page: str,
    variable: str | None = None,
    evidence: Evidence | None = None,
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        seen = evidence or EVIDENCE.get(rule_id, _never)
        RULES.append(Rule(rule_id, severity, page, variable, check, seen))
        return check

    return register


def _missing(variable: str, name: str) -> Check:
    return lambda ctx: None if ctx.filled(variable, name) else {}


def _has(variable: str, *names: str) -> Evidence:
    return lambda ctx: any(ctx.filled(variable, name) for name in names)


def _required(rule_id: str, severity: Severity, variable: str, name: str) -> None:
    rule(rule_id, severity, "wizard", variable, _has(variable, name))(_missing(variable, name))


_required("no_target", "critical", "target", "summary")
_required("no_core_members", "critical", "structure", "core_members")
_required("no_privacy", "critical", "data", "privacy")
_required("no_data_sources", "warning", "data", "sources")
_required("no_entry_screening", "warning", "entry", "screening")
_required("no_operating_team", "warning", "operations", "roles")
_required("no_crisis_plan", "info", "operations", "crisis")
_required("no_seed_members", "warning", "acquisition", "first_members")


@rule("no_member_value", "critical", "wizard", "value", _has("value", "summary", "practical"))
def _no_member_value(ctx: Context) -> dict | None:
    if ctx.filled("value", "summary") or ctx.filled("value", "practical"):
        return None
    return {}


@rule(
    "example_text_left",
    "warning",
    "wizard",
    evidence=lambda ctx: any(ctx.filled(v.id, "summary") for v in ctx.content.variables),
)
def _example_text_left(ctx: Context) -> dict | None:
    """Answers a template pre-filled and the team has not yet replaced."""
    if not ctx.examples_left:
        return None
    variable = ctx.content.variable(ctx.examples_left[0][0])
    return {"count": len(ctx.examples_left), "number": variable.number}


@rule(
    "no_acquisition_methods",
    "warning",
    "wizard",
    "acquisition",
    _has("acquisition", "online_methods", "offline_methods"),
)
def _no_acquisition(ctx: Context) -> dict | None:
    if ctx.filled("acquisition", "online_methods") or ctx.filled("acquisition", "offline_methods"):
        return None
    return {}


def _sized(ctx: Context) -> bool:
    return ctx.group_size() is not None


@rule("oversize_group_no_split", "warning", "group-size", evidence=_sized)
def _oversize(ctx: Context) -> dict | None:
    """A discussion group above ~150 (Dunbar) with no sub-groups planned."""
    size = ctx.group_size()
    limit = ctx.thresholds.max_group_size
    if size is None or size <= limit or ctx.filled("structure", "layers"):
        return None
    if ctx.group_purpose() is not group_size.Purpose.DISCUSSION:
        return None
    return {"size": size, "limit": limit}


@rule("large_service_group_no_core", "info", "wizard", "structure", evidence=_sized)
def _large_service(ctx: Context) -> dict | None:
    """A large after-sales / notice group is fine, but veterans need a small core group."""
    size = ctx.group_size()
    if size is None or size <= ctx.thresholds.max_group_size:
        return None
    if ctx.group_purpose() is not group_size.Purpose.SERVICE or ctx.filled("structure", "layers"):
        return None
    return {"size": size, "core": group_size.SEMI_ACQUAINTANCE_MAX}


@rule("no_rules_above_50", "warning", "wizard", "culture", evidence=_sized)
def _rules_above_50(ctx: Context) -> dict | None:
    size = ctx.group_size()
    above = ctx.thresholds.rules_needed_above
    if size is None or size <= above:
        return None
    if ctx.filled("culture", "rules") and ctx.filled("bonds", "events"):
        return None
    return {"size": size, "limit": above}


@rule("over_marketing", "warning", "wizard", "operations", _has("operations", "promo_per_week"))
def _over_marketing(ctx: Context) -> dict | None:
    posts = ctx.answer("operations", "promo_per_week")
    limit = ctx.thresholds.max_promo_per_week
    if not isinstance(posts, int) or posts <= limit:
        return None
    return {"posts": posts, "limit": limit}


@rule("no_promo_limit", "info", "wizard", "operations", _has("operations", "promo_per_week"))
def _no_promo_limit(ctx: Context) -> dict | None:
    if isinstance(ctx.answer("operations", "promo_per_week"), int):
        return None
    return {"limit": ctx.thresholds.max_promo_per_week}


@rule("single_entry", "info", "wizard", "entry", _has("entry", "online", "offline"))
def _single_entry(ctx: Context) -> dict | None:
    entries = len(ctx.answer("entry", "online") or []) + len(ctx.answer("entry", "offline") or [])
    return None if entries >= 2 else {"count": entries}


@rule("no_kpi_target", "warning", "kpis", evidence=lambda ctx: has_target(ctx.plan))
def _no_kpi_target(ctx: Context) -> dict | None:
    return None if has_target(ctx.plan) else {}


@rule("no_roadmap", "warning", "roadmap", evidence=lambda ctx: bool(ctx.tasks))
def _no_roadmap(ctx: Context) -> dict | None:
    return {} if not ctx.tasks else None


@rule("task_without_owner", "warning", "roadmap", evidence=lambda ctx: bool(ctx.tasks))
def _no_owner(ctx: Context) -> dict | None:
    missing = [t.title for t in (ctx.tasks or {}).values() if not t.owner.strip()]
    return {"count": len(missing), "first": missing[0]} if missing else None


@rule("overdue_tasks", "warning", "roadmap", evidence=lambda ctx: bool(ctx.tasks))
def _overdue(ctx: Context) -> dict | None:
    late = [t.title for t in (ctx.tasks or {}).values() if t.overdue(ctx.today)]
    return {"count": len(late), "first": late[0]} if late else None


@rule(
    "no_platform_choice",
    "warning",
    "roadmap",
    evidence=lambda ctx: bool(ctx.plan.sections.roadmap.platforms),
)
def _no_platform(ctx: Context) -> dict | None:
    return None if ctx.plan.sections.roadmap.platforms else {}


@rule("admin_shortfall", "warning", "group-size", evidence=lambda ctx: bool(ctx.group_inputs()))
def _admin_shortfall(ctx: Context) -> dict | None:
    data = ctx.group_inputs()
    if data is None:
        return None
    result = group_size.plan_groups(data)
    if not result.admin_shortfall:
        return None
    return {"needed": result.admins_needed, "gap": result.admin_shortfall}


@rule("negative_roi", "info", "roi")
def _negative_roi(ctx: Context) -> dict | None:
    saved = ctx.plan.sections.roi
    if saved is None:
        return None
    outcome = roi.outcome(roi.from_section(saved))
    if outcome.roi_pct is None or outcome.roi_pct >= 0:
        return None
    return {"roi": f"{outcome.roi_pct:,.1f}", "months": len(outcome.months)}


@rule("ecosystem_too_early", "warning", "wizard", "ecosystem", _has("ecosystem", "readiness"))
def _ecosystem_too_early(ctx: Context) -> dict | None:
    if ctx.answer("ecosystem", "readiness") != "open_platform":
        return None
    return None if ctx.plan.meta.stage.value == "mature" else {}


def severity_of(rule_: Rule, ctx: Context) -> Severity:
    return ctx.thresholds.severity.get(rule_.id, rule_.severity)


@dataclass(frozen=True)
class Review:
    findings: list[Finding]
    score: int  # 0..100: the weighted share of rules the plan passes on what it has filled
    passed: int  # rules passed on filled-in parts of the plan
    total: int
    passes: list[Finding] = field(default_factory=list)  # what passed, for the record
    unchecked: int = 0  # rules that wait for the part of the plan they check


def checks_line(result: Review, lang: str) -> str:
    """How many checks passed, need attention and wait, leaving out the zero counts; the
    review page and the exported plan both say it."""
    numbers = {
        "passed": result.passed,
        "failed": len(result.findings),
        "unchecked": result.unchecked,
    }
    return counts("rv.checks", lang, numbers, total=result.total)


def review(plan: Plan, content: Content, today: date) -> Review:
    """Every rule against the plan. The score counts only passes on filled-in parts, so an
    empty plan scores 0 and the score grows with what is filled in and sound."""
    from playbook.review_actuals import rules_on_actuals

    ctx = Context(plan, content, today)
    rules = RULES + rules_on_actuals(ctx)  # once numbers are recorded, they are reviewed too
    findings: list[Finding] = []
    passes: list[Finding] = []
    total_weight = earned = 0
    for r in rules:
        severity = severity_of(r, ctx)
        total_weight += WEIGHT[severity]
        values = r.check(ctx)
        if values is not None:
            findings.append(Finding(r.id, severity, r.page, r.variable, values))
        elif r.evidence(ctx):
            passes.append(Finding(r.id, severity, r.page, r.variable))
            earned += WEIGHT[severity]
    findings.sort(key=lambda f: (ORDER[f.severity], f.rule))
    passes.sort(key=lambda f: (ORDER[f.severity], f.rule))
    return Review(
        findings=findings,
        score=round(100 * earned / total_weight),
        passed=len(passes),
        total=len(rules),
        passes=passes,
        unchecked=len(rules) - len(findings) - len(passes),
    )

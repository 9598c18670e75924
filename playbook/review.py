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
from playbook.answers import is_filled
from playbook.content import Content, ReviewStage, Severity
from playbook.kpis import has_target
from playbook.plan import Plan
from playbook.roadmap import Task, stored_tasks

WEIGHT: dict[Severity, int] = {"critical": 5, "warning": 3, "info": 1}
ORDER: dict[Severity, int] = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Context:
    plan: Plan
    content: Content
    today: date
    thresholds: ReviewStage = field(init=False)
    tasks: dict[str, Task] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "thresholds", self.content.review[self.plan.meta.stage.value])
        object.__setattr__(self, "tasks", stored_tasks(self.plan))

    def answer(self, variable: str, name: str) -> Any:
        return self.plan.answer(variable, name)

    def filled(self, variable: str, name: str) -> bool:
        return is_filled(self.answer(variable, name))

    def group_size(self) -> int | None:
        """The planned size of one group: the calculator's split, else the wizard's answer."""
        saved = self.plan.sections.group_size
        if saved:
            data = group_size.from_section(saved)
            return group_size.plan_groups(data).members_per_group
        value = self.answer("structure", "group_size")
        return value if isinstance(value, int) else None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    page: str  # url path of the page where it is fixed
    variable: str | None = None  # the wizard step, when the page is the wizard
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    page: str
    variable: str | None
    check: Callable[[Context], dict[str, Any] | None]


RULES: list[Rule] = []


def rule(rule_id: str, severity: Severity, page: str, variable: str | None = None):
    def register(check: Callable[[Context], dict[str, Any] | None]):
        RULES.append(Rule(rule_id, severity, page, variable, check))
        return check

    return register


def _missing(variable: str, name: str) -> Callable[[Context], dict | None]:
    return lambda ctx: None if ctx.filled(variable, name) else {}


rule("no_target", "critical", "wizard", "target")(_missing("target", "summary"))
rule("no_core_members", "critical", "wizard", "structure")(_missing("structure", "core_members"))
rule("no_privacy", "critical", "wizard", "data")(_missing("data", "privacy"))
rule("no_data_sources", "warning", "wizard", "data")(_missing("data", "sources"))
rule("no_entry_screening", "warning", "wizard", "entry")(_missing("entry", "screening"))
rule("no_operating_team", "warning", "wizard", "operations")(_missing("operations", "roles"))
rule("no_crisis_plan", "info", "wizard", "operations")(_missing("operations", "crisis"))


@rule("no_member_value", "critical", "wizard", "value")
def _no_member_value(ctx: Context) -> dict | None:
    if ctx.filled("value", "summary") or ctx.filled("value", "practical"):
        return None
    return {}


@rule("oversize_group_no_split", "critical", "group-size")
def _oversize(ctx: Context) -> dict | None:
    size = ctx.group_size()
    limit = ctx.thresholds.max_group_size
    if size is None or size <= limit or ctx.filled("structure", "layers"):
        return None
    return {"size": size, "limit": limit}


@rule("no_rules_above_50", "warning", "wizard", "culture")
def _rules_above_50(ctx: Context) -> dict | None:
    size = ctx.group_size()
    above = ctx.thresholds.rules_needed_above
    if size is None or size <= above:
        return None
    if ctx.filled("culture", "rules") and ctx.filled("bonds", "events"):
        return None
    return {"size": size, "limit": above}


@rule("over_marketing", "warning", "wizard", "operations")
def _over_marketing(ctx: Context) -> dict | None:
    posts = ctx.answer("operations", "promo_per_week")
    limit = ctx.thresholds.max_promo_per_week
    if not isinstance(posts, int) or posts <= limit:
        return None
    return {"posts": posts, "limit": limit}


@rule("no_promo_limit", "info", "wizard", "operations")
def _no_promo_limit(ctx: Context) -> dict | None:
    if isinstance(ctx.answer("operations", "promo_per_week"), int):
        return None
    return {"limit": ctx.thresholds.max_promo_per_week}


@rule("single_entry", "info", "wizard", "entry")
def _single_entry(ctx: Context) -> dict | None:
    entries = len(ctx.answer("entry", "online") or []) + len(ctx.answer("entry", "offline") or [])
    return None if entries >= 2 else {"count": entries}


@rule("no_kpi_target", "warning", "kpis")
def _no_kpi_target(ctx: Context) -> dict | None:
    return None if has_target(ctx.plan) else {}


@rule("no_roadmap", "warning", "roadmap")
def _no_roadmap(ctx: Context) -> dict | None:
    return {} if not ctx.tasks else None


@rule("task_without_owner", "warning", "roadmap")
def _no_owner(ctx: Context) -> dict | None:
    missing = [t.title for t in (ctx.tasks or {}).values() if not t.owner.strip()]
    return {"count": len(missing), "first": missing[0]} if missing else None


@rule("overdue_tasks", "warning", "roadmap")
def _overdue(ctx: Context) -> dict | None:
    late = [t.title for t in (ctx.tasks or {}).values() if t.overdue(ctx.today)]
    return {"count": len(late), "first": late[0]} if late else None


@rule("no_platform_choice", "warning", "roadmap")
def _no_platform(ctx: Context) -> dict | None:
    return None if ctx.plan.sections.roadmap.platforms else {}


@rule("admin_shortfall", "warning", "group-size")
def _admin_shortfall(ctx: Context) -> dict | None:
    saved = ctx.plan.sections.group_size
    if not saved:
        return None
    result = group_size.plan_groups(group_size.from_section(saved))
    if not result.admin_shortfall:
        return None
    return {"needed": result.admins_needed, "gap": result.admin_shortfall}


@rule("negative_roi", "info", "roi")
def _negative_roi(ctx: Context) -> dict | None:
    saved = ctx.plan.sections.roi
    if not saved:
        return None
    outcome = roi.outcome(roi.from_section(saved))
    if outcome.roi_pct is None or outcome.roi_pct >= 0:
        return None
    return {"roi": round(outcome.roi_pct, 1), "months": len(outcome.months)}


@rule("ecosystem_too_early", "warning", "wizard", "ecosystem")
def _ecosystem_too_early(ctx: Context) -> dict | None:
    if ctx.answer("ecosystem", "readiness") != "open_platform":
        return None
    return None if ctx.plan.meta.stage.value == "mature" else {}


def severity_of(rule_: Rule, ctx: Context) -> Severity:
    return ctx.thresholds.severity.get(rule_.id, rule_.severity)


@dataclass(frozen=True)
class Review:
    findings: list[Finding]
    score: int  # 0..100: the weighted share of rules the plan passes
    passed: int
    total: int


def review(plan: Plan, content: Content, today: date) -> Review:
    from playbook.review_actuals import rules_on_actuals

    ctx = Context(plan, content, today)
    rules = RULES + rules_on_actuals(ctx)  # once numbers are recorded, they are reviewed too
    findings: list[Finding] = []
    total_weight = 0
    for r in rules:
        severity = severity_of(r, ctx)
        total_weight += WEIGHT[severity]
        values = r.check(ctx)
        if values is not None:
            findings.append(Finding(r.id, severity, r.page, r.variable, values))
    lost = sum(WEIGHT[f.severity] for f in findings)
    findings.sort(key=lambda f: (ORDER[f.severity], f.rule))
    return Review(
        findings=findings,
        score=round(100 * (total_weight - lost) / total_weight),
        passed=len(rules) - len(findings),
        total=len(rules),
    )


# Rules on the recorded numbers register themselves with RULES.
from playbook import review_actuals  # noqa: E402, F401

"""Metrics derived from the actuals, each tied to the KPI it measures.

Every formula is written once here (the words that explain it are in ``actuals.toml``).
A metric whose denominator is zero is *not defined* — never 0, never infinity — and one
whose inputs were not recorded is *missing*; pages and documents say which.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from playbook.actuals import ActualValues, MetricDef, actuals_content

Status = Literal["ok", "missing", "undefined"]


@dataclass(frozen=True)
class Value:
    value: float | None
    status: Status


def _ratio(numerator: float | None, denominator: float | None) -> Value:
    if numerator is None or denominator is None:
        return Value(None, "missing")
    if denominator == 0:
        return Value(None, "undefined")
    return Value(numerator / denominator, "ok")


def _plain(value: float | None) -> Value:
    return Value(None, "missing") if value is None else Value(float(value), "ok")


def _net_growth(a: ActualValues) -> Value:
    if a.new is None or a.left is None:
        return Value(None, "missing")
    return Value(float(a.new - a.left), "ok")


def _churn(a: ActualValues) -> Value:
    if a.left is None or a.members is None:
        return Value(None, "missing")
    return _ratio(a.left, a.members + a.left)


def _attendance(a: ActualValues) -> Value:
    if a.events is None or a.members is None:
        return Value(None, "missing")
    return _ratio(a.attendance, a.events * a.members)


FORMULAS: dict[str, Callable[[ActualValues], Value]] = {
    "new_members": lambda a: _plain(a.new),
    "net_growth": _net_growth,
    "churn_rate": _churn,
    "participation_rate": lambda a: _ratio(a.posters, a.members),
    "messages_per_active": lambda a: _ratio(a.messages, a.posters),
    "attendance_rate": _attendance,
    "conversion_rate": lambda a: _ratio(a.buyers, a.members),
    "revenue_per_member": lambda a: _ratio(a.revenue, a.members),
    "community_revenue": lambda a: _plain(a.revenue),
    "deflected_questions": lambda a: _ratio(a.answered, a.questions),
}


def compute(metric_id: str, values: ActualValues) -> Value:
    return FORMULAS[metric_id](values)


def measuring(objective: str, kpi_metric: str | None) -> MetricDef | None:
    """The derived metric that measures a KPI (an objective with its chosen metric)."""
    for metric in actuals_content().metrics:
        if metric.objective == objective and metric.kpi_metric == kpi_metric:
            return metric
    return None


# -- targets -------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    low: float | None
    high: float | None

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(%|％|万|k|K)?"
_RANGE = re.compile(_NUMBER + r"\s*(?:-|–|~|～|至|到|to)\s*" + _NUMBER)
_SINGLE = re.compile(_NUMBER)
_AT_MOST = (
    *("≤", "<=", "<", "不超过", "不高于", "低于", "以下", "以内"),
    *("at most", "below", "under", "max"),
)
_AT_LEAST = ("≥", ">=", ">", "不低于", "至少", "以上", "超过", "at least", "above", "over", "min")


def _number(digits: str, unit: str | None, as_rate: bool) -> float:
    value = float(digits.replace(",", ""))
    if unit in ("%", "％"):
        return value / 100
    if unit == "万":
        return value * 10_000
    if unit in ("k", "K"):
        return value * 1_000
    return value / 100 if as_rate and value > 1 else value


def parse_target(text: str, metric: MetricDef) -> Target | None:
    """A KPI target as typed ("≥ 30%", "25–35%", "每月新增 500", "churn below 5%").

    A rate written without % ("30") is read as a percentage. A single number is a floor,
    or a ceiling when the text says so or the metric is better lower (churn)."""
    rate = metric.kind == "rate"
    percent = "%" in text or "％" in text
    if percent and not rate:
        return None  # a share cannot be the target of a count or an amount
    if found := _RANGE.search(text):
        low = _number(found[1], found[2] or found[4], rate)
        high = _number(found[3], found[4] or found[2], rate)
        return _sane(Target(min(low, high), max(low, high)), rate)
    found = _SINGLE.search(text)
    if found is None:
        return None
    value = _number(found[1], found[2], rate)
    lowered = text.lower()
    ceiling = any(word in lowered for word in _AT_MOST)
    floor = any(word in lowered for word in _AT_LEAST)
    if ceiling or (metric.lower_is_better and not floor):
        return _sane(Target(None, value), rate)
    return _sane(Target(value, None), rate)


def _sane(target: Target, rate: bool) -> Target | None:
    """A rate's target must lie between 0 and 100 %."""
    bounds = [b for b in (target.low, target.high) if b is not None]
    return None if rate and any(b > 1 for b in bounds) else target


Light = Literal["green", "amber", "red"]


def light(value: float, target: Target, amber_within: float) -> Light:
    """On target: green; short of it by at most ``amber_within`` of the target: amber."""
    if target.contains(value):
        return "green"
    bound = target.low if target.low is not None and value < target.low else target.high
    assert bound is not None
    gap = abs(value - bound)
    return "amber" if gap <= abs(bound) * amber_within else "red"

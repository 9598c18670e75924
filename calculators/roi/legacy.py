"""Carrying ROI inputs saved by the earlier model over to the current one.

The earlier model stored only the inputs a team changed, on top of a worked example, and
counted every purchase by a member as the community's return. A stored section without
a ``version`` is of that shape. It is mapped to what the team saw on the page then: the
example overlaid with its own figures, the purchase lever on with a baseline of 0% (so
the figure it gave is reproduced, not silently changed), and only the ranges the team
touched kept as its own. ``upgraded_from`` marks the result until the plan's history
records the carry-over.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

V1_EXAMPLE: dict[str, Any] = {
    "horizon_months": 24,
    "starting_members": 2_000,
    "new_members_per_month": 400,
    "monthly_churn_pct": 4,
    "buyer_share_pct": 15,
    "orders_per_buyer": 1.2,
    "average_order_value": 200,
    "gross_margin_pct": 35,
    "team_headcount": 2,
    "cost_per_head": 15_000,
    "content_cost": 5_000,
    "events_cost": 8_000,
    "incentives_cost": 5_000,
    "tools_cost": 1_000,
    "paid_acquisition_per_member": 15,
    "setup_cost": 50_000,
}
V1_RANGES: dict[str, dict[str, float]] = {
    "new_members_per_month": {"low": 250, "high": 600},
    "monthly_churn_pct": {"low": 2.5, "high": 7},
    "buyer_share_pct": {"low": 10, "high": 20},
    "orders_per_buyer": {"low": 0.8, "high": 1.5},
    "average_order_value": {"low": 160, "high": 240},
    "gross_margin_pct": {"low": 30, "high": 40},
}
RENAMED = {"monthly_churn_pct": "member_churn_pct"}


def is_v1(section: object) -> bool:
    """A stored section of the earlier shape (it never had a ``version``)."""
    return isinstance(section, Mapping) and bool(section) and "version" not in section


def upgrade(section: Mapping[str, Any]) -> dict[str, Any]:
    """The current model's inputs for a section the earlier model stored. Anything the
    earlier model would have refused is passed on as it is, for validation to refuse."""
    saved = dict(section)
    touched = saved.pop("ranges", None)
    out: dict[str, Any] = {RENAMED.get(k, k): v for k, v in (V1_EXAMPLE | saved).items()}
    ranges: Any = touched
    if touched is None:
        ranges = {}
    elif isinstance(touched, Mapping):
        ranges = {
            RENAMED.get(driver, driver): (
                V1_RANGES[driver] | dict(span)
                if driver in V1_RANGES and isinstance(span, Mapping)
                else span
            )
            for driver, span in touched.items()
        }
    return out | {
        "version": 2,
        "upgraded_from": 1,
        "purchase_on": True,
        "baseline_share_pct": 0,
        "ranges": ranges,
    }


def stored(section: Mapping[str, Any] | None) -> dict[str, Any]:
    """A stored section in the current shape (carried over when it is of the earlier one)."""
    if section is None:
        return {}
    return upgrade(section) if is_v1(section) else dict(section)


def stored_value(value: Any) -> Any:
    """Before validation of a stored section: carry a section of the earlier shape over."""
    return upgrade(value) if is_v1(value) else value

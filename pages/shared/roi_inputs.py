"""The ROI estimator's inputs: number fields, lever switches and ranges, saved at once.

Every save also writes the model's ``version``, so a stored section always says which
model it belongs to; a new base value outside the team's own range widens that range
rather than being refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from calculators.roi import LEVER_DRIVERS, Driver, Lever, RoiInputs
from calculators.roi.inputs import MODEL_VERSION, bounds
from pages.shared import fields, session
from playbook import roi_report

tr = session.tr

# name: (step, whole numbers)
STEPS: dict[str, tuple[float, bool]] = {
    "horizon_months": (1, True),
    "discount_rate_pct": (0.5, False),
    "range_pct": (5, False),
    "starting_members": (10, True),
    "new_members_per_month": (10, False),
    "member_churn_pct": (0.5, False),
    "buyer_share_pct": (0.5, False),
    "orders_per_buyer": (0.1, False),
    "average_order_value": (10, False),
    "gross_margin_pct": (1, False),
    "baseline_share_pct": (5, False),
    "churn_gap_pts": (0.5, False),
    "referrals_per_100": (0.1, False),
    "saved_cac": (10, False),
    "questions_per_month": (10, False),
    "deflection_pct": (5, False),
    "ticket_cost": (5, False),
    "ugc_per_month": (1, False),
    "value_per_piece": (10, False),
    "other_profit": (100, False),
    "team_headcount": (1, False),
    "cost_per_head": (500, False),
    "content_cost": (100, False),
    "events_cost": (100, False),
    "incentives_cost": (100, False),
    "tools_cost": (100, False),
    "acquisition_share_pct": (5, False),
    "paid_acquisition_per_member": (1, False),
    "setup_cost": (1000, False),
}
HELP = {
    "discount_rate_pct",
    "range_pct",
    "member_churn_pct",
    "baseline_share_pct",
    "churn_gap_pts",
    "acquisition_share_pct",
}


def store(key: str, changes: Mapping[str, Any]) -> None:
    """Button callback: store ``changes``; a failure is shown under the button ``key``."""
    fields.store_changes(key, changes)


def validate(section: Mapping[str, Any]) -> RoiInputs:
    return RoiInputs.from_section(section)


def number(data: RoiInputs, name: str) -> None:
    step, whole = STEPS[name]
    low, high = bounds(name)

    def coupled(value: Any) -> dict[str, Any]:
        extra: dict[str, Any] = {"version": MODEL_VERSION}
        if isinstance(value, int | float):
            widened = data.ranges_holding(name, float(value))
            if widened is not None:
                extra["ranges"] = widened
        return extra

    fields.section_input(
        st.number_input,
        tr(f"roi.in.{name}"),
        "roi",
        (name,),
        getattr(data, name),
        validate,
        coupled,
        min_value=int(low) if whole else float(low),
        max_value=int(high) if whole else float(high),
        step=int(step) if whole else float(step),
        value=None,
        format="%d" if whole else None,
        help=tr(f"roi.help.{name}") if name in HELP else None,
    )


def numbers(data: RoiInputs, names: list[str], columns: int = 2) -> None:
    cells = st.columns(columns)
    for i, name in enumerate(names):
        with cells[i % columns]:
            number(data, name)


def lever(data: RoiInputs, name: Lever, inputs: tuple[Driver, ...]) -> None:
    """A lever's switch, what it computes and where the method comes from; its own inputs
    while it is on."""
    with st.container(border=True):
        fields.section_input(
            st.toggle,
            tr(f"roi.lever.{name}"),  # plain: a label's Markdown is read out by screen readers
            "roi",
            (f"{name}_on",),
            data.lever_on(name),
            validate,
            lambda _value: {"version": MODEL_VERSION},
        )
        st.caption(f"{tr(f'roi.what.{name}')} {tr(f'roi.source.{name}')}")
        if data.lever_on(name) and inputs:
            numbers(data, list(inputs), columns=min(3, len(inputs)))


OWN_INPUTS: dict[Lever, tuple[Driver, ...]] = {
    "purchase": ("baseline_share_pct",),
    "retention": ("churn_gap_pts",),
    "referral": LEVER_DRIVERS["referral"],
    "support": LEVER_DRIVERS["support"],
    "content": LEVER_DRIVERS["content"],
    "other": LEVER_DRIVERS["other"],
}


def range_row(data: RoiInputs, driver: Driver) -> None:
    """One driver's range: its own value, then the low and high ends as used now."""
    low, high = data.span(driver)
    own = driver in data.ranges
    label, low_cell, high_cell = st.columns([2, 1, 1], vertical_alignment="bottom")
    tag = tr("roi.range_own") if own else tr("roi.range_default", pct=f"{data.range_pct:g}")
    value = roi_report.number(getattr(data, driver))
    label.markdown(f"**{tr(f'roi.in.{driver}')}** · {value} · {tag}")
    low_bound, high_bound = bounds(driver)
    for cell, end, shown in ((low_cell, "low", low), (high_cell, "high", high)):

        def coupled(value: Any, end: str = end) -> dict[str, Any]:
            spans = {d: span.model_dump() for d, span in data.ranges.items()}
            spans[driver] = {"low": low, "high": high, end: value}
            return {"version": MODEL_VERSION, "ranges": spans}

        with cell:
            fields.section_input(
                st.number_input,
                tr(f"roi.{end}"),
                "roi",
                ("ranges", driver, end),
                shown,
                validate,
                coupled,
                min_value=float(low_bound),
                max_value=float(high_bound),
                step=float(STEPS[driver][0]),
                value=None,
            )

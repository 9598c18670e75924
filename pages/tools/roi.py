"""ROI estimator: monthly model, low/base/high scenarios, simulation band, sensitivity."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import roi
from pages.shared import charts, fields, session
from pages.shared.layout import plan_page

tr = session.tr
lang = session.lang()
record = plan_page("roi.title")
st.markdown(tr("roi.intro"))

saved = record.plan.sections.roi or {}
shown = roi.effective(saved)
data = roi.RoiInput.model_validate(shown)  # only valid inputs are ever saved


@st.cache_data(max_entries=256, show_spinner=False)
def _estimate(payload: str) -> roi.RoiResult:
    return roi.estimate(roi.RoiInput.model_validate_json(payload))


result = _estimate(data.model_dump_json())


def validate(section) -> object:
    return roi.from_section(section)


def money(value: float | None) -> str:
    return tr("roi.undefined") if value is None else f"{value:,.0f}"


def percent(value: float | None) -> str:
    return tr("roi.undefined") if value is None else f"{value:,.1f}%"


def number_field(name: str, *, minimum: float, maximum: float, step: float, integer: bool = False):
    fields.section_input(
        st.number_input,
        tr(f"roi.{name}"),
        "roi",
        (name,),
        shown[name],
        validate,
        min_value=int(minimum) if integer else float(minimum),
        max_value=int(maximum) if integer else float(maximum),
        step=int(step) if integer else float(step),
        value=None,
        format="%d" if integer else None,
    )


LIMITS = {  # name: (min, max, step, whole numbers)
    "horizon_months": (1, 60, 1, True),
    "starting_members": (0, 100_000_000, 10, True),
    "new_members_per_month": (0, 10_000_000, 10, False),
    "monthly_churn_pct": (0, 100, 0.5, False),
    "buyer_share_pct": (0, 100, 0.5, False),
    "orders_per_buyer": (0, 1000, 0.1, False),
    "average_order_value": (0, 1e10, 10, False),
    "gross_margin_pct": (0, 100, 1, False),
    "team_headcount": (0, 10_000, 1, False),
    "cost_per_head": (0, 1e10, 500, False),
    "content_cost": (0, 1e10, 100, False),
    "events_cost": (0, 1e10, 100, False),
    "incentives_cost": (0, 1e10, 100, False),
    "tools_cost": (0, 1e10, 100, False),
    "paid_acquisition_per_member": (0, 1e10, 1, False),
    "setup_cost": (0, 1e10, 1000, False),
}
GROUPS = {
    "roi.group.members": [
        "horizon_months",
        "starting_members",
        "new_members_per_month",
        "monthly_churn_pct",
    ],
    "roi.group.revenue": [
        "buyer_share_pct",
        "orders_per_buyer",
        "average_order_value",
        "gross_margin_pct",
    ],
    "roi.group.costs": [
        "team_headcount",
        "cost_per_head",
        "content_cost",
        "events_cost",
        "incentives_cost",
        "tools_cost",
        "paid_acquisition_per_member",
        "setup_cost",
    ],
}

st.caption(tr("tools.saved_note") if saved else tr("tools.example_note"))
tabs = st.tabs([tr(g) for g in GROUPS] + [tr("roi.group.ranges")])
for tab, names in zip(tabs, GROUPS.values(), strict=False):
    with tab:
        columns = st.columns(2)
        for i, name in enumerate(names):
            low, high, step, integer = LIMITS[name]
            with columns[i % 2]:
                number_field(name, minimum=low, maximum=high, step=step, integer=integer)
with tabs[-1]:
    st.caption(tr("roi.ranges_help"))
    for driver in roi.DRIVERS:
        low_limit, high_limit, step, _ = LIMITS[driver]
        label, low_col, high_col = st.columns([2, 1, 1], vertical_alignment="bottom")
        label.markdown(f"**{tr(f'roi.{driver}')}** · {shown[driver]:,}")
        for column, end in ((low_col, "low"), (high_col, "high")):
            with column:
                fields.section_input(
                    st.number_input,
                    tr(f"roi.{end}"),
                    "roi",
                    ("ranges", driver, end),
                    shown["ranges"][driver][end],
                    validate,
                    min_value=float(low_limit),
                    max_value=float(high_limit),
                    step=float(step),
                    value=None,
                )

base = result.base
st.subheader(tr("tools.results"))
cells = st.columns(5)
cells[0].metric(tr("roi.metric.roi"), percent(base.roi_pct))
cells[1].metric(
    tr("roi.metric.payback"),
    tr("roi.month_n", month=base.payback_month) if base.payback_month else tr("roi.no_payback"),
    help=tr("roi.explain.payback"),
)
cells[2].metric(tr("roi.metric.ltv"), money(base.ltv))
cells[3].metric(tr("roi.metric.cac"), money(base.cac))
cells[4].metric(
    tr("roi.metric.ltv_cac"),
    tr("roi.undefined") if base.ltv_to_cac is None else f"{base.ltv_to_cac:.2f}",
)
explain = []
if base.roi_pct is None:
    explain.append(tr("roi.explain.roi_none"))
else:
    explain.append(
        tr(
            "roi.explain.roi",
            months=data.horizon_months,
            gross_profit=money(base.gross_profit),
            cost=money(base.cost),
            roi=percent(base.roi_pct),
        )
    )
explain.append(tr("roi.explain.payback"))
explain.append(
    tr(
        "roi.explain.ltv",
        per_month=f"{base.ltv / base.member_lifetime_months:,.2f}",
        lifetime=f"{base.member_lifetime_months:,.1f}",
    )
)
if base.cac is None:
    explain.append(tr("roi.explain.cac_none"))
else:
    explain.append(tr("roi.explain.cac", paid=money(base.paid_cac)))
    explain.append(tr("roi.explain.ltv_cac"))
st.markdown("\n".join(f"- {line}" for line in explain))

st.markdown(f"**{tr('roi.scenarios')}**")
scenarios = {"low": result.low, "base": result.base, "high": result.high}
st.dataframe(
    pd.DataFrame(
        {
            tr("roi.scenario"): [tr(f"roi.scenario.{k}") for k in scenarios],
            tr("roi.col.revenue"): [money(o.revenue) for o in scenarios.values()],
            tr("roi.col.gross_profit"): [money(o.gross_profit) for o in scenarios.values()],
            tr("roi.col.cost"): [money(o.cost) for o in scenarios.values()],
            tr("roi.metric.cash"): [money(o.net) for o in scenarios.values()],
            tr("roi.metric.roi"): [percent(o.roi_pct) for o in scenarios.values()],
            tr("roi.metric.payback"): [
                tr("roi.month_n", month=o.payback_month)
                if o.payback_month
                else tr("roi.not_within")
                for o in scenarios.values()
            ],
        }
    ),
    hide_index=True,
    width="stretch",
)
band = result.band
st.caption(
    tr(
        "roi.band",
        draws=f"{band.draws:,}",
        p10=percent(band.roi_p10),
        p50=percent(band.roi_p50),
        p90=percent(band.roi_p90),
    )
)

specs = charts.roi_specs(result.model_dump_json(), lang)
cash_tab, monthly_tab, tornado_tab, table_tab = st.tabs(
    [tr("roi.chart.cash"), tr("roi.chart.monthly"), tr("roi.chart.tornado"), tr("roi.table")]
)
with cash_tab:
    st.vega_lite_chart(spec=specs["cash"], width="stretch")
with monthly_tab:
    st.vega_lite_chart(spec=specs["monthly"], width="stretch")
with tornado_tab:
    if "tornado" not in specs:
        st.info(tr("roi.tornado_empty"), icon=":material/info:")
    else:
        st.caption(tr("roi.tornado_help"))
        st.vega_lite_chart(spec=specs["tornado"], width="stretch")
with table_tab:
    st.dataframe(
        pd.DataFrame(
            {
                tr("roi.col.month"): [m.month for m in base.months],
                tr("roi.col.members"): [round(m.members) for m in base.months],
                tr("roi.col.buyers"): [round(m.buyers, 1) for m in base.months],
                tr("roi.col.revenue"): [round(m.revenue) for m in base.months],
                tr("roi.col.gross_profit"): [round(m.gross_profit) for m in base.months],
                tr("roi.col.cost"): [round(m.cost) for m in base.months],
                tr("roi.col.net"): [round(m.net) for m in base.months],
                tr("roi.col.cumulative"): [round(m.cumulative) for m in base.months],
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.warning(tr("roi.caution"), icon=":material/warning:")
with st.expander(tr("tools.sources"), icon=":material/menu_book:"):
    st.markdown(f"- {tr('roi.source.model')}\n- {tr('roi.explain.payback')}")

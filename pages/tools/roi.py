"""ROI estimator: incremental value by lever against costs, scenarios, simulation band.

The inputs and the results are one fragment: a changed input saves and redraws the
estimator alone (nothing outside it shows the inputs). Only the open tab of the inputs
and of the charts is drawn; the estimate is cached per distinct set of inputs, and the
simulated cash by month (three quarters of a simulation's cost) is worked out only for
the cash chart.
"""

from __future__ import annotations

import streamlit as st

from calculators import roi
from pages.shared import charts, fields, roi_inputs, session, tables
from pages.shared.layout import plan_page
from playbook import roi_report as report
from playbook.errors import PlaybookError

tr = session.tr
lang = session.lang()
record = plan_page("roi.title")
st.markdown(tr("roi.intro"))

stored = record.plan.sections.roi  # None until the team enters something
data = roi.from_section(stored)
if data.upgraded_from is not None:
    # inputs of the earlier model: store them in the current shape, noted in the history
    try:
        session.store().update(
            record.plan.id,
            {"sections.roi": data.model_dump(mode="json", exclude={"upgraded_from"})},
            source="upgrade:roi",
        )
    except PlaybookError:
        pass  # shown as carried over; the next visit tries again
    else:
        st.session_state["_roi_upgraded"] = True
if st.session_state.pop("_roi_upgraded", False) or data.upgraded_from is not None:
    st.info(tr("roi.upgraded"), icon=":material/history:")


METRIC_WIDTH = 210  # px: four a line beside the sidebar on a laptop


@st.fragment
def calculator() -> None:
    now = session.current().record
    if now is None:
        return
    lang = session.lang()
    data = roi.from_section(now.plan.sections.roi)
    stored = now.plan.sections.roi
    payload = data.model_dump_json()
    result_json, result = report.estimated(payload)
    is_example = stored is not None and data == roi.RoiInputs.model_validate(roi.EXAMPLE)
    note = (
        "roi.note.example" if is_example else "roi.note.empty" if stored is None else "roi.note.own"
    )
    caption, button = st.columns([3, 2], vertical_alignment="center")
    caption.caption(tr(note))
    button.button(
        tr("roi.fill_example"),
        icon=":material/auto_awesome:",
        help=tr("roi.fill_example_help"),
        on_click=roi_inputs.store,
        args=("roi.fill", {"sections.roi": roi.EXAMPLE}),
        disabled=is_example,
        key="roi.fill",
    )
    fields.show_errors("roi.fill")

    members_tab, buys_tab, levers_tab, costs_tab, ranges_tab = st.tabs(
        [tr(f"roi.group.{g}") for g in ("members", "purchases", "levers", "costs", "ranges")],
        key="roi.inputs_tab",
        on_change="rerun",
    )
    # only the open tab is drawn; all of them while an input holds a refused value, so
    # that value stays in its field when another tab is opened
    refused = fields.has_error_under("sec.roi.")
    if members_tab.open or refused:
        with members_tab:
            roi_inputs.numbers(
                data,
                [
                    "horizon_months",
                    "discount_rate_pct",
                    "starting_members",
                    "new_members_per_month",
                    "member_churn_pct",
                ],
            )
    if buys_tab.open or refused:
        with buys_tab:
            st.caption(tr("roi.purchases_help"))
            roi_inputs.numbers(
                data,
                ["buyer_share_pct", "orders_per_buyer", "average_order_value", "gross_margin_pct"],
            )
    if levers_tab.open or refused:
        with levers_tab:
            for lever in roi.LEVERS:
                roi_inputs.lever(data, lever, roi_inputs.OWN_INPUTS[lever])
    if costs_tab.open or refused:
        with costs_tab:
            st.caption(tr("roi.costs_help"))
            caps = session.playbook_content().group_caps()
            admins = report.suggested_headcount(now.plan.sections.group_size, caps)
            if admins is not None and admins != data.team_headcount:
                hint, use = st.columns([3, 2], vertical_alignment="center")
                hint.info(
                    tr("roi.suggest_admins", n=admins, current=f"{data.team_headcount:g}"),
                    icon=":material/group:",
                )
                use.button(
                    tr("roi.use_admins", n=admins),
                    on_click=roi_inputs.store,
                    args=(
                        "roi.admins",
                        {"sections.roi.team_headcount": admins, "sections.roi.version": 2},
                    ),
                    key="roi.admins",
                )
                fields.show_errors("roi.admins")
            roi_inputs.numbers(
                data,
                [
                    "team_headcount",
                    "cost_per_head",
                    "content_cost",
                    "events_cost",
                    "incentives_cost",
                    "tools_cost",
                    "acquisition_share_pct",
                    "paid_acquisition_per_member",
                    "setup_cost",
                ],
            )
    if ranges_tab.open or refused:
        with ranges_tab:
            st.caption(tr("roi.ranges_help"))
            roi_inputs.number(data, "range_pct")
            live = data.live_drivers()
            if not live:
                st.info(tr("roi.no_ranges"), icon=":material/info:")
            for driver in live:
                roi_inputs.range_row(data, driver)
            if data.ranges:
                st.button(
                    tr("roi.reset_ranges"),
                    on_click=roi_inputs.store,
                    args=("roi.reset", {"sections.roi.ranges": None}),
                    key="roi.reset",
                )
                fields.show_errors("roi.reset")

    st.subheader(tr("tools.results"))
    for warning in report.warnings(data, result, lang):
        st.warning(warning, icon=":material/warning:")
    # eight figures in one row that wraps (four a line on a laptop, one on a phone)
    grid = st.container(horizontal=True, gap="small")
    for label, value in report.metrics(data, result, lang):
        grid.metric(label, value, width=METRIC_WIDTH)
    bullets = "\n".join(f"- {line}" for line in report.explanations(data, result, lang))
    st.markdown(f"**{report.headline(data, result, lang)}**\n\n{bullets}")

    levers_chart, cash_tab, tornado_tab, scenarios_tab, table_tab = st.tabs(
        [
            tr("roi.chart.levers"),
            tr("roi.chart.cash"),
            tr("roi.chart.tornado"),
            tr("roi.scenarios"),
            tr("roi.table"),
        ],
        key="roi.results_tab",
        on_change="rerun",
    )
    if levers_chart.open:
        with levers_chart:
            levers = charts.roi_spec(result_json, lang, "levers")
            if levers is None:
                st.info(tr("roi.levers_empty"), icon=":material/info:")
            else:
                st.vega_lite_chart(spec=levers, width="stretch")
                rows = report.lever_rows(result.base, lang)
                headers = [tr(k) for k in ("roi.col.lever", "roi.col.value", "roi.col.share")]
                st.dataframe(tables.from_rows(headers, rows), hide_index=True, width="stretch")
    if cash_tab.open:
        with cash_tab:
            band = result.band
            st.caption(
                tr(
                    "roi.band",
                    draws=f"{band.draws:,}",
                    p10=report.percent(band.roi_p10, lang),
                    p50=report.percent(band.roi_p50, lang),
                    p90=report.percent(band.roi_p90, lang),
                )
            )
            cash = charts.roi_spec(report.estimated_with_cash(payload)[0], lang, "cash")
            st.vega_lite_chart(spec=cash, width="stretch")
    if tornado_tab.open:
        with tornado_tab:
            tornado = charts.roi_spec(result_json, lang, "tornado")
            if tornado is None:
                st.info(tr("roi.tornado_empty"), icon=":material/info:")
            else:
                st.caption(tr("roi.tornado_help"))
                st.vega_lite_chart(spec=tornado, width="stretch")
    if scenarios_tab.open:
        with scenarios_tab:
            st.dataframe(
                tables.from_rows(report.scenario_headers(lang), report.scenario_rows(result, lang)),
                hide_index=True,
                width="stretch",
            )
    if table_tab.open:
        with table_tab:
            months = result.base.months
            st.dataframe(
                tables.table(
                    {
                        tr("roi.col.month"): [m.month for m in months],
                        tr("roi.col.members"): [f"{m.members:,.0f}" for m in months],
                        tr("roi.col.value"): [report.money(m.value, lang) for m in months],
                        tr("roi.col.cost"): [report.money(m.cost, lang) for m in months],
                        tr("roi.col.net"): [report.money(m.net, lang) for m in months],
                        tr("roi.col.cumulative"): [
                            report.money(m.cumulative, lang) for m in months
                        ],
                    }
                ),
                hide_index=True,
                width="stretch",
            )


calculator()

st.warning(tr("roi.caution"), icon=":material/warning:")
with st.expander(tr("roi.sources"), icon=":material/menu_book:"):
    lines = [report.lever_source(lever, lang) for lever in roi.LEVERS]
    lines += [tr("roi.source.model"), tr("roi.explain.payback")]
    st.markdown("\n".join(f"- {line}" for line in lines))

"""Drawing the actuals: the KPI dashboard, the business case beside the actual, the
monthly report's downloads and the home page's small lines."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from pages.shared import session
from pages.shared.layout import plan_link
from playbook import actuals_charts
from playbook.actuals import actuals_content, monthly, of_plan, period_label
from playbook.actuals_dashboard import KpiRow, forecast_rows, kpi_rows, show
from playbook.metrics import compute
from playbook.text import escape_markdown

LIGHTS = {"green": ":green[●]", "amber": ":orange[●]", "red": ":red[●]", None: ":gray[○]"}


@st.cache_data(max_entries=512, show_spinner=False)
def _kpi_spec(points: str, target: str, title: str, rate: bool, lang: str) -> dict:
    return actuals_charts.kpi_spec(points, target, title, rate, lang)


@st.cache_data(max_entries=256, show_spinner=False)
def _forecast_spec(rows: str, measure: str, lang: str) -> dict:
    return actuals_charts.forecast_spec(rows, measure, lang)


@st.cache_data(max_entries=512, show_spinner=False)
def _sparkline(values: str) -> dict:
    return actuals_charts.sparkline_spec(values)


def _target_json(row: KpiRow) -> str:
    target = row.target
    return json.dumps({"low": target.low, "high": target.high} if target else {})


def kpi_board(plan: Any, lang: str) -> None:
    """Each KPI: latest value, change, target and light, then its line against the target."""
    rows = kpi_rows(plan, session.playbook_content(), lang)
    if not rows:
        st.info(session.tr("act.no_kpis"), icon=":material/info:")
        plan_link("kpis", session.tr("act.to_kpis"), icon=":material/arrow_outward:")
        return
    for start in range(0, len(rows), 2):
        for column, row in zip(st.columns(2), rows[start : start + 2], strict=False):
            with column.container(border=True):
                _kpi_card(row, lang)


def _kpi_card(row: KpiRow, lang: str) -> None:
    tr = session.tr
    latest = escape_markdown(show(row.latest, row.kind, lang))
    label = escape_markdown(row.label)
    st.markdown(f"{LIGHTS[row.light()]} **{row.objective_label} · {label}**")
    # the target and a custom formula are the team's own text: shown as typed
    target = escape_markdown(row.target_text) if row.target_text else tr("act.no_target")
    formula = escape_markdown(row.formula)
    st.caption(tr("act.kpi_caption", latest=latest, target=target, formula=formula))
    points = [{"period": period_label(k), "value": v.value} for k, v in row.series]
    if all(p["value"] is None for p in points):
        st.caption(session.tr("act.no_numbers"))
        return
    spec = _kpi_spec(json.dumps(points), _target_json(row), row.label, row.kind == "rate", lang)
    st.vega_lite_chart(spec, width="stretch")


def metric_grid(plan: Any, lang: str) -> None:
    """Every derived metric of the latest period, its formula on hover."""
    ordered = of_plan(plan).ordered()
    if not ordered:
        return
    key, values = ordered[-1]
    previous = ordered[-2][1] if len(ordered) > 1 else None
    st.subheader(session.tr("act.metrics", period=period_label(key)))
    metrics = actuals_content().metrics
    for start in range(0, len(metrics), 5):
        for column, metric in zip(st.columns(5), metrics[start : start + 5], strict=False):
            now = compute(metric.id, values)
            delta = None
            if previous is not None and now.value is not None:
                before = compute(metric.id, previous).value
                if before is not None:
                    delta = show(type(now)(now.value - before, "ok"), metric.kind, lang)
            column.metric(
                metric.label.get(lang),
                show(now, metric.kind, lang),
                delta=delta,
                delta_color="inverse" if metric.lower_is_better else "normal",
                help=metric.formula.get(lang),
            )


def forecast(plan: Any, lang: str) -> None:
    st.subheader(session.tr("act.forecast"))
    rows = forecast_rows(plan)
    if rows is None:
        st.info(session.tr("act.no_case"), icon=":material/info:")
        plan_link("roi", session.tr("act.to_roi"), icon=":material/arrow_outward:")
        return
    st.caption(session.tr("act.forecast_help"))
    data = json.dumps(rows)
    for column, measure in zip(st.columns(3), ("members", "value", "cash"), strict=True):
        with column:
            st.markdown(f"**{session.tr(f'act.forecast.{measure}')}**")
            st.vega_lite_chart(_forecast_spec(data, measure, lang), width="stretch")


def report_downloads(plan: Any, lang: str, key: str = "act.report", title: bool = True) -> None:
    """The monthly report of a chosen month, in every format (``key`` keeps several
    plans' downloads apart on one page)."""
    months = [month for month, _ in monthly(of_plan(plan))]
    if not months:
        return
    if title:
        st.subheader(session.tr("act.report"))
        st.caption(session.tr("act.report_help"))
    month = st.selectbox(
        session.tr("act.report_month"),
        list(reversed(months)),
        format_func=period_label,
        key=f"{key}_month",
    )
    from playbook.export.report import report_formats

    today = session.today()
    for column, fmt in zip(st.columns(4), report_formats(plan, month, lang, today), strict=True):
        column.download_button(
            session.tr(f"ex.{fmt.id}"),
            data=fmt.make,
            file_name=fmt.file_name,
            mime=fmt.mime,
            on_click="ignore",
            key=f"{key}.{fmt.id}",
            width="stretch",
            icon=":material/download:",
        )


def sparklines(plan: Any, lang: str) -> None:
    """Home: members and participation over the recorded periods, in two small lines."""
    ordered = of_plan(plan).ordered()
    if len(ordered) < 2:
        return
    st.subheader(session.tr("act.home_title"))
    for column, metric_id in zip(
        st.columns(3), ("members", "participation_rate", "net_growth"), strict=True
    ):
        with column.container(border=True):
            values: list[float | None]
            if metric_id == "members":
                values = [v.members for _, v in ordered]
                label, shown = session.tr("act.members"), f"{values[-1] or 0:,}"
            else:
                metric = actuals_content().metric(metric_id)
                series = [compute(metric_id, v) for _, v in ordered]
                values = [s.value for s in series]
                label, shown = metric.label.get(lang), show(series[-1], metric.kind, lang)
            st.caption(label)
            st.markdown(f"**{shown}**")
            st.vega_lite_chart(_sparkline(json.dumps(values)), width="stretch")
    plan_link("actuals", session.tr("act.open"), icon=":material/arrow_outward:")

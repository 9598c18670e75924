"""Charts of the actuals as Vega-Lite specs (Altair): a KPI's actual against its target
band, the business case beside the actual, and the small lines of the home page.

Inputs are JSON strings so pages can cache the specs per distinct data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from playbook.charts.base import Width, altair_spec
from playbook.i18n import t

ACTUAL = "#1F6FEB"
BAND = "#2da44e"


@lru_cache(maxsize=256)
def kpi_spec(
    points_json: str,
    target_json: str,
    title: str,
    rate: bool,
    lang: str,
    width: Width = "container",
) -> dict:
    """``points``: [{"period": "2026-10", "value": 0.3 | null}]; ``target``: {"low", "high"}."""
    points = pd.DataFrame(json.loads(points_json))
    target = json.loads(target_json)
    axis_format = ".0%" if rate else ",.0f"
    x = alt.X("period:O", title=None, sort=None, axis=alt.Axis(labelAngle=0))
    line = (
        alt.Chart(points)
        .mark_line(point=True, color=ACTUAL)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format=axis_format)),
            tooltip=[
                alt.Tooltip("period:O", title=t("act.period", lang)),
                alt.Tooltip("value:Q", title=title, format=".1%" if rate else ",.1f"),
            ],
        )
    )
    layers: list[Any] = []
    low, high = target.get("low"), target.get("high")
    if low is not None and high is not None:
        band = pd.DataFrame({"period": points["period"], "low": low, "high": high})
        layers.append(
            alt.Chart(band).mark_area(opacity=0.18, color=BAND).encode(x=x, y="low:Q", y2="high:Q")
        )
    for bound in (b for b in (low, high) if b is not None):
        layers.append(
            alt.Chart(pd.DataFrame({"y": [bound]}))
            .mark_rule(color=BAND, strokeDash=[6, 3], strokeWidth=2)
            .encode(y="y:Q")
        )
    chart = alt.layer(*layers, line).properties(height=200, description=title)
    return altair_spec(chart, width)


@lru_cache(maxsize=128)
def forecast_spec(rows_json: str, measure: str, lang: str, width: Width = "container") -> dict:
    """One measure (members, revenue or cumulative cash): the business case, dashed, and
    the actual."""
    rows = pd.DataFrame(json.loads(rows_json))
    rows = rows[rows["measure"] == measure].copy()
    rows["series"] = rows["series"].map(lambda s: t(f"act.series.{s}", lang))
    series = [t("act.series.actual", lang), t("act.series.plan", lang)]
    chart = (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:O", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format="~s")),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=series, range=[ACTUAL, "#8c959f"]),
                legend=None,  # the caption above the charts says which line is which
            ),
            strokeDash=alt.StrokeDash(
                "series:N", legend=None, scale=alt.Scale(domain=series, range=[[1, 0], [5, 3]])
            ),
            tooltip=[
                alt.Tooltip("period:O", title=t("act.period", lang)),
                alt.Tooltip("series:N", title=t("roi.axis.series", lang)),
                alt.Tooltip("value:Q", title=t(f"act.forecast.{measure}", lang), format=",.0f"),
            ],
        )
        .properties(height=180)
    )
    return altair_spec(chart, width)


@lru_cache(maxsize=256)
def sparkline_spec(values_json: str) -> dict:
    """A small line without axes, for the home page."""
    points = pd.DataFrame({"i": range(len(values := json.loads(values_json))), "v": values})
    chart = (
        alt.Chart(points)
        .mark_line(color=ACTUAL, interpolate="monotone")
        .encode(x=alt.X("i:Q", axis=None), y=alt.Y("v:Q", axis=None, scale=alt.Scale(zero=False)))
        .properties(height=48)
        .configure_view(stroke=None)
    )
    return altair_spec(chart, "container")

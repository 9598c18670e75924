"""The ROI estimator's charts: cumulative cash, value by lever, sensitivity."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from calculators import roi
from playbook.charts.base import ACCENT, Width, altair_spec, layered
from playbook.i18n import t


def _roi_cash(result: roi.RoiResult, lang: str) -> alt.LayerChart:
    """Cumulative cash of the three scenarios over the simulation's P10–P90 band."""
    month_title, money_title = t("roi.col.month", lang), t("roi.axis.money", lang)
    scenarios = {"low": result.low, "base": result.base, "high": result.high}
    band = result.cash
    assert band is not None  # roi_spec draws this chart only for a result with it
    frame = pd.DataFrame(
        {"month": [m.month for m in result.base.months], "p10": band.p10, "p90": band.p90}
    )
    lines = pd.DataFrame(
        [
            {"month": m.month, "value": m.cumulative, "series": t(f"roi.scenario.{name}", lang)}
            for name, outcome in scenarios.items()
            for m in outcome.months
        ]
    )
    area = (
        alt.Chart(frame)
        .mark_area(opacity=0.25, color="#1F6FEB")
        .encode(
            x=alt.X("month:Q", title=month_title),
            y=alt.Y("p10:Q", title=money_title),
            y2="p90:Q",
        )
    )
    series = (
        alt.Chart(lines)
        .mark_line()
        .encode(
            x="month:Q",
            y="value:Q",
            color=alt.Color("series:N", title=t("roi.axis.series", lang)),
            strokeDash=alt.condition(
                alt.datum.series == t("roi.scenario.base", lang),
                alt.value([1, 0]),
                alt.value([5, 3]),
            ),
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#666").encode(y="y:Q")
    return area + series + zero


def waterfall_rows(result: roi.RoiResult, lang: str) -> list[dict[str, Any]]:
    """The waterfall's bars: each lever's value stacked, the costs taken away, the net."""
    base = result.base
    rows: list[dict[str, Any]] = []
    level = 0.0
    for lever, value in base.by_lever.items():
        rows.append(
            {
                "step": t(f"roi.lever.{lever}", lang),
                "start": level,
                "end": level + value,
                "kind": t("roi.waterfall.value", lang),
                "amount": value,
            }
        )
        level += value
    rows.append(
        {
            "step": t("roi.col.cost", lang),
            "start": level,
            "end": level - base.cost,
            "kind": t("roi.waterfall.cost", lang),
            "amount": -base.cost,
        }
    )
    rows.append(
        {"step": t("roi.col.net", lang), "start": 0.0, "end": base.net,
         "kind": t("roi.waterfall.net", lang), "amount": base.net}
    )  # fmt: skip
    return rows


def _roi_waterfall(result: roi.RoiResult, lang: str, width: Width) -> dict:
    """Value added lever by lever, then the costs taken away, ending at the net result
    (plain Vega-Lite: redrawn on every change of an input; a test holds it equal to the
    Altair chart it replaces)."""
    rows = waterfall_rows(result, lang)
    money = t("roi.axis.money", lang)
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": {
                "field": "kind",
                "scale": {
                    "domain": [t(f"roi.waterfall.{k}", lang) for k in ("value", "cost", "net")],
                    "range": ["#2e9e5b", ACCENT, "#1F6FEB"],
                },
                "title": None,
                "type": "nominal",
            },
            "tooltip": [
                {"field": "step", "title": t("roi.col.item", lang), "type": "nominal"},
                {"field": "amount", "format": ",.0f", "title": money, "type": "quantitative"},
            ],
            "x": {
                "axis": {"labelAngle": 0, "labelLimit": 120},
                "field": "step",
                "sort": [str(row["step"]) for row in rows],
                "title": None,
                "type": "nominal",
            },
            "y": {"field": "start", "title": money, "type": "quantitative"},
            "y2": {"field": "end"},
        },
    }
    zero = {
        "mark": {"type": "rule", "color": "#666"},
        "encoding": {"y": {"field": "y", "type": "quantitative"}},
    }
    return layered([("steps", rows, bars), ("zero", [{"y": 0}], zero)], width)


def _roi_tornado(result: roi.RoiResult, lang: str) -> alt.Chart:
    bars = pd.DataFrame(
        [
            {
                "driver": t(f"roi.in.{bar.driver}", lang),
                "end": t(f"roi.{end}", lang),
                "from": result.base.roi_pct,
                "to": value,
            }
            for bar in result.tornado
            for end, value in (("low", bar.roi_at_low), ("high", bar.roi_at_high))
        ]
    )
    order = [t(f"roi.in.{bar.driver}", lang) for bar in result.tornado]
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            y=alt.Y("driver:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("from:Q", title=t("roi.axis.roi", lang)),
            x2="to:Q",
            color=alt.Color("end:N", title=t("roi.axis.end", lang)),
            tooltip=[
                alt.Tooltip("driver:N", title=t("roi.col.driver", lang)),
                alt.Tooltip("end:N", title=t("roi.axis.end", lang)),
                alt.Tooltip("to:Q", title=t("roi.axis.roi", lang), format=",.1f"),
            ],
        )
    )


ROI_CHARTS = ("cash", "levers", "tornado")


@lru_cache(maxsize=128)
def roi_spec(result_json: str, lang: str, name: str, width: Width = "container") -> dict | None:
    """One ROI chart: cumulative cash ("cash"; None for a result without the simulated
    cash), value by lever ("levers"; None when no lever is on) or the sensitivity
    ("tornado"; None when no driver moves ROI). A page builds only the one it shows."""
    result = roi.RoiResult.model_validate_json(result_json)
    if name == "levers":
        return _roi_waterfall(result, lang, width) if result.base.by_lever else None
    if name == "tornado":
        return altair_spec(_roi_tornado(result, lang), width) if result.tornado else None
    return altair_spec(_roi_cash(result, lang), width) if result.cash else None


def roi_specs(result_json: str, lang: str, width: Width = "container") -> dict[str, dict]:
    """Every ROI chart there is for this result (see :func:`roi_spec`)."""
    specs = {name: roi_spec(result_json, lang, name, width) for name in ROI_CHARTS}
    return {name: spec for name, spec in specs.items() if spec is not None}

"""Charts as Vega-Lite specs, authored with Altair.

The same specs are drawn in the browser (pages cache them, since building and validating
an Altair chart costs ~15 ms) and rendered to PNG for the exported documents. ``width`` is
"container" on a page and a number of pixels in a document. The Altair-built specs are
cached per distinct input (all arguments are strings or numbers); callers treat them as
read-only. The roadmap's timeline, rebuilt after every change of the tasks, is written
as plain Vega-Lite.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from calculators import group_size as gs
from calculators import roi
from playbook.content import content
from playbook.i18n import t
from playbook.roadmap import Task

ACCENT = "#d1495b"


Width = Any  # "container" or pixels

FONT = "Noto Sans SC"  # the CJK font embedded in exports; browsers fall back to their own


def _spec(chart: alt.TopLevelMixin, width: Width) -> dict:
    spec = chart.properties(width=width).to_dict()
    spec.setdefault("config", {}).update({"font": FONT})
    return spec


def _gs_layers(result: gs.GroupSizeResult, lang: str, width: Width) -> dict:
    """Dunbar's layers as bars on a log scale, the target as a dashed rule (plain
    Vega-Lite: redrawn on every change of the target; a test holds it equal to the Altair
    chart it replaces)."""
    layers = [
        {"layer": f"{size:,} · {t(f'gs.layer.{size}', lang)}", "size": size}
        for size in gs.DUNBAR_LAYERS
    ]
    bars = {
        "mark": {"type": "bar", "color": "#9db7e0"},
        "encoding": {
            "x": {
                "field": "size",
                "scale": {"domainMin": 1, "type": "log"},
                "title": t("gs.axis.people", lang),
                "type": "quantitative",
            },
            "x2": {"datum": 1},
            "y": {
                "axis": {"labelLimit": 260},
                "field": "layer",
                "sort": None,
                "title": None,
                "type": "nominal",
            },
        },
    }
    target = {
        "mark": {"type": "rule", "color": ACCENT, "strokeDash": [6, 3], "strokeWidth": 2},
        "encoding": {"x": {"field": "target", "type": "quantitative"}},
    }
    return _layered(
        [("layers", layers, bars), ("target", [{"target": result.target_members}], target)],
        width,
    )


def _gs_ties(result: gs.GroupSizeResult, lang: str) -> alt.LayerChart:
    curve = pd.DataFrame(
        gs.ties_curve(max(200, min(result.target_members, 2000))), columns=["n", "ties"]
    )
    marks = pd.DataFrame({"n": [result.members_per_group], "ties": [result.ties_per_group]})
    line = (
        alt.Chart(curve)
        .mark_line()
        .encode(
            x=alt.X("n:Q", title=t("gs.axis.people", lang)),
            y=alt.Y("ties:Q", title=t("gs.axis.ties", lang)),
        )
    )
    point = (
        alt.Chart(marks)
        .mark_point(size=120, color=ACCENT, filled=True)
        .encode(
            x="n:Q",
            y="ties:Q",
            tooltip=[
                alt.Tooltip("n:Q", title=t("gs.axis.people", lang), format=","),
                alt.Tooltip("ties:Q", title=t("gs.axis.ties", lang), format=","),
            ],
        )
    )
    return line + point


def _gs_split(result: gs.GroupSizeResult, lang: str) -> alt.LayerChart:
    sizes = gs.group_sizes(result.target_members, result.groups)[:60]
    groups = pd.DataFrame({"group": [str(i + 1) for i in range(len(sizes))], "members": sizes})
    split = (
        alt.Chart(groups)
        .mark_bar()
        .encode(
            x=alt.X("group:N", sort=None, title=t("gs.axis.group", lang)),
            y=alt.Y("members:Q", title=t("gs.axis.members", lang)),
        )
    )
    limit = (
        alt.Chart(pd.DataFrame({"limit": [result.group_size_limit]}))
        .mark_rule(color=ACCENT, strokeDash=[6, 3])
        .encode(y="limit:Q")
    )
    return split + limit


GROUP_SIZE_CHARTS = {"ties": _gs_ties, "split": _gs_split}  # through Altair


def _layered(layers: list[tuple[str, list[dict[str, Any]], dict[str, Any]]], width: Width) -> dict:
    """A layered Vega-Lite spec as Altair writes one: ``layers`` are (dataset name, rows,
    layer without data). Used where a chart is rebuilt on every change of an input, since
    Altair's encoding inference and validation cost ~15 ms a chart."""
    return {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}, "font": FONT},
        "layer": [{"data": {"name": name}, **layer} for name, _, layer in layers],
        "width": width,
        "$schema": alt.SCHEMA_URL,
        "datasets": {name: rows for name, rows, _ in layers},
    }


@lru_cache(maxsize=128)
def group_size_spec(result_json: str, lang: str, name: str, width: Width = "container") -> dict:
    """One of the group-size charts: the Dunbar layers with the target ("layers"), ties
    against group size ("ties"), members per group ("split"). A page builds only the one
    it shows (an Altair chart costs ~15 ms)."""
    result = gs.GroupSizeResult.model_validate_json(result_json)
    if name == "layers":
        return _gs_layers(result, lang, width)
    return _spec(GROUP_SIZE_CHARTS[name](result, lang), width)


def group_size_specs(result_json: str, lang: str, width: Width = "container") -> dict[str, dict]:
    return {
        name: group_size_spec(result_json, lang, name, width)
        for name in ("layers", "ties", "split")
    }


def _roi_cash(result: roi.RoiResult, lang: str) -> alt.LayerChart:
    """Cumulative cash of the three scenarios over the simulation's P10–P90 band."""
    month_title, money_title = t("roi.col.month", lang), t("roi.axis.money", lang)
    scenarios = {"low": result.low, "base": result.base, "high": result.high}
    band = result.band
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


def _roi_waterfall(result: roi.RoiResult, lang: str, width: Width) -> dict:
    """Value added lever by lever, then the costs taken away, ending at the net result
    (plain Vega-Lite: redrawn on every change of an input; a test holds it equal to the
    Altair chart it replaces)."""
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
    return _layered([("steps", rows, bars), ("zero", [{"y": 0}], zero)], width)


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
    """One ROI chart: cumulative cash ("cash"), value by lever ("levers"; None when no
    lever is on) or the sensitivity ("tornado"; None when no driver moves ROI). A page
    builds only the one it shows."""
    result = roi.RoiResult.model_validate_json(result_json)
    if name == "levers":
        return _roi_waterfall(result, lang, width) if result.base.by_lever else None
    if name == "tornado":
        return _spec(_roi_tornado(result, lang), width) if result.tornado else None
    return _spec(_roi_cash(result, lang), width)


def roi_specs(result_json: str, lang: str, width: Width = "container") -> dict[str, dict]:
    """Every ROI chart there is for this result (see :func:`roi_spec`)."""
    specs = {name: roi_spec(result_json, lang, name, width) for name in ROI_CHARTS}
    return {name: spec for name, spec in specs.items() if spec is not None}


STATUS_COLOURS = {"todo": "#9aa5b1", "doing": "#1F6FEB", "done": "#2e9e5b", "blocked": "#d98c1a"}


def _roadmap_rows(tasks_json: str, today_iso: str, lang: str) -> list[dict[str, str]]:
    """One row per task; tasks with the same title keep a line each (the second is
    "title (2)", and so on)."""
    tasks = [Task.model_validate_json(raw) for raw in json.loads(tasks_json).values()]
    today = date.fromisoformat(today_iso)
    steps = {s.id: s.number for s in content().steps}
    late = t("rm.overdue", lang)
    rows = []
    seen: dict[str, int] = {}
    for task in tasks:
        label = f"{steps[task.step]}. {task.title}"[:60]
        seen[label] = seen.get(label, 0) + 1
        status = t(f"rm.status.{task.status.value}", lang)
        overdue = task.overdue(today)
        rows.append(
            {
                "task": label if seen[label] == 1 else f"{label} ({seen[label]})",
                "start": task.start.isoformat(),
                # a bar runs to the end of its due day; the tooltip names the due day itself
                "end": (task.due + timedelta(days=1)).isoformat(),
                "due": task.due.isoformat(),
                "status": status,
                "owner": task.owner,
                "late": late if overdue else "",
                "state": status + (f" · {late}" if overdue else ""),
            }
        )
    return rows


def roadmap_spec(tasks_json: str, today_iso: str, lang: str, width: Width = "container") -> dict:
    """A Gantt chart of the tasks, coloured by status, overdue tasks outlined in red.

    Written as the Vega-Lite it is rather than through Altair: the timeline is rebuilt after
    every change of the tasks, and Altair's encoding inference and validation cost ~25 ms
    a build, against 0.1 ms for this (a test holds it equal to the Altair chart it
    replaces). Built afresh on each call, so no caller shares it."""
    rows = _roadmap_rows(tasks_json, today_iso, lang)
    late = {"test": "(datum.late !== '')"}
    return {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}, "font": FONT},
        "layer": [
            {
                "data": {"name": "tasks"},
                "mark": {"type": "bar", "cornerRadius": 3, "height": {"band": 0.7}},
                "encoding": {
                    "color": {
                        "field": "status",
                        "legend": {"symbolStrokeWidth": 0},
                        "scale": {
                            "domain": [t(f"rm.status.{s}", lang) for s in STATUS_COLOURS],
                            "range": list(STATUS_COLOURS.values()),
                        },
                        "title": t("rm.col.status", lang),
                        "type": "nominal",
                    },
                    "stroke": {"condition": {**late, "value": ACCENT}, "value": None},
                    "strokeWidth": {"condition": {**late, "value": 2.5}, "value": 0},
                    "tooltip": [
                        {"field": "task", "title": t("rm.col.title", lang), "type": "nominal"},
                        {"field": "owner", "title": t("rm.col.owner", lang), "type": "nominal"},
                        {
                            "field": "start",
                            "format": "%Y-%m-%d",
                            "title": t("rm.col.start", lang),
                            "type": "temporal",
                        },
                        {
                            "field": "due",
                            "format": "%Y-%m-%d",
                            "title": t("rm.col.due", lang),
                            "type": "temporal",
                        },
                        {"field": "state", "title": t("rm.col.status", lang), "type": "nominal"},
                    ],
                    "x": {
                        "axis": {"format": "%m-%d"},
                        "field": "start",
                        "title": None,
                        "type": "temporal",
                    },
                    "x2": {"field": "end"},
                    "y": {
                        "axis": {"labelLimit": 320},
                        "field": "task",
                        "sort": [row["task"] for row in rows],
                        "title": None,
                        "type": "nominal",
                    },
                },
            },
            {
                "data": {"name": "today"},
                "mark": {"type": "rule", "color": ACCENT, "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "today", "type": "temporal"}},
            },
        ],
        "height": max(120, 26 * len(rows)),
        "width": width,
        "$schema": alt.SCHEMA_URL,
        "datasets": {"tasks": rows, "today": [{"today": today_iso}]},
    }

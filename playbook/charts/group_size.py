"""The group-size calculator's charts: Dunbar's layers with the target, ties against group
size, members per group."""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd

from calculators import group_size as gs
from playbook.charts.base import ACCENT, Width, altair_spec, layered
from playbook.i18n import t


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
    return layered(
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


@lru_cache(maxsize=128)
def group_size_spec(result_json: str, lang: str, name: str, width: Width = "container") -> dict:
    """One of the group-size charts: the Dunbar layers with the target ("layers"), ties
    against group size ("ties"), members per group ("split"). A page builds only the one
    it shows (an Altair chart costs ~15 ms)."""
    result = gs.GroupSizeResult.model_validate_json(result_json)
    if name == "layers":
        return _gs_layers(result, lang, width)
    return altair_spec(GROUP_SIZE_CHARTS[name](result, lang), width)


def group_size_specs(result_json: str, lang: str, width: Width = "container") -> dict[str, dict]:
    return {
        name: group_size_spec(result_json, lang, name, width)
        for name in ("layers", "ties", "split")
    }

"""Charts rebuilt on every change of an input are written as plain Vega-Lite; each must be
the chart Altair built before (same marks, encodings, data and order)."""

from __future__ import annotations

import copy

import altair as alt
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import group_size as gs
from calculators import roi
from playbook import charts
from playbook.charts import ACCENT, altair_spec
from playbook.charts.roi import waterfall_rows
from playbook.i18n import t
from tests.test_roi_properties import any_inputs


def _inline(spec: dict) -> dict:
    """The spec with its named datasets written into the layers that use them."""
    spec = copy.deepcopy(spec)
    datasets = spec.pop("datasets")
    for layer in spec["layer"]:
        layer["data"] = {"values": datasets[layer["data"]["name"]]}
    return spec


def _altair_waterfall(result: roi.RoiResult, lang: str, width) -> dict:
    """The Altair chart the plain spec replaces, drawn from the same bars."""
    rows = waterfall_rows(result, lang)
    kinds = [t(f"roi.waterfall.{k}", lang) for k in ("value", "cost", "net")]
    order = [str(row["step"]) for row in rows]
    bars = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("step:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=120)),
            y=alt.Y("start:Q", title=t("roi.axis.money", lang)),
            y2="end:Q",
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=["#2e9e5b", ACCENT, "#1F6FEB"]),
                title=None,
            ),
            tooltip=[
                alt.Tooltip("step:N", title=t("roi.col.item", lang)),
                alt.Tooltip("amount:Q", title=t("roi.axis.money", lang), format=",.0f"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#666").encode(y="y:Q")
    return altair_spec(bars + zero, width)


def _altair_layers(result: gs.GroupSizeResult, lang: str, width) -> dict:
    layers = pd.DataFrame(
        {
            "layer": [f"{size:,} · {t(f'gs.layer.{size}', lang)}" for size in gs.DUNBAR_LAYERS],
            "size": list(gs.DUNBAR_LAYERS),
        }
    )
    bars = (
        alt.Chart(layers)
        .mark_bar(color="#9db7e0")
        .encode(
            y=alt.Y("layer:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X(
                "size:Q", scale=alt.Scale(type="log", domainMin=1), title=t("gs.axis.people", lang)
            ),
            x2=alt.datum(1),
        )
    )
    target = (
        alt.Chart(pd.DataFrame({"target": [result.target_members]}))
        .mark_rule(color=ACCENT, strokeWidth=2, strokeDash=[6, 3])
        .encode(x="target:Q")
    )
    return altair_spec(bars + target, width)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_inputs(), st.sampled_from(["zh", "en"]), st.sampled_from(["container", 640]))
def test_the_lever_waterfall_is_the_altair_chart_it_replaces(data, lang, width):
    result = roi.estimate(data, draws=200)
    if not result.base.by_lever:
        assert charts.roi_spec(result.model_dump_json(), lang, "levers", width) is None
        return
    spec = charts.roi_spec(result.model_dump_json(), lang, "levers", width)
    assert _inline(spec) == _inline(_altair_waterfall(result, lang, width))
    alt.LayerChart.from_dict(spec)  # valid Vega-Lite


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("target", [1, 40, 150, 1000, 250_000])
def test_the_dunbar_layers_chart_is_the_altair_chart_it_replaces(lang, target):
    result = gs.plan_groups(gs.from_section({"target_members": target}, {}))
    for width in ("container", 640):
        spec = charts.group_size_spec(result.model_dump_json(), lang, "layers", width)
        assert _inline(spec) == _inline(_altair_layers(result, lang, width))
        alt.LayerChart.from_dict(spec)


def _decoded(data: bytes) -> list[dict]:
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().to_pylist()


@pytest.mark.parametrize(
    "rows",
    [
        [{"step": "购买", "start": 0.0, "end": 1.5}, {"step": "成本", "start": 1.5, "end": -2.0}],
        [{"y": 0}],
        [{"month": 1, "value": 2}, {"month": 2, "value": 2.5, "series": "base"}],  # keys vary
    ],
)
def test_chart_rows_go_to_the_browser_as_the_same_arrow_rows(rows):
    from pages.shared.charts import arrow_datasets

    sent = arrow_datasets({"datasets": {"d": rows}})["datasets"]["d"]
    names = list(dict.fromkeys(k for row in rows for k in row))
    assert _decoded(sent) == [{k: row.get(k) for k in names} for row in rows]


@pytest.mark.parametrize(
    "rows", [[{"a": 1}, {"a": "x"}], [{"a": None}, {"a": None}], pd.DataFrame({"a": [1, 2]})]
)
def test_rows_without_one_arrow_type_go_through_streamlits_own_conversion(rows):
    from streamlit import dataframe_util

    from pages.shared.charts import arrow_datasets

    sent = arrow_datasets({"datasets": {"d": rows}})["datasets"]["d"]
    assert sent == dataframe_util.convert_anything_to_arrow_bytes(rows)

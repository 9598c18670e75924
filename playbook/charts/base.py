"""What every chart shares: the accent colour, the font, and the two ways a spec is written
(through Altair, or as plain Vega-Lite where a chart is rebuilt on every input change)."""

from __future__ import annotations

from typing import Any

import altair as alt

ACCENT = "#d1495b"

Width = Any  # "container" or pixels

FONT = "Noto Sans SC"  # the CJK font embedded in exports; browsers fall back to their own


def altair_spec(chart: alt.TopLevelMixin, width: Width) -> dict:
    spec = chart.properties(width=width).to_dict()
    spec.setdefault("config", {}).update({"font": FONT})
    return spec


def layered(layers: list[tuple[str, list[dict[str, Any]], dict[str, Any]]], width: Width) -> dict:
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

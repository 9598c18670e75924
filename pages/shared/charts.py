"""The charts' Vega-Lite specs as pages draw them: their data already in Arrow.

``st.vega_lite_chart`` converts each named dataset of a spec to Arrow on every call (~2 ms
a dataset, through a pandas frame) unless the dataset already is Arrow IPC bytes, which it
sends as they are. The specs here carry their datasets converted once, with Streamlit's own
conversion, and are cached per distinct input.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from streamlit import dataframe_util

from pages.shared import tables
from playbook import charts


def _arrow_bytes(rows: Any) -> bytes:
    """A dataset (Vega-Lite's list of row objects) as Arrow IPC bytes: built column by
    column (≈ 0.05 ms for a chart's rows, against ≈ 0.5 ms through a pandas frame), and
    through Streamlit's own conversion when a column has no single Arrow type."""
    if isinstance(rows, list) and rows and all(isinstance(row, dict) for row in rows):
        names = list(dict.fromkeys(name for row in rows for name in row))
        table = tables.arrow({name: [row.get(name) for row in rows] for name in names})
        if table is not None:
            return dataframe_util.convert_arrow_table_to_arrow_bytes(table)
    return dataframe_util.convert_anything_to_arrow_bytes(rows)


def arrow_datasets(spec: dict) -> dict:
    """``spec`` with its named datasets as Arrow IPC bytes (the spec is not changed)."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return spec | {
        "datasets": {
            name: rows if isinstance(rows, bytes) else _arrow_bytes(rows)
            for name, rows in datasets.items()
        }
    }


# Cached per input in the process; Streamlit copies a spec before it changes one, so the
# cached object is shared (a hit costs a dictionary look-up, not an unpickled copy).
@lru_cache(maxsize=256)
def group_size_spec(result_json: str, lang: str, name: str) -> dict:
    """One group-size chart (only the open tab's is built: ~15 ms each through Altair)."""
    return arrow_datasets(charts.group_size_spec(result_json, lang, name))


@lru_cache(maxsize=256)
def roi_spec(result_json: str, lang: str, name: str) -> dict | None:
    """One ROI chart, or None when the result has nothing to draw in it."""
    spec = charts.roi_spec(result_json, lang, name)
    return None if spec is None else arrow_datasets(spec)


@lru_cache(maxsize=256)
def roadmap_spec(tasks_json: str, today_iso: str, lang: str) -> dict:
    """The timeline of these tasks."""
    return arrow_datasets(charts.roadmap_spec(tasks_json, today_iso, lang))

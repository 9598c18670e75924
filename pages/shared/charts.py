"""The charts' Vega-Lite specs as pages draw them: their data already in Arrow.

``st.vega_lite_chart`` converts each named dataset of a spec to Arrow on every call (~2 ms
a dataset, through a pandas frame) unless the dataset already is Arrow IPC bytes, which it
sends as they are. The specs here carry their datasets converted once, with Streamlit's own
conversion, and are cached per distinct input.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st
from streamlit import dataframe_util

from playbook import charts


def arrow_datasets(spec: dict) -> dict:
    """``spec`` with its named datasets as Arrow IPC bytes (the spec is not changed)."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return spec | {
        "datasets": {
            name: rows
            if isinstance(rows, bytes)
            else dataframe_util.convert_anything_to_arrow_bytes(rows)
            for name, rows in datasets.items()
        }
    }


@st.cache_data(max_entries=512, show_spinner=False)
def group_size_spec(result_json: str, lang: str, name: str) -> dict:
    """One group-size chart (only the open tab's is built: ~15 ms each through Altair)."""
    return arrow_datasets(charts.group_size_spec(result_json, lang, name))


@st.cache_data(max_entries=512, show_spinner=False)
def roi_spec(result_json: str, lang: str, name: str) -> dict | None:
    """One ROI chart, or None when the result has nothing to draw in it."""
    spec = charts.roi_spec(result_json, lang, name)
    return None if spec is None else arrow_datasets(spec)


@lru_cache(maxsize=256)
def roadmap_spec(tasks_json: str, today_iso: str, lang: str) -> dict:
    """The timeline of these tasks (Streamlit copies a spec before it changes one, so the
    cached object is shared)."""
    return arrow_datasets(charts.roadmap_spec(tasks_json, today_iso, lang))

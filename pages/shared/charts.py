"""The calculators' Vega-Lite specs, cached per distinct result and language."""

from __future__ import annotations

import streamlit as st

from playbook import charts


@st.cache_data(max_entries=512, show_spinner=False)
def group_size_specs(result_json: str, lang: str) -> dict[str, dict]:
    return charts.group_size_specs(result_json, lang)


@st.cache_data(max_entries=512, show_spinner=False)
def roi_specs(result_json: str, lang: str) -> dict[str, dict]:
    return charts.roi_specs(result_json, lang)

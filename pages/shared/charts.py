"""The charts' Vega-Lite specs, cached per distinct result (or plan version) and language."""

from __future__ import annotations

import json

import streamlit as st

from playbook import charts, roadmap


@st.cache_data(max_entries=512, show_spinner=False)
def group_size_specs(result_json: str, lang: str) -> dict[str, dict]:
    return charts.group_size_specs(result_json, lang)


@st.cache_data(max_entries=512, show_spinner=False)
def roi_specs(result_json: str, lang: str) -> dict[str, dict]:
    return charts.roi_specs(result_json, lang)


@st.cache_data(max_entries=256, show_spinner=False)
def roadmap_spec_for(
    plan_id: str, version: int, today_iso: str, lang: str, _tasks: dict[str, roadmap.Task]
) -> dict:
    """The timeline of one stored version of a plan (``_tasks`` are that version's tasks,
    or the suggested ones it implies): built once per version, day and language."""
    payload = json.dumps({tid: task.model_dump_json() for tid, task in roadmap.ordered(_tasks)})
    return charts.roadmap_spec(payload, today_iso, lang)

"""KPI plan: goal -> question -> metric, with formula, target and review cadence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.shared import fields, session
from pages.shared.layout import plan_page
from playbook.text import long_text, short_text

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("kp.title")
plan = record.plan
st.markdown(tr("kp.intro"))

kpis = plan.sections.get("kpis")
kpis = kpis if isinstance(kpis, dict) else {}
CUSTOM = "custom"


def _one_of(labels: dict[str, str]):
    """A clean function that keeps a choice only if it is one of ``labels``."""
    return lambda raw: raw if raw in labels else None


def _metric_id(objective, kpi: dict) -> str:
    """The metric chosen for an objective: the saved one, else the first suggestion."""
    chosen = kpi.get("metric")
    return (
        chosen
        if chosen in {m.id for m in objective.metrics} | {CUSTOM}
        else objective.metrics[0].id
    )


def _kpi(objective_id: str) -> dict:
    value = kpis.get(objective_id)
    return value if isinstance(value, dict) else {}


objective_labels = {o.id: o.label.get(lang) for o in content.objectives}
cadence_labels = {c.id: c.label.get(lang) for c in content.cadences}
chosen = [o for o in content.objectives if _kpi(o.id).get("on")]

key = "kp.objectives"
fields.bind(key, "choices", [o.id for o in chosen])


def _set_objectives() -> None:
    """Turning an objective on or off keeps what was written for it."""
    wanted = set(st.session_state[key])
    fields.store_changes(key, {f"sections.kpis.{o}.on": o in wanted for o in objective_labels})


st.multiselect(
    tr("kp.objectives"),
    list(objective_labels),
    format_func=objective_labels.get,
    key=key,
    placeholder=tr("field.choose_many"),
    on_change=_set_objectives,
)
fields.show_errors(key)

if not chosen:
    st.info(tr("kp.none"), icon=":material/info:")

for objective in chosen:
    kpi = _kpi(objective.id)
    metrics = {m.id: m for m in objective.metrics}
    metric_labels = {m.id: m.label.get(lang) for m in objective.metrics} | {CUSTOM: tr("kp.custom")}
    metric_id = _metric_id(objective, kpi)
    base = f"sections.kpis.{objective.id}"
    with st.container(border=True):
        st.subheader(objective.label.get(lang))
        left, right = st.columns(2)
        with left:
            q_key = f"kp.{objective.id}.question"
            fields.bind(q_key, "text", kpi.get("question") or objective.question.get(lang))
            st.text_input(
                tr("kp.question"),
                key=q_key,
                max_chars=200,
                on_change=fields.save,
                args=(f"{base}.question", q_key, short_text),
            )
            m_key = f"kp.{objective.id}.metric"
            fields.bind(m_key, "choice", metric_id)
            st.selectbox(
                tr("kp.metric"),
                list(metric_labels),
                format_func=metric_labels.get,
                key=m_key,
                on_change=fields.save,
                args=(
                    f"{base}.metric",
                    m_key,
                    _one_of(metric_labels),
                    lambda value, m=metrics, b=base, lang=lang: (
                        {f"{b}.formula": m[value].formula.get(lang)} if value in m else {}
                    ),
                ),
            )
        with right:
            f_key = f"kp.{objective.id}.formula"
            default_formula = metrics[metric_id].formula.get(lang) if metric_id in metrics else ""
            fields.bind(f_key, "text", kpi.get("formula") or default_formula)
            st.text_area(
                tr("kp.formula"),
                key=f_key,
                max_chars=1000,
                height=80,
                on_change=fields.save,
                args=(f"{base}.formula", f_key, long_text),
            )
            t_key = f"kp.{objective.id}.target"
            fields.bind(t_key, "line", kpi.get("target") or "")
            st.text_input(
                tr("kp.target"),
                key=t_key,
                max_chars=200,
                placeholder=tr("kp.target_hint"),
                on_change=fields.save,
                args=(f"{base}.target", t_key, short_text),
            )
            c_key = f"kp.{objective.id}.cadence"
            fields.bind(c_key, "choice", kpi.get("cadence") or "monthly")
            st.selectbox(
                tr("kp.cadence"),
                list(cadence_labels),
                format_func=cadence_labels.get,
                key=c_key,
                on_change=fields.save,
                args=(
                    f"{base}.cadence",
                    c_key,
                    _one_of(cadence_labels),
                ),
            )
        for k in (q_key, m_key, f_key, t_key, c_key):
            fields.show_errors(k)

if chosen:
    st.subheader(tr("kp.summary"))
    rows = []
    for objective in chosen:
        kpi = _kpi(objective.id)
        metric_labels = {m.id: m.label.get(lang) for m in objective.metrics}
        rows.append(
            {
                tr("kp.objectives"): objective.label.get(lang),
                tr("kp.question"): kpi.get("question") or objective.question.get(lang),
                tr("kp.metric"): metric_labels.get(_metric_id(objective, kpi), tr("kp.custom")),
                tr("kp.target"): kpi.get("target") or "—",
                tr("kp.cadence"): cadence_labels.get(kpi.get("cadence") or "monthly"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

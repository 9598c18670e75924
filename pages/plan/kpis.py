"""KPI plan: goal -> question -> metric, with formula, target and review cadence."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pages.shared import fields, session, tables
from pages.shared.fields import label_of
from pages.shared.layout import plan_page
from playbook import kpis
from playbook.content import KpiObjective
from playbook.sections import Kpi
from playbook.text import MAX_SHORT, MAX_TEXT, long_text, short_text

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("kp.title")
plan = record.plan
st.markdown(tr("kp.intro"))


def _one_of(labels: dict[str, str]) -> Callable[[object], object]:
    """A clean function that keeps a choice only if it is one of ``labels``."""
    return lambda raw: raw if raw in labels else None


objective_labels = {o.id: o.label.get(lang) for o in content.objectives}
cadence_labels = {c.id: c.label.get(lang) for c in content.cadences}
chosen = kpis.chosen_objectives(plan, content)

key = "kp.objectives"
fields.bind(key, "choices", [o.id for o in chosen])


def _set_objectives() -> None:
    """Turning an objective on or off keeps what was written for it."""
    wanted = set(st.session_state[key])
    fields.store_changes(key, {f"sections.kpis.{o}.on": o in wanted for o in objective_labels})


st.multiselect(
    tr("kp.objectives"),
    list(objective_labels),
    format_func=label_of(objective_labels),
    select_all=False,  # Streamlit writes "Select all" in English only
    key=key,
    placeholder=tr("field.choose_many"),
    on_change=_set_objectives,
    disabled=session.read_only(),
)
fields.show_errors(key)

if not chosen:
    st.info(tr("kp.none"), icon=":material/info:")


def _formula_for(objective: KpiObjective, base: str) -> Callable[[object], dict[str, str]]:
    """Choosing a suggested metric also fills in its formula."""

    def coupled(value: object) -> dict[str, str]:
        formula = kpis.default_formula(objective, str(value), lang)
        return {f"{base}.formula": formula} if formula else {}

    return coupled


def _question_and_metric(objective: KpiObjective, row: kpis.KpiRow, base: str, prefix: str) -> None:
    metric_labels = {m.id: m.label.get(lang) for m in objective.metrics} | {
        kpis.CUSTOM: tr("kp.custom")
    }
    fields.bind(f"{prefix}.question", "text", row.question)
    st.text_input(
        tr("kp.question"),
        key=f"{prefix}.question",
        max_chars=MAX_SHORT,
        on_change=fields.save,
        disabled=session.read_only(),
        args=(f"{base}.question", f"{prefix}.question", short_text),
    )
    fields.bind(f"{prefix}.metric", "choice", row.metric_id)
    st.selectbox(
        tr("kp.metric"),
        list(metric_labels),
        format_func=label_of(metric_labels),
        key=f"{prefix}.metric",
        on_change=fields.save,
        disabled=session.read_only(),
        args=(
            f"{base}.metric",
            f"{prefix}.metric",
            _one_of(metric_labels),
            _formula_for(objective, base),
        ),
    )


def _formula_target_cadence(row: kpis.KpiRow, base: str, prefix: str) -> None:
    fields.bind(f"{prefix}.formula", "text", row.formula)
    st.text_area(
        tr("kp.formula"),
        key=f"{prefix}.formula",
        max_chars=MAX_TEXT,
        height=80,
        on_change=fields.save,
        disabled=session.read_only(),
        args=(f"{base}.formula", f"{prefix}.formula", long_text),
    )
    fields.bind(f"{prefix}.target", "line", row.target)
    st.text_input(
        tr("kp.target"),
        key=f"{prefix}.target",
        max_chars=MAX_SHORT,
        placeholder=tr("kp.target_hint"),
        on_change=fields.save,
        disabled=session.read_only(),
        args=(f"{base}.target", f"{prefix}.target", short_text),
    )
    fields.bind(f"{prefix}.cadence", "choice", row.cadence_id)
    st.selectbox(
        tr("kp.cadence"),
        list(cadence_labels),
        format_func=label_of(cadence_labels),
        key=f"{prefix}.cadence",
        on_change=fields.save,
        disabled=session.read_only(),
        args=(f"{base}.cadence", f"{prefix}.cadence", _one_of(cadence_labels)),
    )


def _goal(objective: KpiObjective) -> list[str]:
    """One goal's inputs; returns the widget keys whose errors to show."""
    row = kpis.row(objective, plan.sections.kpis.get(objective.id) or Kpi(), content, lang)
    base, prefix = f"sections.kpis.{objective.id}", f"kp.{objective.id}"
    st.subheader(objective.label.get(lang))
    left, right = st.columns(2)
    with left:
        _question_and_metric(objective, row, base, prefix)
    with right:
        _formula_target_cadence(row, base, prefix)
    return [f"{prefix}.{name}" for name in ("question", "metric", "formula", "target", "cadence")]


for objective in chosen:
    with st.container(border=True):
        for widget_key in _goal(objective):
            fields.show_errors(widget_key)

if chosen:
    st.subheader(tr("kp.summary"))
    rows = kpis.kpi_rows(plan, content, lang)
    summary = tables.table(
        {
            tr("kp.objectives"): [row.objective.label.get(lang) for row in rows],
            tr("kp.question"): [row.question for row in rows],
            tr("kp.metric"): [row.metric for row in rows],
            tr("kp.formula"): [row.formula or "—" for row in rows],
            tr("kp.target"): [row.target or "—" for row in rows],
            tr("kp.cadence"): [row.cadence for row in rows],
        }
    )
    st.dataframe(summary, hide_index=True, width="stretch")

"""Actuals: the community's real numbers per period against the plan — dashboard, entry
table and file import (our template or WeCom statistics) with a preview to confirm."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.shared import actuals_view, session
from pages.shared.layout import plan_page
from playbook import actuals_columns, actuals_import, actuals_table
from playbook.actuals import Actuals, actuals_content, of_plan, period_label
from playbook.actuals_dashboard import custom_kpis
from playbook.errors import PlaybookError
from playbook.i18n import failure_messages

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("act.title")
plan = record.plan
actuals = of_plan(plan)
ss = st.session_state
st.markdown(tr("act.intro"))

custom = custom_kpis(plan, content)
custom_labels = {o.id: (o.label.zh, o.label.en) for o in content.objectives if o.id in custom}
VIEWS = ("dashboard", "case", "report", "data", "import")
if ss.get("act.view") not in VIEWS:
    ss["act.view"] = "dashboard"
view = st.segmented_control(
    tr("act.view"),
    VIEWS,
    format_func={v: tr(f"act.view.{v}") for v in VIEWS}.__getitem__,
    key="act.view",
    required=True,
    label_visibility="collapsed",
)


def _store(changes: dict, source: str) -> bool:
    """Store a change set; a refusal or a failure is kept to show on the next run."""
    try:
        session.store().update(plan.id, changes, source=source, author=session.edit_author())
    except PlaybookError as exc:
        ss["act.problem"] = failure_messages(exc, lang)
    else:
        ss.pop("act.problem", None)
        return True
    return False


for message in ss.pop("act.problem", []):
    st.error(message, icon=":material/error:")
if done := ss.pop("act.imported", None):
    st.success(tr("act.imp.done", count=done[0], version=done[1]), icon=":material/check:")


def _recorded() -> bool:
    if not actuals.periods:
        st.info(tr("act.empty"), icon=":material/info:")
    return bool(actuals.periods)


def dashboard() -> None:
    if _recorded():
        actuals_view.kpi_board(plan, lang)
        actuals_view.metric_grid(plan, lang)


def case() -> None:
    if _recorded():
        actuals_view.forecast(plan, lang)


def report() -> None:
    if _recorded():
        actuals_view.report_downloads(plan, lang)


def _set_cadence() -> None:
    _store({"sections.actuals.cadence": ss["act.cadence"]}, "edit")


def data() -> None:
    ss["act.cadence"] = actuals.cadence
    st.segmented_control(
        tr("act.cadence"),
        ["month", "week"],
        format_func={c: tr(f"act.cadence.{c}") for c in ("month", "week")}.__getitem__,
        key="act.cadence",
        required=True,
        disabled=bool(actuals.periods),
        on_change=_set_cadence,
        help=tr("act.cadence_help"),
    )
    columns = actuals_table.columns(custom)
    shown = actuals_table.rows(actuals, custom)
    frame = pd.DataFrame(shown, columns=columns)
    config = {actuals_table.PERIOD: st.column_config.TextColumn(tr("act.period"), required=True)}
    for f in actuals_content().fields:
        config[f.id] = st.column_config.NumberColumn(
            f.label.get(lang), min_value=0, step=0.01 if f.money else 1
        )
    for objective in custom:
        label = next(o.label.get(lang) for o in content.objectives if o.id == objective)
        config[f"custom.{objective}"] = st.column_config.NumberColumn(
            tr("act.custom_kpi", kpi=label)
        )
    key = f"act.editor.{record.version}"  # a fresh editor whenever the plan changes
    st.caption(tr("act.data_help"))
    st.data_editor(
        frame, column_config=config, num_rows="dynamic", hide_index=True, key=key, width="stretch"
    )
    found = actuals_table.edits(ss.get(key) or {}, actuals, actuals.cadence)
    for value in found.bad_periods:
        st.error(tr("act.bad_period", value=value), icon=":material/error:")
    if not found.changes:
        return
    changed = _store(found.changes, "edit")
    if changed and session.store().get(plan.id).version != record.version:
        st.rerun()
    for message in ss.pop("act.problem", []):  # the typed values stay in the table
        st.error(message, icon=":material/error:")


def _preview_tables(found: actuals_import.Preview) -> None:
    names = {f.id: f.label.get(lang) for f in actuals_content().fields}
    mapping = [
        {
            tr("act.imp.column"): c.name,
            tr("act.imp.reads_as"): names.get(c.target)
            or (
                tr("act.custom_kpi", kpi=c.target)
                if c.role == "custom"
                else tr(f"act.role.{c.role}")
            ),
            tr("act.imp.combined"): tr(f"act.agg.{actuals_content().field(c.target).aggregate}")
            if c.role == "value"
            else "",
        }
        for c in found.columns
    ]
    st.markdown(f"**{tr('act.imp.mapping', layout=tr(f'act.layout.{found.layout}'))}**")
    st.dataframe(pd.DataFrame(mapping), hide_index=True, width="stretch")
    if found.error_count:
        st.error(tr("act.imp.errors", count=found.error_count), icon=":material/error:")
        problems = [
            {
                tr("act.imp.row"): e.row if e.row is not None else "—",
                tr("act.imp.column"): period_label(e.column)
                if e.kind == "inconsistent"
                else e.column,
                tr("act.imp.value"): e.value,
                tr("act.imp.problem"): tr(f"act.err.{e.kind}"),
            }
            for e in found.errors
        ]
        st.dataframe(pd.DataFrame(problems), hide_index=True, width="stretch")
    if found.periods:
        table = actuals_table.rows(
            Actuals(cadence=actuals.cadence, periods=found.periods), list(custom_labels)
        )
        st.markdown(f"**{tr('act.imp.periods', count=len(found.periods))}**")
        labels = {actuals_table.PERIOD: tr("act.period")} | names
        shown = pd.DataFrame(table).dropna(axis=1, how="all").rename(columns=labels)
        st.dataframe(shown, hide_index=True, width="stretch")


def import_file() -> None:
    st.caption(tr("act.imp.help"))
    left, right = st.columns(2)
    for column, kind in ((left, "csv"), (right, "xlsx")):
        column.download_button(
            tr(f"act.template.{kind}"),
            data=actuals_columns.template(lang, custom_labels, kind),  # type: ignore[arg-type]
            file_name=f"actuals-template.{kind}",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
    round_ = ss.setdefault("act.round", 0)
    upload = st.file_uploader(
        tr("act.imp.file"),
        type=["csv", "xlsx"],
        key=f"act.upload.{round_}",
        # the box says the same limit the import checks (a quarter of WeCom exports fits)
        max_upload_size=actuals_import.MAX_BYTES // 2**20,
    )
    if upload is None:
        return
    data, today = upload.getvalue(), session.today()
    found = actuals_import.preview(data, upload.name, actuals.cadence, today, custom_labels)
    if any(e.kind == "no_period" for e in found.errors):  # WeCom's by-owner view has no dates
        day = st.date_input(
            tr("act.imp.day"), value=None, key="act.day", help=tr("act.imp.day_help")
        )
        if day is not None:
            found = actuals_import.preview(
                data, upload.name, actuals.cadence, today, custom_labels, day
            )
    _preview_tables(found)
    st.button(
        tr("act.imp.confirm"),
        type="primary",
        disabled=not found.ok,
        icon=":material/check:",
        on_click=_confirm,
        args=(found, round_),
    )


def _confirm(found: actuals_import.Preview, round_: int) -> None:
    """Store the previewed periods, then show the dashboard with a fresh uploader."""
    if _store(actuals_table.import_changes(found, actuals, actuals.cadence), "import"):
        ss["act.imported"] = (len(found.periods), session.store().get(plan.id).version)
        ss["act.round"] = round_ + 1
        ss["act.view"] = "dashboard"


VIEW = {"dashboard": dashboard, "case": case, "report": report, "data": data, "import": import_file}
VIEW.get(view or "dashboard", dashboard)()

"""Implementation roadmap: the seven steps as tasks, a timeline, and the platform choice.

The task table is a fragment: a cell edit saves and redraws the table, the timeline and
their notices only. The table keeps one widget while what is stored is what it shows, so
a save neither scrolls it back to the top nor drops a row being typed in; when the stored
tasks change otherwise (a teammate, a restore, sorting, another language) it starts
again from what is stored.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError

from pages.shared import charts, comments_view, fields, session
from pages.shared.fields import label_of
from pages.shared.layout import plan_link, plan_page
from playbook import roadmap
from playbook.errors import PlaybookError
from playbook.i18n import error_messages
from playbook.roadmap_table import TaskTable, platform_table, problem_text, row_values, with_ids
from playbook.text import MAX_SHORT, MAX_TEXT, long_text

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("rm.title")
st.markdown(tr("rm.intro"))
today = session.today()


@st.fragment
def steps_panel() -> None:
    """The seven steps with links to their wizard questions, drawn while opened."""
    panel = session.panel(
        st.expander, tr("rm.steps"), "rm.steps", icon=":material/format_list_numbered:"
    )
    if not panel.open:
        return
    with panel:
        steps_list()


def steps_list() -> None:
    for step in content.steps:
        st.markdown(f"**{step.number}. {step.title.get(lang)}**")
        st.markdown(f"{tr('rm.purpose')} {step.purpose.get(lang)}")
        separator = "；" if lang == "zh" else "; "
        st.markdown(f"{tr('rm.decisions')} " + separator.join(d.get(lang) for d in step.decisions))
        links = st.columns(max(len(step.variables), 1))
        for column, variable_id in zip(links, step.variables, strict=False):
            with column:
                variable = content.variable(variable_id)
                plan_link(
                    "wizard",
                    f"{variable.number} {variable.title.get(lang)}",
                    variable=variable_id,
                    icon=":material/arrow_outward:",
                )


steps_panel()

# ---- tasks
EDITOR = "roadmap.tasks"
STATE = "rm.editor"
TABLE = "rm.table"


def stored_table(
    key: tuple, layout: TaskTable, shown: dict, drafts: dict, lang: str
) -> tuple[pd.DataFrame, int]:
    """The table of what is stored, and its fingerprint, made once per ``key`` (stored
    version, language, and the zone that dates suggested tasks) in a session: a page run
    that changes nothing reuses them."""

    def make() -> tuple[pd.DataFrame, int]:
        frame = layout.frame(shown, drafts, lang)
        return frame, hash(tuple(row_values(frame)))

    return session.kept(TABLE, key, make)


def column_config(layout: TaskTable) -> dict:
    step_labels, status_labels = layout.step_labels, layout.status_labels
    return {
        "id": None,
        # no column is "required": Streamlit would answer an empty cell in English; a row
        # with a gap is kept as a draft and its "still missing" cell says what it needs
        "step": st.column_config.SelectboxColumn(
            tr("rm.col.step"),
            options=list(step_labels.values()),
            default=step_labels[content.steps[0].id],
            width="small",
        ),
        "title": st.column_config.TextColumn(
            tr("rm.col.title"), default="", max_chars=MAX_SHORT, width="medium"
        ),
        "owner": st.column_config.TextColumn(
            tr("rm.col.owner"), default="", max_chars=MAX_SHORT, width="small"
        ),
        "start": st.column_config.DateColumn(
            tr("rm.col.start"), default=today, format="YYYY-MM-DD", width="small"
        ),
        "due": st.column_config.DateColumn(
            tr("rm.col.due"), default=today + timedelta(days=7), format="YYYY-MM-DD", width="small"
        ),
        "status": st.column_config.SelectboxColumn(
            tr("rm.col.status"),
            options=list(status_labels.values()),
            default=status_labels["todo"],
            width="small",
        ),
        "notes": st.column_config.TextColumn(
            tr("rm.col.notes"), default="", max_chars=MAX_TEXT, width="small"
        ),
        "problem": st.column_config.TextColumn(
            tr("rm.col.problem"), default="", disabled=True, width="small"
        ),
    }


def redraw() -> None:
    """Run the table's fragment again (the whole page when it is drawn in a full run)."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def sort_by_date(saved: dict[str, roadmap.Task]) -> None:
    fields.store_changes("rm.sort", roadmap.task_changes(saved, roadmap.sorted_by_date(saved)))


@st.fragment
def tasks_section() -> None:
    now = session.current().record
    if now is None:
        return
    lang = session.lang()
    plan = now.plan
    saved = roadmap.stored_tasks(plan)
    shown = (
        saved
        if saved is not None
        else roadmap.suggested_tasks(
            content,
            plan.meta.stage.value,
            plan.created_at.astimezone(session.plan_zone()).date(),
            lang,
        )
    )
    if saved is None:
        st.caption(tr("rm.suggested"))
    st.caption(tr("rm.editor_help"))
    drafts = dict(plan.sections.roadmap.drafts)
    layout = TaskTable.for_language(content, lang)
    # suggested tasks are dated in the plan's zone, which may be the reader's own
    zone = None if saved is not None else session.plan_zone().key
    key = (plan.id, now.version, lang, zone)
    stored, fingerprint = stored_table(key, layout, shown, drafts, lang)

    state = st.session_state.get(STATE)
    if (
        state is None
        or EDITOR not in st.session_state  # the table was not on the page last run
        or state["lang"] != lang
        or (hash(tuple(row_values(stored, set(state["added"])))) if state["added"] else fingerprint)
        != state["shown"]
    ):
        state = {
            "base": stored,  # what the table widget was given, kept while it matches
            # what the table shows now (the base with the edits made), as a fingerprint
            "shown": fingerprint,
            "tasks": shown,
            "drafts": drafts,
            "started": saved is not None,
            "added": [],  # ids given to the rows added in the table, in order
            "lang": lang,
        }
        st.session_state[STATE] = state
    edited = st.data_editor(
        state["base"],
        disabled=session.read_only(),
        key=EDITOR,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=column_config(layout),
    )
    edited = with_ids(edited, state["added"])
    loose = set(state["added"])
    edited_rows = row_values(edited, loose)
    if hash(tuple(edited_rows)) != state["shown"]:
        records = layout.records(edited)
        tasks, new_drafts, problems = roadmap.rows_to_tasks(
            records, {**state["tasks"], **state["drafts"]}
        )
        unsaveable = [(number, exc) for number, tid, exc in problems if tid not in new_drafts]
        if unsaveable:
            st.error(tr("rm.not_saved"), icon=":material/error:")
            for number, exc in unsaveable:
                for message in error_messages(exc, lang):
                    st.markdown(f"- {tr('rm.row_error', row=number, message=message)}")
        else:
            before = state["tasks"] if state["started"] else None
            try:
                now = session.store().update(
                    plan.id,
                    roadmap.task_changes(before, tasks, state["drafts"], new_drafts),
                    source=session.edit_source(),
                    author=session.edit_author(),
                )
            except PlaybookError as exc:
                session.show_failure(exc)
            else:
                session.note_saved(now)
                plan = now.plan
                saved = roadmap.stored_tasks(plan)
                shown = saved or {}
                drafts = dict(plan.sections.roadmap.drafts)
                state.update(
                    shown=hash(tuple(edited_rows)), tasks=shown, drafts=drafts, started=True
                )
                key = (plan.id, now.version, lang, None)  # stored tasks from now on
                table, _ = stored_table(key, layout, shown, drafts, lang)
                if row_values(table, loose) != edited_rows:
                    # a row of the table turned draft or task (its "still missing" cell
                    # changes) or a teammate's edit was merged: draw the table afresh
                    redraw()
    if drafts:
        st.warning(tr("rm.drafts", count=len(drafts)), icon=":material/edit_note:")
        rows = roadmap.in_table_order({**shown, **drafts})
        for number, (tid, _) in enumerate(rows, start=1):
            # a row added in this table has no "still missing" text in it until the table
            # is drawn afresh from what is stored: say here what it needs
            if tid in drafts and tid in state["added"]:
                message = problem_text(drafts[tid], lang)
                st.markdown(f"- {tr('rm.row_error', row=number, message=message)}")

    if saved and len(saved) > 1:
        st.button(
            tr("rm.sort"),
            icon=":material/sort:",
            disabled=session.read_only(),
            on_click=sort_by_date,
            args=(saved,),
        )
        fields.show_errors("rm.sort")

    late = [t for t in shown.values() if t.overdue(today)]
    if late:
        st.warning(tr("rm.overdue_count", count=len(late)), icon=":material/schedule:")


def timeline() -> None:
    """The tasks as a Gantt chart, drawn with the page (a cell edit reruns the table's
    fragment alone, so an edit shows in the chart at the page's next run)."""
    now = session.current().record
    if now is None:
        return
    plan = now.plan
    saved = roadmap.stored_tasks(plan)
    lang = session.lang()
    st.subheader(tr("rm.timeline"))
    if saved is None:
        tasks = roadmap.suggested_tasks(
            content,
            plan.meta.stage.value,
            plan.created_at.astimezone(session.plan_zone()).date(),
            lang,
        )
    else:
        tasks = saved
    if tasks:
        # what the chart shows: a task's notes (up to 5,000 characters) stay out of it
        payload = json.dumps(
            {tid: task.model_dump_json(exclude={"notes"}) for tid, task in roadmap.ordered(tasks)}
        )
        spec = charts.roadmap_spec(payload, today.isoformat(), lang)
        st.vega_lite_chart(spec=spec, width="stretch")
    else:
        st.info(tr("rm.empty"), icon=":material/info:")


st.subheader(tr("rm.tasks"))
tasks_section()
timeline()
comments_view.task_threads(roadmap.ordered(roadmap.stored_tasks(record.plan) or {}))  # stored only


# ---- platform choice (step 2)
@st.fragment
def platforms_section() -> None:
    now = session.current().record
    if now is None:
        return
    lang = session.lang()
    plan = now.plan
    st.subheader(tr("rm.platforms"))
    st.caption(tr("rm.platforms_intro"))
    fits = tuple(roadmap.platform_fit(p, plan) for p in content.platforms)
    st.dataframe(platform_table(fits, lang), hide_index=True, width="stretch")
    sources = session.panel(
        st.expander, tr("rm.cap_sources"), "rm.cap_sources", icon=":material/menu_book:"
    )
    if sources.open:
        with sources:
            for p in content.platforms:
                if p.cap_note:
                    st.markdown(f"- **{p.label.get(lang)}**: {p.cap_note.get(lang)}")

    platform_labels = {p.id: p.label.get(lang) for p in content.platforms}
    section = plan.sections.roadmap
    key = "rm.platforms"
    fields.bind(key, "choices", section.platforms)
    st.multiselect(
        tr("rm.chosen"),
        list(platform_labels),
        format_func=label_of(platform_labels),
        key=key,
        select_all=False,  # Streamlit writes "Select all" in English only
        placeholder=tr("field.choose_many"),
        on_change=fields.save,
        disabled=session.read_only(),
        args=(
            "sections.roadmap.platforms",
            key,
            lambda raw: [p for p in raw if p in platform_labels],
        ),
    )
    fields.show_errors(key)
    key = "rm.rationale"
    fields.bind(key, "text", section.rationale)
    st.text_area(
        tr("rm.rationale"),
        key=key,
        max_chars=MAX_TEXT,
        on_change=fields.save,
        disabled=session.read_only(),
        args=("sections.roadmap.rationale", key, long_text),
    )
    fields.show_errors(key)


platforms_section()

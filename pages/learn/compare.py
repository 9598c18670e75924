"""Compare a case with the team's plan, variable by variable, and copy a pattern over."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.shared import plain, session
from pages.shared.fields import label_of
from pages.shared.layout import plan_page
from playbook.cases import (
    GAPS,
    AlreadyCopied,
    Row,
    cases,
    compare,
    copy_pattern,
    pattern_field,
    undo_copy,
)
from playbook.errors import PlaybookError
from playbook.i18n import counts, failure_messages

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("cmp.title")
plan = record.plan
st.markdown(tr("cmp.intro"))

library = cases()
names = {c.id: c.name.get(lang) for c in library.cases}
ss = st.session_state
ss.setdefault("compare_case", library.cases[0].id)
st.segmented_control(
    tr("cmp.case"), list(names), format_func=label_of(names), key="compare_case", required=True
)
case = library.case(ss["compare_case"])


def _copy(variable_id: str) -> None:
    variable = content.variable(variable_id)
    try:
        latest = session.store().get(plan.id).plan  # append to what is stored now
        changes = copy_pattern(latest, case, variable, lang)
        session.store().update(
            plan.id, changes, source=f"copy:{case.id}", author=session.edit_author()
        )
    except AlreadyCopied as exc:  # a second click: nothing is added, and saying so is enough
        ss["_compare_flash_note"] = " ".join(failure_messages(exc, lang))
    except PlaybookError as exc:
        ss["_compare_flash_error"] = " ".join(failure_messages(exc, lang))
    else:
        field = variable.field(pattern_field(variable)).label.get(lang)
        ss["_compare_flash"] = tr(
            "cmp.copied", case=case.name.get(lang), variable=variable.title.get(lang), field=field
        )
        ss["_compare_undo"] = (case.id, variable_id)


def _undo(case_id: str, variable_id: str) -> None:
    ss.pop("_compare_undo", None)
    try:
        latest = session.store().get(plan.id).plan
        changes = undo_copy(latest, library.case(case_id), content.variable(variable_id), lang)
        session.store().update(
            plan.id, changes, source=session.edit_source(), author=session.edit_author()
        )
    except PlaybookError as exc:
        ss["_compare_flash_error"] = " ".join(failure_messages(exc, lang))
    else:
        ss["_compare_flash"] = tr("cmp.undone")
        ss["_compare_flash_icon"] = ":material/undo:"


flash = ss.pop("_compare_flash", None)
note = ss.pop("_compare_flash_note", None)
problem = ss.pop("_compare_flash_error", None)
if flash or note or problem:
    with st.container(border=True):
        if flash:
            st.success(flash, icon=ss.pop("_compare_flash_icon", ":material/content_copy:"))
        if note:
            st.info(note, icon=":material/info:")
        if problem:
            st.error(problem, icon=":material/error:")
        # the last copy stays undoable, also after a repeated click said it is already there
        if (undo := ss.get("_compare_undo")) and not session.read_only():
            st.button(tr("cmp.undo"), icon=":material/undo:", on_click=_undo, args=undo)

rows = compare(plan, case, content, lang)
st.caption(counts("cmp.gaps", lang, {gap: sum(r.gap == gap for r in rows) for gap in GAPS}))


def _ours(row: Row, where: DeltaGenerator) -> None:
    """The team's answers, field by field with their labels, shown exactly as typed."""
    if not row.team_fields:
        where.markdown(f":gray[{tr('cmp.nothing')}]")
        return
    colon = "：" if lang == "zh" else ": "
    plain.show_html(
        "\n\n".join(
            f"<strong>{plain.literal(label)}</strong>{colon}{plain.literal(text)}"
            for label, text in row.team_fields
        ),
        where=where,
    )


header = st.columns([2, 4, 4, 2])
header[0].markdown(f"**{tr('case.col.variable')}**")
header[1].markdown(f"**{case.name.get(lang)}**")
header[2].markdown(f"**{tr('cmp.ours')}**")
for row in rows:
    variable = row.variable
    with st.container(border=True):
        cells = st.columns([2, 4, 4, 2], vertical_alignment="center")
        title = f"**{variable.number}. {variable.title.get(lang)}**"
        if row.gap:  # in the same block: one element less for each row with a gap
            colour = "orange" if row.gap == "thin" else "red"
            title += f"\n\n:{colour}-badge[{tr(f'cmp.gap.{row.gap}')}]"
        cells[0].markdown(title)
        cells[1].markdown(row.case_text)
        _ours(row, cells[2])
        field = variable.field(pattern_field(variable)).label.get(lang)
        cells[3].button(
            tr("cmp.copy"),
            help=tr("cmp.copy_help", field=field),
            key=f"copy.{case.id}.{variable.id}",
            icon=":material/content_copy:",
            on_click=_copy,
            disabled=session.read_only(),
            args=(variable.id,),
        )

"""Workshop agenda: create or open a workshop, choose modules and minutes, get the deck."""

from __future__ import annotations

import hashlib
from functools import partial
from urllib.parse import parse_qs, urlparse

import pandas as pd
import streamlit as st

from pages.shared import plain, session, tables
from pages.shared.fields import label_of
from pages.shared.room_view import join_url, qr_code
from playbook import clock
from playbook.cases import cases
from playbook.errors import PlaybookError, translated
from playbook.export.deck import handout_pdf, to_pptx
from playbook.storage import WorkshopNotFound
from playbook.text import MAX_SHORT
from playbook.workshop import (
    AgendaItem,
    build_deck,
    new_workshop,
    timing,
    workshop_content,
)

tr = session.tr
lang = session.lang()
content = session.playbook_content()
modules = workshop_content().modules
ss = st.session_state
store = session.workshops()

st.title(tr("ws.agenda_title"))
st.markdown(tr("ws.intro"))

workshop = None
if ss.get(session.WORKSHOP):
    try:
        workshop = store.get(ss[session.WORKSHOP])
    except WorkshopNotFound:
        session.forget_workshop()
    except PlaybookError as exc:
        session.show_failure(exc)
        st.stop()

industry_labels = {o.id: o.label.get(lang) for o in session.playbook_content().industries}

if workshop is None:
    session.show_workshop_problem()
    left, right = st.columns(2, gap="large")
    with left, st.form("new_workshop"):
        st.subheader(tr("ws.new"))
        title = st.text_input(
            tr("ws.title_field"), max_chars=MAX_SHORT, placeholder=tr("ws.title_hint")
        )
        length = st.radio(
            tr("ws.length"), ["half_day", "full_day"], format_func=lambda v: tr(f"ws.length.{v}")
        )
        industry = st.selectbox(
            tr("ws.industry"),
            list(industry_labels),
            format_func=label_of(industry_labels),
            index=None,
            placeholder=tr("ws.industry_any"),
            help=tr("ws.industry_help"),
        )
        if st.form_submit_button(tr("ws.create"), type="primary", icon=":material/add:"):
            try:
                with translated():
                    draft = new_workshop(title, length, industry)
                created = store.create(draft)
            except PlaybookError as exc:
                session.show_failure(exc, {"title": tr("ws.title_field")})
            else:
                ss[session.WORKSHOP] = created.id
                st.rerun()
    with right, st.form("open_workshop"):
        # the trainer's link, not the join code: teams know the code, and it must not
        # let them change the agenda or read every team's plan
        st.subheader(tr("ws.open"))
        link = st.text_input(tr("ws.open_link"), placeholder="https://…/workshop?workshop=…")
        if st.form_submit_button(tr("ws.open"), icon=":material/folder_open:"):
            values = parse_qs(urlparse(link.strip()).query).get("workshop") or [link.strip()]
            try:
                ss[session.WORKSHOP] = store.get(values[0]).id
            except PlaybookError as exc:
                session.show_failure(exc)
            else:
                st.rerun()
    st.stop()

plain.show(workshop.title, "header")
code_col, link_col, qr_col = st.columns([1, 3, 1])
code_col.metric(tr("ws.code"), workshop.code, help=tr("ws.code_help"))
joining = join_url(workshop.code)
with link_col:
    st.caption(tr("ws.code_help") + " · " + tr(f"ws.length.{workshop.length}"))
    st.caption(tr("room.join_link"))
    st.code(joining, language=None, wrap_lines=True)
    st.caption(tr("ws.trainer_link"))
    trainer_link = session.site_url("workshop", {"workshop": workshop.id, "lang": lang})
    st.code(trainer_link, language=None)
with qr_col:
    qr_code(joining, 200)
    st.caption(tr("room.qr_join"), text_alignment="center")


def _set_industry(workshop_id: str) -> None:
    chosen = ss.get("ws_industry")
    try:
        store.save(store.get(workshop_id).model_copy(update={"industry": chosen}))
    except PlaybookError as exc:
        ss["_ws_industry_error"] = exc


ss["ws_industry"] = workshop.industry if workshop.industry in industry_labels else None
st.selectbox(
    tr("ws.industry"),
    list(industry_labels),
    format_func=label_of(industry_labels),
    index=None,
    placeholder=tr("ws.industry_any"),
    help=tr("ws.industry_help"),
    key="ws_industry",
    on_change=_set_industry,
    args=(workshop.id,),
)
if problem := ss.pop("_ws_industry_error", None):
    session.show_failure(problem)

# ---- agenda editor: one row per module, in the content's order
st.subheader(tr("ws.modules"))
chosen = {item.module: item.minutes for item in workshop.agenda}
table = pd.DataFrame(
    {
        "module": [m.id for m in modules],
        "include": [m.id in chosen for m in modules],
        "title": [m.title.get(lang) for m in modules],
        "minutes": [chosen.get(m.id, m.minutes) for m in modules],
    }
)
edited = st.data_editor(
    table,
    # a new key when the stored agenda changes, so the editor starts from what is stored
    key="agenda." + hashlib.sha1(table.to_json().encode()).hexdigest()[:16],
    hide_index=True,
    width="stretch",
    disabled=["title"],
    column_config={
        "module": None,
        "include": st.column_config.CheckboxColumn(tr("ws.include")),
        "title": st.column_config.TextColumn(tr("ws.col.module"), width="large"),
        "minutes": st.column_config.NumberColumn(
            tr("ws.minutes"), min_value=5, max_value=240, step=5, required=True
        ),
    },
)
if not edited.equals(table):
    agenda = [
        AgendaItem(module=row.module, minutes=int(row.minutes))
        for row in edited.itertuples(index=False)
        if row.include and pd.notna(row.minutes)
    ]
    store.save(workshop.model_copy(update={"agenda": agenda}))
    st.toast(tr("ws.saved"), icon=":material/check:")
    st.rerun()

plan_time = timing(workshop)
st.progress(
    min(plan_time.total / plan_time.available, 1.0),
    text=tr("ws.total", total=plan_time.total, available=plan_time.available),
)
if plan_time.over:
    st.error(tr("ws.over", minutes=-plan_time.remaining), icon=":material/schedule:")
else:
    st.success(tr("ws.left", minutes=plan_time.remaining), icon=":material/schedule:")

slides = build_deck(workshop, content, cases(), lang)
counts = {m: sum(s.module == m for s in slides) for m in chosen}
st.subheader(tr("ws.schedule"))
st.dataframe(
    tables.table(
        {
            tr("ws.col.time"): [
                f"{slot.start // 60}:{slot.start % 60:02d}–{slot.end // 60}:{slot.end % 60:02d}"
                for slot in plan_time.slots
            ],
            tr("ws.col.module"): [
                workshop_content().module(slot.module).title.get(lang) for slot in plan_time.slots
            ],
            tr("ws.col.slides"): [counts.get(slot.module, 0) for slot in plan_time.slots],
            tr("ws.col.exercise"): [
                workshop_content().module(slot.module).exercise.get(lang)
                for slot in plan_time.slots
            ],
        }
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(tr("ws.downloads"))
today = clock.today_in(session.time_zone())
downloads = (
    (
        "ws.pptx",
        "pptx",
        to_pptx,
        ":material/slideshow:",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("ws.handout_pdf", "pdf", handout_pdf, ":material/picture_as_pdf:", "application/pdf"),
)
for column, (label, extension, make, icon, mime) in zip(st.columns(2), downloads, strict=True):
    column.download_button(
        tr(label),
        data=partial(make, workshop, slides, lang, today, joining),
        file_name=f"workshop-{workshop.code}.{extension}",
        mime=mime,
        icon=icon,
        on_click="ignore",
        width="stretch",
    )

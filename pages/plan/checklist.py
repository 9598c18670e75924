"""Checklist: the levers, size control, cautions and the car-brand quick start."""

from __future__ import annotations

import streamlit as st

from pages.shared import fields, session
from pages.shared.layout import plan_link, plan_page
from playbook import checklist
from playbook.examples import examples
from playbook.text import MAX_SHORT, short_text

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("ck.title")
plan = record.plan
st.markdown(tr("ck.intro"))

industry_set = examples().for_industry(plan.meta.industry)
for section in checklist.groups(plan, content, focus_first=True):
    with st.container(border=True):
        st.subheader(section.group.title.get(lang))
        st.progress(
            section.done / section.total,
            text=tr("ck.progress", done=section.done, total=section.total),
        )
        for line in section.lines:
            item, entry = line.item, line.entry
            tick_key = f"ck.{item.id}.done"
            fields.bind(tick_key, "number", entry.done)
            badge = f" :orange-badge[{tr('ck.focus')}]" if line.focus else ""
            st.checkbox(
                f"**{item.title.get(lang)}**{badge}",
                key=tick_key,
                on_change=fields.save,
                disabled=session.read_only(),
                args=(f"sections.checklist.{item.id}.done", tick_key, bool),
            )
            fields.show_errors(tick_key)
            with st.expander(tr("ck.details")):
                st.markdown(f"**{tr('ck.why')}** {item.why.get(lang)}")
                st.markdown(f"**{tr('ck.check')}** {item.check.get(lang)}")
                if item.variable:
                    example = industry_set.variables[item.variable]
                    label = industry_set.label.get(lang)
                    st.caption(f"{tr('ex.checklist', industry=label)} {example.mistake.get(lang)}")
                note_key = f"ck.{item.id}.note"
                fields.bind(note_key, "line", entry.note)
                st.text_input(
                    tr("ck.note"),
                    key=note_key,
                    max_chars=MAX_SHORT,
                    on_change=fields.save,
                    disabled=session.read_only(),
                    args=(f"sections.checklist.{item.id}.note", note_key, short_text),
                )
                fields.show_errors(note_key)
                plan_link(
                    item.page, tr("ck.go"), variable=item.variable, icon=":material/arrow_outward:"
                )

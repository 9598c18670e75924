"""Checklist: the levers, size control, cautions and the car-brand quick start."""

from __future__ import annotations

import streamlit as st

from pages.shared import fields, session
from pages.shared.layout import plan_link, plan_page
from playbook.examples import examples
from playbook.text import short_text

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("ck.title")
plan = record.plan
stage = plan.meta.stage.value
st.markdown(tr("ck.intro"))

industry_set = examples().for_industry(plan.meta.industry)
state = plan.sections.get("checklist")
state = state if isinstance(state, dict) else {}


def _entry(item_id: str) -> dict:
    entry = state.get(item_id)
    return entry if isinstance(entry, dict) else {}


for group in content.groups:
    if not group.shown_for(plan.meta.industry):
        continue
    items = [i for i in content.items if i.group == group.id]
    items.sort(key=lambda i: stage not in i.focus)  # this stage's focus first
    done = sum(bool(_entry(i.id).get("done")) for i in items)
    with st.container(border=True):
        st.subheader(group.title.get(lang))
        st.progress(done / len(items), text=tr("ck.progress", done=done, total=len(items)))
        for item in items:
            entry = _entry(item.id)
            tick_key = f"ck.{item.id}.done"
            fields.bind(tick_key, "number", bool(entry.get("done")))
            focus = stage in item.focus and not entry.get("done")
            badge = f" :orange-badge[{tr('ck.focus')}]" if focus else ""
            st.checkbox(
                f"**{item.title.get(lang)}**{badge}",
                key=tick_key,
                on_change=fields.save,
                args=(f"sections.checklist.{item.id}.done", tick_key, bool),
            )
            with st.expander(tr("ck.details")):
                st.markdown(f"**{tr('ck.why')}** {item.why.get(lang)}")
                st.markdown(f"**{tr('ck.check')}** {item.check.get(lang)}")
                if item.variable:
                    example = industry_set.variables[item.variable]
                    label = industry_set.label.get(lang)
                    st.caption(f"{tr('ex.checklist', industry=label)} {example.mistake.get(lang)}")
                note_key = f"ck.{item.id}.note"
                fields.bind(note_key, "line", entry.get("note") or "")
                st.text_input(
                    tr("ck.note"),
                    key=note_key,
                    max_chars=200,
                    on_change=fields.save,
                    args=(f"sections.checklist.{item.id}.note", note_key, short_text),
                )
                fields.show_errors(note_key)
                plan_link(
                    item.page, tr("ck.go"), variable=item.variable, icon=":material/arrow_outward:"
                )

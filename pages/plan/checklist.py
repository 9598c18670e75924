"""Checklist: the levers, size control, cautions and the car-brand quick start.

Each group is a panel whose header says how much of it is done; its items are drawn
while it is open, and an item's details while that item's own panel is open. Each group
is a fragment: ticking an item or typing a note saves it and redraws only its group (the
sidebar's progress counts wizard answers, not ticks, so nothing outside the group
changes).
"""

from __future__ import annotations

import streamlit as st

from pages.shared import fields, session
from pages.shared.layout import plan_link, plan_page
from playbook import checklist
from playbook.checklist import Line
from playbook.examples import examples
from playbook.storage import PlanRecord
from playbook.text import MAX_SHORT, short_text

tr = session.tr
record = plan_page("ck.title")
st.markdown(tr("ck.intro"))


def details(line: Line) -> None:
    """Why the item matters, how to check it, the industry's usual mistake and a note."""
    lang = session.lang()
    item, entry = line.item, line.entry
    st.markdown(f"**{tr('ck.why')}** {item.why.get(lang)}")
    st.markdown(f"**{tr('ck.check')}** {item.check.get(lang)}")
    now = session.current().record
    if item.variable and now is not None:
        industry_set = examples().for_industry(now.plan.meta.industry)
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
    plan_link(item.page, tr("ck.go"), variable=item.variable, icon=":material/arrow_outward:")


def _groups(record: PlanRecord) -> list[checklist.Group]:
    """The plan's checklist groups, worked out once per stored version (each group's
    fragment asks, on the page's run and on its own)."""
    return session.kept(
        "_ck_groups",
        (record.plan.id, record.version),
        lambda: checklist.groups(record.plan, session.playbook_content(), focus_first=True),
    )


def _status(section: checklist.Group) -> str:
    """How far a group is: its items done and how many to focus on now."""
    focus = sum(line.focus for line in section.lines)
    done = tr("ck.progress", done=section.done, total=section.total)
    if section.done == section.total:
        return f":green[:material/check_circle: {done}]"
    return f"{done} :orange-badge[{tr('ck.focus_count', count=focus)}]" if focus else done


STATUS_WIDTH = 250  # pixels: "0 of 6 done" and "2 to focus on now" on one line


@st.fragment
def group_box(group_id: str, opened: bool) -> None:
    """One group as a panel, how far it is beside its header; its items' ticks are drawn
    while it is open, and each item's details while that item's own panel is open.

    The panel's header is the group's title alone: a header is part of the panel's
    identity in the browser, and a changed one would rebuild the open panel, losing a
    note being typed when a teammate ticks an item of the group."""
    now = session.current().record
    if now is None:
        return
    lang = session.lang()
    section = next((g for g in _groups(now) if g.group.id == group_id), None)
    if section is None:  # the plan's industry changed since the page was drawn
        return
    group_key = f"ck.group.{group_id}"
    refused = any(  # a refused tick or note stays in view, as set
        fields.has_error(f"ck.{line.item.id}.{part}")
        for line in section.lines
        for part in ("done", "note")
    )
    # the panels line up; on a phone the status goes under its panel
    row = st.container(horizontal=True, vertical_alignment="top", gap="small", wrap=True)
    title = f"**{section.group.title.get(lang)}**"
    group = session.panel(row.expander, title, group_key, default=opened, now=refused)
    row.caption(_status(section), width=STATUS_WIDTH)
    if not group.open:
        return
    with group:
        for line in section.lines:
            item = line.item
            tick_key = f"ck.{item.id}.done"
            fields.bind(tick_key, "number", line.entry.done)
            badge = f" :orange-badge[{tr('ck.focus')}]" if line.focus else ""
            st.checkbox(
                f"**{item.title.get(lang)}**{badge}",
                key=tick_key,
                on_change=fields.save,
                disabled=session.read_only(),
                args=(f"sections.checklist.{item.id}.done", tick_key, bool),
            )
            fields.show_errors(tick_key)
            open_key = f"ck.{item.id}.open"
            refused_note = fields.has_error(f"ck.{item.id}.note")
            panel = session.panel(st.expander, tr("ck.details"), open_key, now=refused_note)
            if panel.open:
                with panel:
                    details(line)


sections = _groups(record)
# on a first visit the first group with an item to do now is open, the others closed
first = next((g.group.id for g in sections if any(line.focus for line in g.lines)), None)
for section in sections:
    group_box(section.group.id, section.group.id == first)

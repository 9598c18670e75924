"""Presenter view: one idea per screen in large type, for a projector."""

from __future__ import annotations

import html
import re

import streamlit as st

from pages.shared import session
from pages.shared.layout import pager
from pages.shared.workshop_view import open_workshop
from playbook.cases import cases
from playbook.workshop import build_deck, workshop_content

tr = session.tr
lang = session.lang()
workshop = open_workshop("nav.ws_present")
slides = build_deck(workshop, session.playbook_content(), cases(), lang)
if not slides:
    st.info(tr("ws.empty_agenda"), icon=":material/info:")
    st.stop()

ss = st.session_state
requested = st.query_params.get("slide")
# ASCII digits only ("²".isdigit() is true) and few of them: a slide number, not a
# 5,000-digit string that int() refuses
if requested and re.fullmatch(r"[0-9]{1,6}", requested):
    ss["slide"] = int(requested) - 1
index = max(0, min(ss.get("slide", 0), len(slides) - 1))
ss["slide"] = index


def _go(offset: int) -> None:
    ss["slide"] = max(0, min(ss["slide"] + offset, len(slides) - 1))
    st.query_params["slide"] = str(ss["slide"] + 1)


session.sync_url(slide=str(index + 1), **session.workshop_param())
slide = slides[index]
modules = [item.module for item in workshop.agenda]
position = modules.index(slide.module) + 1
module_title = workshop_content().module(slide.module).title.get(lang)

st.markdown(
    """
<style>
.slide { background: #ffffff; border: 2px solid #1F6FEB; border-radius: 14px;
  padding: 2.2rem 2.8rem; min-height: 58vh; color: #111; }
.slide h1 { font-size: 3rem; line-height: 1.2; margin: 0 0 1.2rem; color: #0b3d91; }
.slide li { font-size: 1.75rem; line-height: 1.45; margin: .35rem 0; }
.slide .q { margin-top: 1.4rem; font-size: 1.5rem; color: #0b3d91; font-weight: 600; }
.slide .q li { font-size: 1.5rem; color: #111; font-weight: 400; }
.slide .snippet { margin-top: 1.2rem; font-size: 1.3rem; color: #444; font-style: italic;
  border-left: 5px solid #9db7e0; padding-left: 1rem; }
</style>
""",
    unsafe_allow_html=True,
)


def _items(values: list[str]) -> str:
    return "".join(f"<li>{html.escape(v)}</li>" for v in values)


parts = [f"<div class='slide'><h1>{html.escape(slide.title)}</h1><ul>{_items(slide.points)}</ul>"]
if slide.questions:
    parts.append(
        f"<div class='q'>{html.escape(tr('ws.discuss'))}<ul>{_items(slide.questions)}</ul></div>"
    )
if slide.snippet:
    parts.append(f"<div class='snippet'>{html.escape(slide.snippet)}</div>")
parts.append("</div>")
st.markdown("".join(parts), unsafe_allow_html=True)

where = pager(
    index, len(slides), _go, (tr("ws.previous"), tr("ws.next")), "slide", widths=(1, 3, 1)
)
where.markdown(
    f"**{tr('ws.slide_of', n=index + 1, total=len(slides))}** · "
    + tr("ws.module_of", n=position, total=len(modules), module=module_title),
    text_alignment="center",
)
if st.toggle(tr("ws.show_notes"), key="show_notes"):
    with st.container(border=True):
        st.markdown(f"**{tr('ws.notes')}**")
        st.markdown("\n".join(f"- {line}" for line in slide.notes.splitlines() if line))

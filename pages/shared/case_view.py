"""One case study, drawn from the case content (used by the Xiaomi and Zhihu pages)."""

from __future__ import annotations

import streamlit as st

from pages.shared import session, tables
from pages.shared.layout import plan_link
from playbook.cases import cases


def show_case(case_id: str) -> None:
    tr = session.tr
    lang = session.lang()
    content = session.playbook_content()
    case = cases().case(case_id)

    st.title(case.name.get(lang))
    st.markdown(f"**{case.tagline.get(lang)}**")

    story, facts = st.columns([3, 2], gap="large")
    with story:
        st.subheader(tr("case.story"))
        for paragraph in case.story:
            st.markdown(paragraph.get(lang))
        st.subheader(tr("case.success"))
        st.markdown("\n".join(f"- {s.get(lang)}" for s in case.success))
    with facts, st.container(border=True):
        st.markdown(f"**:material/fact_check: {tr('case.facts')}**")
        for fact in case.facts:
            st.markdown(fact.text.get(lang))
            st.caption(f"{tr('case.source')} {fact.source.get(lang)}")

    st.subheader(tr("case.variables"))
    st.dataframe(
        tables.table(
            {
                tr("case.col.variable"): [
                    f"{v.number}. {v.title.get(lang)}" for v in content.variables
                ],
                tr("case.col.case"): [case.variables[v.id].get(lang) for v in content.variables],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(tr("case.steps"))
    st.dataframe(
        tables.table(
            {
                tr("case.col.step"): [f"{s.number}. {s.title.get(lang)}" for s in content.steps],
                tr("case.col.case"): [case.steps[s.id].get(lang) for s in content.steps],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    borrow, caveats = st.columns(2, gap="large")
    with borrow:
        st.subheader(tr("case.borrow"))
        st.markdown("\n".join(f"- {b.get(lang)}" for b in case.borrow))
    with caveats:
        st.subheader(tr("case.caveats"))
        st.markdown("\n".join(f"- {c.get(lang)}" for c in case.caveats))
    if session.current().record is not None:
        plan_link("compare", tr("case.compare_link"), icon=":material/compare:")

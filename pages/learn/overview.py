"""The playbook at a glance: definition, four traits, five strategies, six cautions and
how a community organises itself, each linked to the variables that put it into practice."""

from __future__ import annotations

import streamlit as st

from pages.shared import session
from pages.shared.layout import plan_link
from playbook.overview import Practice, overview

tr = session.tr
lang = session.lang()
content = session.playbook_content()
has_plan = session.current().record is not None
frameworks = overview()

st.title(tr("ov.title"))
st.markdown(tr("ov.intro"))


def _where(variable_ids: list[str]) -> None:
    """Links to the wizard steps (with a plan open) or their names (without one)."""
    names = [content.variable(v) for v in variable_ids]
    if not has_plan:
        listed = "、" if lang == "zh" else ", "
        st.caption(
            tr("ov.where") + " " + listed.join(f"{v.number} {v.title.get(lang)}" for v in names)
        )
        return
    # one row of links that wraps on a narrow screen (one block, not a column each)
    with st.container(horizontal=True, wrap=True, gap="medium"):
        for variable in names:
            plan_link(
                "wizard",
                f"{variable.number} {variable.title.get(lang)}",
                variable=variable.id,
                icon=":material/arrow_outward:",
            )


def _practices(items: list[Practice]) -> None:
    for number, item in enumerate(items, start=1):
        with st.container(border=True):
            st.markdown(f"**{number}. {item.title.get(lang)}**\n\n{item.point.get(lang)}")
            _where(item.variables)


st.subheader(tr("ov.definition"))
st.markdown(frameworks.definition.get(lang))

st.subheader(tr("ov.traits"))
cells = st.columns(2)
for index, trait in enumerate(frameworks.traits):
    with cells[index % 2].container(border=True):
        st.markdown(f"**{trait.title.get(lang)}**\n\n{trait.point.get(lang)}")

st.subheader(tr("ov.strategies"))
_practices(frameworks.strategies)

st.subheader(tr("ov.cautions"))
_practices(frameworks.cautions)

st.subheader(tr("ov.organisation"))
for part in (frameworks.organisation.flat, frameworks.organisation.self_organising):
    with st.container(border=True):
        st.markdown(
            f"**{part.title.get(lang)}**\n\n{part.point.get(lang)}\n\n{part.for_plan.get(lang)}"
        )
        _where(part.variables)

st.caption(tr("ov.source"))

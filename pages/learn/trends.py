"""Five trends from the source, each with what it means for the team's plan."""

from __future__ import annotations

import streamlit as st

from pages.shared import session
from pages.shared.layout import plan_link
from playbook.cases import cases

tr = session.tr
lang = session.lang()
content = session.playbook_content()
has_plan = session.current().record is not None

st.title(tr("tr.title"))
st.markdown(tr("tr.intro"))
for number, trend in enumerate(cases().trends, start=1):
    with st.container(border=True):
        st.subheader(f"{number}. {trend.title.get(lang)}")
        st.markdown(trend.what.get(lang))
        st.markdown(f"**{tr('tr.for_plan')}** {trend.for_plan.get(lang)}")
        if has_plan:
            variable = content.variable(trend.variable)
            plan_link(
                "wizard",
                tr("tr.go_to", variable=f"{variable.number} {variable.title.get(lang)}"),
                variable=trend.variable,
                icon=":material/arrow_outward:",
            )

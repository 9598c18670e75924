"""Compare the teams of a workshop: their answers to one variable, and their progress."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.shared import actuals_view, session
from pages.shared.fields import label_of
from pages.shared.workshop_view import open_workshop
from playbook.actuals import monthly, of_plan, period_label
from playbook.actuals_dashboard import kpi_rows, show
from playbook.answers import progress
from playbook.cases import team_text

tr = session.tr
lang = session.lang()
content = session.playbook_content()
workshop = open_workshop("ws.compare_title")
st.caption(tr("ws.compare_intro"))

labels = {v.id: f"{v.number}. {v.title.get(lang)}" for v in content.variables}
choice, refresh = st.columns([4, 1], vertical_alignment="bottom")
variable_id = choice.selectbox(
    tr("ws.variable"), list(labels), format_func=label_of(labels), key="ws_var"
)
refresh.button(tr("ws.refresh"), icon=":material/refresh:", width="stretch")  # reruns the page

teams = session.workshops().teams(workshop.id)
if not teams:
    st.info(tr("ws.no_teams", code=workshop.code), icon=":material/groups:")
    st.stop()

variable = content.variable(variable_id or content.variables[0].id)
st.caption(tr("ws.teams", count=len(teams)))
rows = []
for team in teams:
    done, total = progress(team.plan, content.variables)
    rows.append(
        {
            tr("ws.col.team"): f"{team.plan.meta.team} · {team.plan.meta.community}",
            tr("ws.col.progress"): done / total,
            tr("ws.col.answer"): team_text(team.plan, variable) or "—",
        }
    )
st.dataframe(
    pd.DataFrame(rows),
    hide_index=True,
    width="stretch",
    column_config={
        tr("ws.col.progress"): st.column_config.ProgressColumn(
            tr("ws.col.progress"), min_value=0.0, max_value=1.0, format="percent"
        ),
        tr("ws.col.answer"): st.column_config.TextColumn(tr("ws.col.answer"), width="large"),
    },
)


# ---- after launch: each team's numbers against its KPI targets, and its monthly report
with_numbers = [team for team in teams if monthly(of_plan(team.plan))]
if with_numbers:
    st.subheader(tr("ws.numbers"))
    st.caption(tr("ws.numbers_intro"))
    for team in with_numbers:
        months = monthly(of_plan(team.plan))
        latest = months[-1][0]
        kpis = kpi_rows(team.plan, content, lang, months)
        lights = [row.light() for row in kpis]
        heading = tr(
            "ws.numbers_team",
            team=f"{team.plan.meta.team} · {team.plan.meta.community}",
            month=period_label(latest),
            green=lights.count("green"),
            amber=lights.count("amber"),
            red=lights.count("red"),
        )
        with st.expander(heading, icon=":material/monitoring:"):
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("act.report.col.kpi"): [
                            f"{r.objective_label} · {r.label}" for r in kpis
                        ],
                        tr("act.report.col.actual"): [show(r.latest, r.kind, lang) for r in kpis],
                        tr("act.report.col.target"): [r.target_text or "—" for r in kpis],
                        tr("act.report.col.status"): [
                            tr(f"act.light.{light or 'none'}") for light in lights
                        ],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
            actuals_view.report_downloads(
                team.plan, lang, key=f"ws.report.{team.plan.id[:8]}", title=False
            )

"""The trainer's live room: every team's progress, their answers side by side, all plans
in one download. The board and the answers refresh by themselves every few seconds."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import pandas as pd
import streamlit as st

from pages.shared import actuals_view, plain, session
from pages.shared.fields import label_of
from pages.shared.workshop_view import open_workshop
from playbook import clock
from playbook.access import Role
from playbook.actuals import monthly, of_plan, period_label
from playbook.actuals_dashboard import kpi_rows, show
from playbook.cases import answered_fields
from playbook.errors import PlaybookError
from playbook.room import board, minutes_ago, teams_zip
from playbook.text import escape_markdown

REFRESH_SECONDS = 5
COLUMNS = 3  # teams side by side, per row

tr = session.tr
lang = session.lang()
content = session.playbook_content()
workshop = open_workshop("ws.compare_title")
st.caption(tr("ws.compare_intro"))
ss = st.session_state
today = clock.today_in(session.time_zone())


def _view_link(plan_id: str) -> str | None:
    """The team's view-only link (made the first time a trainer asks for it)."""
    links = ss.setdefault("_room_view_links", {})
    if plan_id not in links:
        try:
            links[plan_id] = session.share_url(session.links().link(plan_id, Role.VIEW))
        except PlaybookError:
            return None
    return links[plan_id]


def _ago(minutes: int) -> str:
    return tr("room.ago", minutes=minutes) if minutes else tr("room.just_now")


@st.fragment(run_every=REFRESH_SECONDS)
def live_room() -> None:
    try:
        teams = session.workshops().teams(workshop.id)
    except PlaybookError as exc:
        session.show_failure(exc)
        return
    if not teams:
        st.info(tr("ws.no_teams", code=workshop.code), icon=":material/groups:")
        return
    plans = [team.plan for team in teams]
    now = datetime.now(UTC)
    st.subheader(tr("room.board"))
    st.caption(tr("ws.teams", count=len(teams)) + " · " + tr("room.board_live"))
    rows = board(plans, content, today)
    zone = session.time_zone()
    st.dataframe(
        pd.DataFrame(
            {
                "team": [f"{row.team} · {row.community}" for row in rows],
                "progress": [row.done / row.total for row in rows],
                "done": [f"{row.done}/{row.total}" for row in rows],
                "last": [
                    row.last_activity.astimezone(zone).strftime("%H:%M")
                    + " · "
                    + _ago(minutes_ago(row.last_activity, now))
                    for row in rows
                ],
                "score": [row.score for row in rows],
                "view": [_view_link(row.plan_id) for row in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "team": st.column_config.TextColumn(tr("ws.col.team"), width="medium"),
            "progress": st.column_config.ProgressColumn(
                tr("ws.col.progress"), min_value=0.0, max_value=1.0, format="percent"
            ),
            "done": st.column_config.TextColumn(tr("room.col.done")),
            "last": st.column_config.TextColumn(tr("room.col.last")),
            "score": st.column_config.ProgressColumn(
                tr("room.col.score"), min_value=0, max_value=100, format="%d"
            ),
            "view": st.column_config.LinkColumn(
                tr("room.col.view"), display_text=tr("room.open_view")
            ),
        },
        key="room_board",
    )

    labels = {v.id: f"{v.number}. {v.title.get(lang)}" for v in content.variables}
    variable_id = st.selectbox(
        tr("ws.variable"), list(labels), format_func=label_of(labels), key="ws_var"
    )
    variable = content.variable(variable_id or content.variables[0].id)
    st.subheader(f"{variable.number}. {variable.title.get(lang)}")
    for start in range(0, len(teams), COLUMNS):
        for column, plan in zip(st.columns(COLUMNS), plans[start : start + COLUMNS], strict=False):
            with column.container(border=True):
                plain.show(f"{plan.meta.team} · {plan.meta.community}", "strong")
                answers = answered_fields(plan, variable, lang)
                if not answers:
                    st.caption(tr("room.no_answer"))
                for label, text in answers:
                    st.caption(label)
                    plain.show(text)
                if link := _view_link(plan.id):
                    st.link_button(
                        tr("room.open_view"),
                        link,
                        icon=":material/visibility:",
                        type="tertiary",
                    )


live_room()


def _all_plans(writer: str) -> bytes:
    plans = [team.plan for team in session.workshops().teams(workshop.id)]
    return teams_zip(plans, content, lang, today, writer)


st.download_button(
    tr("room.download_all"),
    data=partial(_all_plans, "docx"),
    file_name=f"workshop-{workshop.code}-{today.isoformat()}.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    on_click="ignore",
    help=tr("room.download_all_help"),
    key="room.zip",
)


# ---- after launch: each team's numbers against its KPI targets, and its monthly report
try:
    teams = session.workshops().teams(workshop.id)
except PlaybookError as exc:
    session.show_failure(exc)
    st.stop()
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
            # an expander's label is Markdown: the team's words are escaped
            team=escape_markdown(f"{team.plan.meta.team} · {team.plan.meta.community}"),
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

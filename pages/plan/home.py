"""Home: what the playbook is, start or reopen a plan, and the plan canvas."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import streamlit as st

from pages.shared import actuals_view, comments_view, fields, live, nav, plain, session
from pages.shared.layout import CREATED, plan_link, saved_caption
from pages.shared.links_view import share_links
from pages.shared.recent_view import recent_plans
from playbook import clock
from playbook.access import Role
from playbook.answers import Status, completed, statuses
from playbook.comments import open_counts, variable_target
from playbook.errors import InvalidData, PlaybookError, translated
from playbook.examples import examples, template_plan
from playbook.i18n import errors_by_field
from playbook.plan import PlanMeta, Stage, is_plan_id
from playbook.review import review
from playbook.text import MAX_SHORT
from playbook.workshop import CODE_INPUT_MAX, join_code

tr = session.tr
lang = session.lang()
content = session.playbook_content()
now = session.current()
ss = st.session_state

st.title(tr("app.title"))
st.markdown(tr("home.intro"))
st.page_link(
    nav.target("overview"),
    label=tr("ov.home_link"),
    icon=":material/map:",
    query_params=session.url_params(),
)
session.show_problem(now.problem)


def _meta_labels() -> dict[str, str]:
    return {name: tr(f"meta.{name}") for name in PlanMeta.model_fields}


def _option_ids(options) -> list[str]:
    return [o.id for o in options]


def _industry_label(oid: str) -> str:
    return content.label(content.industries, oid, lang)


def _platform_label(oid: str) -> str:
    return content.label(content.platforms, oid, lang)


def _stage_label(sid: str) -> str:
    return next(s.label.get(lang) for s in content.stages if s.id == sid)


def _zone_label(name: str) -> str:
    """The place and its offset; the plan stores the zone's IANA name."""
    return clock.label(name, lang)


CARD_WIDTH = 168  # pixels: five cards fit beside the sidebar at 1,400 px, two on a phone


def _canvas(plan, status_of: dict[str, Status]) -> None:
    """The ten variables as a wall canvas: one cell each, the team's short answer in it."""
    st.subheader(tr("home.canvas"))
    marks = {
        Status.COMPLETE: ":green[:material/check_circle:]",
        Status.STARTED: ":orange[:material/pending:]",
        Status.EMPTY: ":gray[:material/radio_button_unchecked:]",
    }
    counts = open_counts(plan.comments)
    template = examples().template
    markers = (template.marker.zh.strip(), template.marker.en.strip())
    for row in (content.variables[:5], content.variables[5:]):
        # five cards a row where they fit, fewer on a narrow screen; the cards of a line
        # share its height, each as tall as its text (never a scroll box)
        line = st.container(horizontal=True, wrap=True, gap="small")
        for variable in row:
            with line.container(border=True, width=CARD_WIDTH, height="stretch"):
                status = status_of[variable.id]
                count = counts[variable_target(variable.id)]
                badge = f" :blue-badge[:material/forum: {count}]" if count else ""
                title = f"{marks[status]} **{variable.number} {variable.title.get(lang)}**{badge}"
                summary = plan.answer(variable.id, "summary")
                text = summary.strip() if isinstance(summary, str) else ""
                marker = next((m for m in markers if text.startswith(m)), None)
                if marker:  # a template's example: a badge says so, the card keeps its words
                    title += f"\n\n:orange-badge[{tr('home.canvas_example')}]"
                    text = text.removeprefix(marker).strip()
                st.markdown(title)
                if text:
                    plain.show(text)
                else:
                    st.markdown(f":gray[*{tr('home.canvas_empty')}*]")
                plan_link(
                    "wizard", tr("home.canvas_edit"), variable=variable.id, icon=":material/edit:"
                )


def _next_step(plan, status_of: dict[str, Status]) -> None:
    """Where to go next: the ten variables until they are done, then the review's most
    important finding, then the export."""
    if completed(status_of) < len(status_of):
        plan_link("wizard", tr("home.continue"), icon=":material/arrow_forward:")
        return
    findings = review(plan, content, session.today()).findings
    if not findings:
        st.success(tr("home.all_done"), icon=":material/verified:")
        plan_link("export", tr("nav.export"), icon=":material/download:")
        return
    top = findings[0]
    # the finding may quote team text (a task's title): shown as typed, never as Markdown
    message = plain.fill(f"review.{top.rule}", **top.values)
    plain.show_html(plain.fill("home.next_step", message=plain.Markup(message)))
    plan_link(top.page, tr("home.go_fix"), variable=top.variable, icon=":material/arrow_outward:")


def _plan_details(plan) -> None:
    """The plan's metadata, editable; every change is saved at once. The fields are drawn
    while the panel is open, and it stays open while one holds a refused value."""
    panel = session.panel(
        st.expander,
        tr("home.details"),
        "home.details",
        now=fields.has_error_under("meta."),
        icon=":material/tune:",
    )
    if not panel.open:
        return
    with panel:
        meta = plan.meta
        raw = lambda value: value  # noqa: E731 - the store validates the whole plan

        def bound(field: str, kind: str, stored) -> dict:
            key = f"meta.{field}"
            fields.bind(key, kind, stored)
            return dict(key=key, on_change=fields.save, args=(key, key, raw))

        left, right = st.columns(2)
        with left:
            st.text_input(tr("meta.team"), max_chars=MAX_SHORT, **bound("team", "line", meta.team))
            fields.show_errors("meta.team")
            st.text_input(
                tr("meta.community"),
                max_chars=MAX_SHORT,
                **bound("community", "line", meta.community),
            )
            fields.show_errors("meta.community")
            st.selectbox(
                tr("meta.industry"),
                _option_ids(content.industries),
                format_func=_industry_label,
                **bound("industry", "choice", meta.industry),
            )
        with right:
            st.multiselect(
                tr("meta.platforms"),
                _option_ids(content.platforms),
                format_func=_platform_label,
                select_all=False,  # Streamlit writes "Select all" in English only
                **bound("platforms", "choices", meta.platforms),
            )
            st.radio(
                tr("meta.stage"),
                [s.id for s in content.stages],
                format_func=_stage_label,
                horizontal=True,
                **bound("stage", "choice", meta.stage.value),
            )
            st.caption(next(s.hint.get(lang) for s in content.stages if s.id == meta.stage))
            zone = session.plan_zone().key
            st.selectbox(
                tr("meta.time_zone"),
                clock.choices(zone),
                format_func=_zone_label,
                help=tr("meta.time_zone_help"),
                **bound("time_zone", "choice", zone),
            )
            fields.show_errors("meta.time_zone")


def _new_plan_form() -> None:
    st.subheader(tr("home.new"))
    slots = {}  # a place under each field for its message
    with st.form("new_plan"):
        team = st.text_input(
            tr("meta.team") + " *", max_chars=MAX_SHORT, placeholder=tr("home.team_hint")
        )
        slots["team"] = st.empty()
        community = st.text_input(
            tr("meta.community") + " *", max_chars=MAX_SHORT, placeholder=tr("home.community_hint")
        )
        slots["community"] = st.empty()
        industry = st.selectbox(
            tr("meta.industry") + " *",
            _option_ids(content.industries),
            format_func=_industry_label,
            index=None,
            placeholder=tr("field.choose"),
        )
        slots["industry"] = st.empty()
        platforms = st.multiselect(
            tr("meta.platforms"),
            _option_ids(content.platforms),
            format_func=_platform_label,
            select_all=False,  # Streamlit writes "Select all" in English only
            placeholder=tr("field.choose_many"),
        )
        stage = st.radio(
            tr("meta.stage"),
            [s.id for s in content.stages],
            format_func=_stage_label,
            captions=[s.hint.get(lang) for s in content.stages],
        )
        zone = session.time_zone().key
        zones = clock.choices(zone)
        time_zone = st.selectbox(
            tr("meta.time_zone"),
            zones,
            index=zones.index(zone),
            format_func=_zone_label,
            help=tr("meta.time_zone_help"),
        )
        template = st.selectbox(
            tr("ex.template"),
            [None, *(s.id for s in examples().sets)],
            format_func=lambda sid: (
                tr("ex.template_none") if sid is None else examples().get(sid).label.get(lang)
            ),
            help=tr("ex.template_help"),
        )
        st.caption(tr("home.required"))
        submitted = st.form_submit_button(tr("home.create"), type="primary", icon=":material/add:")
    if not submitted:
        return
    try:
        with translated():
            meta = PlanMeta(
                team=team,
                community=community,
                industry=industry or "",
                platforms=platforms,
                stage=Stage(stage),
                time_zone=time_zone,
            )
            plan = template_plan(meta, template, lang, content) if template else None
        author = session.edit_author()
        store = session.store()
        record = store.insert(plan, author=author) if plan else store.create(meta, author=author)
    except InvalidData as exc:
        for field, messages in errors_by_field(exc.error, lang).items():
            slot = slots.get(field)
            if slot is None:
                session.show_failure(exc, _meta_labels())
            else:
                slot.error(" ".join(messages), icon=":material/error:")
        return
    except PlaybookError as exc:
        session.show_failure(exc, _meta_labels())
        return
    session.open_plan(record.plan.id)
    ss["wizard_step"] = content.variables[0].id
    ss[CREATED] = record.plan.id
    st.switch_page("pages/plan/wizard.py")


def _join_form() -> None:
    """A team joins a trainer's workshop: a new plan of its own, under the workshop. The
    join link (the QR code the trainer shows) fills in the code."""
    st.subheader(tr("home.join"))
    scanned = join_code(st.query_params.get("join"))
    if scanned:
        st.info(tr("room.join_scanned"), icon=":material/qr_code_2:")
    with st.form("join_workshop"):
        code = st.text_input(
            tr("home.join_code"), value=scanned, max_chars=CODE_INPUT_MAX, placeholder="ABC234"
        )
        team = st.text_input(tr("meta.team"), max_chars=MAX_SHORT)
        community = st.text_input(tr("meta.community"), max_chars=MAX_SHORT)
        if not st.form_submit_button(tr("home.join_button"), icon=":material/group_add:"):
            return
    try:
        with translated():
            meta = PlanMeta(team=team, community=community, industry="other")
        record = session.workshops().join(code, meta)
    except PlaybookError as exc:
        session.show_failure(exc, _meta_labels())
        return
    session.open_plan(record.plan.id)
    ss["wizard_step"] = content.variables[0].id
    ss[CREATED] = record.plan.id
    st.switch_page("pages/plan/wizard.py")


def _plan_id_from(text: str) -> str:
    text = text.strip()
    if "plan=" in text:
        values = parse_qs(urlparse(text).query).get("plan") or parse_qs(text).get("plan") or [""]
        return values[0]
    return text


def _open(token: str) -> None:
    if problem := session.open_link(token):
        session.show_problem(problem)
        return
    st.rerun()


def _open_form() -> None:
    st.subheader(tr("home.open"))
    with st.form("open_plan"):
        link = st.text_input(tr("home.open_link"), placeholder="https://…?plan=…")
        if st.form_submit_button(tr("home.open_button"), icon=":material/folder_open:"):
            plan_id = _plan_id_from(link)
            if not is_plan_id(plan_id):
                st.error(tr("plan.problem.malformed"), icon=":material/error:")
            else:
                _open(plan_id)
    if not session.plan_list_enabled():
        return
    try:
        plans = session.store().list_plans(limit=30)
    except PlaybookError:
        session.show_problem("unavailable")
        return
    if not plans:
        st.caption(tr("home.no_plans"))
        return
    st.markdown(f"**{tr('home.recent')}**")
    for summary in plans:
        when = clock.local_time(summary.updated_at, session.time_zone())
        row = st.container(horizontal=True, vertical_alignment="center")
        # the title is the team's text: shown as typed, never as a button's Markdown label
        plain.show(f"{summary.title} · {when}", where=row.container(width="stretch"))
        if row.button(tr("recent.open"), key=f"open.{summary.id}", icon=":material/folder_open:"):
            try:  # through its current edit link: the plan id stops opening it once replaced
                token = session.links().link(summary.id, Role.EDIT)
            except PlaybookError as exc:
                session.show_failure(exc)
            else:
                _open(token)


if now.record is not None:
    plan = now.record.plan
    status_of = statuses(plan, content.variables)  # the canvas's and the next step's
    plain.show(plan.meta.community, "header")
    plain.show(
        " · ".join(
            [
                plan.meta.team,
                _industry_label(plan.meta.industry),
                _stage_label(plan.meta.stage.value),
                ("、" if lang == "zh" else ", ").join(
                    _platform_label(p) for p in plan.meta.platforms
                )
                or tr("home.no_platforms"),
            ]
        ),
        "caption",
    )
    live.watch()
    _canvas(plan, status_of)
    actuals_view.sparklines(plan, lang)
    # the next step takes the room it needs; closing the plan sits at the far end
    actions = st.container(horizontal=True, vertical_alignment="center")
    with actions.container():
        _next_step(plan, status_of)
    if actions.button(tr("home.close"), icon=":material/close:", help=tr("home.close_help")):
        session.close_plan()
        ss["_closed"] = True
        st.rerun()
    comments_view.open_list()
    share_links(plan.id)
    if not session.read_only():
        _plan_details(plan)
    saved_caption(now.record)
else:
    scanned = bool(join_code(st.query_params.get("join")))
    if scanned:  # opened by a workshop's join link: joining comes first
        _join_form()
    left, right = st.columns(2, gap="large")
    with left:
        _new_plan_form()
    with right:
        closed = st.container()  # always drawn: the fields below keep their places
        if ss.pop("_closed", False):
            closed.info(tr("home.closed"), icon=":material/info:")
        recent_plans()
        _open_form()
        if not scanned:
            _join_form()

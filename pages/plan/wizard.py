"""The ten strategic variables, one step at a time."""

from __future__ import annotations

import streamlit as st

from calculators import group_size
from pages.shared import comments_view, fields, session
from pages.shared.layout import pager, plan_link, plan_page, saved_caption
from playbook.answers import Status, completed, statuses
from playbook.cases import cases
from playbook.comments import open_counts, variable_target
from playbook.examples import examples
from playbook.overview import overview

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("wizard.title")
plan = record.plan
variables = content.variables
ids = [v.id for v in variables]
ss = st.session_state
# The URL names the step (links from the canvas, checklist and review set it); the session
# remembers it otherwise. The pills widget only mirrors it: a widget's own state is dropped
# when its page is left.
requested = st.query_params.get("step")
if requested in ids:
    ss["wizard_step"] = requested
elif ss.get("wizard_step") not in ids:
    ss["wizard_step"] = ids[0]
ss["step_picker"] = ss["wizard_step"]


def _show(variable_id: str) -> None:
    ss["wizard_step"] = variable_id
    st.query_params["step"] = variable_id
    ss["_to_top"] = True


def _pick_step() -> None:
    _show(ss["step_picker"])


SCROLL_TO_TOP = """<script>
for (const el of [document.querySelector('[data-testid="stMain"]'), document.scrollingElement]) {
  if (el) { el.scrollTo({top: 0}); }
}
</script>"""
_MARK = {Status.COMPLETE: "●", Status.STARTED: "◐", Status.EMPTY: "○"}


_OPEN = open_counts(plan.comments)
_STATUS = statuses(plan, variables)


def _step_label(variable_id: str) -> str:
    variable = content.variable(variable_id)
    mark = _MARK[_STATUS[variable_id]]
    count = comments_view.badge(_OPEN[variable_target(variable_id)])
    return f"{mark} {variable.number} {variable.key.get(lang)}{count}"


def _go(offset: int) -> None:
    position = ids.index(ss["wizard_step"]) + offset
    _show(ids[max(0, min(len(ids) - 1, position))])


done, total = completed(_STATUS), len(variables)
st.progress(done / total, text=tr("progress.complete", done=done, total=total))
st.pills(
    tr("wizard.jump"),
    ids,
    format_func=_step_label,
    key="step_picker",
    on_change=_pick_step,
    required=True,
    help=tr("wizard.legend") + ("  \n" + tr("comments.badge_help") if _OPEN else ""),
)
session.sync_url(step=ss["wizard_step"])

variable = content.variable(ss["wizard_step"])
if ss.pop("_to_top", False):
    # a new variable starts at the top of the page, not where "Next" was clicked
    st.html(SCROLL_TO_TOP, unsafe_allow_javascript=True, width=1)
st.header(f"{variable.number}. {variable.title.get(lang)}", divider="gray")
st.markdown(f"**{variable.tagline.get(lang)}**")


def _use_calculator(per_group: int) -> None:
    fields.store_changes("ans.structure.group_size", {"answers.structure.group_size": per_group})


def _calculator_link() -> None:
    """The group-size calculator's members per group beside the wizard's answer, one click
    to take it over (the two must not disagree unnoticed)."""
    saved = plan.sections.group_size
    if not saved:
        return
    per_group = group_size.plan_groups(group_size.from_section(saved)).members_per_group
    answer = plan.answer("structure", "group_size")
    with st.container(border=True):
        st.markdown(tr("wizard.calc_says", count=per_group))
        if answer != per_group:
            st.button(
                tr("wizard.calc_use", count=per_group),
                on_click=_use_calculator,
                args=(per_group,),
                disabled=session.read_only(),
                icon=":material/sync:",
            )


left, right = st.columns([3, 2], gap="large")
with left:
    st.markdown(f"**{tr('wizard.what')}** {variable.what.get(lang)}")
    st.markdown(f"**{tr('wizard.why')}** {variable.why.get(lang)}")
    st.subheader(tr("wizard.questions"))
    st.markdown("\n".join(f"- {q.get(lang)}" for q in variable.questions))
    st.subheader(tr("wizard.answers"))
    st.caption(tr("wizard.autosave"))
    unchanged = [f for v, f in examples().example_left(plan, content) if v == variable.id]
    if unchanged:
        joiner = "、" if lang == "zh" else ", "
        names = joiner.join(variable.field(f).label.get(lang) for f in unchanged)
        st.warning(tr("ex.left", fields=names), icon=":material/edit_note:")
    for spec in variable.fields:
        fields.answer_widget(spec, variable.id, plan.answer(variable.id, spec.id))
        if (variable.id, spec.id) == ("structure", "group_size"):
            _calculator_link()  # right under the answer it may differ from
    comments_view.thread(variable_target(variable.id), key=f"variable.{variable.id}")

with right:
    with st.container(border=True):
        st.markdown(f"**:material/lightbulb: {tr('wizard.example')}**")
        set_ids = [s.id for s in examples().sets]
        if ss.get("example_set") not in set_ids:
            ss["example_set"] = examples().for_industry(plan.meta.industry).id
        st.pills(
            tr("ex.industry"),
            set_ids,
            format_func=lambda sid: examples().get(sid).label.get(lang),
            key="example_set",
            required=True,
        )
        shown = examples().get(ss["example_set"])
        st.caption(shown.context.get(lang))
        st.markdown(examples().answer(shown, variable).get(lang))
        st.markdown(f"**{tr('ex.mistake')}** {shown.variables[variable.id].mistake.get(lang)}")
        st.caption(tr("ex.illustration"))
    with st.container(border=True):
        st.markdown(f"**:material/warning: {tr('wizard.mistakes')}**")
        st.markdown("\n".join(f"- {m.get(lang)}" for m in variable.mistakes))
    strategies, cautions = overview().for_variable(variable.id)
    organisation = overview().organisation_for(variable.id)
    if strategies or cautions or organisation:
        with st.container(border=True):
            st.markdown(f"**:material/map: {tr('ov.in_wizard')}**")
            lines = [
                f"- *{tr('ov.strategy')}* · **{s.title.get(lang)}** — {s.point.get(lang)}"
                for s in strategies
            ]
            lines += [
                f"- *{tr('ov.caution')}* · **{c.title.get(lang)}** — {c.point.get(lang)}"
                for c in cautions
            ]
            lines += [f"- **{o.title.get(lang)}** — {o.for_plan.get(lang)}" for o in organisation]
            st.markdown("\n".join(lines))
            plan_link("overview", tr("ov.go"), icon=":material/arrow_outward:")
    with st.container(border=True):
        st.markdown(f"**:material/menu_book: {tr('case.in_wizard')}**")
        for case in cases().cases:
            st.markdown(f"*{case.name.get(lang)}* — {case.variables[variable.id].get(lang)}")
        plan_link("compare", tr("nav.compare"), icon=":material/compare:")
    related = [s for s in content.steps if variable.id in s.variables]
    if related:
        with st.container(border=True):
            st.markdown(f"**:material/timeline: {tr('wizard.related_steps')}**")
            st.markdown("\n".join(f"- {s.number}. {s.title.get(lang)}" for s in related))
            plan_link("roadmap", tr("nav.roadmap"), icon=":material/arrow_outward:")
            if variable.id == "data":
                plan_link("kpis", tr("nav.kpis"), icon=":material/arrow_outward:")
            if variable.id == "structure":
                plan_link("group-size", tr("nav.group_size"), icon=":material/arrow_outward:")


def _onward() -> None:
    """After the last variable, "next" is the roadmap."""
    plan_link("roadmap", tr("wizard.next_roadmap"), icon=":material/arrow_forward:")


status = pager(
    ids.index(variable.id),
    len(ids),
    _go,
    (tr("wizard.previous"), tr("wizard.next")),
    "step",
    onward=_onward,
)
with status:
    saved_caption(record)

if variable.id == ids[-1]:
    with st.container(border=True):
        st.markdown(f"**:material/flag: {tr('wizard.finished')}**")
        onward = st.columns(3)
        for column, (page, title, icon) in zip(
            onward,
            (
                ("roadmap", "nav.roadmap", ":material/timeline:"),
                ("review", "nav.review", ":material/health_and_safety:"),
                ("export", "nav.export", ":material/download:"),
            ),
            strict=True,
        ):
            with column:
                plan_link(page, tr(title), icon=icon)

"""Group-size calculator: Dunbar's layers, pairwise ties, sub-groups, admins, cadence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from calculators import group_size as gs
from pages.shared import charts, fields, session
from pages.shared.layout import plan_page

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("gs.title")
st.markdown(tr("gs.intro"))

caps = content.group_caps()


def validate(section: Mapping[str, Any]) -> object:
    return gs.from_section(section, caps)


CUSTOM = "custom"
platform_ids = [p.id for p in content.platforms if p.group_cap] + [CUSTOM]


platform_labels = {
    pid: tr("gs.platform_custom") if pid == CUSTOM else content.platform(pid).label.get(lang)
    for pid in platform_ids
}
closeness_labels = {c.value: tr(f"gs.closeness.{c.value}") for c in gs.Closeness}


purpose_labels = {p.value: tr(f"gs.purpose.{p.value}") for p in gs.Purpose}


def _cap_for(pid: str) -> dict[str, int]:
    if pid != CUSTOM:
        return {"group_cap": caps[pid]}
    return {}


@st.fragment
def calculator() -> None:
    """Inputs and results: a changed input saves and redraws only this part (no other part
    of the page shows them); only the open chart tab is drawn."""
    now = session.current().record
    if now is None:
        return
    saved = now.plan.sections.group_size
    data = gs.from_section(saved, caps)  # only valid inputs are ever saved
    shown = data.model_dump(mode="json")
    result = gs.plan_groups(data)
    inputs, results = st.columns([2, 3], gap="large")
    with inputs:
        st.subheader(tr("tools.inputs"))
        st.caption(tr("tools.saved_note") if saved else tr("tools.example_note"))
        fields.section_input(
            st.number_input,
            tr("gs.target"),
            "group_size",
            ("target_members",),
            shown["target_members"],
            validate,
            min_value=1,
            max_value=gs.MAX_MEMBERS,
            value=None,
            step=1,
            format="%d",
        )
        platform = shown.get("platform") if shown.get("platform") in platform_ids else CUSTOM
        fields.section_input(
            st.selectbox,
            tr("gs.platform"),
            "group_size",
            ("platform",),
            platform,
            validate,
            coupled=_cap_for,
            options=platform_ids,
            format_func=platform_labels.get,
        )
        fields.section_input(
            st.number_input,
            tr("gs.cap"),
            "group_size",
            ("group_cap",),
            shown["group_cap"],
            validate,
            min_value=2,
            max_value=1_000_000,
            value=None,
            disabled=platform != CUSTOM,
            help=None if platform != CUSTOM else tr("gs.cap_custom_help"),
            step=1,
            format="%d",
        )
        note = content.platform(platform).cap_note if platform and platform != CUSTOM else None
        if note is not None:
            st.caption(tr("gs.source.platform", note=note.get(lang)))
        fields.section_input(
            st.number_input,
            tr("gs.admins"),
            "group_size",
            ("admins_available",),
            shown["admins_available"],
            validate,
            min_value=0,
            max_value=100_000,
            value=None,
            step=1,
            format="%d",
        )
        fields.section_input(
            st.radio,
            tr("gs.purpose"),
            "group_size",
            ("purpose",),
            shown["purpose"],
            validate,
            options=[p.value for p in gs.Purpose],
            format_func=purpose_labels.get,
            help=tr("gs.purpose_help"),
        )
        fields.section_input(
            st.radio,
            tr("gs.closeness"),
            "group_size",
            ("closeness",),
            shown["closeness"],
            validate,
            options=[c.value for c in gs.Closeness],
            format_func=closeness_labels.get,
        )

    n = f"{result.target_members:,}"
    with results:
        st.subheader(tr("tools.results"))
        cells = st.columns(4)
        cells[0].metric(tr("gs.metric.groups"), f"{result.groups:,}")
        cells[1].metric(tr("gs.metric.per_group"), f"{result.members_per_group:,}")
        cells[2].metric(
            tr("gs.metric.admins"),
            f"{result.admins_needed:,}",
            delta=tr("gs.metric.shortfall", gap=result.admin_shortfall)
            if result.admin_shortfall
            else None,
            delta_color="inverse",
            delta_arrow="off",
        )
        cells[3].metric(tr("gs.metric.core"), f"{result.core_to_recruit:,}")
        # the explanations as paragraphs of two blocks around the mode (one element each)
        if result.layer is None:
            layer = tr("gs.explain.beyond", target=n)
        else:
            layer = tr(
                "gs.explain.layer",
                target=n,
                layer=f"{result.layer:,}",
                layer_name=tr(f"gs.layer.{result.layer}"),
            )
        groups = tr(
            "gs.explain.groups" if result.groups > 1 else "gs.explain.groups_one",
            limit=f"{result.group_size_limit:,}",
            limited_by=tr(f"gs.limited_by.{result.limited_by}"),
            target=n,
            groups=f"{result.groups:,}",
            per_group=f"{result.members_per_group:,}",
        )
        st.markdown(f"{layer}\n\n{groups}")
        mode_key = gs.mode_key(result)
        alert = {
            "semi_acquaintance": st.success,
            "semi_stranger": st.warning,
            "large_discussion": st.error,
            "large_service": st.info,
        }[mode_key]
        alert(
            f"**{tr('gs.mode_heading')}** — {tr(f'gs.mode.{mode_key}')}", icon=":material/groups:"
        )
        ties = tr(
            "gs.explain.ties",
            ties_all=f"{result.ties_one_group:,}",
            per_group=f"{result.members_per_group:,}",
            ties_group=f"{result.ties_per_group:,}",
        )
        admins_line = tr(
            "gs.explain.admins", admins=result.admins_needed, have=data.admins_available
        )
        if result.admin_shortfall:
            admins_line += " " + tr("gs.explain.admins_gap", gap=result.admin_shortfall)
        if result.core_to_recruit >= result.target_members:
            core = tr("gs.explain.core_small", target=n)
        else:
            core = tr(
                "gs.explain.core",
                creators=f"{result.creators:,}",
                contributors=f"{result.contributors:,}",
                core=f"{result.core_to_recruit:,}",
            )
        st.markdown(f"{ties}\n\n{admins_line}\n\n{core}")
        topics, events = result.cadence.topics_per_week, result.cadence.themed_events_per_month
        rhythm = tr(
            "gs.cadence",
            topics=tr("gs.topics_one") if topics == 1 else tr("gs.topics", n=topics),
            events=tr("gs.events_one") if events == 1 else tr("gs.events", n=events),
            moderation=tr(f"gs.moderation.{result.cadence.moderation}"),
        )
        if result.cadence.cross_group_events_per_month:
            rhythm += " " + tr("gs.cadence_cross")
        st.info(rhythm, icon=":material/event_repeat:")

    layers_tab, ties_tab, split_tab = st.tabs(
        [tr("gs.chart.layers"), tr("gs.chart.ties"), tr("gs.chart.split")],
        key="gs.chart_tab",
        on_change="rerun",
    )
    result_json = result.model_dump_json()
    if layers_tab.open:
        with layers_tab:
            spec = charts.group_size_spec(result_json, lang, "layers")
            st.vega_lite_chart(spec=spec, width="stretch")
    if ties_tab.open:
        with ties_tab:
            spec = charts.group_size_spec(result_json, lang, "ties")
            st.vega_lite_chart(spec=spec, width="stretch")
    if split_tab.open:
        with split_tab:
            st.caption(tr(gs.split_key(result), **gs.split_summary(result)))
            spec = charts.group_size_spec(result_json, lang, "split")
            st.vega_lite_chart(spec=spec, width="stretch")


calculator()

with st.expander(tr("tools.sources"), icon=":material/menu_book:"):
    for key in ("gs.source.dunbar", "gs.source.seed", "gs.source.subgroups", "gs.source.nielsen"):
        st.markdown(f"- {tr(key)}")
    st.markdown(f"**{tr('gs.assumptions')}**")
    for assumption in gs.ASSUMPTIONS:
        st.markdown(f"- {tr(f'gs.assume.{assumption}')}")

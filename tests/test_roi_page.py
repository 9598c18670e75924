"""The ROI page in zh and en: the team's own figures, the example on one click, levers,
ranges, the link to the group-size calculator and plans saved by the earlier model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators.roi import EXAMPLE, RoiInputs, estimate
from tests.conftest import assert_clean, open_app, open_tab

ROI = "pages/tools/roi.py"
FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "roi_v1_plans.json").read_text())


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def stored(store, plan_id: str) -> dict:
    """The section as it is stored (what the next load validates)."""
    roi = store.get(plan_id).plan.sections.roi
    return {} if roi is None else roi.model_dump(mode="json", exclude_defaults=True)


def test_a_new_plan_starts_empty_and_says_why_roi_is_not_defined(plan_id, shared_store):
    at = open_app(ROI, lang="en", plan=plan_id)
    assert_clean(at)
    assert metric(at, "ROI (base case)") == "not defined"
    assert any("No value lever is on yet" in w.value for w in at.warning)
    assert any("Nothing entered yet" in c.value for c in at.caption)
    assert stored(shared_store, plan_id) == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_example_fills_in_one_click_and_the_headline_names_the_base_case(
    plan_id, shared_store, lang
):
    at = open_app(ROI, lang=lang, plan=plan_id)
    at.button(key="roi.fill").click().run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.sections.roi == RoiInputs.model_validate(EXAMPLE)
    result = estimate(RoiInputs.model_validate(EXAMPLE))
    label = "ROI（基准情景）" if lang == "zh" else "ROI (base case)"
    assert metric(at, label) == f"{result.base.roi_pct:,.1f}%"
    opening = "基准情景" if lang == "zh" else "Base case"
    assert any(m.value.startswith(f"**{opening}") for m in at.markdown)
    note = "示例数字" if lang == "zh" else "the example's figures"
    assert any(note in c.value for c in at.caption)


def test_a_lever_and_its_input_are_saved_with_the_models_version(plan_id, shared_store):
    at = open_app(ROI, lang="zh", plan=plan_id)
    open_tab(at, "roi.inputs_tab", "roi.group.levers", "zh")
    at.toggle(key="sec.roi.support_on").set_value(True).run()
    at.number_input(key="sec.roi.questions_per_month").set_value(1000.0).run()
    at.number_input(key="sec.roi.deflection_pct").set_value(30.0).run()
    at.number_input(key="sec.roi.ticket_cost").set_value(25.0).run()
    open_tab(at, "roi.inputs_tab", "roi.group.costs", "zh")
    at.number_input(key="sec.roi.tools_cost").set_value(5000.0).run()
    assert_clean(at)
    saved = stored(shared_store, plan_id)
    assert saved["support_on"] is True and saved["questions_per_month"] == 1000
    # 1,000 × 30% × 25 = 7,500 a month against 5,000: ROI +50%
    assert metric(at, "ROI（基准情景）") == "50.0%"


def test_a_base_outside_the_teams_range_widens_it(plan_id, shared_store):
    at = open_app(ROI, lang="en", plan=plan_id)
    open_tab(at, "roi.inputs_tab", "roi.group.levers", "en")
    at.toggle(key="sec.roi.other_on").set_value(True).run()
    at.number_input(key="sec.roi.other_profit").set_value(1000.0).run()
    open_tab(at, "roi.inputs_tab", "roi.group.ranges", "en")
    # the range shown is the default ±20%: 800–1,200; setting the low end makes it the team's
    at.number_input(key="sec.roi.ranges.other_profit.low").set_value(900.0).run()
    assert_clean(at)
    assert stored(shared_store, plan_id)["ranges"] == {"other_profit": {"low": 900, "high": 1200}}
    open_tab(at, "roi.inputs_tab", "roi.group.levers", "en")
    at.number_input(key="sec.roi.other_profit").set_value(2000.0).run()
    assert_clean(at)
    assert not at.error
    assert stored(shared_store, plan_id)["ranges"] == {"other_profit": {"low": 900, "high": 2000}}
    open_tab(at, "roi.inputs_tab", "roi.group.ranges", "en")
    # a high end below the base is refused with its reason, and nothing is stored
    at.number_input(key="sec.roi.ranges.other_profit.high").set_value(1500.0).run()
    assert "The base value must lie inside this range (low ≤ base ≤ high)." in [
        e.value for e in at.error
    ]
    assert stored(shared_store, plan_id)["ranges"]["other_profit"]["high"] == 2000
    # the refused value stays in its field when another tab is opened
    open_tab(at, "roi.inputs_tab", "roi.group.members", "en")
    assert at.number_input(key="sec.roi.ranges.other_profit.high").value == 1500.0


def test_the_admins_the_group_size_calculator_recommends_are_offered_for_the_team(
    plan_id, shared_store
):
    shared_store.update(plan_id, {"sections.group_size": {"target_members": 1000}})
    at = open_app(ROI, lang="en", plan=plan_id)
    open_tab(at, "roi.inputs_tab", "roi.group.costs", "en")
    # 1,000 members in 7 groups of at most 150 (143 or 142): 2 admins each → 14
    assert any("recommends 14 admins" in i.value for i in at.info)
    at.button(key="roi.admins").click().run()
    assert_clean(at)
    assert stored(shared_store, plan_id)["team_headcount"] == 14
    assert not any("recommends" in i.value for i in at.info)


def test_inputs_of_the_earlier_model_are_carried_over_with_a_note_in_the_history(
    plan_id, shared_store
):
    old = FIXTURE["own_figures"]["plan"]["sections"]["roi"]
    shared_store.update(plan_id, {"sections.roi": old})
    at = open_app(ROI, lang="en", plan=plan_id)
    assert_clean(at)
    assert any("carried over" in i.value for i in at.info)
    assert any("The baseline is 0%" in w.value for w in at.warning)
    # the figure the earlier model gave, kept
    then = FIXTURE["own_figures"]["computed_then"]["roi_pct"]
    assert metric(at, "ROI (base case)") == f"{then:,.1f}%"
    assert shared_store.get(plan_id).plan.sections.roi.upgraded_from is None
    assert shared_store.revisions(plan_id)[0].source == "upgrade:roi"
    history = open_app("pages/plan/history.py", lang="zh", plan=plan_id)
    assert_clean(history)
    assert "ROI 输入转换为新模型" in history.dataframe[0].value.to_string()


def test_an_emptied_input_is_refused_and_the_saved_figure_stays(plan_id, shared_store):
    at = open_app(ROI, lang="zh", plan=plan_id)
    at.number_input(key="sec.roi.horizon_months").set_value(12).run()
    at.number_input(key="sec.roi.horizon_months").set_value(None).run()
    assert_clean(at)
    assert "此项不能为空。" in [e.value for e in at.error]
    assert stored(shared_store, plan_id)["horizon_months"] == 12


def test_the_cash_chart_draws_the_simulated_band_when_its_tab_is_opened(plan_id, shared_store):
    import pyarrow as pa

    from calculators.roi import cash_band

    at = open_app(ROI, lang="en", plan=plan_id)
    at.button(key="roi.fill").click().run()
    levers_only = at.get("vega_lite_chart")
    assert len(levers_only) == 1 and "p10" not in levers_only[0].proto.spec
    open_tab(at, "roi.results_tab", "roi.chart.cash", "en")
    assert_clean(at)
    data = RoiInputs.model_validate(EXAMPLE)
    result = estimate(data)
    band = result.band
    p10, p50, p90 = (f"{x:,.1f}%" for x in (band.roi_p10, band.roi_p50, band.roi_p90))
    assert any(f"{p10} / {p50} / {p90} at P10" in c.value for c in at.caption)
    (chart,) = [c for c in at.get("vega_lite_chart") if "p10" in c.proto.spec]
    drawn = {}
    for named in chart.proto.datasets:
        table = pa.ipc.open_stream(named.data.data).read_all()
        if "p10" in table.column_names:
            drawn = table.to_pydict()
    assert drawn["p10"] == pytest.approx(cash_band(data).p10)
    assert drawn["p90"] == pytest.approx(result.cash.p90)

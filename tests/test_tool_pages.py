"""The calculator pages: results shown, inputs saved in the plan, bad input refused."""

from __future__ import annotations

from tests.conftest import assert_clean, open_app

GS = "pages/tools/group_size.py"
ROI = "pages/tools/roi.py"


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_group_size_shows_the_example_until_the_team_enters_its_own(plan_id, shared_store):
    at = open_app(GS, lang="zh", plan=plan_id)
    assert_clean(at)
    assert metric(at, "子群数量") == "7"  # 1,000 members, groups of at most 150
    at.number_input(key="sec.group_size.target_members").set_value(40).run()
    assert_clean(at)
    assert metric(at, "子群数量") == "1"
    assert shared_store.get(plan_id).plan.sections.group_size == {"target_members": 40}
    fresh = open_app(GS, lang="en", plan=plan_id)
    assert fresh.number_input(key="sec.group_size.target_members").value == 40
    assert any("Semi-acquaintance" in s.value for s in fresh.success)


def test_choosing_a_platform_saves_its_group_cap(plan_id, shared_store):
    at = open_app(GS, lang="en", plan=plan_id)
    at.selectbox(key="sec.group_size.platform").set_value("wecom").run()
    at.radio(key="sec.group_size.closeness").set_value("broad").run()
    assert_clean(at)
    saved = shared_store.get(plan_id).plan.sections.group_size
    assert (saved["platform"], saved["group_cap"], saved["closeness"]) == ("wecom", 200, "broad")
    assert metric(at, "Groups") == "5"  # 1,000 / 200
    assert at.number_input(key="sec.group_size.group_cap").value == 200


def test_an_emptied_input_is_refused_and_the_last_result_stays(plan_id, shared_store):
    at = open_app(GS, lang="zh", plan=plan_id)
    at.number_input(key="sec.group_size.target_members").set_value(300).run()
    at.number_input(key="sec.group_size.target_members").set_value(None).run()
    assert_clean(at)
    assert "此项不能为空。" in [e.value for e in at.error]
    assert shared_store.get(plan_id).plan.sections.group_size == {"target_members": 300}
    assert metric(at, "子群数量") == "2"  # still the result for 300 members


def test_roi_page_shows_results_and_saves_an_input(plan_id, shared_store):
    at = open_app(ROI, lang="en", plan=plan_id)
    assert_clean(at)
    assert metric(at, "ROI").endswith("%")
    assert metric(at, "Payback month") == "month 20"
    at.number_input(key="sec.roi.monthly_churn_pct").set_value(3.0).run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.sections.roi == {"monthly_churn_pct": 3.0}
    assert any("overstates the community's effect" in w.value for w in at.warning)


def test_a_base_value_outside_its_range_is_refused(plan_id, shared_store):
    at = open_app(ROI, lang="zh", plan=plan_id)
    before = metric(at, "ROI")
    at.number_input(key="sec.roi.buyer_share_pct").set_value(50.0).run()  # range is 10–20
    assert_clean(at)
    assert "基准值必须落在这个范围内（低 ≤ 基准 ≤ 高）。" in [e.value for e in at.error]
    assert shared_store.get(plan_id).plan.sections.roi is None
    assert metric(at, "ROI") == before
    # widening the range first makes the same value acceptable
    at.number_input(key="sec.roi.ranges.buyer_share_pct.high").set_value(60.0).run()
    at.number_input(key="sec.roi.buyer_share_pct").set_value(50.0).run()
    assert not at.error
    saved = shared_store.get(plan_id).plan.sections.roi
    assert saved == {"buyer_share_pct": 50.0, "ranges": {"buyer_share_pct": {"high": 60.0}}}


def test_a_range_whose_low_end_passes_the_high_end_is_refused(plan_id, shared_store):
    at = open_app(ROI, lang="en", plan=plan_id)
    at.number_input(key="sec.roi.ranges.monthly_churn_pct.low").set_value(9.0).run()
    assert_clean(at)
    messages = [e.value for e in at.error]
    assert "The low end of a range cannot be above the high end." in messages or (
        "The base value must lie inside this range (low ≤ base ≤ high)." in messages
    )
    assert shared_store.get(plan_id).plan.sections.roi is None

"""The calculator pages: results shown, inputs saved in the plan, bad input refused."""

from __future__ import annotations

from tests.conftest import assert_clean, open_app

GS = "pages/tools/group_size.py"


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_group_size_shows_the_example_until_the_team_enters_its_own(plan_id, shared_store):
    at = open_app(GS, lang="zh", plan=plan_id)
    assert_clean(at)
    assert metric(at, "群数量") == "7"  # 1,000 members, groups of at most 150
    at.number_input(key="sec.group_size.target_members").set_value(40).run()
    assert_clean(at)
    assert metric(at, "群数量") == "1"
    assert shared_store.get(plan_id).plan.sections.group_size.model_dump() == {"target_members": 40}
    fresh = open_app(GS, lang="en", plan=plan_id)
    assert fresh.number_input(key="sec.group_size.target_members").value == 40
    assert any("Semi-acquaintance" in s.value for s in fresh.success)
    # a group of 40 talks by itself: one topic and one event, said in the singular
    rhythm = next(i.value for i in fresh.info if "Suggested rhythm" in i.value)
    assert "one discussion topic a week and one themed event a month" in rhythm
    assert "cross-group" not in rhythm


def test_choosing_a_platform_saves_its_group_cap(plan_id, shared_store):
    at = open_app(GS, lang="en", plan=plan_id)
    at.selectbox(key="sec.group_size.platform").set_value("wecom").run()
    at.radio(key="sec.group_size.closeness").set_value("broad").run()
    assert_clean(at)
    saved = shared_store.get(plan_id).plan.sections.group_size
    assert saved is not None
    assert (saved.platform, saved.group_cap, saved.closeness) == ("wecom", 500, "broad")
    assert metric(at, "Groups") == "2"  # 1,000 / 500 (WeCom customer groups since 3.1.0)
    assert at.number_input(key="sec.group_size.group_cap").value == 500
    assert any("3.1.0" in c.value for c in at.caption)
    # two discussion groups of 500 are told why and how to divide them
    assert any("Divide it into sub-groups" in e.value for e in at.error)
    at.radio(key="sec.group_size.purpose").set_value("service").run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.sections.group_size.purpose == "service"
    assert not at.error
    assert any("not wrong" in i.value for i in at.info)


def test_group_size_lists_its_assumptions_with_their_basis(plan_id):
    at = open_app(GS, lang="en", plan=plan_id)
    text = " ".join(m.value for m in at.markdown)
    assert "This tool's assumptions" in text
    for phrase in ("two opinion leaders", "promotion caps", "Topics and events", "admin ratio"):
        assert phrase in text


def test_an_emptied_input_is_refused_and_the_last_result_stays(plan_id, shared_store):
    at = open_app(GS, lang="zh", plan=plan_id)
    at.number_input(key="sec.group_size.target_members").set_value(300).run()
    at.number_input(key="sec.group_size.target_members").set_value(None).run()
    assert_clean(at)
    assert "此项不能为空。" in [e.value for e in at.error]
    assert shared_store.get(plan_id).plan.sections.group_size.model_dump() == {
        "target_members": 300
    }
    assert metric(at, "群数量") == "2"  # still the result for 300 members

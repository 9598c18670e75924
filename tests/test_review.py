"""Plan health review: every rule fires on a plan that breaks it and not on a sound plan."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.content import content
from playbook.plan import Plan, apply_changes, new_plan_id
from playbook.review import RULES, WEIGHT, Context, review, severity_of

TODAY = date(2026, 11, 23)

SOUND = {
    "answers.target.summary": "已提车的车主",
    "answers.value.summary": "用车问题有人答",
    "answers.value.practical": "30 分钟内答疑",
    "answers.structure.core_members": "各城市 3–5 名群委",
    "answers.structure.group_size": 40,
    "answers.culture.rules": "不发广告，不人身攻击",
    "answers.bonds.events": "每月城市车主沙龙",
    "answers.operations.promo_per_week": 1,
    "answers.operations.roles": "两名运营轮班",
    "answers.operations.crisis": "10 分钟内私聊接手",
    "answers.data.privacy": "入群告知并征得同意",
    "answers.data.sources": ["profiles", "events"],
    "answers.entry.screening": "凭车架号入群",
    "answers.entry.online": ["own_app"],
    "answers.entry.offline": ["stores"],
    "answers.ecosystem.readiness": "not_yet",
    "answers.acquisition.online_methods": ["need_content"],
    "answers.acquisition.first_members": "从 2025 年的 200 位老车主里邀请 30 位",
    "sections.kpis.engagement": {"on": True, "target": "≥ 30%"},
    "sections.roadmap": {
        "started": True,
        "platforms": ["wechat_group"],
        "tasks": {
            "t1": {
                "step": "positioning",
                "title": "访谈 10 位车主",
                "owner": "王五",
                "start": "2026-11-01",
                "due": "2026-12-01",
                "status": "doing",
            }
        },
    },
}


def plan_with(changes: dict, stage: str = "cold_start") -> Plan:
    from playbook.plan import PlanMeta

    meta = PlanMeta(team="团队", community="社群", industry="automotive", stage=stage)
    return apply_changes(Plan(id=new_plan_id(), meta=meta), SOUND | changes)


def fired(plan: Plan) -> dict[str, str]:
    return {f.rule: f.severity for f in review(plan, content(), TODAY).findings}


WITH_TOOLS = {
    "sections.group_size": {"target_members": 40, "admins_available": 1},
    "sections.roi": {"setup_cost": 0},
}


def test_a_sound_plan_passes_every_check():
    result = review(plan_with({}), content(), TODAY)
    assert result.findings == []
    # the calculators are not used: their checks wait, and the score leaves their weight out
    assert {f.rule for f in result.passes} == {r.id for r in RULES} - {
        "admin_shortfall",
        "negative_roi",
    }
    assert (result.passed, result.unchecked, result.total) == (len(RULES) - 2, 2, len(RULES))
    # cold start: admin_shortfall is a warning (3) and negative_roi a suggestion (1)
    total = sum(WEIGHT[severity_of(r, Context(plan_with({}), content(), TODAY))] for r in RULES)
    assert result.score == round(100 * (total - 4) / total)


def test_a_sound_plan_that_uses_both_calculators_scores_100():
    result = review(plan_with(WITH_TOOLS), content(), TODAY)
    assert result.findings == [] and result.unchecked == 0
    assert (result.score, result.passed) == (100, len(RULES))


def test_there_are_at_least_fifteen_rules():
    assert len(RULES) >= 15
    assert len({r.id for r in RULES}) == len(RULES)


TASK = SOUND["sections.roadmap"]["tasks"]["t1"]
BREAKS = {
    "no_target": {"answers.target.summary": ""},
    "no_member_value": {"answers.value.summary": "", "answers.value.practical": ""},
    "no_core_members": {"answers.structure.core_members": ""},
    "oversize_group_no_split": {"answers.structure.group_size": 300},
    "no_rules_above_50": {"answers.structure.group_size": 80, "answers.culture.rules": ""},
    "over_marketing": {"answers.operations.promo_per_week": 5},
    "no_promo_limit": {"answers.operations.promo_per_week": None},
    "no_privacy": {"answers.data.privacy": ""},
    "no_data_sources": {"answers.data.sources": []},
    "no_entry_screening": {"answers.entry.screening": ""},
    "single_entry": {"answers.entry.offline": []},
    "no_operating_team": {"answers.operations.roles": ""},
    "no_crisis_plan": {"answers.operations.crisis": ""},
    "no_kpi_target": {"sections.kpis.engagement": {"on": True, "target": " "}},
    "no_roadmap": {"sections.roadmap": {"platforms": ["wechat_group"]}},
    "task_without_owner": {"sections.roadmap.tasks.t1": TASK | {"owner": ""}},
    "overdue_tasks": {"sections.roadmap.tasks.t1": TASK | {"due": "2026-11-20"}},
    "no_platform_choice": {"sections.roadmap.platforms": []},
    "admin_shortfall": {"sections.group_size": {"target_members": 1000, "admins_available": 0}},
    "negative_roi": {"sections.roi": {"setup_cost": 1e9}},
    "ecosystem_too_early": {"answers.ecosystem.readiness": "open_platform"},
    "no_seed_members": {"answers.acquisition.first_members": ""},
    "example_text_left": {"answers.culture.rules": "【示例，请改成你们的内容】不发广告"},
    "no_acquisition_methods": {"answers.acquisition.online_methods": []},
    "large_service_group_no_core": {
        "answers.structure.group_size": 400,
        "answers.structure.group_purpose": "service",
    },
}


def test_every_rule_has_a_breaking_case():
    assert set(BREAKS) == {r.id for r in RULES}


@pytest.mark.parametrize("rule_id", sorted(BREAKS))
def test_each_rule_fires_when_the_plan_breaks_it(rule_id):
    assert rule_id in fired(plan_with(BREAKS[rule_id]))


@pytest.mark.parametrize("rule_id", sorted(BREAKS))
def test_each_finding_has_a_message_in_both_languages(rule_id):
    from playbook.i18n import t

    finding = next(
        f
        for f in review(plan_with(BREAKS[rule_id]), content(), TODAY).findings
        if f.rule == rule_id
    )
    for lang in ("zh", "en"):
        message = t(f"review.{rule_id}", lang, **finding.values)
        assert message and "…" not in message


def test_a_done_task_is_never_overdue():
    done = TASK | {"due": "2026-11-20", "status": "done"}
    assert "overdue_tasks" not in fired(plan_with({"sections.roadmap.tasks.t1": done}))


def test_a_large_group_with_sub_groups_planned_is_fine():
    plan = plan_with(
        {"answers.structure.group_size": 300, "answers.structure.layers": "按城市拆分"}
    )
    assert "oversize_group_no_split" not in fired(plan)


def test_thresholds_and_severities_follow_the_lifecycle_stage():
    twice = {"answers.operations.promo_per_week": 2}
    assert "over_marketing" in fired(plan_with(twice, "cold_start"))  # limit 1
    assert "over_marketing" not in fired(plan_with(twice, "mature"))  # limit 3
    no_data = BREAKS["no_data_sources"]
    assert fired(plan_with(no_data, "cold_start"))["no_data_sources"] == "info"
    assert fired(plan_with(no_data, "growing"))["no_data_sources"] == "warning"
    assert fired(plan_with(no_data, "mature"))["no_data_sources"] == "critical"
    opening = BREAKS["ecosystem_too_early"]
    assert "ecosystem_too_early" not in fired(plan_with(opening, "mature"))


@pytest.mark.parametrize("stage", ["cold_start", "growing", "mature"])
def test_an_empty_plan_scores_at_most_10_and_lists_critical_findings_first(stage):
    from playbook.plan import PlanMeta

    meta = PlanMeta(team="t", community="c", industry="other", stage=stage)
    result = review(Plan(id=new_plan_id(), meta=meta), content(), TODAY)
    assert result.score <= 10
    assert result.score == 0 and result.passes == []  # nothing filled, nothing earned
    severities = [f.severity for f in result.findings]
    assert severities == sorted(severities, key=["critical", "warning", "info"].index)


def test_the_score_grows_with_what_is_filled_and_sound():
    from playbook.plan import PlanMeta

    meta = PlanMeta(team="t", community="c", industry="other")
    empty = Plan(id=new_plan_id(), meta=meta)
    one = apply_changes(empty, {"answers.target.summary": "已提车的车主"})
    result = review(one, content(), TODAY)
    # the target is written in the team's own words: a critical check (5) and the
    # example-text check (a warning, 3) are earned
    assert [f.rule for f in result.passes] == ["no_target", "example_text_left"]
    weights = sum(WEIGHT[severity_of(r, Context(one, content(), TODAY))] for r in RULES)
    assert result.score == round(100 * (5 + 3) / weights)


@pytest.mark.parametrize("stage", ["cold_start", "growing", "mature"])
def test_a_400_member_after_sales_group_is_never_critical(stage):
    service = {"answers.structure.group_size": 400, "answers.structure.group_purpose": "service"}
    found = fired(plan_with(service, stage))
    assert "oversize_group_no_split" not in found
    assert found["large_service_group_no_core"] == "info"
    with_core = service | {"answers.structure.layers": "另建 40 人的老车主核心群"}
    assert "large_service_group_no_core" not in fired(plan_with(with_core, stage))


def test_a_400_member_discussion_group_needs_sub_groups_as_a_warning():
    found = fired(plan_with({"answers.structure.group_size": 400}))
    assert found["oversize_group_no_split"] == "warning"
    assert "large_service_group_no_core" not in found


def test_the_calculator_purpose_overrides_the_wizard_answer():
    calc = {
        "sections.group_size": {
            "target_members": 400,
            "closeness": "broad",
            "purpose": "service",
            "admins_available": 9,
        },
        "answers.structure.group_purpose": "discussion",
    }
    found = fired(plan_with(calc))
    assert "oversize_group_no_split" not in found and "large_service_group_no_core" in found
    before = {k: v for k, v in calc["sections.group_size"].items() if k != "purpose"}
    old_saved = calc | {"sections.group_size": before}
    # a plan saved before groups had a purpose counts as discussion groups
    assert "oversize_group_no_split" in fired(plan_with(old_saved))


def test_seed_members_are_critical_at_cold_start_only():
    missing = BREAKS["no_seed_members"]
    assert fired(plan_with(missing, "cold_start"))["no_seed_members"] == "critical"
    assert fired(plan_with(missing, "growing"))["no_seed_members"] == "warning"

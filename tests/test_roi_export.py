"""The ROI section of the exported plan reads the same model and figures as the page."""

from __future__ import annotations

from datetime import date

import pytest

from calculators.roi import EXAMPLE, RoiInputs
from playbook import roi_report
from playbook.content import content
from playbook.export.build import build_document
from playbook.export.markdown_writer import to_markdown
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id

TODAY = date(2026, 11, 23)


def plan_with(roi_section: dict) -> Plan:
    meta = PlanMeta(team="团队", community="社群", industry="automotive")
    return apply_changes(Plan(id=new_plan_id(), meta=meta), {"sections.roi": roi_section})


def markdown(plan: Plan, lang: str) -> str:
    return to_markdown(build_document(plan, content(), lang, TODAY, with_charts=False))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_document_shows_the_base_case_beside_p50_and_value_by_lever(lang):
    plan = plan_with(EXAMPLE)
    text = markdown(plan, lang)
    data = RoiInputs.model_validate(EXAMPLE)
    result = roi_report.estimate_for(data)
    expected = roi_report.headline(data, result, lang)
    assert expected.split(":")[0].split("：")[0] in text.replace("\\", "")
    for _, value, _ in roi_report.lever_rows(result.base, lang):
        assert value in text.replace("\\", "")
    assert ("Forj" in text) and ("Higher Logic" in text)


def test_a_plan_saved_by_the_earlier_model_exports_with_a_carry_over_note():
    text = markdown(plan_with({"monthly_churn_pct": 3.0}), "en").replace("\\", "")
    assert "carried over from the earlier ROI model" in text
    assert "ROI 19.5%" in text  # the figure the earlier model gave this plan


def test_a_near_zero_churn_plan_exports_without_failing():
    # problem 6: churn ≤ 1e-294% made LTV infinite and broke the Markdown export
    section = EXAMPLE | {"member_churn_pct": 1e-296, "churn_gap_pts": 0}
    text = markdown(plan_with(section), "en").replace("\\", "")
    ltv = roi_report.estimate_for(RoiInputs.model_validate(section)).base.ltv
    # a member stays the whole horizon: 24 months, finite
    assert f"Member LTV (incremental):** {roi_report.money(ltv, 'en')}" in text
    assert "expected stay within the horizon is 24.0 months" in text

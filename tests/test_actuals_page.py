"""The actuals page in both languages: dashboard, entry table, import view; the home page's
small lines and the review's findings on numbers."""

from __future__ import annotations

import re
from datetime import date

import pytest

from playbook.actuals import of_plan
from playbook.actuals_import import preview
from playbook.actuals_table import import_changes as changes
from tests.conftest import ROOT, assert_clean, open_app

PAGE = "pages/plan/actuals.py"


@pytest.fixture
def imported(plan_id, shared_store):
    """A plan with KPI targets, a business case and two months of WeCom statistics."""
    shared_store.update(
        plan_id,
        {
            "sections.kpis.engagement": {"on": True, "target": "≥ 30%"},
            "sections.kpis.retention": {"on": True, "metric": "churn_rate", "target": "< 3%"},
            "sections.kpis.support": {"on": True, "metric": "first_response_minutes"},
            "sections.roi": {"member_churn_pct": 2},
        },
    )
    data = (ROOT / "tests" / "data" / "wecom_group_stats.csv").read_bytes()
    found = preview(data, "wecom.csv", "month", date(2026, 11, 23), {})
    plan = shared_store.get(plan_id).plan
    shared_store.update(plan_id, changes(found, of_plan(plan), "month"), source="import")
    return plan_id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_plan_says_how_to_record_numbers(plan_id, lang):
    at = open_app(PAGE, lang=lang, plan=plan_id)
    assert_clean(at)
    expected = {"zh": "还没有记录任何周期的数据", "en": "No period has been recorded yet"}[lang]
    assert any(expected in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dashboard_shows_every_kpi_the_metrics_and_the_business_case(imported, lang):
    at = open_app(PAGE, lang=lang, plan=imported)
    assert_clean(at)
    markdown = " ".join(m.value for m in at.markdown)
    labels = {
        "zh": ("参与率", "流失率", "首次响应时长"),
        "en": ("Participation rate", "Churn rate", "First response time"),
    }
    for label in labels[lang]:
        assert label in markdown
    metrics = {m.label: m.value for m in at.metric}
    participation = "参与率" if lang == "zh" else "Participation rate"
    assert metrics[participation] == "29.4%"  # 100 / 340
    assert len(at.get("vega_lite_chart")) == 2  # the two KPI lines that have numbers
    at.segmented_control(key="act.view").set_value("case").run()
    assert len(at.get("vega_lite_chart")) == 3  # members, revenue, cash beside the case
    at.segmented_control(key="act.view").set_value("report").run()
    assert_clean(at)
    assert len(at.get("download_button")) == 4  # the monthly report in four formats
    undefined = "未定义" if lang == "zh" else "not defined"
    assert undefined not in metrics.values()  # nothing divides by zero here


def _edit(at, edits: dict) -> None:
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []} | edits
    at.run()


def test_typed_numbers_are_saved_and_refused_ones_explained(imported, shared_store):
    at = open_app(PAGE, lang="en", plan=imported)
    at.segmented_control(key="act.view").set_value("data").run()
    assert_clean(at)
    _edit(
        at,
        {
            "edited_rows": {"1": {"events": 3}},
            "added_rows": [{"period": "2026-11", "members": 330}],
        },
    )
    assert_clean(at)
    periods = of_plan(shared_store.get(imported).plan).periods
    assert periods["m2026_10"].events == 3 and periods["m2026_11"].members == 330
    version = shared_store.get(imported).version
    at = open_app(PAGE, lang="en", plan=imported)
    at.segmented_control(key="act.view").set_value("data").run()
    _edit(at, {"edited_rows": {"1": {"posters": 999}}})
    assert "Members who posted cannot outnumber members." in [e.value for e in at.error]
    _edit(at, {"added_rows": [{"period": "Oct"}]})
    assert any("“Oct” is not a period" in e.value for e in at.error)
    assert shared_store.get(imported).version == version


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_import_view_offers_both_templates(imported, lang):
    at = open_app(PAGE, lang=lang, plan=imported)
    at.segmented_control(key="act.view").set_value("import").run()
    assert_clean(at)
    assert len(at.get("download_button")) == 2


def test_home_shows_the_numbers_since_launch_and_review_finds_them(imported):
    at = open_app("pages/plan/home.py", lang="en", plan=imported)
    assert_clean(at)
    assert any(s.value == "Real numbers since launch" for s in at.subheader)
    review = open_app("pages/plan/review.py", lang="en", plan=imported)
    assert_clean(review)
    # churn 8 / 348 = 2.3 % against the business case's 2 %
    shown = [re.sub(r"<[^>]+>", "", str(h.proto.body)) for h in review.get("html")]
    assert any("Churn in 2026-10 was 2.3%" in h and "assumed 2.0%" in h for h in shown)


def test_weekly_actuals_are_charted_by_week_and_reported_by_month(plan_id, shared_store):
    shared_store.update(plan_id, {"sections.kpis.engagement": {"on": True, "target": "≥ 30%"}})
    data = (ROOT / "tests" / "data" / "wecom_quarter.csv").read_bytes()
    found = preview(data, "wecom.csv", "week", date(2026, 11, 23), {})
    plan = shared_store.get(plan_id).plan
    shared_store.update(plan_id, changes(found, of_plan(plan), "week"))
    at = open_app(PAGE, lang="en", plan=plan_id)
    assert_clean(at)
    assert any(m.label == "Participation rate" for m in at.metric)
    at.segmented_control(key="act.view").set_value("report").run()
    assert_clean(at)
    # 1–2 August 2026 fall in ISO week 31, whose Thursday is 30 July: that week is July's
    months = ["2026-10", "2026-09", "2026-08", "2026-07"]
    assert at.selectbox(key="act.report_month").options == months


def test_a_target_typed_with_markup_is_shown_as_typed(imported, shared_store):
    shared_store.update(imported, {"sections.kpis.engagement.target": "**≥ 30%** <b>x</b>"})
    at = open_app(PAGE, lang="en", plan=imported)
    assert_clean(at)
    caption = next(c.value for c in at.caption if "Members who posted" in c.value)
    assert r"\*\*≥ 30%\*\* \<b\>x\</b\>" in caption

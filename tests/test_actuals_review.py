"""Review findings from the recorded numbers, and the monthly operating review."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.actuals import ActualValues
from playbook.content import content
from playbook.export.report import build_report, report_formats
from playbook.plan import Plan, PlanMeta, new_plan_id
from playbook.review import review
from playbook.review_actuals import RULES as ACTUALS_RULES

TODAY = date(2026, 11, 23)


def _plan(periods: dict[str, dict], **sections) -> Plan:
    meta = PlanMeta(
        team="华东用户运营组",
        community="蓝色车主俱乐部",
        industry="automotive",
        platforms=["wecom"],
    )
    data = {"actuals": {"cadence": "month", "periods": periods}} | sections
    return Plan(id=new_plan_id(), meta=meta, sections=data)


def _rules(plan: Plan) -> dict[str, dict]:
    return {
        f.rule: f.values
        for f in review(plan, content(), TODAY).findings
        if f.rule.startswith("actuals_")
    }


def test_no_actuals_no_findings_on_numbers():
    assert _rules(_plan({})) == {}
    without = review(_plan({}), content(), TODAY)
    with_numbers = review(_plan({"m2026_10": {"members": 10}}), content(), TODAY)
    assert with_numbers.total == without.total + len(ACTUALS_RULES)


BREAKS = {
    "actuals_participation_falling": {
        f"m2026_{m:02d}": {"members": 100, "posters": p}
        for m, p in ((6, 40), (7, 35), (8, 30), (9, 25))
    },
    "actuals_net_growth_negative": {"m2026_10": {"new": 1, "left": 5}},
    "actuals_churn_above_plan": {"m2026_10": {"members": 90, "left": 10}},
    "actuals_event_free_group": {
        "m2026_10": {"largest": [{"name": "一群", "size": 80, "events": 0}]}
    },
    "actuals_event_free_month": {"m2026_10": {"members": 160, "groups": 2, "events": 0}},
    "actuals_group_over_cap": {"m2026_10": {"largest": [{"name": "一群", "size": 600}]}},
}


def test_every_rule_on_numbers_fires_and_speaks_both_languages():
    from playbook.i18n import t

    assert set(BREAKS) == {r.id for r in ACTUALS_RULES}
    for rule_id, periods in BREAKS.items():
        values = _rules(_plan(periods, roi={"member_churn_pct": 4}))[rule_id]
        for lang in ("zh", "en"):
            for key in (f"review.{rule_id}", f"act.action.{rule_id}"):
                message = t(key, lang, **values)
                assert message and "…" not in message


def test_participation_falling_three_periods_in_a_row():
    posters = {"m2026_06": 40, "m2026_07": 35, "m2026_08": 30, "m2026_09": 25}
    periods = {k: {"members": 100, "posters": p} for k, p in posters.items()}
    assert _rules(_plan(periods))["actuals_participation_falling"] == {
        "periods": 3,
        "start": "40.0%",
        "end": "25.0%",
    }
    periods["m2026_08"]["posters"] = 36  # a rise in between breaks the run
    assert "actuals_participation_falling" not in _rules(_plan(periods))


def test_negative_net_growth_in_the_latest_period():
    found = _rules(_plan({"m2026_10": {"new": 5, "left": 12, "members": 90}}))
    assert found["actuals_net_growth_negative"] == {"period": "2026-10", "net": -7}


def test_churn_above_the_business_case_assumption():
    periods = {"m2026_10": {"members": 188, "left": 12}}  # 12 / 200 = 6 %
    assert "actuals_churn_above_plan" not in _rules(_plan(periods))  # no business case
    found = _rules(_plan(periods, roi={"member_churn_pct": 4}))
    assert found["actuals_churn_above_plan"] == {
        "period": "2026-10",
        "churn": "6.0%",
        "assumed": "4.0%",
    }
    assert "actuals_churn_above_plan" not in _rules(_plan(periods, roi={"member_churn_pct": 7}))


def test_an_event_free_month_in_a_group_above_fifty():
    groups = [
        {"name": "车主一群", "size": 120, "events": 0},
        {"name": "车主二群", "size": 40, "events": 0},
    ]
    found = _rules(_plan({"m2026_10": {"members": 160, "largest": groups}}))
    assert found["actuals_event_free_group"]["group"] == "车主一群"
    groups[0]["events"] = 1
    assert "actuals_event_free_group" not in _rules(_plan({"m2026_10": {"largest": groups}}))
    # without per-group events: no event at all, 3 groups averaging 70 members
    whole = {"m2026_10": {"members": 210, "groups": 3, "events": 0}}
    assert _rules(_plan(whole))["actuals_event_free_month"]["size"] == 70
    assert "actuals_event_free_month" not in _rules(
        _plan({"m2026_10": {"members": 210, "groups": 3}})
    )


def test_a_group_past_its_platform_cap():
    largest = [{"name": "张敏", "size": 530, "groups": 2}]  # WeCom customer groups: 500
    found = _rules(_plan({"m2026_10": {"largest": largest}}))
    assert found["actuals_group_over_cap"] == {
        "period": "2026-10",
        "group": "张敏",
        "size": 530,
        "cap": 500,
    }
    saved_cap = {"group_cap": 2000, "target_members": 1000, "admins_available": 2}
    assert "actuals_group_over_cap" not in _rules(
        _plan({"m2026_10": {"largest": largest}}, group_size=saved_cap)
    )


def _reviewed_plan() -> Plan:
    periods = {
        "m2026_09": ActualValues(members=244, new=15, left=6, posters=59, messages=555).model_dump(
            exclude_none=True
        ),
        "m2026_10": ActualValues(
            members=240, new=4, left=8, posters=50, messages=500, events=0, groups=3
        ).model_dump(exclude_none=True),
    }
    kpis = {
        "engagement": {"on": True, "target": "≥ 30%"},
        "retention": {"on": True, "metric": "churn_rate", "target": "< 3%"},
    }
    return _plan(periods, kpis=kpis)


def test_the_monthly_report_has_kpis_changes_findings_and_actions():
    document = build_report(_reviewed_plan(), "m2026_10", "en", TODAY)
    titles = [s.title for s in document.sections]
    assert titles == ["KPIs against target", "What changed", "Top findings", "Next actions"]
    kpi_rows = document.sections[0].blocks[0].rows
    # participation 50 / 240 = 20.8 % against ≥ 30 %: off target;
    # churn 8 / 248 = 3.2 % over a ceiling of 3 %, within a tenth of it: close
    assert kpi_rows[0][1:] == ["20.8%", "24.2%", "≥ 30%", "Off target"]
    assert kpi_rows[1][1:] == ["3.2%", "2.4%", "< 3%", "Close"]
    changed = document.sections[1].blocks[0]
    assert changed.headers == ["Number", "This month", "Last month", "Change"]
    assert ["Members", "240", "244", "-4"] in changed.rows
    assert "Messages" in [row[0] for row in changed.rows]
    assert ["Groups", "3", "—", "—"] in changed.rows  # recorded in October only
    assert "Members who posted" in [row[0] for row in changed.rows]
    findings = document.sections[2].blocks[0].items
    assert "Warning: Net growth in 2026-10 was -4: more members left than joined." in findings
    assert any("No event was held in 2026-10" in f for f in findings)
    assert any("talk to members who left" in a for a in document.sections[3].blocks[0].items)


def test_the_report_downloads_in_every_document_format():
    plan = _reviewed_plan()
    made = {f.id: f.make() for f in report_formats(plan, "m2026_10", "zh", TODAY)}
    assert made["pdf"].startswith(b"%PDF")
    assert made["docx"].startswith(b"PK")
    assert "月度运营复盘".encode() in made["md"]
    assert b"<!DOCTYPE html>" in made["html"]
    names = [f.file_name for f in report_formats(plan, "m2026_10", "zh", TODAY)]
    assert names[0] == "蓝色车主俱乐部-2026-10.md"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_report_is_one_page(lang):
    import io

    from pypdf import PdfReader

    plan = _reviewed_plan()
    pdf = next(f for f in report_formats(plan, "m2026_10", lang, TODAY) if f.id == "pdf").make()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert ("团队名称：" if lang == "zh" else "Team name: ") in text  # colon in the language

"""The KPI page and the exported document show the same KPIs, from one domain function."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.content import content
from playbook.export.build import build_document
from playbook.export.document import Table
from playbook.kpis import CUSTOM, DEFAULT_CADENCE, kpi_rows
from tests.conftest import assert_clean, open_app

KPIS = {
    # a custom metric with its own formula, no cadence chosen
    "sections.kpis.engagement": {"on": True, "metric": CUSTOM, "formula": "发言人数 ÷ 群成员数"},
    # a suggested metric, nothing else
    "sections.kpis.sales": {"on": True, "metric": "conversion_rate", "target": "≥ 8%"},
    # switched off: in neither
    "sections.kpis.retention": {"on": False, "target": "≤ 3%"},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_kpi_page_and_the_export_agree(shared_store, plan_id, lang):
    shared_store.update(plan_id, KPIS)
    plan = shared_store.get(plan_id).plan
    rows = kpi_rows(plan, content(), lang)
    assert [r.objective.id for r in rows] == ["engagement", "sales"]
    custom, sales = rows
    assert custom.metric == ("自定义指标" if lang == "zh" else "Custom metric")
    assert custom.formula == "发言人数 ÷ 群成员数"
    assert custom.cadence_id == sales.cadence_id == DEFAULT_CADENCE

    at = open_app("pages/plan/kpis.py", lang=lang, plan=plan_id)
    assert_clean(at)
    page = at.dataframe[0].value
    document = build_document(plan, content(), lang, date(2026, 11, 23), with_charts=False)
    title = "KPI 计划" if lang == "zh" else "KPI plan"
    table = next(
        b for s in document.sections if s.title == title for b in s.blocks if isinstance(b, Table)
    )
    # same goals, metrics, formulas and cadences, in the same order
    for column in (0, 2, 3, 5):
        assert list(page.iloc[:, column]) == [r[column] for r in table.rows], column
    assert list(page.iloc[:, 2]) == [r.metric for r in rows]
    assert list(page.iloc[:, 5]) == [r.cadence for r in rows]

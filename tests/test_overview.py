"""The playbook overview: the seeds' frameworks, complete, in both languages and linked to
the wizard steps that put them into practice."""

from __future__ import annotations

import pytest

from playbook.overview import overview
from tests.conftest import assert_clean, open_app

PAGE = "pages/learn/overview.py"


def test_the_frameworks_are_complete():
    frameworks = overview()
    assert [s.id for s in frameworks.strategies] == [
        "positioning",
        "valuable_content",
        "trust_awareness",
        "interaction",
        "data_driven",
    ]
    assert len(frameworks.cautions) == 6
    assert {c.id for c in frameworks.cautions} >= {"stable_team", "keep_stable"}
    assert len(frameworks.traits) == 4
    # strategy 3 keeps brand awareness and sharing industry knowledge
    trust = frameworks.strategies[2]
    assert "brand" in trust.title.en.lower() and "industry knowledge" in trust.point.en
    assert "行业知识" in trust.point.zh


def test_the_wizard_lists_the_frameworks_of_each_step():
    strategies, cautions = overview().for_variable("operations")
    assert [s.id for s in strategies] == ["interaction"]
    assert {c.id for c in cautions} == {"over_marketing", "keep_stable", "stable_team"}
    assert [o.title.en for o in overview().organisation_for("structure")] == [
        "Decentralised and fairly flat",
        "Core members and self-organisation",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_page_shows_every_framework(lang, plan_id):
    at = open_app(PAGE, lang=lang, plan=plan_id)
    assert_clean(at)
    text = " ".join(m.value for m in at.markdown)
    frameworks = overview()
    for item in [*frameworks.traits, *frameworks.strategies, *frameworks.cautions]:
        assert item.title.get(lang) in text
    for part in (frameworks.organisation.flat, frameworks.organisation.self_organising):
        assert part.point.get(lang) in text
    assert [s.value for s in at.subheader] == [
        {"zh": t_zh, "en": t_en}[lang]
        for t_zh, t_en in [
            ("什么是社群营销", "What community marketing is"),
            ("四个特点", "Four traits"),
            ("五项策略", "Five strategies"),
            ("六项注意事项", "Six cautions"),
            ("社群如何组织起来", "How a community organises itself"),
        ]
    ]


def test_the_overview_is_reachable_from_home_and_from_the_wizard(plan_id):
    home = open_app(lang="en", plan=plan_id)
    assert any(link.proto.page == "overview" for link in home.get("page_link"))
    wizard = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    text = " ".join(m.value for m in wizard.markdown)
    assert "Frameworks this step puts into practice" in text
    assert "Clear positioning" in text  # step 1, target members

"""Every figure in the case and platform content carries a source note."""

from __future__ import annotations

import re

import pytest

from playbook.cases import cases
from playbook.content import Text, content

DIGITS = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)*(?![A-Za-z])")  # not "Web3"


def figures(text: Text) -> set[str]:
    return {n.replace(",", "") for lang in (text.zh, text.en) for n in DIGITS.findall(lang)}


@pytest.mark.parametrize("case_id", ["xiaomi", "zhihu"])
def test_every_figure_in_a_case_is_backed_by_a_sourced_fact(case_id):
    case = cases().case(case_id)
    sourced: set[str] = set()
    for fact in case.facts:
        assert fact.source.zh.strip() and fact.source.en.strip()
        sourced |= figures(fact.text)
    told = [*case.story, *case.success, *case.borrow, *case.caveats]
    told += [*case.variables.values(), *case.steps.values()]
    for text in told:
        missing = figures(text) - sourced
        assert not missing, (case_id, missing, text.en)


def test_the_trends_state_no_figures_without_a_source():
    for trend in cases().trends:
        for text in (trend.what, trend.for_plan):
            assert not figures(text), trend.id


def test_every_platform_figure_has_a_dated_source_note():
    for platform in content().platforms:
        stated = set()
        for text in (platform.strengths, platform.limits, platform.audience):
            stated |= figures(text)
        if platform.group_cap is not None:
            stated.add(str(platform.group_cap))
        if not stated:
            continue
        assert platform.cap_note is not None, platform.id
        noted = figures(platform.cap_note)
        assert stated <= noted, (platform.id, stated - noted)
        for lang in ("zh", "en"):
            assert "2026-11-23" in platform.cap_note.get(lang), platform.id


def test_the_wecom_caps_and_what_the_admin_must_switch_on():
    wecom, internal = content().platform("wecom"), content().platform("wecom_internal")
    assert (wecom.group_cap, internal.group_cap) == (500, 2000)
    assert wecom.cap_note is not None and internal.cap_note is not None
    assert "3.1.0" in wecom.cap_note.en and "invited" in wecom.cap_note.en
    assert "200" in internal.cap_note.en and "10,000" in internal.cap_note.en
    assert "Chat Management" in internal.cap_note.en  # where the admin raises the limit


def test_case_facts_that_could_not_be_sourced_are_gone():
    text = " ".join(
        t.zh + t.en
        for c in cases().cases
        for t in [*c.story, *c.variables.values(), *c.steps.values(), *c.borrow]
    )
    for removed in ("同城会", "和用户做朋友", "按票数和影响排序", "你提我改", "city clubs"):
        assert removed not in text
    trends = " ".join(t.for_plan.zh + t.for_plan.en for t in cases().trends)
    assert "你提我改" not in trends
    zhihu = cases().case("zhihu")
    assert len(zhihu.success) == 3  # the source's factors only; the 36Kr detail is a fact

"""Case studies: complete content with sources, the comparison, and copying a pattern."""

from __future__ import annotations

import re

import pytest

from playbook.cases import THIN_SHARE, TooLong, cases, compare, copy_pattern, pattern_field
from playbook.content import content
from playbook.i18n import t
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from tests.conftest import assert_clean, open_app


def blank_plan() -> Plan:
    return Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))


def test_both_cases_read_through_every_variable_and_step():
    library = cases()
    assert {c.id for c in library.cases} == {"xiaomi", "zhihu"}
    for case in library.cases:
        assert set(case.variables) == {v.id for v in content().variables}
        assert set(case.steps) == {s.id for s in content().steps}


def test_every_case_fact_has_a_source_note_in_both_languages():
    for case in cases().cases:
        assert len(case.facts) >= 3
        for fact in case.facts:
            assert fact.source.zh.strip() and fact.source.en.strip()
            assert fact.source.zh != fact.text.zh


def test_a_fact_without_a_source_fails_to_load(tmp_path):
    from pydantic import ValidationError

    from playbook.cases import load_cases
    from playbook.content import CONTENT_DIR

    source = (CONTENT_DIR / "cases.toml").read_text("utf-8")
    sourced = 'source = { zh = "36氪报道，2019 年 11 月 27 日（'
    start = source.index(sourced)
    broken = source[:start] + source[source.index("\n", start) + 1 :]
    assert broken != source
    (tmp_path / "cases.toml").write_text(broken, "utf-8")
    with pytest.raises(ValidationError):
        load_cases(tmp_path)


def test_there_are_five_trends_each_tied_to_a_variable():
    trends = cases().trends
    assert len(trends) == 5
    assert all(t.variable in {v.id for v in content().variables} for t in trends)


def test_compare_marks_empty_and_thin_answers():
    xiaomi = cases().case("xiaomi")
    plan = apply_changes(
        blank_plan(),
        {
            "answers.target.summary": "车主",  # far shorter than the case's answer
            "answers.value.summary": "抢先体验新功能、问题有工程师回应、建议被采纳后公开致谢",
        },
    )
    rows = {r.variable.id: r for r in compare(plan, xiaomi, content(), "zh")}
    assert rows["target"].gap == "thin"
    assert len(rows["target"].team_text) < THIN_SHARE * len(rows["target"].case_text)
    assert rows["value"].gap is None
    assert rows["culture"].gap == "empty" and rows["culture"].team_text == ""


def test_copying_a_pattern_appends_and_never_overwrites():
    zhihu = cases().case("zhihu")
    culture = content().variable("culture")
    field = pattern_field(culture)
    ours = "我们的价值观：互助、真实。"
    plan = apply_changes(blank_plan(), {f"answers.culture.{field}": ours})
    changes = copy_pattern(plan, zhihu, culture, "zh")
    combined = changes[f"answers.culture.{field}"]
    assert combined.startswith(ours)
    assert combined.endswith(zhihu.variables["culture"].zh)
    assert "[参考 知乎圈子]" in combined
    # copying into an empty field just adds the pattern
    fresh = copy_pattern(blank_plan(), zhihu, culture, "en")[f"answers.culture.{field}"]
    assert fresh == f"[Pattern from Zhihu circles] {zhihu.variables['culture'].en}"


def test_copying_into_a_nearly_full_field_is_refused():
    culture = content().variable("culture")
    field = pattern_field(culture)
    plan = apply_changes(blank_plan(), {f"answers.culture.{field}": "字" * 4990})
    with pytest.raises(TooLong):
        copy_pattern(plan, cases().case("xiaomi"), culture, "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_comparison_page_works_on_an_empty_and_a_partly_filled_plan(
    lang, plan_id, shared_store
):
    at = open_app("pages/learn/compare.py", lang=lang, plan=plan_id)
    assert_clean(at)
    assert any(("10" in c.value) for c in at.caption)  # "10 variables empty"
    empty = t("cmp.gap.empty", lang)
    badged = [m.value for m in at.markdown if f"-badge[{empty}]" in m.value]
    assert len(badged) == 10 and all(m.startswith("**") for m in badged)  # under each title
    shared_store.update(
        plan_id, {"answers.target.summary": "车主", "answers.culture.values": "互助"}
    )
    at.run()
    assert_clean(at)


def test_copying_a_pattern_from_the_page_appends_and_is_in_the_history(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.bonds.trust": "我们的承诺"})
    at = open_app("pages/learn/compare.py", lang="zh", plan=plan_id)
    at.button(key="copy.xiaomi.bonds").click().run()
    assert_clean(at)
    record = shared_store.get(plan_id)
    text = record.plan.answer("bonds", "trust")
    assert text.startswith("我们的承诺\n\n[参考 小米社区]")
    assert shared_store.revisions(plan_id)[0].source == "copy:xiaomi"
    assert any("已把小米社区的做法追加到" in s.value for s in at.success)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "page", ["pages/learn/xiaomi.py", "pages/learn/zhihu.py", "pages/learn/trends.py"]
)
def test_case_and_trend_pages_work_without_a_plan(page, lang):
    at = open_app(page, lang=lang)
    assert_clean(at)
    assert at.title


def test_the_wizard_shows_the_case_snippets_for_its_variable(plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id, step="culture")
    shown = " ".join(m.value for m in at.markdown)
    assert cases().case("xiaomi").variables["culture"].en in shown
    assert cases().case("zhihu").variables["culture"].en in shown


def test_copying_twice_says_so_and_the_last_copy_can_be_undone(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.bonds.trust": "我们的承诺"})
    at = open_app("pages/learn/compare.py", lang="zh", plan=plan_id)
    at.button(key="copy.xiaomi.bonds").click().run()
    at.button(key="copy.xiaomi.bonds").click().run()
    assert_clean(at)
    text = shared_store.get(plan_id).plan.answer("bonds", "trust")
    assert text.count("[参考 小米社区]") == 1  # copied once, however often it is clicked
    assert "这个案例的做法已经在该字段里了，无需再次复制。" in [i.value for i in at.info]
    assert not at.error
    # the repeated click leaves the first copy undoable
    next(b for b in at.button if b.label == "撤销这次复制").click().run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("bonds", "trust") == "我们的承诺"

    at = open_app("pages/learn/compare.py", lang="en", plan=plan_id)
    shared_store.update(plan_id, {"answers.bonds.trust": "Our promise"})
    at.button(key="copy.xiaomi.bonds").click().run()
    undo = next(b for b in at.button if b.label == "Undo this copy")
    undo.click().run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("bonds", "trust") == "Our promise"
    assert any("copy was undone" in s.value for s in at.success)


def test_our_answers_are_compared_field_by_field_with_labels(plan_id, shared_store):
    shared_store.update(
        plan_id,
        {"answers.target.summary": "已提车车主", "answers.target.excluded": "只想要优惠券的人"},
    )
    at = open_app("pages/learn/compare.py", lang="zh", plan=plan_id)
    assert_clean(at)
    shown = " ".join(h.proto.body for h in at.get("html"))  # team text, shown as typed
    target = content().variable("target")
    summary_label = target.field("summary").label.zh
    bdi = '<bdi dir="auto">'
    assert f"<strong>{bdi}{summary_label}</bdi></strong>：{bdi}已提车车主</bdi>" in shown
    excluded = target.field("excluded").label.zh
    assert f"<strong>{bdi}{excluded}</bdi></strong>：{bdi}只想要优惠券的人</bdi>" in shown


def test_template_example_text_is_not_counted_as_an_answer():
    from playbook.examples import template_plan

    meta = PlanMeta(team="t", community="c", industry="retail")
    plan = template_plan(meta, "coffee", "zh", content())
    rows = compare(plan, cases().case("xiaomi"), content(), "zh")
    assert {r.gap for r in rows} == {"example"}
    # the team's own words beside the example count; the example does not lengthen them
    plan = apply_changes(plan, {"answers.target.excluded": "只想要优惠券的人"})
    row = next(r for r in compare(plan, cases().case("xiaomi"), content(), "zh"))
    assert row.gap == "thin"


def test_the_compare_page_counts_gaps_without_zero_clauses(shared_store):
    from playbook.examples import template_plan

    meta = PlanMeta(team="t", community="c", industry="retail")
    plan_id = shared_store.insert(template_plan(meta, "coffee", "zh", content())).plan.id
    at = open_app("pages/learn/compare.py", lang="zh", plan=plan_id)
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert "10 个仍只有模板示例。" in captions
    assert not any(re.search(r"(?<!\d)0 个", c) for c in captions)
    at = open_app("pages/learn/compare.py", lang="en", plan=plan_id)
    assert "10 still only the template's example." in [c.value for c in at.caption]

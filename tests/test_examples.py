"""Industry examples: complete for every variable, industry and language; plans started
from a template are pre-filled, marked, shown with their industry's examples, and the
review flags example text the team has not replaced."""

from __future__ import annotations

import re
from datetime import date

import pytest

from playbook.content import content
from playbook.examples import examples, template_plan
from playbook.plan import PlanMeta, apply_changes
from playbook.review import review
from tests.conftest import assert_clean, open_app, open_checklist

SETS = ["automotive", "coffee", "saas", "education", "mother_baby", "local_services"]
TODAY = date(2026, 11, 23)


def test_the_six_industries_are_there():
    assert [s.id for s in examples().sets] == SETS


@pytest.mark.parametrize("set_id", SETS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_variable_has_an_example_answer_context_and_mistake(set_id, lang):
    example_set = examples().get(set_id)
    assert example_set.context.get(lang).strip()
    for variable in content().variables:
        example = example_set.variables[variable.id]
        for text in (example.summary, examples().answer(example_set, variable), example.mistake):
            assert len(text.get(lang).strip()) >= 4


@pytest.mark.parametrize("set_id", SETS)
def test_each_sets_context_says_its_figures_are_illustrations(set_id):
    context = examples().get(set_id).context
    assert "仅为说明" in context.zh and "illustrations" in context.en


@pytest.mark.parametrize("set_id", SETS)
def test_zh_and_en_carry_the_same_figures(set_id):
    """Both languages say the same: the figures (10 and above) in each text match; small
    counts may be words in English ("two baristas")."""
    example_set = examples().get(set_id)

    def numbers(text: str) -> list[str]:
        found = re.findall(r"\d+", text.replace(",", "").replace(":00", ""))
        return sorted(n for n in found if int(n) >= 10)

    for variable in content().variables:
        example = example_set.variables[variable.id]
        for text in (example.summary, examples().answer(example_set, variable), example.mistake):
            assert numbers(text.zh) == numbers(text.en), (set_id, variable.id, text.en)


def test_an_industry_picks_its_set_and_others_fall_back_to_the_first():
    assert examples().for_industry("fmcg").id == "coffee"
    assert examples().for_industry("software_saas").id == "saas"
    assert examples().for_industry("other").id == "automotive"
    listed = [i for s in examples().sets for i in s.industries]
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize("set_id", SETS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_template_plan_is_valid_marked_and_flagged_by_the_review(set_id, lang):
    meta = PlanMeta(team="t", community="c", industry="retail")
    plan = template_plan(meta, set_id, lang, content())
    marker = examples().template.marker.get(lang)
    summaries = [plan.answer(v.id, "summary") for v in content().variables]
    assert all(s.startswith(marker) for s in summaries)
    result = review(plan, content(), TODAY)
    flagged = next(f for f in result.findings if f.rule == "example_text_left")
    assert flagged.values == {"count": 20, "number": 1}  # ten summaries, ten answers
    # example text is not the team's answer: the plan scores as if it were empty
    assert result.score == 0
    assert "no_target" in {f.rule for f in result.findings}


def test_replacing_the_example_text_clears_the_finding():
    meta = PlanMeta(team="t", community="c", industry="fmcg")
    plan = template_plan(meta, "coffee", "zh", content())
    own = {
        f"answers.{v.id}.{f}": f"我们自己的{v.id}·{f}"
        for v in content().variables
        for f in ("summary", examples().template.fields[v.id])
    }
    replaced = apply_changes(plan, own)
    assert examples().example_left(replaced, content()) == []
    result = review(replaced, content(), TODAY)
    assert "example_text_left" not in {f.rule for f in result.findings}
    assert "example_text_left" in {f.rule for f in result.passes}
    # an example copied word for word without the marker is still example text
    copied = apply_changes(
        replaced, {"answers.target.summary": examples().get("saas").variables["target"].summary.en}
    )
    assert examples().example_left(copied, content()) == [("target", "summary")]


@pytest.mark.parametrize("set_id", SETS)
def test_a_plan_created_from_each_template_on_the_home_page(set_id, shared_store):
    industry = examples().get(set_id).industries[0]
    at = open_app(lang="en")
    at.text_input[0].input("Growth team")
    at.text_input[1].input("Our community")
    at.selectbox[0].select(industry)
    at.selectbox[2].select(set_id)  # after industry and time zone
    at.button[0].click().run()
    assert_clean(at)
    assert at.title[0].value == "The ten strategic variables"
    plan = shared_store.get(at.session_state["plan_id"]).plan
    assert plan.answer("target", "summary").startswith("[Example: replace with your own]")
    # the wizard shows this industry's example and says the answers are still examples
    text = " ".join(m.value for m in at.markdown)
    example_set = examples().get(set_id)
    target = content().variable("target")
    assert examples().answer(example_set, target).en in text
    assert example_set.variables["target"].mistake.en in text
    assert any("still holds example text" in w.value for w in at.warning)
    assert any("illustrations" in c.value for c in at.caption)


def test_other_industries_examples_are_one_click_away(plan_id):
    at = open_app("pages/plan/wizard.py", lang="zh", plan=plan_id)
    pills = next(b for b in at.get("button_group") if b.key == "example_set")
    assert pills.value == "automotive"  # the plan's industry
    coffee = examples().get("coffee").variables
    assert coffee["target"].mistake.zh not in " ".join(m.value for m in at.markdown)
    pills.set_value("coffee").run()
    assert_clean(at)
    assert coffee["target"].mistake.zh in " ".join(m.value for m in at.markdown)


def test_a_coffee_plan_shows_coffee_examples_in_the_checklist_and_the_document(shared_store):
    from playbook.export.build import build_document

    meta = PlanMeta(team="t", community="咖啡会员社群", industry="fmcg")
    plan_id = shared_store.create(meta).plan.id
    at = open_app("pages/plan/checklist.py", lang="zh", plan=plan_id)
    open_checklist(at, details=True)
    assert_clean(at)
    coffee = examples().get("coffee")
    captions = " ".join(c.value for c in at.caption)
    assert coffee.variables["acquisition"].mistake.zh in captions
    document = build_document(
        shared_store.get(plan_id).plan, content(), "en", TODAY, with_charts=False
    )
    appendix = next(s for s in document.sections if s.title.startswith("Appendix"))
    rows = next(b for b in appendix.blocks if hasattr(b, "rows")).rows
    assert rows[0][1] == coffee.variables["target"].summary.en
    assert len(rows) == 10


def test_example_text_does_not_make_a_variable_complete():
    from playbook.answers import Status, progress, variable_status

    meta = PlanMeta(team="t", community="c", industry="fmcg")
    plan = template_plan(meta, "coffee", "en", content())
    # every variable holds text, but none of it is the team's own yet
    assert progress(plan, content().variables) == (0, 10)
    target = content().variable("target")
    assert variable_status(plan, target) is Status.STARTED
    own = apply_changes(
        plan,
        {
            "answers.target.summary": "Regulars of our city-centre shops",
            "answers.target.boundary": "customers_only",
            "answers.target.segments": "Office workers and weekend families",
        },
    )
    assert variable_status(own, target) is Status.COMPLETE


def _status_alone(plan, variable):
    """A variable's status worked out on its own, as the playbook defines it: complete when
    every required field holds the team's own text, started when anything is filled."""
    from playbook.answers import Status, is_filled

    template = examples().template
    markers = (template.marker.zh, template.marker.en)
    answers = plan.answers.get(variable.id, {})
    if not any(is_filled(value) for value in answers.values()):
        return Status.EMPTY
    # the fields a template fills: still its example while they start with the marker
    example = {
        field_id
        for field_id in ("summary", template.fields[variable.id])
        if isinstance(answers.get(field_id), str) and answers[field_id].strip().startswith(markers)
    }
    filled = {field_id for field_id, value in answers.items() if is_filled(value)} - example
    required = {f.id for f in variable.fields if f.required}
    return Status.COMPLETE if required <= filled else Status.STARTED


@pytest.mark.parametrize("set_id", ["coffee", "automotive"])
def test_all_statuses_at_once_are_each_variables_own(set_id):
    # the canvas, the wizard's steps and the sidebar ask for all ten at once
    from playbook.answers import Status, completed, statuses
    from playbook.plan import Plan

    meta = PlanMeta(team="t", community="c", industry="fmcg")
    template = template_plan(meta, set_id, "zh", content())
    target = content().variable("target")
    partly_own = apply_changes(
        template,
        {
            "answers.target.summary": "城市中心门店的常客",
            "answers.target.boundary": "customers_only",
            "answers.target.segments": "上班族和周末家庭",
            "answers.bonds.summary": None,
        },
    )
    for plan in (template, partly_own, Plan(id=template.id, meta=meta)):
        at_once = statuses(plan, content().variables)
        assert list(at_once) == [v.id for v in content().variables]
        assert at_once == {v.id: _status_alone(plan, v) for v in content().variables}
    assert statuses(partly_own, content().variables)[target.id] is Status.COMPLETE
    assert completed(statuses(partly_own, content().variables)) == 1

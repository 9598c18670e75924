"""Every page, run through Streamlit's AppTest, in both languages."""

from __future__ import annotations

import pytest

from pages.shared.registry import PAGE_FILES
from playbook.content import content
from playbook.plan import new_plan_id
from tests.conftest import assert_clean, open_app

PAGES = list(PAGE_FILES)  # the registry is the one list of pages
LANGS = ["zh", "en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_a_plan(page, lang):
    at = open_app(page, lang=lang)
    assert_clean(at)
    assert at.title


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_plan(page, lang, plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "<b>车主</b> **粗体**"})
    at = open_app(page, lang=lang, plan=plan_id)
    assert_clean(at)
    if page != "pages/plan/review.py":  # the review shows its findings as error boxes
        assert not at.error
    assert at.query_params["plan"] == [plan_id] or at.query_params["plan"] == plan_id


def test_the_language_follows_the_url_and_the_switch():
    at = open_app(lang="en")
    assert at.title[0].value == "Community Playbook"
    at.segmented_control(key="lang_picker").set_value("zh").run()
    assert at.title[0].value == "社群营销作战手册"
    assert at.query_params["lang"] in ("zh", ["zh"])


def test_an_unknown_plan_id_shows_a_message_and_the_start_forms():
    at = open_app(lang="en", plan=new_plan_id())
    assert_clean(at)
    assert "could not be found" in at.error[0].value
    assert [s.value for s in at.subheader] == [
        "Start a new plan",
        "My recent plans",
        "Open an existing plan",
        "Join a workshop",
    ]


@pytest.mark.parametrize("bad", ["../etc/passwd", "x" * 2000, "<script>alert(1)</script>"])
def test_a_malformed_plan_id_shows_a_message(bad):
    at = open_app(lang="zh", plan=bad)
    assert_clean(at)
    assert "计划编号格式不正确" in at.error[0].value


def test_starting_a_plan_from_the_home_page_opens_the_wizard(shared_store):
    at = open_app(lang="zh")
    at.text_input[0].input("增长组")
    at.text_input[1].input("跑者之家")
    at.selectbox[0].select("health_fitness")
    at.multiselect[0].select("wechat_group")
    at.button[0].click().run()
    assert_clean(at)
    assert at.title[0].value == "十大策略变量"
    plan_id = at.session_state["plan_id"]
    stored = shared_store.get(plan_id).plan
    assert (stored.meta.team, stored.meta.community, stored.meta.platforms) == (
        "增长组",
        "跑者之家",
        ["wechat_group"],
    )


def test_starting_a_plan_without_a_name_explains_what_is_missing(shared_store):
    before = len(shared_store.list_plans(limit=1000))
    at = open_app(lang="en")
    at.button[0].click().run()
    assert_clean(at)
    # each message sits under its field (inside the form), which is marked as required
    form = at.get("form")[0]
    kinds = [type(e).__name__ for e in form.children.values()]
    assert kinds[:6] == ["TextInput", "Error", "TextInput", "Error", "Selectbox", "Error"]
    messages = [e.value for e in form.get("error")]
    assert messages == [
        "This field cannot be empty.",  # team
        "This field cannot be empty.",  # community
        "Please choose one of the listed options.",  # industry
    ]
    assert [w.label for w in at.text_input][:2] == ["Team name *", "Community name *"]
    assert at.selectbox[0].label == "Industry *"
    assert len(shared_store.list_plans(limit=1000)) == before


def test_a_wizard_answer_is_saved_and_shown_to_a_fresh_session(plan_id, shared_store):
    at = open_app("pages/plan/wizard.py", lang="zh", plan=plan_id)
    at.text_input(key="ans.target.summary").input("已提车的车主 🚗").run()
    at.multiselect(key="ans.target.bond_basis").select("interest").select("locality").run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "已提车的车主 🚗"

    fresh = open_app("pages/plan/wizard.py", lang="zh", plan=plan_id)
    assert fresh.text_input(key="ans.target.summary").value == "已提车的车主 🚗"
    assert fresh.multiselect(key="ans.target.bond_basis").value == ["interest", "locality"]


def test_the_wizard_opens_the_step_named_in_the_url_and_moves_on(plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id, step="structure")
    assert at.header[0].value == "5. Circle structure"
    next_button = next(b for b in at.button if b.label == "Next")
    next_button.click().run()
    assert at.header[0].value == "6. Bonds"
    assert at.query_params["step"] in ("bonds", ["bonds"])


def test_text_beyond_a_fields_limit_is_never_stored(plan_id, shared_store):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    # the browser stops typing at max_chars; a crafted message is cut by the server
    at.text_input(key="ans.target.summary").set_value("x" * 250).run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "x" * 200


def test_out_of_range_numbers_are_not_stored(plan_id, shared_store):
    at = open_app("pages/plan/wizard.py", lang="zh", plan=plan_id, step="structure")
    at.number_input(key="ans.structure.group_size").set_value(120).run()
    assert shared_store.get(plan_id).plan.answer("structure", "group_size") == 120
    at.number_input(key="ans.structure.group_size").set_value(-5).run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("structure", "group_size") in (120, None)
    at.number_input(key="ans.structure.group_size").set_value(10**30).run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("structure", "group_size") in (120, None)


def test_a_teammates_edit_appears_on_the_next_run(plan_id, shared_store):
    at = open_app("pages/plan/wizard.py", lang="zh", plan=plan_id)
    assert at.text_input(key="ans.target.summary").value == ""
    shared_store.update(plan_id, {"answers.target.summary": "同事刚写的"})
    at.run()
    assert at.text_input(key="ans.target.summary").value == "同事刚写的"


def test_the_canvas_shows_each_summary_as_plain_text(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.culture.summary": "互助 **真实** <i>折腾</i>"})
    at = open_app(lang="zh", plan=plan_id)
    assert_clean(at)
    shown = [m.value for m in at.markdown]
    assert any("互助 **真实** &lt;i&gt;折腾&lt;/i&gt;" in h.proto.body for h in at.get("html"))
    assert sum("尚未填写" in m for m in shown) == len(content().variables) - 1


def test_a_template_card_names_its_example_once_and_keeps_the_example_words(shared_store):
    from playbook.examples import template_plan
    from playbook.plan import PlanMeta

    meta = PlanMeta(team="t", community="c", industry="retail")
    plan_id = shared_store.insert(template_plan(meta, "coffee", "zh", content())).plan.id
    at = open_app(lang="zh", plan=plan_id)
    assert_clean(at)
    badges = [m.value for m in at.markdown if "示例，待改写" in m.value]
    assert len(badges) == len(content().variables)
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "门店附近的熟客和咖啡爱好者" in shown
    assert "【示例，请改成你们的内容】" not in shown  # the badge says it once


def test_plan_details_are_edited_in_place(plan_id, shared_store):
    at = open_app(lang="en", plan=plan_id)
    # the fields are drawn once their panel is opened
    assert not [w for w in at.text_input if w.key == "meta.team"]
    assert [e for e in at.expander if e.label.startswith("Plan details")]
    at.session_state["home.details"] = True
    at.run()
    at.text_input(key="meta.team").input("Growth team").run()
    at.radio(key="meta.stage").set_value("mature").run()
    meta = shared_store.get(plan_id).plan.meta
    assert (meta.team, meta.stage.value) == ("Growth team", "mature")
    at.text_input(key="meta.team").input("").run()
    assert "This field cannot be empty." in [e.value for e in at.error]
    assert shared_store.get(plan_id).plan.meta.team == "Growth team"
    # the refused input stays in the field until it is corrected, across reruns
    at.run()
    assert at.text_input(key="meta.team").value == ""
    at.text_input(key="meta.team").input("Growth team 2").run()
    assert not at.error
    assert shared_store.get(plan_id).plan.meta.team == "Growth team 2"


def test_opened_panels_stay_open_when_the_language_changes(plan_id):
    at = open_app(lang="en", plan=plan_id)
    at.session_state["home.details"] = True  # the plan details and a link's QR code opened
    at.session_state["qr.view"] = True
    at.run()
    assert at.text_input(key="meta.team").label == "Team name"
    at.segmented_control(key="lang_picker").set_value("zh").run()
    assert_clean(at)
    assert at.text_input(key="meta.team").label != "Team name"  # still drawn, now in Chinese
    assert at.session_state["qr.view"] is True


def test_history_lists_revisions_and_restores_one(plan_id, shared_store):
    shared_store.update(plan_id, {"answers.target.summary": "第一版"})
    shared_store.update(plan_id, {"answers.target.summary": "第二版"})
    at = open_app("pages/plan/history.py", lang="zh", plan=plan_id)
    assert_clean(at)
    table = at.dataframe[0].value
    assert list(table["版本"]) == ["3", "2", "1"]  # store edits carry no window: one each
    at.selectbox(key="history_version").select(2).run()
    restore = next(b for b in at.button if b.label == "恢复第 2 版")
    restore.click().run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "第一版"
    assert "已恢复第 2 版内容，保存为第 4 版。" in [s.value for s in at.success]

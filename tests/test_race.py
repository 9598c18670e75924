"""Two people save the same field: the one whose value was replaced sees the stored
value, a notice quoting their own, and can keep theirs with one click."""

from __future__ import annotations

from tests.conftest import assert_clean, open_app

KEY = "ans.target.summary"


def _notice(at) -> str:
    return " ".join(h.proto.body for h in at.get("html") if "pb-warning" in h.proto.body)


def test_the_replaced_editor_is_told_and_can_keep_theirs(plan_id, shared_store):
    first = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    second = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    first.text_input(key=KEY).input("城市夜跑爱好者").run()
    second.text_input(key=KEY).input("新手车主").run()  # saved later: it wins
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "新手车主"

    first.run()  # the first editor's next run
    assert_clean(first)
    assert first.text_input(key=KEY).value == "新手车主"  # the field shows what is stored
    assert "What you saved was: <bdi" in _notice(first) and "城市夜跑爱好者" in _notice(first)
    first.button(key=f"race.keep.{KEY}").click().run()
    assert shared_store.get(plan_id).plan.answer("target", "summary") == "城市夜跑爱好者"
    first.run()
    assert first.text_input(key=KEY).value == "城市夜跑爱好者"
    assert _notice(first) == ""


def test_a_replaced_multi_select_is_quoted_by_its_labels(plan_id, shared_store):
    key = "ans.target.bond_basis"
    first = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    second = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    first.multiselect(key=key).set_value(["interest"]).run()
    second.multiselect(key=key).set_value(["profession"]).run()
    first.run()
    assert first.multiselect(key=key).value == ["profession"]
    from playbook.content import content

    label = content().variable("target").field("bond_basis").option_label("interest", "en")
    assert f'What you saved was: <bdi dir="auto">{label}</bdi>' in _notice(first)
    first.button(key=f"race.theirs.{key}").click().run()
    assert _notice(first) == ""
    assert shared_store.get(plan_id).plan.answer("target", "bond_basis") == ["profession"]


def test_no_notice_for_ones_own_later_edit(plan_id):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    at.text_input(key=KEY).input("一").run()
    at.text_input(key=KEY).input("二").run()
    at.run()
    assert _notice(at) == ""

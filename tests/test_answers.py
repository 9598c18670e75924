"""Answers are checked against their field before they are stored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook.answers import Status, clean_answer, progress, variable_status
from playbook.content import content
from playbook.i18n import error_messages
from playbook.plan import Plan, apply_changes, new_plan_id


def spec(variable, field):
    return content().variable(variable).field(field)


def test_text_is_cleaned_and_capped():
    assert (
        clean_answer(spec("target", "segments"), " 通勤车主\x07\n家庭用户 ") == "通勤车主\n家庭用户"
    )
    with pytest.raises(ValidationError) as exc:
        clean_answer(spec("target", "segments"), "字" * 5001)
    assert error_messages(exc.value, "zh") == ["内容过长：最多 5000 个字符。"]
    assert error_messages(exc.value, "en") == ["Too long: at most 5000 characters."]


def test_a_one_line_answer_loses_its_line_breaks():
    assert clean_answer(spec("target", "summary"), "已购\n车主") == "已购 车主"


def test_choices_accept_only_listed_options_and_drop_repeats():
    field = spec("value", "benefit_types")
    assert clean_answer(field, ["points", "learning", "points"]) == ["points", "learning"]
    with pytest.raises(ValidationError) as exc:
        clean_answer(field, ["points", "bitcoin"])
    assert error_messages(exc.value, "en") == ["Please choose one of the listed options."]


def test_a_single_choice_may_be_cleared():
    field = spec("target", "boundary")
    assert clean_answer(field, None) is None
    assert clean_answer(field, "customers_only") == "customers_only"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (-5, "数值过小：不能小于 1。"),
        (10**30, "数值过大：不能大于 100000。"),
        (float("nan"), "请输入数字。"),
        ("三十", "请输入整数。"),
        (2.5, "请输入整数。"),
    ],
)
def test_numbers_out_of_range_get_a_translated_message(raw, message):
    with pytest.raises(ValidationError) as exc:
        clean_answer(spec("structure", "group_size"), raw)
    assert error_messages(exc.value, "zh") == [message]


@given(st.integers(1, 100_000))
def test_numbers_in_range_are_kept(n):
    assert clean_answer(spec("structure", "group_size"), n) == n


def test_a_variable_is_complete_when_its_required_fields_are_filled(meta):
    target = content().variable("target")
    plan = Plan(id=new_plan_id(), meta=meta)
    assert variable_status(plan, target) is Status.EMPTY
    plan = apply_changes(plan, {"answers.target.summary": "车主"})
    assert variable_status(plan, target) is Status.STARTED
    plan = apply_changes(
        plan, {"answers.target.boundary": "customers_only", "answers.target.segments": "通勤车主"}
    )
    assert variable_status(plan, target) is Status.COMPLETE
    assert progress(plan, content().variables) == (1, 10)

"""Counts in UI sentences: the word form follows the number, and zero clauses are left out."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from playbook.i18n import Count, counts, strings, t

NUMBER = st.integers(min_value=0, max_value=100_000)


@given(NUMBER)
def test_an_english_count_takes_the_singular_only_for_one(n):
    text = t("review.overdue_tasks", "en", count=n, first="x")
    if n == 0:
        return  # a task list with nothing overdue raises no finding
    assert text.startswith(f"{n} task is overdue" if n == 1 else f"{n} tasks are overdue")


def test_a_count_formats_like_a_number_otherwise():
    assert f"{Count(1500):,}" == "1,500"
    assert format(Count(2), "group|groups") == "groups"
    assert format(Count(1), "group|groups") == "group"


def test_a_zero_count_reads_as_a_sentence_of_its_own():
    assert t("review.single_entry", "zh", count=0).startswith("还没有选择入口")
    assert t("review.single_entry", "en", count=0).startswith("No entry point chosen yet")
    assert t("review.single_entry", "en", count=1).startswith("Only 1 entry point chosen.")


@given(NUMBER, NUMBER, NUMBER)
def test_a_sentence_of_counts_has_no_zero_clause(passed, failed, unchecked):
    numbers = {"passed": passed, "failed": failed, "unchecked": unchecked}
    total = passed + failed + unchecked
    for lang in ("zh", "en"):
        text = counts("rv.checks", lang, numbers, total=total)
        assert not re.search(r"(?<![\d,])0 ", text.replace(f"{total}", "")), text
        for n in numbers.values():
            if n:
                assert str(n) in text
        assert "(s)" not in text
        if lang == "en" and sum(1 for n in numbers.values() if n) >= 2:
            assert " and " in text


@given(NUMBER, NUMBER, NUMBER)
def test_the_compare_summary_names_only_the_gaps_there_are(empty, example, thin):
    numbers = {"empty": empty, "example": example, "thin": thin}
    for lang in ("zh", "en"):
        text = counts("cmp.gaps", lang, numbers)
        if not any(numbers.values()):
            assert text == t("cmp.gaps.none", lang)
        assert not re.search(r"(?<!\d)0 ", text), text


def test_no_english_string_leaves_the_plural_to_the_reader():
    assert [key for key, text in strings().items() if "(s)" in text.en] == []

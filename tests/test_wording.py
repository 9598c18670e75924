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


def _tooltips(spec: object) -> list[dict]:
    """Every tooltip entry of a Vega-Lite spec, wherever a layer puts it."""
    found: list[dict] = []
    if isinstance(spec, dict):
        tip = spec.get("tooltip")
        if isinstance(tip, list):
            found += [x for x in tip if isinstance(x, dict)]
        elif isinstance(tip, dict) and "field" in tip:
            found.append(tip)
        for value in spec.values():
            found += _tooltips(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _tooltips(value)
    return found


def test_chart_tooltips_carry_titles_in_the_pages_language_and_the_due_date():
    import json
    from datetime import date

    from calculators import group_size as gs
    from playbook import charts
    from playbook.roadmap import Task

    result = gs.plan_groups(gs.from_section({}, {}))
    task = Task(
        step="platform", title="开群", owner="王", start=date(2026, 12, 1), due=date(2026, 12, 5)
    )
    tasks = json.dumps({"t1": task.model_dump_json()})
    specs = [
        *charts.group_size_specs(result.model_dump_json(), "zh").values(),
        charts.roadmap_spec(tasks, "2026-12-03", "zh"),
    ]
    tips = [tip for spec in specs for tip in _tooltips(spec)]
    assert tips
    for tip in tips:
        assert tip.get("title") and tip["title"] != tip["field"], tip
        assert not re.fullmatch(r"[a-z_]+", tip["title"]), tip
    roadmap = _tooltips(specs[-1])
    assert [t["field"] for t in roadmap if t["title"] == "截止"] == ["due"]
    row = specs[-1]["datasets"]
    assert any(r.get("due") == "2026-12-05" for rows in row.values() for r in rows)

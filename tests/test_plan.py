"""The Plan model: JSON round trip, change sets, and cleaning of team text."""

from __future__ import annotations

import re
import string
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook.plan import (
    InvalidChange,
    Plan,
    PlanMeta,
    apply_changes,
    changed_paths,
    is_plan_id,
    new_plan_id,
)
from playbook.roadmap import Task, TaskStatus
from playbook.sections import ChecklistEntry, Kpi, Roadmap, Sections
from playbook.text import MAX_TEXT, clean_text, escape_markdown

slugs = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
texts = st.text(max_size=300).map(clean_text).filter(lambda s: isinstance(s, str))
answers = st.one_of(
    texts, st.lists(texts.map(lambda s: s[:200].strip()), max_size=5), st.integers(-(10**9), 10**9)
)
metas = st.builds(
    PlanMeta,
    team=texts.map(lambda s: " ".join(s.split())[:200] or "团队"),
    community=texts.map(lambda s: " ".join(s.split())[:200] or "社群"),
    industry=slugs,
    platforms=st.lists(slugs, max_size=5),
    stage=st.sampled_from(["cold_start", "growing", "mature"]),
)
lines = texts.map(lambda s: " ".join(s.split())[:200])
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
tasks = st.tuples(days, st.integers(0, 400)).flatmap(
    lambda start_span: st.builds(
        Task,
        step=slugs,
        title=lines.filter(bool),
        owner=lines,
        start=st.just(start_span[0]),
        due=st.just(start_span[0] + timedelta(days=start_span[1])),
        status=st.sampled_from(list(TaskStatus)),
        notes=texts,
        order=st.integers(0, 1000),
    )
)
sections = st.builds(
    Sections,
    roadmap=st.builds(
        Roadmap,
        started=st.booleans(),
        platforms=st.lists(slugs, max_size=4),
        rationale=texts,
        tasks=st.dictionaries(slugs, tasks, max_size=4),
    ),
    checklist=st.dictionaries(
        slugs, st.builds(ChecklistEntry, done=st.booleans(), note=lines), max_size=4
    ),
    kpis=st.dictionaries(
        slugs,
        st.builds(
            Kpi,
            on=st.booleans(),
            question=lines,
            metric=st.one_of(st.none(), slugs),
            formula=texts,
            target=lines,
            cadence=st.one_of(st.none(), slugs),
        ),
        max_size=3,
    ),
    group_size=st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {},
            optional={
                "target_members": st.integers(1, 10**5),
                "admins_available": st.integers(0, 50),
            },
        ),
    ),
    roi=st.one_of(
        st.none(), st.fixed_dictionaries({}, optional={"horizon_months": st.integers(1, 60)})
    ),
)
plans = st.builds(
    Plan,
    id=st.just(new_plan_id()),
    meta=metas,
    answers=st.dictionaries(slugs, st.dictionaries(slugs, answers, max_size=4), max_size=10),
    sections=sections,
    notes=texts,
)


@settings(max_examples=150)
@given(plans)
def test_a_plan_survives_a_json_round_trip(plan):
    assert Plan.from_json(plan.to_json()) == plan


def test_plan_ids_are_long_random_and_url_safe():
    ids = {new_plan_id() for _ in range(1000)}
    assert len(ids) == 1000
    allowed = set(string.ascii_letters + string.digits + "-_")
    for plan_id in ids:
        assert len(plan_id) >= 22 and set(plan_id) <= allowed and is_plan_id(plan_id)


@pytest.mark.parametrize(
    "bad", ["", "abc", "../../etc/passwd", "x" * 65, "a b" * 10, "é" * 22, None, 42]
)
def test_malformed_plan_ids_are_recognised(bad):
    assert not is_plan_id(bad)


def _plan(meta):
    return Plan(id=new_plan_id(), meta=meta)


def test_changes_set_and_clear_answers(meta):
    plan = _plan(meta)
    changed = apply_changes(plan, {"answers.target.summary": "车主", "meta.team": "新团队"})
    assert changed.answer("target", "summary") == "车主"
    assert changed.meta.team == "新团队"
    assert plan.answer("target", "summary") is None  # the original is untouched
    cleared = apply_changes(changed, {"answers.target.summary": ""})
    assert "target" not in cleared.answers
    assert changed_paths(plan, changed) == ["meta.team", "answers.target.summary"]


@pytest.mark.parametrize(
    "path", ["id", "schema_version", "answers.target", "answers.Target.x", "meta.nope", "__class__"]
)
def test_changes_to_paths_a_plan_does_not_have_are_refused(meta, path):
    with pytest.raises(InvalidChange):
        apply_changes(_plan(meta), {path: "x"})


def test_an_invalid_value_raises_and_produces_no_plan(meta):
    with pytest.raises(ValidationError):
        apply_changes(_plan(meta), {"meta.team": ""})
    with pytest.raises(ValidationError):
        apply_changes(_plan(meta), {"answers.target.segments": "长" * (MAX_TEXT + 1)})


@given(st.text())
def test_cleaned_text_has_no_control_characters_and_is_stable(raw):
    cleaned = clean_text(raw)
    assert all(ch in "\n\t" or (ord(ch) >= 32 and not 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)
    assert clean_text(cleaned) == cleaned


def test_cleaning_keeps_emoji_cjk_and_line_breaks():
    assert clean_text("  车主🚗\r\n第二行\x00\x1b[31m\t!  ") == "车主🚗\n第二行[31m\t!"


@given(st.text())
def test_escaped_markdown_keeps_every_visible_character(raw):
    escaped = escape_markdown(raw).replace("\u00a0", " ")
    indented = re.sub(r"^[ \t]+", lambda m: m.group(0).expandtabs(4), raw, flags=re.MULTILINE)
    assert escaped.replace("\\", "").replace("  \n", "\n") == indented.replace("\\", "").replace(
        "\u00a0", " "
    )

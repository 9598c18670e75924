"""Fuzzing every boundary (hypothesis, >= 200 examples each) and fault injection."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from calculators.group_size import GroupSizeInput, plan_groups
from calculators.roi import RoiInputs, estimate, outcome
from playbook.answers import clean_answer
from playbook.content import content
from playbook.export import json_io
from playbook.plan import PlanMeta
from tests.conftest import ROOT, assert_clean, open_app

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
SPECS = [(v.id, f) for v in content().variables for f in v.fields]
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6000),
    st.lists(st.text(max_size=50), max_size=10),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@FUZZ
@given(st.sampled_from(SPECS), anything)
def test_any_value_typed_into_any_field_is_cleaned_or_refused(spec_pair, raw):
    _, spec = spec_pair
    try:
        value = clean_answer(spec, raw)
    except ValidationError:
        return
    if isinstance(value, str):
        assert len(value) <= (spec.max_chars or (200 if spec.kind == "line" else 5000))
        assert not any(ord(c) < 32 and c not in "\n\t" for c in value)
    elif isinstance(value, list):
        assert set(value) <= {o.id for o in spec.options}


@FUZZ
@given(st.sampled_from(SPECS), anything)
def test_a_refused_value_never_changes_the_stored_plan(store, spec_pair, raw):
    variable_id, spec = spec_pair
    plan_id = getattr(store, "_fuzz_plan", None)
    if plan_id is None:
        plan_id = store.create(PlanMeta(team="t", community="c", industry="other")).plan.id
        store._fuzz_plan = plan_id
    before = store.get(plan_id)
    try:
        store.update(plan_id, {f"answers.{variable_id}.{spec.id}": clean_answer(spec, raw)})
    except ValidationError:
        assert store.get(plan_id) == before


numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
)


@FUZZ
@given(st.dictionaries(st.sampled_from(list(GroupSizeInput.model_fields)), numbers, max_size=5))
def test_group_size_inputs_are_validated_and_valid_ones_always_compute(data):
    try:
        valid = GroupSizeInput.model_validate(data)
    except ValidationError:
        return
    result = plan_groups(valid)
    assert result.groups * result.group_size_limit >= valid.target_members


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from([f for f in RoiInputs.model_fields if f != "ranges"]), numbers, max_size=8
    )
)
def test_roi_inputs_are_validated_and_valid_ones_always_compute(data):
    try:
        valid = RoiInputs.model_validate(data)
    except ValidationError:
        return
    result = outcome(valid)
    assert len(result.months) == valid.horizon_months
    assert all(m.members >= 0 and m.value >= 0 for m in result.months)


@settings(max_examples=30, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["member_churn_pct", "buyer_share_pct"]),
        st.tuples(st.floats(0, 100), st.floats(0, 100)),
        max_size=2,
    )
)
def test_the_full_estimate_never_fails_on_valid_ranges(spans):
    ranges = {k: {"low": min(a, b), "high": max(a, b)} for k, (a, b) in spans.items()}
    base = {k: (r["low"] + r["high"]) / 2 for k, r in ranges.items()}
    data = RoiInputs.model_validate(base | {"ranges": ranges, "purchase_on": True})
    assert estimate(data, draws=500).band.draws == 500


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode())))
def test_any_file_is_either_imported_or_refused_with_a_reason(data):
    try:
        json_io.read_plan(data)
    except json_io.ImportProblem as problem:
        assert problem.key.startswith("imp.")


@FUZZ
@given(json_values)
def test_a_tampered_export_is_refused_or_yields_a_valid_plan(tampered):
    document = json.loads(json_io.to_json(_sample_plan()))
    document["plan"]["sections"] = {"roadmap": tampered}
    try:
        plan = json_io.read_plan(json.dumps(document).encode())
    except json_io.ImportProblem:
        return
    from playbook.plan import Plan
    from playbook.roadmap import stored_tasks

    # what was accepted is a typed plan every reader can use, and it stores as it loads
    assert Plan.model_validate_json(plan.to_json()) == plan
    stored_tasks(plan)


def _sample_plan():
    from playbook.plan import Plan, new_plan_id

    return Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))


params = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300
) | st.sampled_from(["", "x" * 5000, "../../etc/passwd", "%00", "' OR 1=1 --", "<script>"])


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(params, params, st.sampled_from(["pages/plan/wizard.py", "pages/plan/home.py"]))
def test_garbage_in_the_url_never_reaches_the_page_as_a_traceback(plan, other, page):
    at = open_app(page, plan=plan, lang=other, step=other)
    assert_clean(at)


WRITER = """
import sys, time
sys.path.insert(0, {root!r})
from playbook.storage import Store
store = Store({url!r})
i = 0
print("ready", flush=True)
while True:
    store.update({plan!r}, {{"answers.target.segments": "第 %d 次保存" % i, "notes": "n%d" % i}})
    i += 1
"""


def test_a_writer_killed_mid_save_leaves_the_plan_at_its_last_committed_revision(db_url, meta):
    from playbook.storage import Store

    store = Store(db_url)
    plan_id = store.create(meta).plan.id
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(root=str(ROOT), url=db_url, plan=plan_id)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(1.5)  # many saves in flight
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    reopened = Store(db_url)  # as after a server restart
    record = reopened.get(plan_id)
    assert record.version > 5
    latest = reopened.revisions(plan_id)[0]
    assert latest.version == record.version
    assert reopened.revision(plan_id, record.version) == record.plan
    n = record.plan.answer("target", "segments")
    assert n == f"第 {record.version - 2} 次保存" and record.plan.notes == f"n{record.version - 2}"


def test_an_unreachable_database_shows_a_message_and_keeps_the_page(plan_id, monkeypatch):
    from pages.shared import session

    monkeypatch.setenv("PLAYBOOK_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    session.settings.clear()
    session.shared_store.clear()
    session.links.clear()
    session.workshops.clear()
    try:
        from tests.test_pages import PAGES

        for page in PAGES:
            at = open_app(page, lang="en", plan=plan_id, workshop="w" * 22)
            assert_clean(at)
            if page.startswith("pages/plan/") or page == "pages/learn/compare.py":
                assert any("cannot be reached" in e.value for e in at.error), page
    finally:
        monkeypatch.delenv("PLAYBOOK_DATABASE_URL")
        session.settings.clear()
        session.shared_store.clear()
        session.links.clear()
        session.workshops.clear()


def test_a_failed_save_keeps_what_was_typed_and_says_so(plan_id, shared_store, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from playbook.storage import Store

    at = open_app("pages/plan/wizard.py", lang="zh", plan=plan_id)

    def down(self, *args, **kwargs):
        raise OperationalError("UPDATE plans", {}, Exception("database is gone"))

    monkeypatch.setattr(Store, "_write", down)  # under the store's error mapping
    at.text_input(key="ans.target.summary").input("断网时写的答案").run()
    assert_clean(at)
    assert "保存失败，你的输入仍保留在页面上，请稍后再试。" in [e.value for e in at.error]
    assert at.text_input(key="ans.target.summary").value == "断网时写的答案"
    monkeypatch.undo()  # the database is back: the next change saves everything typed
    at.text_area(key="ans.target.segments").input("通勤车主").run()
    plan = shared_store.get(plan_id).plan
    assert plan.answer("target", "segments") == "通勤车主"
    assert plan.answer("target", "summary") == "断网时写的答案"


@FUZZ
@given(json_values)
def test_any_stored_roi_section_is_read_or_refused_with_a_validation_error(section):
    # stored sections of either model, tampered with: only ValidationError may escape
    from calculators.roi.legacy import is_v1

    stored = section if isinstance(section, dict) else {"ranges": section}
    try:
        data = RoiInputs.from_section(stored)
    except ValidationError:
        return
    assert data.version == 2 and (data.upgraded_from == 1) == is_v1(stored)

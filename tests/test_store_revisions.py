"""Revisions stored compactly: JSON Patches between full copies, read back exactly;
the plan's size bound; the upgrade of a database whose revisions were all full copies."""

from __future__ import annotations

import json
import multiprocessing
import threading

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.errors import PlanTooLarge
from playbook.i18n import failure_messages
from playbook.plan import Plan
from playbook.storage import Store, plans, revisions, turns
from playbook.storage.schema import plans_table, revisions_table, schema_info
from tests.conftest import assert_clean, open_app


def _kinds(store: Store, plan_id: str) -> dict[int, str]:
    t = revisions_table
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.version, t.c.kind).where(t.c.plan_id == plan_id))
        return {r.version: r.kind for r in rows}


def _stored_bytes(store: Store, plan_id: str) -> int:
    t = revisions_table
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.data).where(t.c.plan_id == plan_id)).scalars()
        return sum(len(data.encode()) for data in rows)


# -- every revision reads back as saved ---------------------------------------------

_words = st.text(alphabet="车主社群活动 abcxyz\n🚗", min_size=0, max_size=40)
_slugs = st.sampled_from(["target", "value", "culture", "bonds"])
_fields = st.sampled_from(["summary", "rules", "topics", "values"])
_task = st.fixed_dictionaries(
    {
        "step": st.just("positioning"),
        "title": st.text(alphabet="访谈种子用户abc", min_size=1, max_size=20),
        "start": st.just("2026-12-01"),
        "due": st.just("2026-12-10"),
        "status": st.sampled_from(["todo", "doing", "done"]),
    }
)
_edit = st.one_of(
    st.builds(lambda v, f, text: {f"answers.{v}.{f}": text}, _slugs, _fields, _words),
    st.builds(lambda text: {"notes": text}, _words),
    st.builds(lambda text: {"meta.team": text.strip() or "队"}, _words),
    st.builds(lambda n, task: {f"sections.roadmap.tasks.t{n}": task}, st.integers(1, 4), _task),
    st.builds(lambda n: {f"sections.roadmap.tasks.t{n}": None}, st.integers(1, 4)),
    st.builds(lambda on: {"answers.entry.online": ["own_app"] if on else []}, st.booleans()),
    st.builds(lambda back: ("restore", back), st.integers(1, 12)),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(_edit, min_size=1, max_size=25), every=st.integers(2, 6))
def test_every_revision_reads_back_as_it_was_saved_across_snapshots(
    edits, every, tmp_path_factory, meta, monkeypatch
):
    monkeypatch.setattr(revisions, "SNAPSHOT_EVERY", every)
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'plans.sqlite3'}")
    record = store.create(meta)
    saved = {1: record.plan}
    for edit in edits:
        if isinstance(edit, tuple):
            version = max(1, record.version - edit[1])
            record = store.restore(record.plan.id, version)
        else:
            record = store.update(record.plan.id, edit)
        saved[record.version] = record.plan
    plan_id = record.plan.id
    assert sorted(saved) == list(range(1, record.version + 1))  # no gap
    for version, plan in saved.items():
        assert store.revision(plan_id, version) == plan
    kinds = _kinds(store, plan_id)
    for version, kind in kinds.items():
        if version == 1 or version % every == 1:
            assert kind == "snapshot"
    assert store.get(plan_id).plan == saved[record.version]


def test_revisions_between_full_copies_are_patches_a_fraction_of_the_plan(db_url, meta):
    store = Store(db_url)
    plan_id = store.create(meta).plan.id
    # a plan of ~150 KB: 30 long answers
    store.update(plan_id, {f"answers.v{i}.text": "长回答" * 1600 for i in range(30)})
    size = len(store.get(plan_id).plan.to_json().encode())
    assert size > 140_000
    for i in range(120):
        store.update(plan_id, {"answers.target.summary": f"第 {i} 版"})
    kinds = _kinds(store, plan_id)
    # revision 2 is in full too: its patch (30 new answers) would be no smaller
    assert [v for v, k in kinds.items() if k == "snapshot"] == [1, 2, 101]
    # 122 revisions stored in about two copies of the plan (2 and 101) and small patches
    assert _stored_bytes(store, plan_id) < size * 2.2
    assert store.revision(plan_id, 100).answer("target", "summary") == "第 97 版"
    assert store.revision(plan_id, 122).answer("target", "summary") == "第 119 版"
    assert len(store.revision(plan_id, 2).answers) == 30


def test_an_old_revision_behind_a_full_copy_is_restored(db_url, meta, monkeypatch):
    monkeypatch.setattr(revisions, "SNAPSHOT_EVERY", 3)
    store = Store(db_url)
    plan_id = store.create(meta).plan.id
    for text in ["一", "二", "三", "四", "五", "六"]:
        store.update(plan_id, {"answers.target.summary": text, "notes": f"备注{text}"})
    assert _kinds(store, plan_id)[4] == "snapshot" and _kinds(store, plan_id)[6] == "patch"
    restored = store.restore(plan_id, 3)
    assert restored.version == 8
    assert restored.plan.answer("target", "summary") == "二"
    assert store.get(plan_id).plan.notes == "备注二"
    assert store.revisions(plan_id)[0].source == "restore:3"
    assert store.revision(plan_id, 7).answer("target", "summary") == "六"
    assert store.revision(plan_id, 8) == restored.plan


# -- the size bound -----------------------------------------------------------------


def _fill(store: Store, plan_id: str, answers: int) -> None:
    store.update(plan_id, {f"answers.v{i}.text": "长" * 5000 for i in range(answers)})


def test_a_save_past_the_size_bound_is_refused_and_stores_nothing(store, meta):
    plan_id = store.create(meta).plan.id
    _fill(store, plan_id, 130)  # ~1.9 MiB of JSON
    before = store.get(plan_id)
    assert plans.MAX_PLAN_BYTES - 200_000 < len(before.data.encode()) < plans.MAX_PLAN_BYTES
    with pytest.raises(PlanTooLarge) as refused:
        store.update(plan_id, {f"answers.w{i}.text": "长" * 5000 for i in range(10)})
    assert store.get(plan_id) == before
    assert len(store.revisions(plan_id)) == 2
    assert failure_messages(refused.value, "en") == [
        f"The plan is too large to save: it would be {-(-refused.value.size // 1024):,} KB, "
        "and a plan may be at most 2,048 KB. This change was not saved and your input is "
        "still on the page; shorten some long text (answers, notes or roadmap tasks) and "
        "try again."
    ]
    (zh,) = failure_messages(refused.value, "zh")
    assert zh.startswith("计划太大，无法保存") and "2,048 KB" in zh
    # a save that shrinks it still works, and so does a new plan of the same size
    store.update(plan_id, {"answers.v0.text": "短"})
    big = store.get(plan_id).plan
    too_big = big.model_copy(
        update={
            "id": ("q" if big.id[0] == "p" else "p") + big.id[1:],
            "notes": "长" * 5000,
            "answers": {**big.answers},
        }
    )
    too_big.answers.update({f"x{i}": {"text": "长" * 5000} for i in range(20)})
    with pytest.raises(PlanTooLarge):
        store.insert(too_big)
    assert not store.exists(too_big.id)


def test_a_plan_stored_above_the_bound_can_still_be_made_smaller(store, meta, monkeypatch):
    plan_id = store.create(meta).plan.id
    _fill(store, plan_id, 3)
    monkeypatch.setattr(plans, "MAX_PLAN_BYTES", 10_000)  # the bound came after the plan
    with pytest.raises(PlanTooLarge):
        store.update(plan_id, {"notes": "更多"})
    store.update(plan_id, {"answers.v0.text": None})
    assert "v0" not in store.get(plan_id).plan.answers


def test_the_page_says_the_plan_is_too_large_and_keeps_the_text(plan_id, shared_store, monkeypatch):
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    size = len(shared_store.get(plan_id).data.encode())
    monkeypatch.setattr(plans, "MAX_PLAN_BYTES", size + 100)
    at.text_input(key="ans.target.summary").input("x" * 190).run()
    assert_clean(at)
    errors = [e.value for e in at.error]
    assert any(e.startswith("The plan is too large to save: it would be ") for e in errors), errors
    assert at.text_input(key="ans.target.summary").value == "x" * 190
    assert shared_store.get(plan_id).version == 1


# -- upgrading a database whose revisions are all full copies ---------------------------


_ADDED = {1: {"kind", "author"}, 2: {"author"}}  # revision columns added after a version


def _v1_database(
    url: str, meta, notes=("第一版", "第二版"), answers=None, version: int = 1
) -> tuple[str, list[Plan]]:
    """A database as schema version 1 left it: no kind column, every revision in full (or,
    with ``version=2``, as version 2 did: revisions without their editor's name)."""
    engine = sa.create_engine(url)
    old = sa.MetaData()
    for table in (schema_info, plans_table, revisions_table):
        columns = [c._copy() for c in table.columns if c.name not in _ADDED[version]]
        sa.Table(table.name, old, *columns)
    old.create_all(engine)
    plan = Plan(id="q" + "7" * 22, meta=meta, answers=answers or {})
    saved = [plan]
    for text in notes:
        saved.append(saved[-1].model_copy(update={"notes": text}))
    with engine.begin() as conn:
        conn.execute(old.tables["schema_info"].insert().values(id=1, version=version))
        conn.execute(
            old.tables["plans"]
            .insert()
            .values(
                id=plan.id,
                version=len(saved),
                title="t",
                data=saved[-1].to_json(),
                created_at="2026-01-01T00:00:00+00:00",
                updated_at="2026-01-01T00:00:00+00:00",
            )
        )
        for version, revision in enumerate(saved, start=1):
            conn.execute(
                old.tables["plan_revisions"]
                .insert()
                .values(
                    plan_id=plan.id,
                    version=version,
                    data=revision.to_json(),
                    changed=json.dumps(["notes"]),
                    source="edit",
                    created_at="2026-01-01T00:00:00+00:00",
                )
            )
    engine.dispose()
    return plan.id, saved


def test_a_version_1_database_is_upgraded_and_its_history_kept(db_url, meta):
    from playbook.storage.schema import SCHEMA_VERSION

    plan_id, saved = _v1_database(db_url, meta)
    store = Store(db_url)  # upgrades the schema
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(schema_info.c.version)).scalar() == SCHEMA_VERSION == 3
    assert _kinds(store, plan_id) == {1: "snapshot", 2: "snapshot", 3: "snapshot"}
    for version, plan in enumerate(saved, start=1):
        assert store.revision(plan_id, version) == plan
    store.update(plan_id, {"notes": "第三版"})
    store.restore(plan_id, 2)
    assert _kinds(store, plan_id)[4] == "patch" and _kinds(store, plan_id)[5] == "patch"
    assert store.revision(plan_id, 4).notes == "第三版"
    assert store.get(plan_id).plan.notes == "第一版"
    assert [r.version for r in store.revisions(plan_id)] == [5, 4, 3, 2, 1]
    Store(db_url)  # a second start changes nothing
    assert store.revision(plan_id, 5).notes == "第一版"


def test_a_version_2_database_is_upgraded_and_names_its_editors_from_then_on(db_url, meta):
    from playbook.storage.schema import SCHEMA_VERSION

    plan_id, saved = _v1_database(db_url, meta, version=2)
    store = Store(db_url)  # adds the author column
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(schema_info.c.version)).scalar() == SCHEMA_VERSION
    assert [r.author for r in store.revisions(plan_id)] == [None, None, None]
    for version, plan in enumerate(saved, start=1):
        assert store.revision(plan_id, version) == plan
    store.update(plan_id, {"notes": "第三版"}, source="edit:ab12cd34.0001", author="王芳")
    store.restore(plan_id, 2, author="Li Lei")
    assert [(r.version, r.source, r.author) for r in store.revisions(plan_id)][:3] == [
        (5, "restore:2", "Li Lei"),
        (4, "edit:ab12cd34.0001", "王芳"),
        (3, "edit", None),
    ]
    Store(db_url)  # a second start changes nothing
    assert store.revisions(plan_id)[1].author == "王芳"


def test_each_revision_keeps_its_editors_name(store, meta):
    name = "王" * 40  # the longest name the name box takes
    plan_id = store.create(meta, author="Ada").plan.id
    store.update(plan_id, {"notes": "一"}, source="edit:aaaa.0001", author=name)
    store.update(plan_id, {"notes": "二"}, source="edit:aaaa.0001")  # anonymous
    store.update(plan_id, {"notes": "三"}, source="edit:bbbb.0001", author="Li Lei")
    store.update(plan_id, {"notes": "三"}, author="nobody")  # no change: no revision
    store.restore(plan_id, 2, author="王芳")
    assert [(r.version, r.author) for r in store.revisions(plan_id)] == [
        (5, "王芳"),
        (4, "Li Lei"),
        (3, None),
        (2, name),
        (1, "Ada"),
    ]
    assert store.revision(plan_id, 4).notes == "三" and store.get(plan_id).plan.notes == "一"


def test_compaction_rewrites_full_copies_as_patches_and_history_reads_the_same(
    db_url, meta, monkeypatch, capsys
):
    from playbook.storage import compact

    monkeypatch.setattr(revisions, "SNAPSHOT_EVERY", 3)
    notes = [f"第 {i} 版" for i in range(7)]
    long = {f"v{i}": {"text": "很长的回答" * 1000} for i in range(5)}
    plan_id, saved = _v1_database(db_url, meta, notes, long)
    compact.main(["--database-url", db_url])
    assert "1 plans, 5 revisions rewritten as patches" in capsys.readouterr().out
    store = Store(db_url)
    kinds = _kinds(store, plan_id)
    assert kinds == {v: "snapshot" if v in (1, 4, 7) else "patch" for v in range(1, 9)}
    for version, plan in enumerate(saved, start=1):
        assert store.revision(plan_id, version) == plan
    assert _stored_bytes(store, plan_id) < 4 * len(saved[-1].to_json().encode())
    compact.main(["--database-url", db_url, "--no-vacuum"])  # again: nothing left to do
    assert "0 revisions rewritten" in capsys.readouterr().out
    store.update(plan_id, {"notes": "第八版"})
    store.restore(plan_id, 2)
    assert store.get(plan_id).plan.notes == notes[0]
    assert store.revision(plan_id, 9).notes == "第八版"


# -- saves under contention ---------------------------------------------------------


def test_threads_of_one_server_take_turns_and_never_retry(db_url, meta, monkeypatch):
    store = Store(db_url)
    plan_id = store.create(meta).plan.id
    lost: list[int] = []
    attempt = Store._try_write

    def counting(self, *args):
        record = attempt(self, *args)
        if record is None:
            lost.append(1)
        return record

    monkeypatch.setattr(Store, "_try_write", counting)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(8):
                store.update(plan_id, {f"answers.culture.f{n}": f"{n}-{i}"})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and lost == []
    final = store.get(plan_id)
    assert final.version == 1 + 8 * 8
    assert all(final.plan.answer("culture", f"f{n}") == f"{n}-7" for n in range(8))


def test_a_save_that_lost_a_race_needs_one_connection_at_a_time(db_url, meta):
    """Alice's pool has one connection: her retry (holding the plan's row) reads through
    it, and her next saves of the plan, which start by taking the row, too."""
    from playbook.storage.schema import ensure_schema

    engine = sa.create_engine(db_url, pool_size=1, max_overflow=0, pool_timeout=5)
    ensure_schema(engine)
    alice, bob = Store(engine=engine), Store(db_url)
    plan_id = alice.create(meta).plan.id
    real_get, calls = alice.get, []

    def get_then_let_bob_write(pid):
        record = real_get(pid)
        if not calls:
            bob.update(pid, {"answers.value.practical": "Bob"})
        calls.append(record.version)
        return record

    alice.get = get_then_let_bob_write  # type: ignore[method-assign]
    alice.update(plan_id, {"answers.target.summary": "Alice"})
    assert calls == [1, 2]
    assert turns.turns_of(engine).contended(plan_id)
    alice.update(plan_id, {"notes": "Alice again"})  # starts by taking the row
    final = bob.get(plan_id)
    assert final.version == 4
    assert final.plan.answer("target", "summary") == "Alice"
    assert final.plan.answer("value", "practical") == "Bob"
    assert final.plan.notes == "Alice again"
    engine.dispose()


def test_waiting_saves_get_their_turn_in_the_order_they_came():
    import time

    lock = turns.TurnLock()
    order: list[int] = []

    def wait(n: int) -> None:
        with lock:
            order.append(n)

    lock.__enter__()
    threads = []
    for n in range(5):
        threads.append(threading.Thread(target=wait, args=(n,)))
        threads[-1].start()
        while len(lock._waiting) < n + 1:  # this one is queued before the next starts
            time.sleep(0.001)
    lock.__exit__()
    for t in threads:
        t.join()
    assert order == [0, 1, 2, 3, 4]
    with lock:  # free again
        pass


def _process_writer(url: str, plan_id: str, n: int, rounds: int) -> None:
    store = Store(url)
    for i in range(rounds):
        store.update(plan_id, {f"answers.culture.f{n}": f"{n}-{i}", "notes": f"{n}-{i}"})


def test_writers_in_separate_processes_lose_no_update_and_leave_no_gap(db_url, meta):
    store = Store(db_url)
    plan_id = store.create(meta).plan.id
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_process_writer, args=(db_url, plan_id, n, 10)) for n in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * 4
    final = store.get(plan_id)
    assert final.version == 1 + 4 * 10
    assert all(final.plan.answer("culture", f"f{n}") == f"{n}-9" for n in range(4))
    assert [r.version for r in store.revisions(plan_id)] == list(range(41, 0, -1))
    notes = [store.revision(plan_id, v).notes for v in range(2, 42)]
    assert sorted(notes) == sorted(f"{n}-{i}" for n in range(4) for i in range(10))


def test_a_save_whose_commit_fails_leaves_nothing_behind_in_the_servers_memory(tmp_path, meta):
    """A server whose commit failed must not serve its unsaved version as the plan: another
    server's save of the same version number would be hidden and then overwritten."""
    url = f"sqlite:///{tmp_path / 'plans.sqlite3'}"
    first, second = Store(url), Store(url)
    plan_id = first.create(meta).plan.id
    first.update(plan_id, {"notes": "v2"})
    failing = {"on": True}

    def lose_the_connection(conn):
        if failing["on"]:
            raise RuntimeError("connection lost at commit")

    sa.event.listen(first.engine, "commit", lose_the_connection)
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
        first.update(plan_id, {"notes": "never stored"})
    failing["on"] = False
    second.update(plan_id, {"answers.culture.f1": "from the other server"})
    seen = first.get(plan_id)
    assert (seen.version, seen.plan.notes) == (3, "v2")
    assert seen.plan.answer("culture", "f1") == "from the other server"
    first.update(plan_id, {"answers.target.summary": "next"})
    stored = second.get(plan_id).plan
    assert stored.answer("culture", "f1") == "from the other server"
    assert second.revision(plan_id, 4) == stored


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text("ab~/", max_size=3),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text("ab~/", max_size=3), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(before=st.dictionaries(st.text("ab~/", max_size=3), _json, max_size=5), data=st.data())
def test_a_patch_skips_what_is_equal_and_still_rebuilds_the_plan(before, data):
    import copy

    import jsonpatch

    # an edit of the document: some keys kept, some changed, some added
    after = copy.deepcopy(before)
    for key in data.draw(st.lists(st.sampled_from(sorted(before) or ["a"]), max_size=3)):
        after[key] = data.draw(_json)
    for key in data.draw(st.lists(st.sampled_from(sorted(before) or ["a"]), max_size=2)):
        after.pop(key, None)
    operations: list[dict] = []
    revisions.diff(before, after, "", operations)
    assert jsonpatch.apply_patch(copy.deepcopy(before), operations) == after
    if before == after:
        assert operations == []
    # each operation lies under a key that changed: equal keys cost nothing
    changed = {k for k in before.keys() | after.keys() if before.get(k, ...) != after.get(k, ...)}
    for operation in operations:
        top = operation["path"].split("/")[1].replace("~1", "/").replace("~0", "~")
        assert top in changed

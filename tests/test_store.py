"""Plan storage: revisions, restore, and concurrent writers that must not lose edits."""

from __future__ import annotations

import threading

import pytest

from playbook.errors import InvalidData, PlanNotFound
from playbook.plan import new_plan_id
from playbook.storage import Store


def test_a_created_plan_can_be_read_back_by_a_new_store_on_the_same_database(db_url, meta):
    url = db_url
    record = Store(url).create(meta)
    Store(url).update(record.plan.id, {"answers.target.summary": "已购车主 🚗"})
    # a server restart is a new engine on the same database
    again = Store(url).get(record.plan.id)
    assert again.version == 2
    assert again.plan.answer("target", "summary") == "已购车主 🚗"
    assert again.plan.meta == meta


def test_every_update_adds_a_revision_naming_what_changed(store, meta):
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"answers.target.summary": "车主"})
    store.update(plan_id, {"answers.entry.online": ["own_app", "search"], "meta.team": "新团队"})
    revisions = store.revisions(plan_id)
    assert [r.version for r in revisions] == [3, 2, 1]
    assert revisions[0].changed == ["meta.team", "answers.entry.online"]
    assert revisions[1].changed == ["answers.target.summary"]
    assert revisions[2].source == "create"
    assert store.revision(plan_id, 2).answer("target", "summary") == "车主"


def test_an_update_that_changes_nothing_adds_no_revision(store, meta):
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"answers.target.summary": "车主"})
    record = store.update(plan_id, {"answers.target.summary": "车主"})
    assert record.version == 2
    assert len(store.revisions(plan_id)) == 2


def test_restoring_an_old_revision_keeps_the_history(store, meta):
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"answers.target.summary": "第一版"})
    store.update(plan_id, {"answers.target.summary": "第二版"})
    restored = store.restore(plan_id, 2)
    assert restored.version == 4
    assert restored.plan.answer("target", "summary") == "第一版"
    assert store.get(plan_id).plan.answer("target", "summary") == "第一版"
    assert store.revisions(plan_id)[0].source == "restore:2"
    assert store.revision(plan_id, 3).answer("target", "summary") == "第二版"


def test_an_invalid_update_changes_nothing(store, meta):
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"answers.target.summary": "车主"})
    before = store.get(plan_id)
    with pytest.raises(InvalidData):
        store.update(plan_id, {"answers.target.summary": "x" * 6000, "meta.team": "改"})
    with pytest.raises(InvalidData):
        store.update(plan_id, {"meta.community": ""})
    assert store.get(plan_id) == before
    assert len(store.revisions(plan_id)) == 2


@pytest.mark.parametrize("plan_id", [new_plan_id(), "not-a-plan", "", "x" * 500, "' OR 1=1 --"])
def test_unknown_or_malformed_ids_raise_plan_not_found(store, plan_id):
    with pytest.raises(PlanNotFound):
        store.get(plan_id)
    with pytest.raises(PlanNotFound):
        store.update(plan_id, {"notes": "x"})
    with pytest.raises(PlanNotFound):
        store.revisions(plan_id)


def test_a_stale_writer_merges_instead_of_overwriting(db_url, meta):
    """A reads version 1, B saves another field, A saves: both edits are kept."""
    url = db_url
    alice, bob = Store(url), Store(url)
    plan_id = alice.create(meta).plan.id
    real_get = alice.get
    calls = []

    def get_then_let_bob_write(pid):
        record = real_get(pid)
        if not calls:
            bob.update(pid, {"answers.value.practical": "Bob 写的实用价值"})
        calls.append(record.version)
        return record

    alice.get = get_then_let_bob_write
    alice.update(plan_id, {"answers.target.summary": "Alice 写的对象"})
    assert calls == [1, 2]  # Alice's first attempt lost the race and was re-applied
    plan = bob.get(plan_id).plan
    assert plan.answer("target", "summary") == "Alice 写的对象"
    assert plan.answer("value", "practical") == "Bob 写的实用价值"


def test_two_writers_on_two_connections_lose_no_update(db_url, meta):
    url = db_url
    first, second = Store(url), Store(url)
    plan_id = first.create(meta).plan.id
    rounds = 40
    errors: list[BaseException] = []

    def write(store: Store, field: str) -> None:
        try:
            for i in range(rounds):
                store.update(plan_id, {f"answers.culture.{field}": f"{field} {i}"})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(first, "values")),
        threading.Thread(target=write, args=(second, "rules")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    final = first.get(plan_id)
    assert final.plan.answer("culture", "values") == f"values {rounds - 1}"
    assert final.plan.answer("culture", "rules") == f"rules {rounds - 1}"
    assert final.version == 1 + 2 * rounds
    assert len(first.revisions(plan_id)) == 1 + 2 * rounds


def test_the_same_field_edited_twice_keeps_the_later_value_and_the_earlier_in_history(db_url, meta):
    url = db_url
    alice, bob = Store(url), Store(url)
    plan_id = alice.create(meta).plan.id
    alice.update(plan_id, {"answers.bonds.topics": "Alice 的话题"})
    bob.update(plan_id, {"answers.bonds.topics": "Bob 的话题"})
    assert alice.get(plan_id).plan.answer("bonds", "topics") == "Bob 的话题"
    earlier = [
        alice.revision(plan_id, r.version).answer("bonds", "topics")
        for r in alice.revisions(plan_id)
    ]
    assert "Alice 的话题" in earlier


def test_plans_are_listed_newest_first(store, meta):
    a = store.create(meta).plan.id
    b = store.create(meta.model_copy(update={"community": "另一个社群"})).plan.id
    store.update(a, {"notes": "更新"})
    listed = store.list_plans()
    assert [p.id for p in listed] == [a, b]
    assert listed[1].title == "华东用户运营组 · 另一个社群"


def test_schema_creation_is_idempotent_versioned_and_safe_in_parallel(db_url, meta):
    import sqlalchemy as sa

    from playbook.storage.engine import make_engine
    from playbook.storage.schema import SCHEMA_VERSION, ensure_schema, schema_info

    engines = [make_engine(db_url) for _ in range(3)]
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda e=e: results.append(ensure_schema(e))) for e in engines
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [SCHEMA_VERSION] * 3
    with engines[0].connect() as conn:
        assert conn.execute(sa.select(schema_info.c.version)).scalars().all() == [SCHEMA_VERSION]
    plan_id = Store(engine=engines[0]).create(meta).plan.id
    assert Store(engine=engines[1]).get(plan_id).version == 1


def test_two_writers_who_read_the_same_version_both_keep_their_change(db_url, meta):
    """Both writers read revision 1 before either writes (a barrier makes them): the
    version check sends the later one back to re-apply its change to the newer plan."""
    first, second = Store(db_url), Store(db_url)
    plan_id = first.create(meta).plan.id
    both_read = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def racing(store: Store) -> Store:
        read = store.get
        calls = {"n": 0}

        def get_then_wait(pid: str):  # only the first read of each writer waits
            record = read(pid)
            calls["n"] += 1
            if calls["n"] == 1:
                both_read.wait()
            return record

        store.get = get_then_wait  # type: ignore[method-assign]
        return store

    def write(store: Store, field: str, text: str) -> None:
        try:
            store.update(plan_id, {f"answers.culture.{field}": text})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(racing(first), "values", "互助")),
        threading.Thread(target=write, args=(racing(second), "rules", "不发广告")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    final = Store(db_url).get(plan_id)
    assert final.plan.answer("culture", "values") == "互助"
    assert final.plan.answer("culture", "rules") == "不发广告"
    assert final.version == 3

"""The presence table and the cheap version lookup, on SQLite and PostgreSQL."""

from __future__ import annotations

from playbook.storage import PresenceStore
from playbook.storage.presence import person


def test_version_reads_the_stored_version_alone(store, meta):
    record = store.create(meta)
    assert store.version(record.plan.id) == 1
    store.update(record.plan.id, {"notes": "第二版"}, source="edit:aaaa")
    assert store.version(record.plan.id) == 2
    assert store.version("x" * 22) is None
    assert store.version("not a plan") is None


def test_changes_after_names_who_changed_the_plan_since_a_version(store, meta):
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"notes": "一"}, source="edit:aaaa")
    store.update(plan_id, {"notes": "二"}, source="edit:bbbb")
    assert store.changes_after(plan_id, 1) == [(2, "edit:aaaa"), (3, "edit:bbbb")]
    assert store.changes_after(plan_id, 2) == [(3, "edit:bbbb")]
    assert store.changes_after(plan_id, 3) == []


def test_presence_lists_other_live_sessions_with_the_version_in_one_look(store, meta):
    plan_id = store.create(meta).plan.id
    other_plan = store.create(meta).plan.id
    presence = PresenceStore(store)
    presence.beat(plan_id, "me", page="wizard", variable="target", now=1000.0)
    presence.beat(plan_id, "you", page="roadmap", name="小王", now=1000.0)
    presence.beat(plan_id, "gone", page="home", now=960.0)  # 40 s ago: expired
    presence.beat(other_plan, "elsewhere", page="home", now=1000.0)
    look = presence.look(plan_id, "me", now=1001.0)
    assert look.version == 1
    assert [(o.session_id, o.name, o.page, o.variable) for o in look.others] == [
        ("you", "小王", "roadmap", None)
    ]
    # a heartbeat moves the same row (no duplicates), and a later one keeps it alive
    presence.beat(plan_id, "you", page="wizard", variable="target", name="小王", now=1025.0)
    look = presence.look(plan_id, "me", now=1050.0)
    assert [(o.page, o.variable) for o in look.others] == [("wizard", "target")]
    assert presence.look(plan_id, "me", now=1060.0).others == []
    presence.leave(plan_id, "you")
    assert presence.look(plan_id, "me", now=1026.0).others == []
    assert presence.look("y" * 22, "me").version is None


def test_one_browser_counts_once_and_never_sees_its_own_other_tabs(store, meta):
    """A session id is ``<browser>.<session>``: the sessions a reload leaves behind and a
    second tab are the same person; ``_`` and ``%`` in the browser part match literally."""
    plan_id = store.create(meta).plan.id
    presence = PresenceStore(store)
    for session in ("mine.old", "mine.tab2", "m_ne.x", "you.a", "you.b"):
        presence.beat(plan_id, session, page="wizard", now=1000.0)
    others = presence.look(plan_id, "mine.now", now=1001.0).others
    assert sorted(o.session_id for o in others) == ["m_ne.x", "you.a", "you.b"]
    assert {person(o.session_id) for o in others} == {"m_ne", "you"}


def test_wildcards_in_ones_own_browser_id_match_only_themselves(store, meta):
    plan_id = store.create(meta).plan.id
    presence = PresenceStore(store)
    for session in ("m_n/%.old", "mXn/%.x", "m_n/abc.y", "m_n//%.z"):
        presence.beat(plan_id, session, page="wizard", now=1000.0)
    others = presence.look(plan_id, "m_n/%.now", now=1001.0).others
    assert sorted(o.session_id for o in others) == sorted(["mXn/%.x", "m_n/abc.y", "m_n//%.z"])


def test_pruning_deletes_long_gone_sessions(store, meta):
    import sqlalchemy as sa

    from playbook.storage.schema import presence_table

    plan_id = store.create(meta).plan.id
    presence = PresenceStore(store)
    presence.beat(plan_id, "old", page="home", now=0.0)
    presence.beat(plan_id, "new", page="home", now=5000.0, prune=True)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(presence_table.c.session_id)).scalars().all()
    assert rows == ["new"]

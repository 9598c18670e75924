"""Persistence of plans (with revisions) and workshops, on SQLAlchemy Core.

``engine``    engines and connection settings (SQLite by default, PostgreSQL by URL)
``schema``    tables and their versioned, idempotent creation
``plans``     the plan store: change sets, optimistic concurrency, revisions, restore
``records``   what the plan store hands out (a plan at a version, a summary, a revision)
``revisions`` revisions as full copies and JSON Patches between them
``turns``     how saves of one plan take turns (threads, processes, servers)
``memory``    parsed plans and each plan's newest record, kept per process
``presence`` who has a plan open, and where (heartbeats)
``workshops`` workshops and the teams' plans that belong to them
``rooms``     a workshop's shared screen (the slide shown) and exercise timer

Every failure leaves this package as a ``playbook.errors.PlaybookError``.
"""

from playbook.storage.plans import PlanRecord, PlanSummary, RevisionInfo, Store
from playbook.storage.presence import Look, Presence, PresenceStore
from playbook.storage.rooms import RoomStore, ScreenNotFound
from playbook.storage.workshops import TeamPlan, WorkshopNotFound, WorkshopStore

__all__ = [
    "Look",
    "PlanRecord",
    "PlanSummary",
    "Presence",
    "PresenceStore",
    "RevisionInfo",
    "RoomStore",
    "ScreenNotFound",
    "Store",
    "TeamPlan",
    "WorkshopNotFound",
    "WorkshopStore",
]

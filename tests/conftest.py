"""Shared fixtures. The data directory is set before any page code creates its store."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_DATA = tempfile.mkdtemp(prefix="playbook-tests-")
os.environ["PLAYBOOK_DATA_DIR"] = _DATA
os.environ.pop("PLAYBOOK_DATABASE_URL", None)


@pytest.fixture
def store(tmp_path):
    from playbook.store import Store

    return Store(f"sqlite:///{tmp_path / 'plans.sqlite3'}")


@pytest.fixture
def meta():
    from playbook.plan import PlanMeta

    return PlanMeta(
        team="华东用户运营组",
        community="蓝色车主俱乐部",
        industry="automotive",
        platforms=["wechat_group", "app_forum"],
        stage="growing",
    )


@pytest.fixture
def shared_store():
    """The store the pages use (same data directory as the AppTests)."""
    from playbook.store import Store

    return Store()


@pytest.fixture
def plan_id(shared_store, meta):
    return shared_store.create(meta).plan.id


def open_app(page: str | None = None, **params: str):
    """Run the app in AppTest with URL parameters, then switch to ``page``."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params.update(params)
    at.run()
    if page and page != "pages/plan/home.py":
        at.switch_page(page).run()
    return at


def assert_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]

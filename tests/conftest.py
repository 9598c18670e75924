"""Shared fixtures. Every test gets its own data directory (and so its own database)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pages.shared import clean_text, editor_id, emoji_check, tables, widget_state

# every test runs as `python app.py` serves pages: input widgets (see widget_state), the
# leading-emoji search (see emoji_check), element text (see clean_text), data editors'
# identity (see editor_id) and pandas text columns (see tables.python_strings)
widget_state.install()
emoji_check.install()
clean_text.install()
editor_id.install()
tables.python_strings()

ROOT = Path(__file__).resolve().parent.parent
os.environ["PLAYBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="playbook-tests-")
os.environ.pop("PLAYBOOK_DATABASE_URL", None)

try:  # a browser assertion waits as long as the browser's own steps do (a cold server
    # draws its first page in a few seconds on a busy machine)
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
except ImportError:  # pragma: no cover - the browser tests skip without Playwright
    pass


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    """A fresh data directory per test; the pages' settings and stores are re-read."""
    monkeypatch.setenv("PLAYBOOK_DATA_DIR", str(tmp_path / "data"))
    _clear_page_caches()
    yield
    _clear_page_caches()


def _clear_page_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()


def postgres_admin_url() -> str | None:
    """The throw-away PostgreSQL server of .ci/postgres.sh, if one is running."""
    url = os.environ.get("PLAYBOOK_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "PostgreSQL is required on CI (.ci/postgres.sh sets PLAYBOOK_TEST_POSTGRES_URL)"
            )
        pytest.skip('no PostgreSQL server: run `eval "$(bash .ci/postgres.sh start)"`')
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database of each kind the store supports."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'plans.sqlite3'}"
        return
    import secrets

    import sqlalchemy as sa

    admin = sa.create_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"playbook_test_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def store(db_url):
    from playbook.storage import Store

    return Store(db_url)


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
    from playbook.storage import Store

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


def open_tab(at, key: str, label_key: str, lang: str) -> None:
    """Select a tab of ``st.tabs(key=...)`` (drawn only while selected) as a click would."""
    from playbook.i18n import t

    at.session_state[key] = t(label_key, lang)
    at.run()


def open_checklist(at, details: bool = False) -> None:
    """Open every group of the checklist (a group's items are drawn while it is open) and,
    with ``details``, every item's details panel, as clicks would."""
    from playbook.content import content

    for group in content().groups:
        at.session_state[f"ck.group.{group.id}"] = True
    for item in content().items if details else ():
        at.session_state[f"ck.{item.id}.open"] = True
    at.run()


def assert_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]

"""Settings are read once into one typed object; every link honours the public address."""

from __future__ import annotations

from pathlib import Path

from playbook.settings import Settings
from playbook.storage import WorkshopStore
from playbook.workshop import new_workshop
from tests.conftest import assert_clean, open_app


def test_settings_from_the_environment():
    s = Settings.from_env(
        {
            "PLAYBOOK_DATA_DIR": "/srv/playbook",
            "PLAYBOOK_PUBLIC_URL": "https://plans.example.cn/",
            "PLAYBOOK_SHOW_PLAN_LIST": "yes",
        }
    )
    assert s.data_dir == Path("/srv/playbook")
    assert s.public_url == "https://plans.example.cn"
    assert s.show_plan_list and s.database_url == ""
    assert Settings.from_env({"PLAYBOOK_DATABASE_URL": " postgresql://x "}).store_url() == (
        "postgresql://x"
    )
    assert not Settings.from_env({}).show_plan_list


def test_each_test_has_its_own_data_directory(tmp_path):
    settings = Settings.from_env()
    assert settings.data_dir == tmp_path / "data"
    assert settings.store_url() == f"sqlite:///{tmp_path / 'data' / 'playbook.sqlite3'}"


def test_the_trainer_link_and_the_share_link_use_the_public_address(
    shared_store, plan_id, monkeypatch
):
    monkeypatch.setenv("PLAYBOOK_PUBLIC_URL", "https://plans.example.cn")
    workshop = WorkshopStore(shared_store).create(new_workshop("训练营", "half_day"))
    at = open_app("pages/workshop/agenda.py", lang="en", workshop=workshop.id)
    assert_clean(at)
    codes = [c.value for c in at.code]
    assert f"https://plans.example.cn/workshop?workshop={workshop.id}&lang=en" in codes
    home = open_app(None, lang="zh", plan=plan_id)
    assert f"https://plans.example.cn/?plan={plan_id}&lang=zh" in [c.value for c in home.code]

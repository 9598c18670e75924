"""Links and addresses: what a team-facing link carries, and odd addresses that must
still give a page (an unknown trainer link, a strange slide number, ``lang=EN``)."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import ROOT, assert_clean, open_app


@pytest.fixture
def workshop_id() -> str:
    from playbook.storage import Store, WorkshopStore
    from playbook.workshop import new_workshop

    return WorkshopStore(Store()).create(new_workshop("华东训练营", "half_day")).id


def _links(at) -> list[str]:
    return [str(link.proto.page) + str(link.proto.query_string) for link in at.get("page_link")]


@pytest.mark.parametrize("page", ["pages/plan/home.py", "pages/plan/wizard.py"])
def test_the_trainers_workshop_never_travels_in_a_plan_pages_links(plan_id, workshop_id, page):
    at = open_app(page, lang="zh", plan=plan_id, workshop=workshop_id)
    assert_clean(at)
    assert at.session_state["workshop_id"] == workshop_id  # the trainer keeps it
    assert "workshop" not in at.query_params
    assert at.query_params["plan"] == [plan_id] or at.query_params["plan"] == plan_id
    assert not any(workshop_id in link for link in _links(at))
    assert not any(workshop_id in code.value for code in at.code)


def test_the_workshop_pages_keep_the_workshop_in_their_address(plan_id, workshop_id):
    at = open_app("pages/workshop/agenda.py", lang="zh", plan=plan_id, workshop=workshop_id)
    assert_clean(at)
    assert workshop_id in str(at.query_params["workshop"])
    at.switch_page("pages/plan/home.py").run()
    assert "workshop" not in at.query_params


@pytest.mark.parametrize("link", ["AAAAAAAAAAAAAAAAAAAAAA", "not-a-workshop"])
def test_an_unknown_trainer_link_says_so(link):
    at = open_app("pages/workshop/agenda.py", lang="en", workshop=link)
    assert_clean(at)
    assert any("This trainer link opens no workshop" in e.value for e in at.error)
    assert "workshop_id" not in at.session_state


@pytest.mark.parametrize("slide", ["²", "1" * 5000, "-3", "0", "99999", "٣"])
def test_odd_slide_numbers_show_a_slide(workshop_id, slide):
    at = open_app("pages/workshop/present.py", lang="en", workshop=workshop_id, slide=slide)
    assert_clean(at)
    assert any("Slide" in m.value for m in at.markdown)


def test_a_language_code_in_capitals_is_understood(plan_id):
    at = open_app("pages/plan/home.py", lang="EN", plan=plan_id)
    assert_clean(at)
    assert at.title[0].value == "Community Playbook"


def test_production_settings_hide_error_details():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize(
    "page",
    ["pages/plan/home.py", "pages/plan/wizard.py", "pages/learn/overview.py", "pages/tools/roi.py"],
)
def test_every_in_app_link_carries_the_plan_and_the_language(plan_id, page):
    at = open_app(page, lang="en", plan=plan_id)
    assert_clean(at)
    links = at.get("page_link")
    assert len(links) >= 20  # the menu: one link per page
    for link in links:
        assert f"plan={plan_id}" in link.proto.query_string, link.proto.page
        assert "lang=en" in link.proto.query_string, link.proto.page


def test_links_to_home_from_another_page_go_through_its_name(plan_id):
    # Streamlit writes a link to the page at "/" relative to the page it is on
    at = open_app("pages/plan/wizard.py", lang="en", plan=plan_id)
    home = [link for link in at.get("page_link") if link.proto.label == "Home and plan canvas"]
    assert [link.proto.page for link in home] == ["home"]
    at.switch_page("pages/plan/home.py").run()
    home = [link for link in at.get("page_link") if link.proto.label == "Home and plan canvas"]
    assert [link.proto.page for link in home] == [""]


def test_only_the_workshop_pages_links_between_them_carry_the_workshop(plan_id, workshop_id):
    at = open_app("pages/workshop/agenda.py", lang="zh", plan=plan_id, workshop=workshop_id)
    assert_clean(at)
    carrying = {
        link.proto.page for link in at.get("page_link") if workshop_id in link.proto.query_string
    }
    assert carrying == {"workshop", "present", "timer", "teams"}


def test_each_session_has_page_objects_of_its_own_in_its_language(plan_id):
    """Page objects are made once per process and copied per session: st.navigation marks
    the chosen one runnable for one session's run, so sessions never share one."""
    from playbook.i18n import t

    zh, other, en = (
        open_app(plan=plan_id),
        open_app(plan=plan_id),
        open_app(plan=plan_id, lang="en"),
    )
    pages = [at.session_state["_nav_pages"] for at in (zh, other, en)]
    assert pages[0].keys() == pages[1].keys() == pages[2].keys()
    for url in pages[0]:
        assert len({id(p[url]) for p in pages}) == 3
    assert pages[0]["wizard"].title == t("nav.wizard", "zh")
    assert pages[2]["wizard"].title == t("nav.wizard", "en")
    for at in (zh, other, en):
        assert not at.exception

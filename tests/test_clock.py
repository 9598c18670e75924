"""Time zones: pages show the reader's, documents and dates use the plan's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook import clock
from playbook.i18n import error_messages
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from tests.conftest import assert_clean, open_app


def _plan(zone: str | None, updated: datetime) -> Plan:
    meta = PlanMeta(team="咖啡组", community="豆友会", industry="retail", time_zone=zone)
    return Plan(id=new_plan_id(), meta=meta, created_at=updated, updated_at=updated)


def test_a_plan_keeps_a_known_zone_and_refuses_an_unknown_one():
    assert PlanMeta(team="a", community="b", industry="other", time_zone="Asia/Tokyo").time_zone
    with pytest.raises(ValidationError) as caught:
        PlanMeta(team="a", community="b", industry="other", time_zone="Mars/Olympus")
    assert error_messages(caught.value, "zh") == ["未知的时区，请从列表中选择。"]


def test_old_plans_without_a_zone_use_the_languages_default():
    meta = PlanMeta.model_validate({"team": "a", "community": "b", "industry": "other"})
    assert meta.time_zone is None
    assert clock.zone(meta.time_zone, "zh").key == "Asia/Shanghai"
    assert clock.zone(meta.time_zone, "en").key == "UTC"


def test_the_date_is_the_teams_date_not_the_servers():
    late_utc = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)  # 07:30 next morning in Shanghai
    assert clock.today_in(clock.zone("Asia/Shanghai", "en"), late_utc) == date(2026, 12, 4)
    assert clock.today_in(clock.zone("America/New_York", "zh"), late_utc) == date(2026, 12, 3)


@given(st.sampled_from(sorted(clock._known())))
def test_every_offered_zone_is_first_when_it_is_the_browsers(name):
    offered = clock.choices(name)
    assert offered[0] == name or name in clock.COMMON_ZONES
    assert name in offered and len(offered) == len(set(offered))


def test_the_document_says_when_it_was_last_saved_in_the_plans_zone():
    from playbook.content import content
    from playbook.export.build import build_document

    saved = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    for zone, expected in (
        ("Asia/Shanghai", "2026-12-04 07:30 (UTC+08:00)"),
        ("Europe/Berlin", "2026-12-04 00:30 (UTC+01:00)"),
    ):
        document = build_document(
            _plan(zone, saved), content(), "zh", date(2026, 12, 4), with_charts=False
        )
        assert ("最后保存", expected) in document.cover


def test_the_calendar_carries_the_plans_zone():
    from icalendar import Calendar

    from playbook.export.calendar_io import to_ics

    saved = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    calendar = Calendar.from_ical(to_ics(_plan("America/New_York", saved), "en", date(2026, 12, 4)))
    assert calendar["x-wr-timezone"] == "America/New_York"
    zones = [c for c in calendar.walk("VTIMEZONE")]
    assert [z["tzid"] for z in zones] == ["America/New_York"]
    assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_a_new_plan_takes_the_zone_chosen_at_creation(shared_store):
    at = open_app(lang="en")
    zone_box = next(s for s in at.selectbox if s.label == "Team's time zone")
    assert zone_box.value == "UTC"  # no browser zone in AppTest: the language's default
    assert "Coordinated Universal Time (UTC+00:00)" in zone_box.options  # shown by name
    assert "China (UTC+08:00)" in zone_box.options
    at.text_input[0].input("Growth")
    at.text_input[1].input("Runners")
    at.selectbox[0].select("health_fitness")
    zone_box.select("Asia/Singapore")
    at.button[0].click().run()
    assert_clean(at)
    stored = shared_store.get(at.session_state["plan_id"]).plan
    assert stored.meta.time_zone == "Asia/Singapore"


def test_the_zone_can_be_changed_later_and_a_bad_one_is_refused(plan_id, shared_store):
    at = open_app(lang="zh", plan=plan_id)
    at.session_state["home.details"] = True  # the plan details, drawn when opened
    at.run()
    box = at.selectbox(key="meta.time_zone")
    assert box.value == "Asia/Shanghai"  # stored as the IANA name, shown as a place
    assert "北京时间 (UTC+08:00)" in box.options and "Asia/Shanghai" not in box.options
    box.select("Europe/London").run()
    assert_clean(at)
    assert shared_store.get(plan_id).plan.meta.time_zone == "Europe/London"
    with pytest.raises(ValidationError):
        apply_changes(shared_store.get(plan_id).plan, {"meta.time_zone": "Nowhere/Land"})


def test_a_zone_reads_as_a_place_with_its_offset_at_the_time():
    winter, summer = datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)
    assert clock.label("Asia/Shanghai", "zh", winter) == "北京时间 (UTC+08:00)"
    assert clock.label("Asia/Shanghai", "en", winter) == "China (UTC+08:00)"
    assert clock.label("America/New_York", "en", winter) == "New York (UTC-05:00)"
    assert clock.label("America/New_York", "zh", summer) == "纽约 (UTC-04:00)"
    assert clock.label("Asia/Kolkata", "en", winter) == "India (UTC+05:30)"
    # a browser's zone outside the list: its city
    assert clock.label("America/Argentina/Buenos_Aires", "en", winter) == "Buenos Aires (UTC-03:00)"


def test_every_zone_offered_has_a_name_in_both_languages():
    from playbook.i18n import strings

    for name in clock.COMMON_ZONES:
        assert f"tz.{name}" in strings(), name

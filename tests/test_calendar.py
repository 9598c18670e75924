"""The operations calendar and every other export, as files meant to be shared: stable
event UIDs without the plan id, a valid calendar without tasks, text in the plan's
language; and no export of any format holds the plan id."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
import zlib
from datetime import date

import pytest

from playbook.content import content
from playbook.export import calendar_io
from playbook.export.formats import formats
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from tests.test_export import filled_plan

TODAY = date(2026, 11, 23)


def _events(plan: Plan, lang: str = "en") -> list:
    from icalendar import Calendar

    return list(Calendar.from_ical(calendar_io.to_ics(plan, lang, TODAY)).walk("VEVENT"))


def test_event_uids_come_from_the_task_and_a_one_way_plan_token():
    plan = filled_plan(**{"answers.bonds.cadence": "biweekly"})
    token = calendar_io.plan_token(plan.id)
    assert re.fullmatch(r"[0-9a-f]{24}", token) and plan.id not in token
    uids = [str(e["uid"]) for e in _events(plan)]
    assert uids == [f"t1.{token}@community-playbook", f"themed-event.{token}@community-playbook"]
    other = filled_plan()
    assert calendar_io.plan_token(other.id) != token


def test_event_uids_stay_the_same_when_tasks_are_added_and_edited():
    plan = filled_plan()
    before = {str(e["summary"]): str(e["uid"]) for e in _events(plan)}
    earlier = {
        "step": "positioning",
        "title": "先做的任务",
        "start": "2026-10-01",
        "due": "2026-10-05",
    }
    edited = apply_changes(
        plan,
        {
            "sections.roadmap.tasks.a0": earlier,  # sorts before t1
            "sections.roadmap.tasks.t1.owner": "赵六",
        },
    )
    after = {str(e["summary"]): str(e["uid"]) for e in _events(edited)}
    assert {k: after[k] for k in before} == before
    assert len(set(after.values())) == len(after) == len(before) + 1


def test_a_plan_without_tasks_gives_a_valid_calendar():
    from icalendar import Calendar

    plan = Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))
    data = calendar_io.to_ics(plan, "zh", TODAY)
    calendar = Calendar.from_ical(data)
    assert list(calendar.walk("VEVENT")) == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]  # one component at least
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "负责人：王五\n状态：进行中"), ("en", "Owner: 王五\nStatus: In progress")],
)
def test_event_descriptions_are_labelled(lang, expected):
    task = _events(filled_plan(), lang)[0]
    assert str(task["description"]) == expected


def test_csv_headers_and_values_are_in_the_plans_language():
    plan = filled_plan(**{"answers.bonds.cadence": "weekly"})
    rows = list(csv.reader(io.StringIO(calendar_io.to_csv(plan, "en", TODAY).decode("utf-8-sig"))))
    assert rows[0] == ["Type", "Title", "Start", "End", "Owner", "Status", "Repeats", "Notes"]
    assert rows[1][0] == "Task" and rows[1][5] == "In progress"
    assert rows[2][:2] == ["Themed event", "Community themed event"] and rows[2][6] == "Weekly"


def _texts(data: bytes) -> list[bytes]:
    """The bytes a file holds, unpacked: zip members, PDF streams and the PDF's text."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(name) for name in archive.namelist()]
    if data[:4] == b"%PDF":
        found = [data]
        for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
            try:
                found.append(zlib.decompress(stream))
            except zlib.error:
                found.append(stream)
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
            ).stdout
            found.append(text)
        return found
    return [data]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_export_holds_the_plan_id(lang):
    plan = filled_plan(**{"answers.bonds.cadence": "monthly"})
    offered = formats(plan, content(), lang, TODAY)
    assert {f.id for f in offered} == {"docx", "pdf", "md", "html", "json", "csv", "ics"}
    for fmt in offered:
        for part in _texts(fmt.make()):
            assert plan.id.encode() not in part, fmt.id
            assert plan.id.encode("utf-16-be") not in part, fmt.id


def test_the_workshop_files_hold_no_workshop_id():
    from playbook.cases import cases
    from playbook.export.deck import handout_pdf, to_pptx
    from playbook.workshop import build_deck, new_workshop

    workshop = new_workshop("华东训练营", "half_day")
    slides = build_deck(workshop, content(), cases(), "zh")
    for make in (to_pptx, handout_pdf):
        for part in _texts(make(workshop, slides, "zh", TODAY)):
            assert workshop.id.encode() not in part

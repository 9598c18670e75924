"""Workshops: agenda timing, the deck, the PPTX and handout, joining teams, the pages."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pydantic import ValidationError

from playbook.cases import cases
from playbook.content import content
from playbook.export.deck import handout_pdf, to_pptx
from playbook.plan import PlanMeta
from playbook.storage import WorkshopNotFound, WorkshopStore
from playbook.workshop import (
    CODE_ALPHABET,
    AgendaItem,
    build_deck,
    new_workshop,
    timing,
)
from tests.conftest import assert_clean, open_app

TODAY = date(2026, 11, 23)


def test_agenda_timing_adds_up_and_flags_an_overrun():
    workshop = new_workshop("训练营", "half_day").model_copy(
        update={
            "agenda": [
                AgendaItem(module="intro", minutes=20),
                AgendaItem(module="variables", minutes=90),
                AgendaItem(module="wrapup", minutes=15),
            ]
        }
    )
    plan = timing(workshop)
    assert (plan.total, plan.available, plan.remaining, plan.over) == (125, 210, 85, False)
    assert [(s.module, s.start, s.end) for s in plan.slots] == [
        ("intro", 0, 20),
        ("variables", 20, 110),
        ("wrapup", 110, 125),
    ]
    longer = workshop.model_copy(update={"agenda": [AgendaItem(module="variables", minutes=240)]})
    assert timing(longer).over and timing(longer).remaining == -30


def test_default_agendas_fit_their_session():
    for length in ("half_day", "full_day"):
        assert not timing(new_workshop("w", length)).over


def test_join_codes_are_short_and_unambiguous():
    codes = {new_workshop("w").code for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_an_unknown_module_or_bad_minutes_are_refused():
    with pytest.raises(ValidationError):
        AgendaItem(module="intro", minutes=2)
    with pytest.raises(ValidationError):
        new_workshop("w").model_copy(update={"agenda": []}).model_validate(
            {
                "id": "x" * 22,
                "code": "ABCDEF",
                "title": "w",
                "agenda": [{"module": "magic", "minutes": 10}],
            }
        )


def test_the_deck_follows_the_agenda_one_idea_per_slide():
    workshop = new_workshop("训练营", "full_day")
    slides = build_deck(workshop, content(), cases(), "zh")
    per_module = {
        m: sum(s.module == m for s in slides) for m in (i.module for i in workshop.agenda)
    }
    assert per_module == {
        "intro": 1,
        "variables": 10,
        "levers": 4,
        "steps": 7,
        "cautions": 1,
        "cases": 2,
        "trends": 1,
        "wrapup": 1,
    }
    assert [s.module for s in slides] == sorted(
        (s.module for s in slides), key=[i.module for i in workshop.agenda].index
    )
    assert all(s.title and s.points and s.notes for s in slides)


def test_the_pptx_is_built_as_a_trainer_presents_with_notes_and_chinese():
    from pptx import Presentation

    workshop = new_workshop("华东区社群运营训练营", "half_day")
    slides = build_deck(workshop, content(), cases(), "zh")
    deck = Presentation(io.BytesIO(to_pptx(workshop, slides, "zh", TODAY)))
    modules = len(workshop.agenda)
    # title, agenda, per module a divider and an exercise slide, the slides, closing
    assert len(deck.slides) == 2 + 2 * modules + len(slides) + 1

    def texts(slide) -> list[str]:
        shapes = [shape for shape in slide.shapes if shape.has_text_frame]
        return [shape.text_frame.text for shape in shapes if shape.text_frame.text]

    assert texts(deck.slides[0])[0] == "华东区社群运营训练营"
    agenda = texts(deck.slides[1])
    assert agenda[0] == "议程" and "0:00–0:15" in agenda and "15 分钟" in agenda
    assert "开场：什么是社群营销" in texts(deck.slides[2])  # the first module's divider
    exercise = texts(deck.slides[4])  # after the divider and the intro slide
    assert "5′" in exercise and "计时 5 分钟" in exercise and "讨论问题" in exercise
    body = next(s for s in deck.slides if "1. 社群对象" in texts(s))
    assert "社群只面向已购用户" in "\n".join(texts(body))
    assert body.notes_slide.notes_text_frame.text.strip()
    title = next(s for s in body.shapes if s.has_text_frame and s.text_frame.text)
    ea = (
        title.text_frame.paragraphs[0]
        .runs[0]
        ._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    )
    assert ea.get("typeface") == "Microsoft YaHei"
    assert texts(deck.slides[-1])[0] == "谢谢参与"
    props = deck.core_properties
    assert props.title == "华东区社群运营训练营" and props.author == "社群营销作战手册"
    assert props.created.year >= 2026 and props.revision == 1


def test_the_handout_has_the_agenda_with_times_exercises_and_room_for_notes():
    from pypdf import PdfReader

    workshop = new_workshop("训练营", "half_day")
    slides = build_deck(workshop, content(), cases(), "en")
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(handout_pdf(workshop, slides, "en", TODAY))).pages
    )
    assert "Target members" in text and workshop.code in text
    assert "Agenda" in text and "0:00–0:15" in text and "Timer: 5 minutes" in text
    assert text.count("Notes") == len(workshop.agenda)


def test_teams_join_with_the_code_and_are_listed(shared_store):
    store = WorkshopStore(shared_store)
    workshop = store.create(new_workshop("训练营"))
    first = store.join(
        workshop.code.lower(), PlanMeta(team="一组", community="跑者", industry="other")
    )
    second = store.join(workshop.code, PlanMeta(team="二组", community="车主", industry="other"))
    teams = store.teams(workshop.id)
    assert [t.plan.id for t in teams] == [first.plan.id, second.plan.id]
    with pytest.raises(WorkshopNotFound):
        store.join("ZZZZZZ", PlanMeta(team="三组", community="x", industry="other"))
    with pytest.raises(WorkshopNotFound):
        store.by_code("'; drop table plans; --")


@pytest.fixture
def workshop_id(shared_store):
    store = WorkshopStore(shared_store)
    return store.create(new_workshop("训练营", "half_day")).id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timer_starts_pauses_and_resets(lang):
    at = open_app("pages/workshop/timer.py", lang=lang)
    assert_clean(at)
    at.number_input(key="timer_minutes").set_value(5).run()
    assert "05:00" in " ".join(m.value for m in at.markdown)
    labels = {"zh": ("开始", "暂停", "重置"), "en": ("Start", "Pause", "Reset")}[lang]
    next(b for b in at.button if b.label == labels[0]).click().run()
    assert at.session_state["timer"].ends_at is not None
    next(b for b in at.button if b.label == labels[1]).click().run()
    assert at.session_state["timer"].ends_at is None
    assert 0 < at.session_state["timer"].left <= 300
    next(b for b in at.button if b.label == labels[2]).click().run()
    assert at.session_state["timer"].left == 300


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_compare_view_shows_each_teams_answer(workshop_id, shared_store, lang):
    store = WorkshopStore(shared_store)
    workshop = store.get(workshop_id)
    at = open_app("pages/workshop/compare.py", lang=lang, workshop=workshop_id)
    assert_clean(at)
    assert workshop.code in at.info[0].value
    for team, answer in (("一组", "夜跑爱好者"), ("二组", "新手车主")):
        record = store.join(workshop.code, PlanMeta(team=team, community="社群", industry="other"))
        shared_store.update(record.plan.id, {"answers.target.summary": answer})
    at.run()
    assert_clean(at)
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "夜跑爱好者" in shown and "新手车主" in shown


def test_the_agenda_page_creates_a_workshop_and_saves_minutes(shared_store):
    at = open_app("pages/workshop/agenda.py", lang="zh")
    at.text_input[0].input("华东训练营")
    at.button[0].click().run()
    assert_clean(at)
    workshop_id = at.session_state["workshop_id"]
    editor = at.data_editor[0]
    at.session_state[editor.key] = {
        "edited_rows": {"1": {"minutes": 60}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert_clean(at)
    saved = WorkshopStore(shared_store).get(workshop_id)
    assert next(i.minutes for i in saved.agenda if i.module == "variables") == 60
    assert at.get("download_button")


def test_a_rooms_industry_brings_its_examples_into_the_deck(shared_store):
    from playbook.examples import examples
    from playbook.workshop import build_deck

    retail = examples().for_industry("retail")
    workshop = new_workshop("咖啡门店训练营", "half_day", "retail")
    slides = [s for s in build_deck(workshop, content(), cases(), "zh") if s.module == "variables"]
    assert len(slides) == 10
    first = slides[0]
    assert f"{retail.label.zh}: {retail.variables['target'].summary.zh}" in first.points
    assert retail.variables["target"].mistake.zh in first.notes
    general = build_deck(new_workshop("通用", "half_day"), content(), cases(), "zh")
    assert not any(retail.label.zh in p for s in general for p in s.points)


def test_the_trainer_sets_the_rooms_industry_on_the_agenda_page(shared_store):
    store = WorkshopStore(shared_store)
    workshop = store.create(new_workshop("训练营", "half_day"))
    at = open_app("pages/workshop/agenda.py", lang="en", workshop=workshop.id)
    at.selectbox(key="ws_industry").set_value("retail").run()
    assert_clean(at)
    assert store.get(workshop.id).industry == "retail"


def test_the_trainer_sees_each_teams_numbers_and_monthly_report(shared_store):
    store = WorkshopStore(shared_store)
    workshop = store.create(new_workshop("复盘课", "half_day"))
    team = store.join(workshop.code, PlanMeta(team="一组", community="跑者", industry="other"))
    store.join(workshop.code, PlanMeta(team="二组", community="车主", industry="other"))
    shared_store.update(
        team.plan.id,
        {
            "sections.kpis.engagement": {"on": True, "target": "≥ 30%"},
            "sections.actuals.periods.m2026_09": {"members": 400, "posters": 100},
            "sections.actuals.periods.m2026_10": {"members": 500, "posters": 200},
        },
    )
    at = open_app("pages/workshop/compare.py", lang="zh", workshop=workshop.id)
    assert_clean(at)
    (expander,) = [e for e in at.expander if "一组 · 跑者 · 2026-10" in e.label]
    table = expander.dataframe[0].value
    assert "40.0%" in " ".join(str(v) for v in table.to_numpy().ravel())  # 200 ÷ 500
    downloads = [d for d in at.get("download_button") if d.key and d.key.startswith("ws.report")]
    assert len(downloads) == 4  # Markdown, HTML, DOCX, PDF of the team's monthly review

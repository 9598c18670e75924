"""The workshop room: QR codes, the shared slide and timer, the audience view, the trainer's
live board, and every team's plan in one ZIP."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest

from playbook import qr
from playbook.cases import cases
from playbook.content import content
from playbook.export.deck import handout, to_pptx
from playbook.plan import Plan, PlanMeta
from playbook.room import (
    Room,
    Timer,
    board,
    is_screen_token,
    minutes_ago,
    slide_fit,
    step,
    teams_zip,
)
from playbook.storage import RoomStore, ScreenNotFound, Store, WorkshopStore
from playbook.workshop import build_deck, join_code, new_workshop
from tests.conftest import assert_clean, open_app

TODAY = date(2026, 11, 23)
JOIN = "https://playbook.example.cn/?join=ABC234&lang=zh"


def _decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


# ---- QR codes


@pytest.mark.parametrize(
    "link",
    [JOIN, "http://127.0.0.1:8501/?plan=" + "x" * 22 + "&lang=en", "https://例子.cn/?join=Z2Z2Z2"],
)
def test_a_qr_code_decodes_to_its_link(link):
    assert _decode(qr.png(link)) == [link]


def test_the_qr_svg_scales_with_its_box_and_has_a_quiet_zone():
    svg = qr.svg(JOIN)
    assert svg.startswith("<svg") and "viewBox" in svg
    assert "width=" not in svg.split(">")[0]  # no fixed size: it fills the slide's box
    size = int(svg.split('viewBox="0 0 ')[1].split()[0])
    assert size >= 21 + 2 * qr.QUIET_ZONE
    assert qr.svg_data_uri(JOIN).startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize(
    ("value", "code"),
    [("ABC234", "ABC234"), (" abc 234 ", "ABC234"), ("ABC23", ""), ("ABC10O", ""), (None, "")],
)
def test_a_join_link_fills_in_only_a_well_formed_code(value, code):
    assert join_code(value) == code


# ---- the timer


def test_the_timer_starts_pauses_resets_and_ends():
    timer = Timer(seconds=300, left=300)
    running = timer.start(1000.0)
    assert running.ends_at == 1300.0
    assert running.start(1100.0) == running  # starting twice changes nothing
    face = running.face(1000.0 + 65.2)
    assert (face.display, face.running, face.finished) == ("03:55", True, False)
    paused = running.pause(1100.0)
    assert (paused.ends_at, paused.left) == (None, 200.0)
    assert paused.face(5000.0).display == "03:20"  # a pause holds, however long
    assert paused.start(2000.0).ends_at == 2200.0
    assert running.face(1300.5).finished and not running.face(1300.5).running
    assert paused.reset().left == 300.0 and paused.reset().ends_at is None
    assert timer.with_length(120).face(0).display == "02:00"


def test_teams_see_a_running_timer_and_for_a_minute_after_it_ends():
    running = Timer(seconds=60, left=60).start(0.0)
    assert running.shown_to_teams(30.0) and running.shown_to_teams(100.0)
    assert not running.shown_to_teams(130.0)
    assert not Timer().shown_to_teams(0.0)


def test_a_slide_step_stays_within_the_deck():
    assert [step(0, -1, 5), step(4, 1, 5), step(2, 1, 5), step(99, 0, 5)] == [0, 4, 3, 4]


def test_long_slides_are_set_smaller_to_fit_the_screen():
    short = slide_fit("1. 对象", ["为谁而建？"], ["谁？"], None)
    long = slide_fit("7. Operations", ["word " * 120, "word " * 60], ["question " * 20] * 4, "s")
    assert short == 1.0 and 0.55 <= long < 1.0


# ---- the room in the database


def test_a_room_keeps_its_slide_and_timer(store: Store):
    workshops, rooms = WorkshopStore(store), RoomStore(store)
    workshop = workshops.create(new_workshop("训练营"))
    room = rooms.room(workshop.id)
    assert rooms.room(workshop.id) == room  # made once
    assert is_screen_token(room.screen_token) and room.screen_token != workshop.id
    assert rooms.by_screen(room.screen_token).workshop_id == workshop.id
    for token in ("", "x" * 22, workshop.id, "' or 1=1 --"):
        with pytest.raises(ScreenNotFound):
            rooms.by_screen(token)
    rooms.move(workshop.id, 1, 3)
    rooms.move(workshop.id, 1, 3)
    rooms.move(workshop.id, 1, 3)
    assert rooms.slide(workshop.id) == 2  # the last of three
    rooms.move(workshop.id, -5, 3)
    assert rooms.slide(workshop.id) == 0
    started = Timer().start(time.time())
    rooms.set_timer(workshop.id, started)
    assert rooms.timer(workshop.id) == started
    assert rooms.timer("n" * 22) is None
    team = workshops.join(workshop.code, PlanMeta(team="一组", community="跑者", industry="other"))
    assert rooms.workshop_of(team.plan.id) == workshop.id
    assert (
        rooms.workshop_of(store.create(PlanMeta(team="a", community="b", industry="other")).plan.id)
        is None
    )


# ---- the board and the ZIP


def _plans() -> list[Plan]:
    first = Plan(id="a" * 22, meta=PlanMeta(team="一组", community="跑者", industry="other"))
    second = Plan(id="b" * 22, meta=PlanMeta(team="一组", community="跑者", industry="other"))
    answered = first.model_copy(
        update={"answers": {"target": {"summary": "城市夜跑爱好者"}}}, deep=True
    )
    return [answered, second]


def test_the_board_counts_variables_and_scores_each_team():
    rows = board(_plans(), content(), TODAY)
    assert [row.plan_id for row in rows] == ["a" * 22, "b" * 22]
    assert all(row.total == 10 and 0 <= row.score <= 100 for row in rows)
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert minutes_ago(now - timedelta(minutes=7, seconds=50), now) == 7
    assert minutes_ago(now + timedelta(minutes=1), now) == 0


def test_every_teams_plan_comes_in_one_zip_of_documents():
    data = teams_zip(_plans(), content(), "zh", TODAY, "html")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == 2 and len(set(names)) == 2  # same team names, two files
        assert all(name.endswith(".html") for name in names)
        assert "城市夜跑爱好者" in archive.read(names[0]).decode("utf-8")


# ---- the deck's join slide


def test_the_deck_has_a_join_slide_with_a_scannable_code():
    from pptx import Presentation

    workshop = new_workshop("华东区社群运营训练营")
    slides = build_deck(workshop, content(), cases(), "zh")
    plain = Presentation(io.BytesIO(to_pptx(workshop, slides, "zh", TODAY)))
    deck = Presentation(io.BytesIO(to_pptx(workshop, slides, "zh", TODAY, JOIN)))
    assert len(deck.slides) == len(plain.slides) + 1
    join = deck.slides[1]
    texts = [shape.text_frame.text for shape in join.shapes if shape.has_text_frame]
    assert "加入工作坊" in texts and workshop.code in texts and JOIN in texts
    (picture,) = [shape for shape in join.shapes if shape.shape_type == 13]
    assert _decode(picture.image.blob) == [JOIN]
    assert picture.width >= 5 * 914_400  # inches: readable from the back of a room
    cover = dict(handout(workshop, slides, "en", TODAY, JOIN).cover)
    assert cover["Join link"] == JOIN


# ---- pages


@pytest.fixture
def room(shared_store) -> tuple[str, Room]:
    workshop = WorkshopStore(shared_store).create(new_workshop("训练营", "half_day"))
    return workshop.id, RoomStore(shared_store).room(workshop.id)


def _html(at) -> str:
    return " ".join(element.proto.body for element in at.get("html"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_presenter_starts_on_the_join_slide_and_moves_the_room(room, shared_store, lang):
    workshop_id, _ = room
    code = WorkshopStore(shared_store).get(workshop_id).code
    at = open_app("pages/workshop/present.py", lang=lang, workshop=workshop_id)
    assert_clean(at)
    assert code in _html(at) and "data:image/svg+xml" in _html(at)
    assert any(
        b.label == ("打开投影画面" if lang == "zh" else "Open the audience view")
        for b in at.get("link_button")
    )
    next(b for b in at.button if b.key == "slide.next").click().run()
    assert_clean(at)
    assert RoomStore(shared_store).slide(workshop_id) == 1
    assert "data-slide='2'" in _html(at)
    assert any(("讲师备注" in m.value or "Facilitator notes" in m.value) for m in at.markdown)
    next(b for b in at.button if b.key == "slide.PageUp").click().run()
    assert RoomStore(shared_store).slide(workshop_id) == 0


def test_a_slide_number_in_the_address_opens_there_once(room, shared_store):
    workshop_id, _ = room
    at = open_app("pages/workshop/present.py", lang="en", workshop=workshop_id, slide="4")
    assert_clean(at)
    assert RoomStore(shared_store).slide(workshop_id) == 3
    assert "slide" not in at.query_params  # a reload does not move the room back


def test_the_audience_view_shows_the_slide_alone_and_follows_the_room(room, shared_store):
    workshop_id, screen = room
    at = open_app("pages/workshop/screen.py", lang="zh", screen=screen.screen_token)
    assert_clean(at)
    assert "class='screen' data-slide='1'" in _html(at)
    assert not at.title and not at.markdown  # no page title, no notes
    assert '[data-testid="stSidebar"]' in _html(at)  # hidden: the browser test looks at it
    assert workshop_id not in _html(at)
    RoomStore(shared_store).move(workshop_id, 2, 30)
    at.run()
    assert "data-slide='3'" in _html(at)
    next(b for b in at.button if b.key == "screen.Right").click().run()  # a clicker here
    assert RoomStore(shared_store).slide(workshop_id) == 3


@pytest.mark.parametrize("token", ["AAAAAAAAAAAAAAAAAAAAAA", "no", ""])
def test_an_unknown_screen_link_says_so(token):
    at = open_app("pages/workshop/screen.py", lang="en", screen=token)
    assert_clean(at)
    assert "opens no workshop" in _html(at)


def test_the_workshop_timer_survives_a_new_session_and_reaches_a_team_page(room, shared_store):
    workshop_id, _ = room
    at = open_app("pages/workshop/timer.py", lang="en", workshop=workshop_id)
    assert_clean(at)
    at.number_input(key="timer_minutes").set_value(5).run()
    next(b for b in at.button if b.label == "Start").click().run()
    timer = RoomStore(shared_store).timer(workshop_id)
    assert timer is not None and timer.seconds == 300 and timer.ends_at is not None
    again = open_app("pages/workshop/timer.py", lang="en", workshop=workshop_id)  # a reload
    assert "Running" in " ".join(c.value for c in again.caption)
    assert RoomStore(shared_store).timer(workshop_id) == timer  # neither reset nor paused

    code = WorkshopStore(shared_store).get(workshop_id).code
    team = WorkshopStore(shared_store).join(
        code, PlanMeta(team="一组", community="跑者", industry="other")
    )
    page = open_app("pages/plan/wizard.py", lang="en", plan=team.plan.id)
    assert_clean(page)
    assert "pb-team-timer" in _html(page) and "pb-count" in _html(page)
    outsider = shared_store.create(PlanMeta(team="a", community="b", industry="other")).plan.id
    page = open_app("pages/plan/wizard.py", lang="en", plan=outsider)
    assert "pb-team-timer" not in _html(page)


def test_the_live_room_labels_each_answer_and_links_each_plan_view_only(room, shared_store):
    workshop_id, _ = room
    store = WorkshopStore(shared_store)
    code = store.get(workshop_id).code
    for team, answer in (("一组", "城市夜跑爱好者\n第二行"), ("二组", "新手车主")):
        record = store.join(code, PlanMeta(team=team, community="社群", industry="other"))
        shared_store.update(record.plan.id, {"answers.target.summary": answer})
    at = open_app("pages/workshop/compare.py", lang="zh", workshop=workshop_id)
    assert_clean(at)
    shown = _html(at)
    assert "城市夜跑爱好者\n第二行" in shown  # the whole answer, as typed
    assert "一句话描述目标成员" in " ".join(c.value for c in at.caption)  # its field's label
    links = [b.proto.url for b in at.get("link_button")]
    assert len(links) == 2 and all("plan=" in link for link in links)
    teams = [t.plan.id for t in store.teams(workshop_id)]
    assert not any(plan_id in link for plan_id in teams for link in links)  # view-only links
    board_table = at.dataframe[0].value
    assert list(board_table["done"]) == ["0/10", "0/10"]
    assert any(d.key == "room.zip" for d in at.get("download_button"))


def test_a_join_link_fills_in_the_code_on_home():
    at = open_app(None, lang="en", join="abc234")
    assert_clean(at)
    form_code = next(t for t in at.text_input if t.label == "Join code from the trainer")
    assert form_code.value == "ABC234"

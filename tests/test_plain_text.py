"""Text a team typed is shown exactly as typed on every page: never as Markdown, links,
remote images, icons, colours or LaTeX, and a direction override cannot flip the page."""

from __future__ import annotations

import html

import pytest
from markdown_it import MarkdownIt

from playbook.plan import PlanMeta
from playbook.text import escape_markdown
from tests.conftest import assert_clean, open_app

HOSTILE_TEAM = "![x](http://127.0.0.1:9/pixel.png) [click](http://evil.example) :material/home:"
HOSTILE_COMMUNITY = "$x^2$ :red[red] &lt;b&gt; http://evil.example \u202eexe.txt"
HOSTILE_ANSWER = "steps:\n    indented line\n:material/home: &lt;tag&gt; https://evil.example/x $y$"
BAD = ("pixel.png", "evil.example", "material/home", "$x^2$", ":red[", "&lt;")


def _markdown_values(at) -> list[str]:
    """Everything Streamlit would read as Markdown on the page (and in the sidebar)."""
    kinds = ("markdown", "caption", "header", "subheader", "title", "success", "error", "info")
    found = [el.value for kind in kinds for el in at.get(kind)]
    found += [el.value for kind in kinds for el in at.sidebar.get(kind)]
    return found


def _html(at) -> str:
    return " ".join(el.proto.body for el in at.get("html")) + " ".join(
        el.proto.body for el in at.sidebar.get("html")
    )


def _literal(value: str) -> str:
    return html.escape(value.replace("\u202e", ""))


@pytest.fixture
def hostile_plan(shared_store) -> str:
    meta = PlanMeta(team=HOSTILE_TEAM, community=HOSTILE_COMMUNITY, industry="automotive")
    plan_id = shared_store.create(meta).plan.id
    shared_store.update(plan_id, {"answers.target.summary": HOSTILE_ANSWER})
    return plan_id


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "page",
    [
        "pages/plan/home.py",
        "pages/plan/wizard.py",
        "pages/learn/compare.py",
        "pages/plan/review.py",
    ],
)
def test_hostile_names_and_answers_are_shown_as_typed(hostile_plan, page, lang):
    at = open_app(page, lang=lang, plan=hostile_plan)
    assert_clean(at)
    for value in _markdown_values(at):
        assert not any(bad in value for bad in BAD), value
    shown = _html(at)
    assert _literal(HOSTILE_COMMUNITY) in shown  # the sidebar, on every page
    assert _literal(HOSTILE_TEAM) in shown
    assert "\u202e" not in shown
    if page in ("pages/plan/home.py", "pages/learn/compare.py"):
        assert _literal(HOSTILE_ANSWER) in shown


def test_the_home_header_and_canvas_keep_indentation_and_entities(hostile_plan):
    at = open_app("pages/plan/home.py", lang="en", plan=hostile_plan)
    bodies = [el.proto.body for el in at.get("html")]
    header = next(b for b in bodies if "font-size:2rem" in b)
    assert _literal(HOSTILE_COMMUNITY) in header
    answer = next(b for b in bodies if "indented line" in b)
    assert "white-space:pre-wrap" in answer
    assert "steps:\n    indented line\n:material/home: &amp;lt;tag&amp;gt;" in answer


def test_the_export_preview_shows_team_text_literally(hostile_plan):
    at = open_app("pages/plan/export.py", lang="en", plan=hostile_plan)
    at.toggle(key="export_preview").set_value(True).run()
    assert_clean(at)
    preview = next(el.proto.body for el in at.get("html") if "pb-document" in el.proto.body)
    assert "<a " not in preview and "<img" not in preview
    assert "&amp;lt;tag&amp;gt;" in preview
    assert "\u00a0\u00a0\u00a0\u00a0indented line" in preview
    for value in _markdown_values(at):
        assert not any(bad in value for bad in BAD), value


def test_an_imported_plans_name_is_shown_literally(plan_id, shared_store, hostile_plan):
    from playbook.export import json_io

    exported = json_io.to_json(shared_store.get(hostile_plan).plan)
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", exported, "application/json")
    at.run()
    assert_clean(at)
    assert f'Imported as a new plan: <bdi dir="auto">{_literal(HOSTILE_COMMUNITY)}' in _html(at)


def test_a_workshop_title_is_shown_literally():
    from pages.shared import session  # noqa: F401 - the page's store, same data directory
    from playbook.storage import Store, WorkshopStore
    from playbook.workshop import new_workshop

    workshop = WorkshopStore(Store()).create(new_workshop(HOSTILE_TEAM, "half_day"))
    at = open_app("pages/workshop/agenda.py", lang="en", workshop=workshop.id)
    assert_clean(at)
    assert _literal(HOSTILE_TEAM) in _html(at)
    for value in _markdown_values(at):
        assert not any(bad in value for bad in BAD), value


def test_escaped_markdown_renders_to_the_typed_text():
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    rendered = md.render(escape_markdown(HOSTILE_ANSWER))
    assert "<a " not in rendered and "<img" not in rendered
    assert "&amp;lt;tag&amp;gt;" in rendered
    assert rendered.startswith("<p>steps:<br />\n\u00a0\u00a0\u00a0\u00a0indented line<br />")


def test_direction_overrides_are_dropped_when_text_is_cleaned():
    from playbook.text import clean_line

    assert clean_line("abc\u202etxt.exe\u2066x\u2069") == "abctxt.exex"
    assert clean_line("مرحبا\u200fabc") == "مرحبا\u200fabc"  # an RLM mark is kept

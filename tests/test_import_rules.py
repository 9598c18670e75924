"""An imported plan file is held to the rules editing follows, and every problem is
reported once, plainly, by the field's name; nothing is stored until all of it is right."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import strategies as st

from playbook.conformance import messages
from playbook.content import content
from playbook.export import json_io
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from tests.conftest import assert_clean, open_app


def _words(size: int) -> st.SearchStrategy:
    printable = st.characters(whitelist_categories=["L", "N", "P", "S", "Zs"])
    return st.text(printable, min_size=1, max_size=size).map(lambda s: " ".join(s.split()) or "x")


def _answer(spec) -> st.SearchStrategy:
    ids = [o.id for o in spec.options]
    if spec.kind == "choice":
        return st.sampled_from(ids)
    if spec.kind == "choices":
        return st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True)
    if spec.kind == "number":
        return st.integers(spec.min, spec.max)
    return _words(120)


def _answers() -> st.SearchStrategy:
    fields = {v.id: {f.id: _answer(f) for f in v.fields} for v in content().variables}
    return st.fixed_dictionaries(
        {}, optional={v: st.fixed_dictionaries({}, optional=f) for v, f in fields.items()}
    ).map(lambda answers: {v: f for v, f in answers.items() if f})


valid_plans = st.builds(
    Plan,
    id=st.just(new_plan_id()),
    meta=st.builds(
        PlanMeta,
        team=st.sampled_from(["华东用户运营组", "Growth team"]),
        community=_words(40),
        industry=st.sampled_from([o.id for o in content().industries]),
        platforms=st.lists(
            st.sampled_from([p.id for p in content().platforms]), max_size=4, unique=True
        ),
    ),
    answers=_answers(),
)
"""Plans that content-aware checks accept: every id and number from the content."""

TASK = {
    "step": "positioning",
    "title": "访谈 10 位车主",
    "start": "2026-11-01",
    "due": "2026-11-20",
}


def _document(**changes) -> dict:
    meta = PlanMeta(team="华东用户运营组", community="蓝色车主俱乐部", industry="automotive")
    plan = apply_changes(
        Plan(id=new_plan_id(), meta=meta),
        {"sections.roadmap": {"started": True, "tasks": {"t1": TASK}}} | changes,
    )
    return json.loads(json_io.to_json(plan))


def _refusal(document: dict | bytes, lang: str = "en") -> tuple[str, list[str]]:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    with pytest.raises(json_io.ImportProblem) as caught:
        json_io.read_plan(data)
    problem = caught.value
    return problem.key, messages(problem.problems, content(), lang, problem.data)


def test_deeply_nested_json_is_refused_plainly():
    assert _refusal(b"[" * 400_000) == ("imp.too_deep", [])
    nested = json.dumps(_document() | {"extra": json.loads("[" * 60 + "]" * 60)})
    assert _refusal(nested.encode())[0] == "imp.too_deep"


def test_a_duplicate_key_is_refused():
    text = json.dumps(_document())
    data = text.replace('"kind": ', '"kind": "x", "kind": ', 1).encode()
    with pytest.raises(json_io.ImportProblem) as caught:
        json_io.read_plan(data)
    assert (caught.value.key, caught.value.values) == ("imp.duplicate_key", {"key": "kind"})


def test_the_version_written_as_text_is_accepted_and_others_are_named():
    document = _document()
    document["schema_version"] = "1"
    assert json_io.read_plan(json.dumps(document).encode()).meta.team == "华东用户运营组"
    for version, shown in ((2, "2"), (True, "True"), ("1.0", "1.0")):
        document["schema_version"] = version
        with pytest.raises(json_io.ImportProblem) as caught:
            json_io.read_plan(json.dumps(document).encode())
        assert caught.value.values == {"version": shown, "supported": 1}


def test_a_task_with_an_unknown_step_is_refused_by_its_title():
    document = _document()
    document["plan"]["sections"]["roadmap"]["tasks"]["t1"]["step"] = "teleport"
    assert _refusal(document) == (
        "imp.invalid",
        ['Roadmap task "访谈 10 位车主" · Step: Please choose one of the listed options.'],
    )
    assert _refusal(document, "zh")[1] == [
        "路线图任务“访谈 10 位车主” · 步骤：请从列表中选择一项。"
    ]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("answers", "target", "boundary"),
            "everyone",
            "Target members · Community boundary: Please choose one of the listed options.",
        ),
        (
            ("answers", "entry", "online"),
            ["official_account", "carrier_pigeon"],
            "Entry points · Online entry points: Please choose one of the listed options.",
        ),
        (
            ("answers", "structure", "group_size"),
            0,
            "Circle structure · Planned members per group: "
            "Too small: the lowest allowed value is 1.",
        ),
        (
            ("answers", "operations", "promo_per_week"),
            101,
            f"Operations · {content().variable('operations').field('promo_per_week').label.en}: "
            "Too large: the highest allowed value is 100.",
        ),
        (
            ("meta", "industry"),
            "space_mining",
            "Industry: Please choose one of the listed options.",
        ),
        (
            ("answers", "target", "no_such_field"),
            "x",
            "A part this playbook does not have (answers.target.no_such_field): "
            "This playbook has no such item.",
        ),
    ],
)
def test_ids_and_numbers_the_content_does_not_allow_are_refused(path, value, expected):
    document = _document()
    node = document["plan"]
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
    assert _refusal(document) == ("imp.invalid", [expected])


def test_an_over_long_answer_gives_one_plain_message():
    document = _document()
    document["plan"]["answers"] = {"target": {"summary": "长" * 6000}}
    key, found = _refusal(document)
    assert key == "imp.invalid"
    assert len(found) == 1
    assert "function" not in found[0] and "[" not in found[0]
    assert found[0].startswith("Target members · ") and "at most" in found[0]


def test_noncharacters_are_dropped_so_office_files_build():
    from playbook.export.build import build_document
    from playbook.export.docx_writer import to_docx
    from playbook.workshop import new_workshop

    document = _document()
    document["plan"]["answers"] = {"target": {"summary": "车主\ufffe俱乐部\uffff"}}
    plan = json_io.read_plan(json.dumps(document).encode())
    assert plan.answer("target", "summary") == "车主俱乐部"
    built = build_document(plan, content(), "zh", plan.created_at.date())
    assert to_docx(built).startswith(b"PK")
    assert new_workshop("训练营\ufffe", "half_day").title == "训练营"


def test_the_import_page_lists_each_problem_once_as_plain_text(plan_id, shared_store):
    document = _document()
    document["plan"]["meta"]["industry"] = "[x](http://evil.example)"
    document["plan"]["answers"] = {"target": {"summary": "长" * 6000}}
    before = len(shared_store.list_plans(limit=10_000))
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", json.dumps(document).encode(), "text/json")
    at.run()
    assert_clean(at)
    box = next(h.proto.body for h in at.get("html") if "pb-error" in h.proto.body)
    assert "The plan has 2 invalid values:" in box
    assert box.count("Industry: Please choose one of the listed options.") == 1
    assert box.count("Target members in one sentence: Too long: at most 5000 characters.") == 1
    assert "function-after" not in box and "<a " not in box
    assert not at.error
    assert len(shared_store.list_plans(limit=10_000)) == before


def test_a_download_that_failed_is_reported_on_the_page(plan_id):
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.session_state["_download_failures"] = ["PDF"]
    at.run()
    boxes = [h.proto.body for h in at.get("html") if "pb-error" in h.proto.body]
    assert any("PDF</bdi> download could not be built" in b for b in boxes)
    at.run()
    assert not [h for h in at.get("html") if "could not be built" in h.proto.body]


def _bad_files() -> list[tuple[str, bytes, str]]:
    """The bad files of issue 12, each with the one message the page must give for it."""

    def changed(*path_and_value) -> bytes:
        document = _document()
        *path, value = path_and_value
        node = document["plan"]
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
        return json.dumps(document).encode()

    duplicate = json.dumps(_document()).replace(
        '"kind": ', '"[k](http://evil.example)": 1, "[k](http://evil.example)": 2, "kind": ', 1
    )
    return [
        ("nested", b"[" * 400_000, "The file nests too deeply"),
        (
            "unknown step",
            changed("sections", "roadmap", "tasks", "t1", "step", "teleport"),
            'Roadmap task "访谈 10 位车主" · Step: Please choose one of the listed options.',
        ),
        (
            "unknown choice",
            changed("answers", "target", "boundary", "everyone"),
            "Target members · Community boundary: Please choose one of the listed options.",
        ),
        (
            "out of range",
            changed("answers", "structure", "group_size", 0),
            "Circle structure · Planned members per group: Too small",
        ),
        (
            "unknown industry",
            changed("meta", "industry", "space_mining"),
            "Industry: Please choose one of the listed options.",
        ),
        (
            "duplicate key",
            duplicate.encode(),
            'The key "[k](http://evil.example)" appears more than once',
        ),
        ("version", json.dumps(_document() | {"schema_version": 2}).encode(), "version: 2 ("),
        ("noncharacter", b"\xef\xbf\xbe" * 3, "This is not a valid JSON file"),
    ]


@pytest.mark.parametrize(("name", "data", "said"), _bad_files(), ids=[f[0] for f in _bad_files()])
def test_each_bad_import_gets_one_plain_message_and_stores_nothing(
    plan_id, shared_store, name, data, said
):
    before = len(shared_store.list_plans(limit=10_000))
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", data, "application/json")
    at.run()
    assert_clean(at)
    boxes = [h.proto.body for h in at.get("html") if "pb-error" in h.proto.body]
    assert len(boxes) == 1, boxes
    shown = html.unescape(boxes[0])
    assert shown.count(said) == 1, shown
    for leak in ("function", "0x", "Traceback", "<a ", "pydantic", "/work/", "site-packages"):
        assert leak not in shown, leak
    assert not at.error and not at.exception
    assert len(shared_store.list_plans(limit=10_000)) == before


def test_an_imported_plan_opens_from_the_import_message(plan_id, shared_store):
    at = open_app("pages/plan/export.py", lang="en", plan=plan_id)
    at.get("file_uploader")[0].upload("plan.json", json.dumps(_document()).encode(), "text/json")
    at.run()
    assert_clean(at)
    assert any("Imported as a new plan" in h.proto.body for h in at.get("html"))
    next(b for b in at.button if b.label == "Open the imported plan").click().run()
    assert_clean(at)
    opened = at.session_state["plan_id"]
    assert opened != plan_id
    assert shared_store.get(opened).plan.meta.community == "蓝色车主俱乐部"

"""Exports: every format from one document model, escaping, import safety, calendars."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date

import pytest
from hypothesis import given, settings

from playbook.content import content
from playbook.export import calendar_io, json_io
from playbook.export.build import SECTIONS, build_document
from playbook.export.docx_writer import to_docx
from playbook.export.formats import file_name, formats
from playbook.export.html_writer import to_html
from playbook.export.markdown_writer import to_markdown
from playbook.export.pdf_writer import to_pdf
from playbook.plan import Plan, PlanMeta, apply_changes, new_plan_id
from tests.test_import_rules import valid_plans
from tests.test_review import SOUND

TODAY = date(2026, 11, 23)
HOSTILE = "<script>alert('x')</script> **粗体** [链接](javascript:alert(1)) =cmd|' /C calc'!A0"


def filled_plan(**extra) -> Plan:
    meta = PlanMeta(team="华东用户运营组", community="蓝色车主俱乐部", industry="automotive")
    changes = SOUND | {
        "sections.group_size": {"target_members": 1000, "admins_available": 4},
        "sections.roi": {"horizon_months": 12},
        "answers.target.segments": "通勤车主：关心续航与充电\n家庭用户：关心安全与空间",
    }
    return apply_changes(Plan(id=new_plan_id(), meta=meta), changes | extra)


@pytest.fixture(scope="module")
def document():
    return build_document(filled_plan(), content(), "zh", TODAY)


def test_one_function_per_section_and_every_section_in_the_document(document):
    assert len(SECTIONS) >= 10
    titles = [s.title for s in document.sections]
    for expected in (
        "执行摘要",
        "1. 社群对象",
        "实施路线图",
        "检查清单",
        "KPI 计划",
        "计划体检",
        "社群规模计算器",
        "ROI 估算",
        "案例启示",
        "下一步行动",
    ):
        assert expected in titles


def test_empty_sections_say_not_filled_in_rather_than_vanish():
    empty = Plan(id=new_plan_id(), meta=PlanMeta(team="t", community="c", industry="other"))
    doc = build_document(empty, content(), "en", TODAY, with_charts=False)
    page = to_html(doc)
    assert "Implementation roadmap" in page and "Group-size calculator" in page
    # each variable's unanswered fields on one to-do line, the other gaps marked as such
    assert page.count("To fill in:") == len(content().variables)
    assert page.count("Not filled in yet") >= 8
    pdf = to_pdf(build_document(empty, content(), "zh", TODAY, with_charts=False))
    assert pdf.count(b"/Type /Page\n") <= 6  # no page left a third full per section


def test_docx_opens_with_headings_chinese_answers_and_an_east_asian_font(document):
    from docx import Document as open_docx
    from docx.oxml.ns import qn

    doc = open_docx(io.BytesIO(to_docx(document)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "执行摘要" in headings and "1. 社群对象" in headings
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "通勤车主：关心续航与充电" in text
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Microsoft YaHei"
    # timeline, Dunbar layers, ROI value by lever, cumulative cash
    assert len(doc.inline_shapes) == 4
    assert any("王五" in cell.text for t in doc.tables for row in t.rows for cell in row.cells)


def test_pdf_embeds_its_cjk_font_and_the_chinese_text_extracts(document, tmp_path):
    from pypdf import PdfReader

    data = to_pdf(document)
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "通勤车主" in text and "执行摘要" in text
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            fonts.append(descendant["/FontDescriptor"].get_object())
    assert fonts and all("/FontFile2" in f or "/FontFile3" in f for f in fonts)
    if shutil.which("pdftoppm"):
        (tmp_path / "plan.pdf").write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "40",
                "-f",
                "1",
                "-l",
                "1",
                str(tmp_path / "plan.pdf"),
                str(tmp_path / "page"),
            ],
            check=True,
        )
        (first,) = tmp_path.glob("page-*1.png")  # pdftoppm pads the number to the page count
        assert first.stat().st_size > 1000


def test_rare_characters_fall_back_to_the_full_font():
    plan = filled_plan(**{"answers.culture.values": "㐀 是扩展 A 区的字"})
    from pypdf import PdfReader

    data = to_pdf(build_document(plan, content(), "zh", TODAY, with_charts=False))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "㐀" in text


def test_user_text_is_escaped_in_html_and_markdown():
    plan = filled_plan(**{"answers.target.segments": HOSTILE, "meta.community": "<b>社群</b>"})
    doc = build_document(plan, content(), "zh", TODAY, with_charts=False)
    page = to_html(doc)
    assert "<script>" not in page and "&lt;script&gt;alert" in page
    assert "<b>社群</b>" not in page and "&lt;b&gt;社群&lt;/b&gt;" in page
    assert 'href="javascript' not in page
    assert "<strong>粗体</strong>" not in page  # Markdown in an answer stays literal
    assert "\\*\\*粗体\\*\\*" in to_markdown(doc)


def test_user_text_is_literal_in_docx_and_pdf():
    plan = filled_plan(**{"answers.target.segments": HOSTILE})
    doc = build_document(plan, content(), "zh", TODAY, with_charts=False)
    from docx import Document as open_docx
    from pypdf import PdfReader

    docx_text = "\n".join(p.text for p in open_docx(io.BytesIO(to_docx(doc))).paragraphs)
    assert HOSTILE in docx_text
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(doc))).pages)
    assert "<script>alert('x')</script>" in pdf_text.replace("\n", "")


def test_csv_cells_that_look_like_formulas_are_neutralised_and_parse_back():
    task = SOUND["sections.roadmap"]["tasks"]["t1"] | {
        "title": '=HYPERLINK("x")',
        "owner": "@admin",
    }
    plan = filled_plan(**{"sections.roadmap.tasks.t1": task, "answers.bonds.cadence": "monthly"})
    rows = list(csv.reader(io.StringIO(calendar_io.to_csv(plan, "zh", TODAY).decode("utf-8-sig"))))
    assert rows[0] == ["类型", "标题", "开始", "结束", "负责人", "状态", "重复", "备注"]
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][4] == "'@admin"
    assert rows[2][0] == "主题活动" and rows[2][6] == "每月"


def test_ics_parses_back_with_tasks_and_a_recurring_activity():
    from icalendar import Calendar

    plan = filled_plan(**{"answers.bonds.cadence": "biweekly"})
    calendar = Calendar.from_ical(calendar_io.to_ics(plan, "en", TODAY))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    task, activity = events
    assert str(task["summary"]) == "访谈 10 位车主"
    assert task.decoded("dtstart") == date(2026, 11, 1)
    assert task.decoded("dtend") == date(2026, 12, 2)
    rule = activity["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2]
    assert activity.decoded("dtstart").weekday() == 4  # a Friday


@settings(max_examples=60, deadline=None)
@given(valid_plans)
def test_json_export_then_import_gives_the_same_plan_under_a_new_id(plan):
    again = json_io.read_plan(json_io.to_json(plan))
    assert again.id != plan.id
    skip = {"id", "created_at", "updated_at"}
    assert again.model_dump(exclude=skip) == plan.model_dump(exclude=skip)


def exported(**plan_changes) -> dict:
    return json.loads(json_io.to_json(filled_plan()))


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"x" * (json_io.MAX_BYTES + 1), "imp.too_large"),
        (b"\xff\xfe\x00garbage", "imp.not_utf8"),
        (b"{not json", "imp.not_json"),
        (b"[]", "imp.wrong_kind"),
        (json.dumps({"kind": "something-else"}).encode(), "imp.wrong_kind"),
        (json.dumps(exported() | {"schema_version": 99}).encode(), "imp.wrong_version"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, key):
    with pytest.raises(json_io.ImportProblem) as problem:
        json_io.read_plan(data)
    assert problem.value.key == key


def test_invalid_fields_are_listed_and_nothing_is_created(shared_store):
    document = exported()
    document["plan"]["meta"]["team"] = ""
    document["plan"]["sections"]["roadmap"]["tasks"]["t1"]["due"] = "2020-01-01"
    before = len(shared_store.list_plans(limit=10_000))
    with pytest.raises(json_io.ImportProblem) as problem:
        json_io.read_plan(json.dumps(document).encode())
    assert problem.value.key == "imp.invalid" and problem.value.problems
    assert len(shared_store.list_plans(limit=10_000)) == before


def test_every_download_yields_bytes_and_a_safe_file_name():
    plan = filled_plan(**{"meta.community": 'a/b:c*?"<>|社群'})
    offered = formats(plan, content(), "en", TODAY)
    assert [f.id for f in offered] == ["docx", "pdf", "md", "html", "json", "csv", "ics"]
    for fmt in offered:
        assert len(fmt.make()) > 100, fmt.id
    assert file_name(plan, "pdf", TODAY) == "a_b_c_社群-2026-11-23.pdf"

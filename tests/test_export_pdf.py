"""The PDF as a reader gets it: every accepted text exports, Chinese lines follow the
line-breaking rules, long rows continue on the next page, and the outline is there."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from io import BytesIO
from itertools import pairwise

import pytest

from playbook.content import content
from playbook.export.build import build_document
from playbook.export.formats import formats
from playbook.export.glyphs import REPLACEMENT, document_texts, unprintable
from playbook.export.pdf_writer import to_pdf
from playbook.export.textlayout import break_units, measure_mm, wrap
from tests.maximal import maximal_plan

TODAY = date(2026, 11, 23)
CLOSING = set("）)，,。.、；;：:！!？?」』》〉】〕”’%")
OPENING = set("（(「『《〈【〔“‘")


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def maximal_zh() -> tuple[bytes, str]:
    plan = maximal_plan("zh")
    made = {f.id: f.make() for f in formats(plan, content(), "zh", TODAY)}
    assert all(made.values())
    return made["pdf"], pdf_text(made["pdf"])


def test_every_text_field_at_its_maximum_exports_and_long_cells_reach_their_end(maximal_zh):
    _, text = maximal_zh
    # each KPI formula is 5,000 characters, far taller than a page: its row is split
    # across pages and its last word is still printed
    for number in range(len(content().objectives)):
        assert f"END{number:02d}" in text
    assert text.count("社群目标") >= 2  # the table header repeats on the next page


def test_the_english_maximal_plan_exports_as_pdf():
    document = build_document(maximal_plan("en"), content(), "en", TODAY, with_charts=False)
    text = pdf_text(to_pdf(document))
    assert "END00" in text and "Executive summary" in text


def test_chinese_lines_never_start_with_closing_or_end_with_opening_punctuation(maximal_zh):
    lines = [line for line in maximal_zh[1].splitlines() if line.strip()]
    assert len(lines) > 1000
    assert [line for line in lines if line[0] in CLOSING] == []
    assert [line for line in lines if line[-1] in OPENING] == []


def test_numbers_and_latin_words_are_never_split_across_lines(maximal_zh):
    lines = maximal_zh[1].splitlines()
    split = [
        (a[-12:], b[:12])
        for a, b in pairwise(lines)
        if re.search(r"[0-9A-Za-z]$", a) and re.match(r"[0-9A-Za-z%]", b)
    ]
    assert split == []


def test_wrapping_keeps_units_whole_and_within_the_width():
    measure = measure_mm(10.5)
    text = "社群活跃率（月活跃成员÷总成员）目标 20%，2026 年 11 月复盘；Owner 确认 KPI。" * 3
    lines = wrap(text, 40, measure)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(measure(line) <= 40 + 1e-6 for line in lines)
    assert not any(line[0] in CLOSING or line[-1] in OPENING for line in lines)
    assert "20%，" in break_units("目标 20%，下月")


def test_the_pdf_has_an_outline_of_its_sections():
    from pypdf import PdfReader

    document = build_document(maximal_plan("zh", tasks=3), content(), "zh", TODAY)
    outline = PdfReader(BytesIO(to_pdf(document))).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:2] == ["执行摘要", "十大策略变量"]
    assert {"实施路线图", "KPI 计划", "下一步行动"} <= set(titles)
    assert any(isinstance(item, list) for item in outline)  # the variables nest below


def test_characters_no_font_has_are_boxed_and_listed():
    plan = maximal_plan("zh", tasks=1).model_copy(deep=True)
    plan.answers["target"]["summary"] = "吉野家的𠮷 😀 한국어 车主"
    document = build_document(plan, content(), "zh", TODAY, with_charts=False)
    missing = unprintable(document_texts(document))
    assert {"𠮷", "😀", "한"} <= set(missing)
    text = pdf_text(to_pdf(document))
    assert f"吉野家的{REPLACEMENT} {REPLACEMENT} {REPLACEMENT * 3} 车主" in text


def test_a_500_task_roadmap_shows_every_task_in_the_table_and_the_timeline():
    from playbook.plan import apply_changes
    from tests.maximal import roadmap_tasks
    from tests.test_export import filled_plan

    plan = apply_changes(filled_plan(), {"sections.roadmap.tasks": roadmap_tasks(500)})
    text = pdf_text(to_pdf(build_document(plan, content(), "zh", TODAY)))
    for number in range(1, 501):
        # once in the table, once as the row label of the timeline drawn in the PDF
        assert text.count(f"任务 {number:03d}") >= 2, number


def test_docx_is_a4_with_its_own_properties_repeated_headers_and_cjk_headings():
    from datetime import UTC, datetime, timedelta

    from docx import Document as open_docx
    from docx.oxml.ns import qn

    from playbook.export.docx_writer import to_docx
    from tests.test_export import filled_plan

    document = build_document(filled_plan(), content(), "zh", TODAY, with_charts=False)
    doc = open_docx(BytesIO(to_docx(document)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    props = doc.core_properties
    assert props.title == "蓝色车主俱乐部 · 社群营销方案"
    assert props.author == "华东用户运营组" and props.last_modified_by == "华东用户运营组"
    assert datetime.now(UTC) - props.created.replace(tzinfo=UTC) < timedelta(minutes=5)
    for name in ("Heading 1", "Heading 2", "Title"):
        fonts = doc.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Microsoft YaHei"
    for table in doc.tables[1:]:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    roadmap = next(t for t in doc.tables if t.rows[0].cells[1].text == "任务")
    widths = [cell.width.mm for cell in roadmap.rows[0].cells]
    # the step's long name gets more room than the owner's two characters
    assert widths[0] > 2 * widths[2]
    assert abs(sum(widths) - 170) < 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_executive_summary_of_any_plan_is_one_page(lang):
    document = build_document(maximal_plan(lang, tasks=8), content(), lang, TODAY)
    pdf = to_pdf(document)
    page = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    headings = {
        "zh": ["执行摘要", "社群一句话", "商业论证", "KPI 目标", "未来 90 天", "需要管理层决定"],
        "en": [
            "Executive summary",
            "in a sentence",
            "Business case",
            "KPI targets",
            "next 90 days",
            "Decisions needed",
        ],
    }[lang]
    assert all(h in page for h in headings)
    assert "P50" in page and "%" in page  # the median with its range, not the base case
    next_page = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert next_page.startswith(("十大策略变量", "The ten strategic variables"))


def test_a_failed_download_is_recorded_for_the_page_to_report():
    import threading
    import time

    from playbook.export.formats import Attempts

    attempts = Attempts()
    before = time.monotonic()

    def broken() -> bytes:
        time.sleep(0.2)
        raise ValueError("The row is too high")

    def download() -> None:
        with pytest.raises(ValueError):
            attempts.run("p.pdf", broken)

    # the page's rerun starts while the file is still being built on another thread
    worker = threading.Thread(target=download)
    worker.start()
    assert attempts.failed("p.pdf", before) is True
    worker.join()
    later = time.monotonic()
    assert attempts.run("p.pdf", lambda: b"%PDF") == b"%PDF"
    assert attempts.failed("p.pdf", later) is False
    # a click whose build never started is not reported as a failure
    assert attempts.failed("p.docx", later, start=0.2) is False


def test_the_handout_follows_the_chinese_line_breaking_rules_too():
    from playbook.cases import cases
    from playbook.export.deck import handout_pdf
    from playbook.workshop import build_deck, new_workshop

    workshop = new_workshop("华东区社群运营训练营（第二期）", "full_day")
    slides = build_deck(workshop, content(), cases(), "zh")
    lines = [
        line for line in pdf_text(handout_pdf(workshop, slides, "zh", TODAY)).splitlines() if line
    ]
    assert len(lines) > 200
    assert [line for line in lines if line[0] in CLOSING] == []
    assert [line for line in lines if line[-1] in OPENING] == []

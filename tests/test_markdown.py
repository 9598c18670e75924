"""Markdown export: text renders exactly as typed with little escaping noise, and charts
are PNG files beside the Markdown, not inline base64."""

from __future__ import annotations

import html
import re
import zipfile
from datetime import date
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from playbook.content import content
from playbook.export.build import build_document
from playbook.export.markdown_writer import escape, to_markdown, to_markdown_zip
from playbook.text import clean_text
from tests.test_export import filled_plan

MD = MarkdownIt("commonmark", {"html": False}).enable("table")
TODAY = date(2026, 11, 23)


def shown(markdown: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, blanks collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", MD.render(markdown)))
    return " ".join(text.split())


typed = (
    st.lists(
        st.sampled_from([*"ab 1.-+#>=*_`[]()<>!|&~\\:\n社群。（）", "12", "&amp;"]), max_size=40
    )
    .map("".join)
    .map(clean_text)
)


@settings(max_examples=300, deadline=None)
@given(typed)
def test_any_typed_text_renders_exactly_as_typed(value):
    assert shown(escape(value)) == " ".join(value.split())


def test_ordinary_text_is_left_alone():
    text = "2026-11-23 截止：完成 1.5 倍的目标 (含 A/B 测试)，-3 度也照常。"
    assert escape(text) == text


def test_charts_are_files_beside_the_markdown_not_inline_base64():
    document = build_document(filled_plan(), content(), "zh", TODAY)
    bundle = zipfile.ZipFile(BytesIO(to_markdown_zip(document, "蓝色车主俱乐部")))
    names = bundle.namelist()
    text = bundle.read("蓝色车主俱乐部.md").decode("utf-8")
    charts = [n for n in names if n.startswith("charts/")]
    assert len(charts) >= 3 and "base64" not in text
    for name in charts:
        assert f"]({name})" in text
        assert bundle.read(name).startswith(b"\x89PNG")
    assert len(text.encode()) < 40_000
    assert "base64" not in to_markdown(document) and "![" not in to_markdown(document)

"""Every download the Plan & Export page offers: what it is called and how it is made.

Each ``make`` builds its file only when called, so a page can offer all of them without
building any until one is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from playbook.content import Content
from playbook.export import calendar_io, json_io
from playbook.export.build import build_document
from playbook.plan import Plan


@dataclass(frozen=True)
class Format:
    id: str  # also the ui string "ex.<id>"
    extension: str
    mime: str
    make: Callable[[], bytes]


def file_name(plan: Plan, extension: str, today: date) -> str:
    """A file name from the community's name, safe on every operating system."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", plan.meta.community).strip(" ._") or "plan"
    return f"{stem[:60]}-{today.isoformat()}.{extension}"


def _document(plan: Plan, content: Content, lang: str, today: date, writer: str) -> bytes:
    document = build_document(plan, content, lang, today)
    if writer == "docx":
        from playbook.export.docx_writer import to_docx

        return to_docx(document)
    if writer == "pdf":
        from playbook.export.pdf_writer import to_pdf

        return to_pdf(document)
    if writer == "md":
        from playbook.export.markdown_writer import to_markdown

        return to_markdown(document).encode("utf-8")
    from playbook.export.html_writer import to_html

    return to_html(document).encode("utf-8")


def formats(plan: Plan, content: Content, lang: str, today: date) -> list[Format]:
    doc = partial(_document, plan, content, lang, today)
    return [
        Format(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            partial(doc, "docx"),
        ),
        Format("pdf", "pdf", "application/pdf", partial(doc, "pdf")),
        Format("md", "md", "text/markdown", partial(doc, "md")),
        Format("html", "html", "text/html", partial(doc, "html")),
        Format("json", "json", "application/json", partial(json_io.to_json, plan)),
        Format("csv", "csv", "text/csv", partial(calendar_io.to_csv, plan, lang, today)),
        Format("ics", "ics", "text/calendar", partial(calendar_io.to_ics, plan, lang, today)),
    ]

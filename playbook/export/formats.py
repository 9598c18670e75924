"""Every download the Plan & Export page offers: what it is called and how it is made.

Each ``make`` builds its file only when called, so a page can offer all of them without
building any until one is asked for.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from playbook.content import Content
from playbook.export import calendar_io, json_io
from playbook.export.build import build_document
from playbook.export.document import Document
from playbook.plan import Plan


@dataclass(frozen=True)
class Format:
    id: str  # also the ui string "ex.<id>"
    extension: str
    mime: str
    make: Callable[[], bytes]


_LOG = logging.getLogger(__name__)


@dataclass
class _Attempt:
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    failed: bool = False


class Attempts:
    """The latest build of each download, so a page can say when one failed.

    A download's file is built on a server thread after the click, where nothing can be
    shown on the page; the page's rerun after the click asks ``failed`` instead.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: dict[str, _Attempt] = {}

    def run(self, key: str, make: Callable[[], bytes]) -> bytes:
        attempt = _Attempt(time.monotonic())
        with self._lock:
            self._latest[key] = attempt
        try:
            return make()
        except Exception:
            attempt.failed = True
            _LOG.exception("the download %s could not be built", key)
            raise
        finally:
            attempt.done.set()

    def failed(self, key: str, since: float, start: float = 3.0, build: float = 120.0) -> bool:
        """Whether the build started after ``since`` failed, waiting up to ``start``
        seconds for it to begin and ``build`` seconds for it to end."""
        deadline = time.monotonic() + start
        while time.monotonic() < deadline:
            with self._lock:
                attempt = self._latest.get(key)
            if attempt is not None and attempt.started >= since:
                attempt.done.wait(build)
                return attempt.failed
            time.sleep(0.05)
        return False


ATTEMPTS = Attempts()


def guarded(key: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    """``make``, with its outcome recorded under ``key`` in ATTEMPTS."""
    return partial(ATTEMPTS.run, key, make)


def file_name(plan: Plan, extension: str, today: date) -> str:
    """A file name from the community's name, safe on every operating system."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", plan.meta.community).strip(" ._") or "plan"
    return f"{stem[:60]}-{today.isoformat()}.{extension}"


def write_document(document: Document, writer: str) -> bytes:
    """``document`` in one writer's format: "docx", "pdf", "md" (plain Markdown, no chart
    files) or "html". Writers are imported when first used, so a page that shows no
    download loads none of them."""
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


def _document(
    plan: Plan, content: Content, lang: str, today: date, writer: str, with_comments: bool = False
) -> bytes:
    document = build_document(plan, content, lang, today, with_comments=with_comments)
    if writer == "md":  # the plan's Markdown comes with its charts, in a ZIP
        from playbook.export.markdown_writer import to_markdown_zip

        return to_markdown_zip(document, file_name(plan, "md", today).removesuffix(".md"))
    return write_document(document, writer)


def formats(
    plan: Plan, content: Content, lang: str, today: date, *, with_comments: bool = False
) -> list[Format]:
    """Every download; each build is recorded in ATTEMPTS under "<plan id>.<lang>.<id>".
    ``with_comments``: the documents end with the plan's comments as an appendix."""
    doc = partial(_document, plan, content, lang, today, with_comments=with_comments)
    made = [
        Format(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            partial(doc, "docx"),
        ),
        Format("pdf", "pdf", "application/pdf", partial(doc, "pdf")),
        Format("md", "zip", "application/zip", partial(doc, "md")),
        Format("html", "html", "text/html", partial(doc, "html")),
        Format("json", "json", "application/json", partial(json_io.to_json, plan)),
        Format("csv", "csv", "text/csv", partial(calendar_io.to_csv, plan, lang, today)),
        Format("ics", "ics", "text/calendar", partial(calendar_io.to_ics, plan, lang, today)),
    ]
    return [
        Format(f.id, f.extension, f.mime, guarded(attempt_key(plan, lang, f.id), f.make))
        for f in made
    ]


def attempt_key(plan: Plan, lang: str, format_id: str) -> str:
    return f"{plan.id}.{lang}.{format_id}"

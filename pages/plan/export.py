"""Plan & Export: the plan as DOCX, PDF, Markdown, HTML, JSON and an operations calendar;
import a plan from JSON as a new plan."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import streamlit as st

from pages.shared import plain, session
from pages.shared.layout import plan_page
from playbook.conformance import messages
from playbook.errors import PlaybookError
from playbook.export import json_io
from playbook.export.build import build_document
from playbook.export.formats import ATTEMPTS, attempt_key, file_name, formats
from playbook.export.glyphs import REPLACEMENT, document_texts, unprintable
from playbook.export.markdown_writer import to_markdown

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("ex.title")
plan = record.plan
today = session.today()
st.markdown(tr("ex.intro"))

ICONS = {
    "docx": ":material/description:",
    "pdf": ":material/picture_as_pdf:",
    "md": ":material/code:",
    "html": ":material/html:",
    "json": ":material/data_object:",
    "csv": ":material/table:",
    "ics": ":material/calendar_month:",
}
LOG = logging.getLogger(__name__)
# downloads are built outside the page's run, so a failure is noted here and shown on
# the next run (the button itself says at once that the file could not be made)
failed: list[str] = st.session_state.setdefault("_download_failures", [])
for name in dict.fromkeys(failed):
    plain.box(plain.fill("dl.failed", name=name), "error")
failed.clear()


def guarded(make: Callable[[], bytes], name: str) -> Callable[[], bytes]:
    def build() -> bytes:
        try:
            return make()
        except Exception:
            LOG.exception("the %s download failed", name)
            failed.append(name)
            raise

    return build


with_comments = bool(plan.comments) and st.toggle(
    tr("ex.with_comments", count=len(plan.comments)),
    key="export_comments",
    help=tr("ex.with_comments_help"),
)
available = formats(plan, content, lang, today, with_comments=with_comments)
groups = {"ex.documents": available[:4], "ex.data": available[4:]}
clicked = []
for title, group in groups.items():
    st.subheader(tr(title))
    for column, fmt in zip(st.columns(4), group, strict=False):
        # files are built only when their button is clicked, on a server thread; the
        # rerun the click starts waits for that build and says so if it failed
        pressed = column.download_button(
            tr(f"ex.{fmt.id}"),
            data=guarded(fmt.make, tr(f"ex.{fmt.id}")),
            file_name=file_name(plan, fmt.extension, today),
            mime=fmt.mime,
            icon=ICONS[fmt.id],
            on_click="rerun",
            key=f"download.{fmt.id}",
            width="stretch",
        )
        if pressed:
            clicked.append(fmt.id)
since = st.session_state.get("_export_shown", 0.0)
if any(ATTEMPTS.failed(attempt_key(plan, lang, f), since) for f in clicked):
    for name in dict.fromkeys(failed):
        plain.box(plain.fill("dl.failed", name=name), "error")
    failed.clear()
st.session_state["_export_shown"] = time.monotonic()

if st.toggle(tr("ex.preview"), key="export_preview"):
    # the document as the reader will see it (charts are left to the files)
    with st.container(border=True):
        document = build_document(
            plan, content, lang, today, with_charts=False, with_comments=with_comments
        )
        if missing := unprintable(document_texts(document)):
            plain.box(
                plain.fill("ex.replaced", chars=" ".join(missing[:30]), box=REPLACEMENT), "info"
            )
        plain.document(to_markdown(document))

if session.read_only():
    st.stop()  # importing makes a new plan: an editor's action, not a reader's
st.subheader(tr("ex.import"))
st.caption(tr("ex.import_help"))
# kept until it is opened (or another file imported): the button's click is a new run
if imported := st.session_state.get("_imported"):
    plain.box(plain.fill("ex.imported", name=imported[1]), "success")
    if st.button(tr("ex.open_imported"), icon=":material/folder_open:"):
        del st.session_state["_imported"]
        session.open_plan(imported[0])
        st.switch_page("pages/plan/home.py")
# a fresh uploader after each import, so the same file is not imported twice
round_ = st.session_state.setdefault("_upload_round", 0)
upload = st.file_uploader(
    tr("ex.import"), type=["json"], label_visibility="collapsed", key=f"upload.{round_}"
)
if upload is not None:
    try:
        new_plan = json_io.read_plan(upload.getvalue())
    except json_io.ImportProblem as problem:
        found = messages(problem.problems, content, lang, problem.data)
        lines = [tr(problem.key, **problem.values | {"count": len(found)}), *found[:20]]
        if len(found) > 20:
            lines.append(tr("imp.more", count=len(found) - 20))
        plain.box(plain.literal("\n".join(lines)), "error")
    else:
        try:
            session.store().insert(new_plan, source="import", author=session.edit_author())
        except PlaybookError as exc:
            session.show_failure(exc)
        else:
            st.session_state["_imported"] = (new_plan.id, new_plan.meta.community)
            st.session_state["_upload_round"] = round_ + 1
            st.rerun()

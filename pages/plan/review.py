"""Plan review: findings by severity with links to fix them, and a readiness score."""

from __future__ import annotations

import streamlit as st

from pages.shared import plain, session
from pages.shared.layout import plan_link, plan_page
from playbook.review import checks_line, review

tr = session.tr
lang = session.lang()
content = session.playbook_content()
record = plan_page("rv.title")
plan = record.plan
st.markdown(tr("rv.intro"))

result = review(plan, content, session.today())
stage = next(s.label.get(lang) for s in content.stages if s.id == plan.meta.stage.value)

score, counts = st.columns([1, 3])
score.metric(tr("rv.score"), f"{result.score}/100", help=tr("rv.score_help"))
with counts:
    st.progress(result.score / 100, text=checks_line(result, lang))
    st.caption(tr("rv.stage", stage=stage))

if not result.findings:
    st.success(tr("rv.all_clear"), icon=":material/verified:")
else:
    st.subheader(tr("rv.failures"))

TONE: dict[str, plain.Tone] = {"critical": "error", "warning": "warning", "info": "info"}
for finding in result.findings:
    # task titles and other team text in a message are shown as typed, never as Markdown
    message = plain.fill(f"review.{finding.rule}", **finding.values)
    label = plain.fill(f"severity.{finding.severity}")
    with st.container(border=True):
        plain.box(f"<strong>{label}</strong> · {message}", TONE[finding.severity])
        plan_link(
            finding.page, tr("rv.fix"), variable=finding.variable, icon=":material/arrow_outward:"
        )

st.subheader(tr("rv.passes"))
if not result.passes:
    st.caption(tr("rv.none_passed"))
for passed in result.passes:
    st.markdown(f":material/check_circle: {tr(f'review.pass.{passed.rule}')}")

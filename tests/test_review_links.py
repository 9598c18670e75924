"""Every "fix it" link on the review page lands on the page — and the variable — it names."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs

from pages.shared.registry import FILES, PAGES
from playbook.content import content
from playbook.i18n import t
from playbook.ids import Stage
from playbook.review import review
from tests.conftest import assert_clean, open_app

TITLES = {url: title for entries in PAGES.values() for _, title, _, url in entries}


def _texts(at) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown") for e in at.get(kind)]
    parts += [str(getattr(e, "label", "")) for e in at.get("selectbox")]
    return "\n".join(str(p) for p in parts)


def test_each_fix_link_opens_the_named_page_at_the_named_variable(shared_store, meta):
    record = shared_store.create(meta.model_copy(update={"stage": Stage.GROWING}))
    plan_id = record.plan.id
    shared_store.update(plan_id, {"answers.operations.promo_per_week": 5})
    findings = review(shared_store.get(plan_id).plan, content(), date.today()).findings
    assert len({(f.page, f.variable) for f in findings}) >= 4  # several pages and variables

    at = open_app("pages/plan/review.py", lang="en", plan=plan_id)
    assert_clean(at)
    links = [link.proto for link in at.get("page_link") if link.proto.label == "Fix it"]
    assert len(links) == len(findings)
    for finding, link in zip(findings, links, strict=True):
        assert link.page == finding.page, finding.rule
        step = parse_qs(link.query_string).get("step", [None])[0]
        assert step == finding.variable, finding.rule

    for page, variable in {(f.page, f.variable) for f in findings}:
        params = {"lang": "en", "plan": plan_id} | ({"step": variable} if variable else {})
        target = open_app(FILES[page], **params)
        assert_clean(target)
        shown = _texts(target)
        assert t(TITLES[page], "en") in shown or page == "wizard", page
        if variable:
            title = content().variable(variable).title.get("en")
            assert title in shown, (variable, shown[:300])

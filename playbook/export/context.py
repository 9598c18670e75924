"""What every section of an exported plan reads: the plan, content, language, date, the
plan review, and helpers for gaps, joins and charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from playbook.content import Content
from playbook.export.document import Figure
from playbook.i18n import t
from playbook.plan import Plan
from playbook.review import Review, review

FIGURE_WIDTH = 640


@dataclass
class Context:
    plan: Plan
    content: Content
    lang: str
    today: date
    with_charts: bool = True
    health: Review = field(init=False)

    def __post_init__(self) -> None:
        self.health = review(self.plan, self.content, self.today)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @property
    def gap(self) -> str:
        return self.t("export.not_filled")

    def figure(self, spec: dict, caption: str) -> list[Figure]:
        if not self.with_charts:
            return []
        from playbook.export.figures import render_png

        return [Figure(render_png(spec), caption, FIGURE_WIDTH)]

    def join(self, items: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(items)

    def finding_text(self, finding) -> str:
        return f"{self.t(f'severity.{finding.severity}')}: " + self.t(
            f"review.{finding.rule}", **finding.values
        )

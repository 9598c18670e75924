"""Which number each column of an imported file holds, and the downloadable template.

A header is recognised in Chinese, in English, as the template writes it ("成员数 / Members")
or by its field id; WeCom's statistics columns (群总数, 群成员总数 …) map onto the same fields.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from playbook.actuals import actuals_content

Role = Literal["period", "date", "group", "owner", "value", "custom", "ignored", "unknown"]


@dataclass(frozen=True)
class Column:
    name: str  # as the file has it
    role: Role
    target: str = ""  # field id (value) or objective id (custom)

    @property
    def key(self) -> str:
        return f"{self.role}:{self.target}"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _names() -> dict[str, tuple[Role, str, bool]]:
    """Normalised header -> (role, target, whether only WeCom writes it)."""
    content = actuals_content()
    names: dict[str, tuple[Role, str, bool]] = {}

    def add(texts: list[str], role: Role, target: str = "", wecom: bool = False) -> None:
        for text in texts:
            names[_norm(text)] = (role, target, wecom)

    for f in content.fields:
        add([f.id, f.label.zh, f.label.en, _both(f.label.zh, f.label.en)], "value", f.id)
    t = content.template
    add(["period", t.period.zh, t.period.en, _both(t.period.zh, t.period.en)], "period")
    add(["group", t.group.zh, t.group.en, _both(t.group.zh, t.group.en)], "group")
    w = content.wecom
    add([*w.date, "date"], "date", wecom=True)
    add([*w.owner, "owner"], "owner", wecom=True)
    add(w.group, "group")
    add(w.ignored, "ignored", wecom=True)
    for header, field_id in w.columns.items():
        add([header], "value", field_id, wecom=True)
    return names


def _both(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def custom_headers(objective_id: str, labels: tuple[str, str]) -> list[str]:
    t = actuals_content().template.custom
    zh, en = t.zh.format(label=labels[0]), t.en.format(label=labels[1])
    return [zh, en, _both(zh, en), f"custom.{objective_id}"]


def read_columns(
    headers: list[str], custom_labels: dict[str, tuple[str, str]]
) -> tuple[list[Column], Literal["template", "wecom"]]:
    names = _names()
    for objective, labels in custom_labels.items():
        for text in custom_headers(objective, labels):
            names[_norm(text)] = ("custom", objective, False)
    columns: list[Column] = []
    wecom = False
    taken: set[str] = set()
    for header in headers:
        role, target, only_wecom = names.get(_norm(header), ("unknown", "", False))
        if role in ("value", "custom", "period", "date", "group", "owner"):
            slot = f"{role}:{target}"
            if slot in taken:  # the same number twice (群总数 and 客户群总数)
                role, target = "unknown", ""
            taken.add(slot)
        wecom = wecom or only_wecom
        columns.append(Column(header, role, target))
    return columns, "wecom" if wecom else "template"


def template(
    lang: str, custom_labels: dict[str, tuple[str, str]], kind: Literal["csv", "xlsx"]
) -> bytes:
    """An empty import template with bilingual headers and one example period."""
    content = actuals_content()
    t = content.template
    headers = [_both(t.period.zh, t.period.en), _both(t.group.zh, t.group.en)]
    headers += [_both(f.label.zh, f.label.en) for f in content.fields]
    headers += [custom_headers(o, labels)[2] for o, labels in custom_labels.items()]
    frame = pd.DataFrame(columns=headers)
    if kind == "csv":
        return frame.to_csv(index=False).encode("utf-8-sig")
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name="actuals")
        sheet = writer.sheets["actuals"]
        for cells in sheet.iter_cols(min_row=1, max_row=1):
            sheet.column_dimensions[cells[0].column_letter].width = 22
    return out.getvalue()

"""Plan values as words a reader understands: field labels for dotted paths, option ids
as their labels. Used by the revision history and by anything that prints a plan."""

from __future__ import annotations

from typing import Any

from playbook.content import Content
from playbook.i18n import t
from playbook.plan import Plan

_META_KEYS = ("team", "community", "industry", "platforms", "stage")


def path_label(path: str, content: Content, lang: str) -> str:
    parts = path.split(".")
    if path == "*":
        return t("history.created", lang)
    if parts[0] == "meta" and len(parts) == 2:
        return t(f"meta.{parts[1]}", lang)
    if parts[0] == "answers" and len(parts) == 3:
        try:
            variable = content.variable(parts[1])
            return f"{variable.title.get(lang)} · {variable.field(parts[2]).label.get(lang)}"
        except KeyError:
            return path
    if parts[0] == "notes":
        return t("meta.notes", lang)
    if parts[0] == "sections" and len(parts) >= 2:
        try:
            return t(f"section.{parts[1]}", lang)
        except KeyError:
            return path
    return path


def value_at(plan: Plan, path: str) -> Any:
    parts = path.split(".")
    if parts[0] == "meta":
        return getattr(plan.meta, parts[1], None)
    if parts[0] == "answers" and len(parts) == 3:
        return plan.answer(parts[1], parts[2])
    if parts[0] == "sections" and len(parts) == 2:
        return plan.sections.get(parts[1])
    if parts[0] == "notes":
        return plan.notes
    return None


def value_text(path: str, value: Any, content: Content, lang: str) -> str:
    """A stored value as text: option ids become labels, lists are joined."""
    if value is None or value == "" or value == []:
        return ""
    parts = path.split(".")
    options = None
    if parts[0] == "meta" and parts[1] == "industry":
        options = content.industries
    elif parts[0] == "meta" and parts[1] == "platforms":
        options = content.platforms
    elif parts[0] == "meta" and parts[1] == "stage":
        return next((s.label.get(lang) for s in content.stages if s.id == value), str(value))
    elif parts[0] == "answers" and len(parts) == 3:
        try:
            options = list(content.variable(parts[1]).field(parts[2]).options) or None
        except KeyError:
            options = None
    items = value if isinstance(value, list) else [value]
    if options:
        separator = "、" if lang == "zh" else ", "
        return separator.join(content.label(options, str(i), lang) for i in items)
    return "\n".join(str(i) for i in items) if isinstance(value, list) else str(value)


def meta_paths() -> list[str]:
    return [f"meta.{k}" for k in _META_KEYS]

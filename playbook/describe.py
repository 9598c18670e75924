"""Plan values in words a reader understands, for the revision history and anything that
prints a plan: a label for every dotted path a change can touch, and every stored value —
answers, checklist ticks, roadmap tasks, KPI rows, calculator inputs — as text."""

from __future__ import annotations

from typing import Any

from calculators.roi import LEVERS
from playbook.clock import label
from playbook.content import Content
from playbook.i18n import t
from playbook.plan import Plan

# Calculator inputs whose label key is not the input's own name.
_INPUT_LABELS = {
    "group_size": {
        "target_members": "gs.target",
        "group_cap": "gs.cap",
        "admins_available": "gs.admins",
        "platform": "gs.platform",
        "closeness": "gs.closeness",
    },
    "roi": {"ranges": "roi.group.ranges"}
    | {f"{lever}_on": f"roi.lever.{lever}" for lever in LEVERS},
}
# Where a calculator's input labels live, when not under the section's own prefix
_INPUT_PREFIX = {"roi": "roi.in"}


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _t_or(key: str, fallback: str, lang: str) -> str:
    try:
        return t(key, lang)
    except KeyError:
        return fallback


def _input_label(section: str, key: str, lang: str) -> str:
    prefix = _INPUT_PREFIX.get(section, section.split("_")[0])
    default = f"{prefix}.{key}"  # gs.<input>, roi.in.<input>
    return _t_or(_INPUT_LABELS.get(section, {}).get(key, default), key, lang)


def _section_label(parts: list[str], content: Content, lang: str) -> str:
    section = t(f"section.{parts[1]}", lang)
    rest = parts[2:]
    if not rest:
        return section
    if parts[1] == "checklist":
        item = next((i for i in content.items if i.id == rest[0]), None)
        detail = item.title.get(lang) if item else rest[0]
    elif parts[1] == "kpis":
        goal = next((o for o in content.objectives if o.id == rest[0]), None)
        detail = goal.label.get(lang) if goal else rest[0]
    elif parts[1] == "roadmap":
        names = {
            "platforms": "rm.chosen",
            "rationale": "rm.rationale",
            "tasks": "history.task",
            "drafts": "history.draft",
        }
        detail = t(names.get(rest[0], "history.started"), lang)
    else:  # calculator inputs
        detail = _input_label(parts[1], rest[0], lang)
        if len(rest) > 1:  # a range end, e.g. roi.ranges.<driver>
            detail = f"{_input_label(parts[1], rest[1], lang)} ({detail})"
    return f"{section} · {detail}"


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
    if parts[0] == "comments":
        return t("comments.history", lang)
    if parts[0] == "sections" and len(parts) >= 2:
        try:
            return _section_label(parts, content, lang)
        except KeyError:
            return path
    return path


def summary(paths: list[str], content: Content, lang: str, shown: int = 3) -> str:
    """What a revision changed, as the first few field labels."""
    labels = list(dict.fromkeys(path_label(p, content, lang) for p in paths))
    text = ("；" if lang == "zh" else "; ").join(labels[:shown])
    if len(labels) > shown:
        text += ("" if lang == "zh" else " ") + t("history.more", lang, count=len(labels) - shown)
    return text


def value_at(plan: Plan, path: str) -> Any:
    """The stored value at a dotted path (JSON form), or None."""
    node: Any = plan.model_dump(mode="json")
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _options_for(parts: list[str], content: Content) -> list[Any] | None:
    if parts[:2] == ["meta", "industry"]:
        return list(content.industries)
    if parts[:2] in (["meta", "platforms"], ["sections", "roadmap"]):
        return list(content.platforms)
    if parts[0] == "answers" and len(parts) == 3:
        try:
            return list(content.variable(parts[1]).field(parts[2]).options) or None
        except KeyError:
            return None
    if parts[:3] == ["sections", "group_size", "platform"]:
        return list(content.platforms)
    return None


def _task_text(task: dict[str, Any], content: Content, lang: str) -> str:
    step = next((s for s in content.steps if s.id == task.get("step")), None)
    status = _t_or(f"rm.status.{task.get('status', 'todo')}", str(task.get("status")), lang)
    bits = [
        f"{step.number}. {step.title.get(lang)}" if step else "",
        str(task.get("title", "")),
        str(task.get("owner") or ""),
        f"{task.get('start')} → {task.get('due')}",
        status,
        str(task.get("notes") or ""),
    ]
    return " · ".join(b for b in bits if b)


def _checklist_text(entry: dict[str, Any], lang: str) -> str:
    tick = t("history.ticked" if entry.get("done") else "history.unticked", lang)
    return f"{tick} · {entry['note']}" if entry.get("note") else tick


def _kpi_text(goal_id: str, kpi: dict[str, Any], content: Content, lang: str) -> str:
    from playbook.kpis import row
    from playbook.sections import Kpi

    goal = next((o for o in content.objectives if o.id == goal_id), None)
    if goal is None:
        return ""
    shown = row(goal, Kpi.model_validate(kpi), content, lang)
    state = t("history.on" if kpi.get("on") else "history.off", lang)
    return " · ".join(b for b in (state, shown.metric, shown.target, shown.cadence) if b)


def _inputs_text(section: str, saved: dict[str, Any], content: Content, lang: str) -> str:
    parts = []
    for key, value in saved.items():
        if isinstance(value, dict):
            text = _inputs_text(section, value, content, lang)
        else:
            text = value_text(f"sections.{section}.{key}", value, content, lang)
        parts.append(f"{_input_label(section, key, lang)}{_colon(lang)}{text}")
    return ("；" if lang == "zh" else "; ").join(parts)


def _section_text(parts: list[str], value: Any, content: Content, lang: str) -> str | None:
    """Text for a section value, or None when the generic rules apply."""
    kind, rest = parts[1], parts[2:]
    if kind == "checklist" and isinstance(value, dict):
        if rest:
            return _checklist_text(value, lang)
        done = sum(bool(v.get("done")) for v in value.values() if isinstance(v, dict))
        return t("history.ticked_count", lang, done=done)
    if kind == "kpis" and isinstance(value, dict):
        if rest:
            return _kpi_text(rest[0], value, content, lang)
        goals = [o.label.get(lang) for o in content.objectives if (value.get(o.id) or {}).get("on")]
        return t("history.goals_on", lang, goals=_sep(lang).join(goals) or "—")
    if kind == "roadmap" and rest[:1] in (["tasks"], ["drafts"]) and isinstance(value, dict):
        if len(rest) == 2:
            return _task_text(value, content, lang)
        return t("history.tasks", lang, count=len(value))
    if kind == "roadmap" and not rest and isinstance(value, dict):
        return t("history.tasks", lang, count=len(value.get("tasks") or {}))
    if kind == "roadmap" and rest == ["started"]:
        return t("history.started", lang) if value else ""
    if kind in ("group_size", "roi") and isinstance(value, dict):
        return _inputs_text(kind, value, content, lang)
    if parts[1:3] == ["group_size", "closeness"]:
        return _t_or(f"gs.closeness.{value}", str(value), lang)
    return None


def value_text(path: str, value: Any, content: Content, lang: str) -> str:
    """A stored value as text: option ids become labels, lists are joined, sections are
    described in words."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    parts = path.split(".")
    if parts[0] == "meta" and parts[1] == "stage":
        return next((s.label.get(lang) for s in content.stages if s.id == value), str(value))
    if parts == ["meta", "time_zone"] and isinstance(value, str):
        return label(value, lang)
    if parts[0] == "sections" and len(parts) >= 2:
        described = _section_text(parts, value, content, lang)
        if described is not None:
            return described
    options = _options_for(parts, content)
    items = value if isinstance(value, list) else [value]
    if options:
        return _sep(lang).join(content.label(options, str(i), lang) for i in items)
    if isinstance(value, bool):
        return t("history.on" if value else "history.off", lang)
    return "\n".join(str(i) for i in items) if isinstance(value, list) else str(value)

"""The site's pages: file, title (a UI string key), icon and URL path, by menu section."""

from __future__ import annotations

PAGES: dict[str, list[tuple[str, str, str, str]]] = {
    "nav.section.plan": [
        ("pages/plan/home.py", "nav.home", ":material/home:", "home"),
        ("pages/plan/wizard.py", "nav.wizard", ":material/checklist:", "wizard"),
        ("pages/plan/history.py", "nav.history", ":material/history:", "history"),
    ],
    "nav.section.tools": [
        ("pages/tools/group_size.py", "nav.group_size", ":material/diversity_3:", "group-size"),
        ("pages/tools/roi.py", "nav.roi", ":material/trending_up:", "roi"),
    ],
}
DEFAULT_PAGE = "home"
URL_PATHS = frozenset(url for entries in PAGES.values() for *_, url in entries)

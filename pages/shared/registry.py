"""The site's pages: file, title (a UI string key), icon and URL path, by menu section."""

from __future__ import annotations

PAGES: dict[str, list[tuple[str, str, str, str]]] = {
    "nav.section.plan": [
        ("pages/plan/home.py", "nav.home", ":material/home:", "home"),
        ("pages/plan/wizard.py", "nav.wizard", ":material/checklist:", "wizard"),
        ("pages/plan/roadmap.py", "nav.roadmap", ":material/timeline:", "roadmap"),
        ("pages/plan/checklist.py", "nav.checklist", ":material/task_alt:", "checklist"),
        ("pages/plan/kpis.py", "nav.kpis", ":material/monitoring:", "kpis"),
        ("pages/plan/review.py", "nav.review", ":material/health_and_safety:", "review"),
        ("pages/plan/actuals.py", "nav.actuals", ":material/query_stats:", "actuals"),
        ("pages/plan/export.py", "nav.export", ":material/download:", "export"),
        ("pages/plan/history.py", "nav.history", ":material/history:", "history"),
    ],
    "nav.section.learn": [
        ("pages/learn/overview.py", "nav.overview", ":material/map:", "overview"),
        ("pages/learn/xiaomi.py", "nav.xiaomi", ":material/smartphone:", "case-xiaomi"),
        ("pages/learn/zhihu.py", "nav.zhihu", ":material/forum:", "case-zhihu"),
        ("pages/learn/compare.py", "nav.compare", ":material/compare:", "compare"),
        ("pages/learn/trends.py", "nav.trends", ":material/trending_up:", "trends"),
    ],
    "nav.section.workshop": [
        ("pages/workshop/agenda.py", "nav.ws_agenda", ":material/event_note:", "workshop"),
        ("pages/workshop/present.py", "nav.ws_present", ":material/co_present:", "present"),
        ("pages/workshop/timer.py", "nav.ws_timer", ":material/timer:", "timer"),
        ("pages/workshop/compare.py", "nav.ws_compare", ":material/group_work:", "teams"),
    ],
    "nav.section.tools": [
        ("pages/tools/group_size.py", "nav.group_size", ":material/diversity_3:", "group-size"),
        ("pages/tools/roi.py", "nav.roi", ":material/trending_up:", "roi"),
    ],
}
# Pages outside the menu. The audience view ("screen") is opened by a room's secret link
# in a window of its own and shows the slide alone: no menu, no sidebar.
HIDDEN_PAGES: list[tuple[str, str, str, str]] = [
    ("pages/workshop/screen.py", "nav.ws_screen", ":material/tv:", "screen"),
]
DEFAULT_PAGE = "home"
URL_PATHS = frozenset(url for entries in [*PAGES.values(), HIDDEN_PAGES] for *_, url in entries)
WORKSHOP_PATHS = frozenset(url for *_, url in PAGES["nav.section.workshop"])
FILES = {url: path for entries in PAGES.values() for path, _, _, url in entries}
PAGE_FILES = tuple(path for entries in PAGES.values() for path, *_ in entries)

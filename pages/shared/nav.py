"""The site's menu in the sidebar, and the targets of in-app links.

Every menu link carries the language and the open plan, so that "open in new tab" (or a
copied link) opens the same plan in the same language; Streamlit's own menu links name the
page only. The trainer's workshop travels only between the workshop pages: a plan page's
menu never holds it (a plan page is what a trainer may show or send to a team).

The home page is served at ``/``; Streamlit writes a link to it as ``?lang=…`` relative to
the page it is on, which opens that page, not home. Links from other pages therefore go
through ``/home``, a hidden page that forwards to ``/`` with the link's parameters.
"""

from __future__ import annotations

import base64
import copy
import functools
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from pages.shared import session
from pages.shared.registry import DEFAULT_PAGE, FILES, HIDDEN_PAGES, PAGES, WORKSHOP_PATHS
from playbook.i18n import t

# The site's icon (3 kB), inlined once per process: a file path would be read and handed to
# Streamlit's media store on every run, and a Material icon is fetched from a Google host.
FAVICON = "data:image/png;base64," + base64.b64encode(
    (Path(__file__).resolve().parents[2] / "assets" / "favicon.png").read_bytes()
).decode("ascii")


def _forward_home() -> None:
    """``/home`` (the home page's name in links and bookmarks) opens the home page at ``/``."""
    st.switch_page(FILES[DEFAULT_PAGE], query_params=st.query_params.to_dict())


def home_alias(title: str = DEFAULT_PAGE) -> StreamlitPage:
    return st.Page(_forward_home, title=title, url_path=DEFAULT_PAGE, visibility="hidden")


@functools.lru_cache(maxsize=4)
def _made(lang: str) -> tuple[dict[str, StreamlitPage], StreamlitPage, list[StreamlitPage]]:
    """The page objects in ``lang``, made once per process: making one resolves its file
    on the disk (a dozen system calls a page). Sessions get copies."""
    pages = {
        url: st.Page(path, title=t(title, lang), icon=icon, url_path="start", default=True)
        if url == DEFAULT_PAGE
        else st.Page(path, title=t(title, lang), icon=icon, url_path=url)
        for entries in PAGES.values()
        for path, title, icon, url in entries
    }
    hidden = [
        st.Page(path, title=t(title, lang), icon=icon, url_path=url, visibility="hidden")
        for path, title, icon, url in HIDDEN_PAGES
    ]
    return pages, home_alias(t("nav.home", lang)), hidden


def site_pages() -> dict[str, list[StreamlitPage]]:
    """What ``st.navigation`` chooses from, by menu section, in the session's language.

    The default page is served at "/" yet reserves a pathname of its own; it is given a
    spare one, and "/home" is a hidden page that forwards to "/" with the URL's parameters.
    Each session has its own copies of the page objects (``st.navigation`` marks the one it
    chose runnable for that session's run), made once per session and language.
    """
    lang = session.lang()
    built = st.session_state.get("_nav_built")
    if built is not None and built[0] == lang:
        return built[1]
    made, made_alias, made_hidden = _made(lang)
    pages = {url: copy.copy(page) for url, page in made.items()}
    alias = copy.copy(made_alias)
    sections = {
        t(section, lang): [pages[url] for *_, url in entries] for section, entries in PAGES.items()
    }
    sections[t(next(iter(PAGES)), lang)].append(alias)
    sections[t("nav.section.workshop", lang)] += [copy.copy(page) for page in made_hidden]
    st.session_state["_nav_pages"] = pages | {"/home": alias}
    st.session_state["_nav_built"] = (lang, sections)
    return sections


def _current() -> str:
    """The URL path of the page being shown (``""`` for home)."""
    return st.session_state.get("_page_path", "")


def target(url: str) -> str | StreamlitPage:
    """What ``st.page_link`` needs to reach the page at ``url`` from the current page."""
    registered = st.session_state.get("_nav_pages") or {}
    if url == DEFAULT_PAGE and _current() != "":
        return registered.get("/home") or home_alias()
    return registered.get(url) or FILES[url]


def menu(current: str) -> None:
    """The menu, by section; ``current`` is the URL path of the page being shown."""
    st.session_state["_page_path"] = current
    params = session.url_params()
    trainer = session.workshop_param() if current in WORKSHOP_PATHS else {}
    for section, entries in PAGES.items():
        st.caption(session.tr(section))
        for _path, title, icon, url in entries:
            st.page_link(
                target(url),
                label=session.tr(title),
                icon=icon,
                query_params=params | (trainer if url in WORKSHOP_PATHS else {}),
                width="stretch",
            )

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

from collections.abc import Mapping

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from pages.shared import session
from pages.shared.registry import DEFAULT_PAGE, FILES, PAGES, WORKSHOP_PATHS


def _forward_home() -> None:
    """``/home`` (the home page's name in links and bookmarks) opens the home page at ``/``."""
    st.switch_page(FILES[DEFAULT_PAGE], query_params=st.query_params.to_dict())


def home_alias(title: str = DEFAULT_PAGE) -> StreamlitPage:
    return st.Page(_forward_home, title=title, url_path=DEFAULT_PAGE, visibility="hidden")


def _current() -> str:
    """The URL path of the page being shown (``""`` for home)."""
    return st.session_state.get("_page_path", "")


def register(pages: Mapping[str, StreamlitPage]) -> None:
    """The pages this run navigates between, by URL path: a link to a page object is
    resolved at once, a link to a file by searching the file system and every page."""
    st.session_state["_nav_pages"] = pages


def target(url: str) -> str | StreamlitPage:
    """What ``st.page_link`` needs to reach the page at ``url`` from the current page."""
    if url == DEFAULT_PAGE and _current() != "":
        return home_alias()
    registered = st.session_state.get("_nav_pages") or {}
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

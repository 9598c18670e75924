"""Community Playbook — router: page registry, sidebar (language, current plan).

Start it with ``python app.py [streamlit options]`` (what ``make run`` and the container
do): ``pages/shared/launch.py`` starts the server with two corrections to Streamlit 1.67 (the
router of a fresh process, and Nagle's algorithm left on for every connection). ``streamlit
run app.py`` works too, except for the very first deep link after a start, and every rerun
reaches the browser up to a delayed acknowledgement later.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from streamlit import runtime

if __name__ == "__main__" and not runtime.exists():
    from pages.shared import launch

    sys.exit(launch.main(__file__, sys.argv[1:]))

from pages.shared import browser_id, downloads, leave_guard, live, nav, plain, remembered, session
from pages.shared.registry import DEFAULT_PAGE, HIDDEN_PAGES, PAGES, WORKSHOP_PATHS
from playbook.answers import progress
from playbook.errors import PlaybookError

st.set_page_config(
    page_title="社群营销作战手册 · Community Playbook",
    # served by the app itself: a Material icon here would be fetched from a Google host
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
)

downloads.keep_built_files()  # before any page offers a download
session.start()
tr = session.tr

# The default page is served at "/" yet reserves a pathname of its own; it is given a
# spare one, and "/home" is a hidden page that forwards to "/" with the URL's parameters.
# Streamlit's menu is hidden: its links name the page only; pages/shared/nav.py draws one
# whose links carry the language and the plan.
pages = {
    url: st.Page(path, title=tr(title), icon=icon, url_path="start", default=True)
    if url == DEFAULT_PAGE
    else st.Page(path, title=tr(title), icon=icon, url_path=url)
    for entries in PAGES.values()
    for path, title, icon, url in entries
}
menu = {tr(section): [pages[url] for *_, url in entries] for section, entries in PAGES.items()}
nav.register(pages)
menu[tr(next(iter(PAGES)))].append(nav.home_alias(tr("nav.home")))
menu[tr("nav.section.workshop")] += [
    st.Page(path, title=tr(title), icon=icon, url_path=url, visibility="hidden")
    for path, title, icon, url in HIDDEN_PAGES
]
page = st.navigation(menu, position="hidden")  # the sidebar's menu is nav.menu()
st.session_state["_page"] = page.url_path or DEFAULT_PAGE  # where teammates see this person

# the audience view hides the sidebar with its own style
with st.sidebar:
    menu_slot = st.container()  # the menu goes on top, once the open plan is known
    leave_guard.install()
    browser_id.install()
    session.language_picker()
    now = session.refresh()
    if now.record is not None:
        plan = now.record.plan
        done, total = progress(plan, session.playbook_content().variables)
        with st.container(border=True):
            st.caption(tr("sidebar.current_plan"))
            plain.show(plan.meta.community, "strong")
            plain.show(plan.meta.team)
            st.progress(done / total, text=tr("progress.complete", done=done, total=total))
        if session.can_comment():  # a view-only reader stays anonymous
            live.name_box()
    with menu_slot:
        nav.menu(page.url_path)
    remembered.write()  # the plans this browser opened, kept in its cookie

# only the trainer's own workshop pages carry the workshop in their address
session.sync_url(**(session.workshop_param() if page.url_path in WORKSHOP_PATHS else {}))
try:
    page.run()
except PlaybookError:
    # the database went away mid-page: say so plainly; nothing typed in the session is lost
    session.show_problem("unavailable")

"""Community Playbook — router: page registry, sidebar (language, current plan).

Start it with ``python app.py [streamlit options]`` (what ``make run`` and the container
do): ``pages/shared/launch.py`` starts the server with its corrections to Streamlit 1.67
(listed there: the router of a fresh process, Nagle's algorithm, the hand-off of a run's
messages, widgets' own-key check, and work on text and data editors that changes
nothing), the garbage collector tuned for a server and pandas' text columns as Python
strings.
``streamlit run app.py`` works too, except for the very first deep link after a start,
and every rerun reaches the browser up to a delayed acknowledgement later.
"""

from __future__ import annotations

import sys

import streamlit as st
from streamlit import runtime

if __name__ == "__main__" and not runtime.exists():
    from pages.shared import launch

    sys.exit(launch.main(__file__, sys.argv[1:]))

from pages.shared import browser_id, downloads, leave_guard, live, nav, plain, remembered, session
from pages.shared.registry import DEFAULT_PAGE, WORKSHOP_PATHS
from playbook.answers import progress
from playbook.errors import PlaybookError

st.set_page_config(
    page_title="社群营销作战手册 · Community Playbook",
    page_icon=nav.FAVICON,
    layout="wide",
)

downloads.keep_built_files()  # before any page offers a download
session.start()
tr = session.tr

page = st.navigation(nav.site_pages(), position="hidden")  # the sidebar's menu is nav.menu()
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

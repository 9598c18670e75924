"""Community Playbook — router: page registry, sidebar (language, current plan).

Start it with ``python app.py [streamlit options]`` (what ``make run`` and the container
do). Streamlit 1.67 chooses its router per server process before any app code runs: when a
``pages/`` folder sits beside the entry script it serves the first run of a fresh process with
the legacy folder router, which answers a deep link such as ``/wizard?plan=…`` with "page not
found" (the design fixes both names). No public option turns that off, so ``python app.py``
sets Streamlit's flag before the server starts; ``streamlit run app.py`` works too, except for
that very first deep link after a start.
"""

from __future__ import annotations

import sys

import streamlit as st
from streamlit import runtime

if __name__ == "__main__" and not runtime.exists():
    # Launched as a plain Python program: start the server. Streamlit would otherwise
    # serve the very first request after a start with its legacy pages/-folder router
    # (this project keeps page modules under pages/ but routes with st.navigation),
    # which greets a deep link such as /wizard?plan=… with "page not found".
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", __file__, *sys.argv[1:]]
    sys.exit(cli.main())

from pages.shared import session
from pages.shared.registry import DEFAULT_PAGE, PAGES
from playbook.answers import progress
from playbook.errors import PlaybookError

st.set_page_config(
    page_title="社群营销作战手册 · Community Playbook",
    page_icon=":material/groups:",
    layout="wide",
)

session.start()
tr = session.tr

nav = st.navigation(
    {
        tr(section): [
            st.Page(path, title=tr(title), icon=icon, url_path=url, default=(url == DEFAULT_PAGE))
            for path, title, icon, url in entries
        ]
        for section, entries in PAGES.items()
    },
    expanded=True,
)

with st.sidebar:
    session.language_picker()
    now = session.refresh()
    if now.record is not None:
        plan = now.record.plan
        done, total = progress(plan, session.playbook_content().variables)
        with st.container(border=True):
            st.caption(tr("sidebar.current_plan"))
            st.markdown(f"**{plan.meta.community}**  \n{plan.meta.team}")
            st.progress(done / total, text=tr("progress.complete", done=done, total=total))

session.sync_url()
try:
    nav.run()
except PlaybookError:
    # the database went away mid-page: say so plainly; nothing typed in the session is lost
    session.show_problem("unavailable")

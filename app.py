"""Community Playbook — router: page registry, sidebar (language, current plan)."""

from __future__ import annotations

import streamlit as st

from pages.shared import session
from playbook.answers import progress

st.set_page_config(
    page_title="社群营销作战手册 · Community Playbook",
    page_icon=":material/groups:",
    layout="wide",
)

session.start()
tr = session.tr

# (file, ui string key for the title, icon, url path); sections group them in the menu.
PAGES = {
    "nav.section.plan": [
        ("pages/home.py", "nav.home", ":material/home:", "home"),
        ("pages/wizard.py", "nav.wizard", ":material/checklist:", "wizard"),
        ("pages/history.py", "nav.history", ":material/history:", "history"),
    ],
}

nav = st.navigation(
    {
        tr(section): [
            st.Page(path, title=tr(title), icon=icon, url_path=url, default=(url == "home"))
            for path, title, icon, url in entries
        ]
        for section, entries in PAGES.items()
    }
)

with st.sidebar:
    st.segmented_control(
        tr("sidebar.language"),
        options=["zh", "en"],
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        key=session.LANG,
        required=True,
    )
    now = session.refresh()
    if now.record is not None:
        plan = now.record.plan
        done, total = progress(plan, session.playbook_content().variables)
        with st.container(border=True):
            st.caption(tr("sidebar.current_plan"))
            st.markdown(f"**{plan.meta.community}**  \n{plan.meta.team}")
            st.progress(done / total, text=tr("progress.complete", done=done, total=total))

session.sync_url()
nav.run()

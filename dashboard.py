"""Router: page config, navigation, data check and footer shared by every page."""
from __future__ import annotations

import streamlit as st

from supplychain import cache, ui

st.set_page_config(page_title="China's AI supply chain", page_icon=":material/hub:", layout="wide")

PAGES = {
    "Story": [
        st.Page("pages/overview.py", title="Overview", icon=":material/newspaper:", default=True),
    ],
    "Data": [
        st.Page("pages/data.py", title="Data", icon=":material/table:", url_path="data"),
        st.Page("pages/sources.py", title="Sources", icon=":material/format_quote:", url_path="sources"),
    ],
}

page = st.navigation(PAGES)
dataset = cache.get_dataset()
if dataset.ok:
    page.run()
else:
    st.title("China's AI supply chain")
    ui.render_problems(dataset.problems)
ui.render_footer(dataset)

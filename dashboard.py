"""Router: page config, navigation, data check, URL notices, share link and footer for every page."""

from __future__ import annotations

import streamlit as st

from supplychain.app import cache, guard, layout, memory, slides, urlbind
from supplychain.data.labels import PAGE_TITLES

st.set_page_config(
    page_title="China's AI supply chain", page_icon="assets/icon.png", layout="wide"
)  # a local icon: no font request

# (section, file, title (style.PAGE_TITLES), icon, url path). The first page is the default, served at "/".
PAGE_SPECS = [
    ("Story", "pages/overview.py", PAGE_TITLES["overview"], ":material/newspaper:", "overview"),
    ("Explore", "pages/status.py", PAGE_TITLES["status"], ":material/rule:", "status"),
    ("Explore", "pages/map.py", PAGE_TITLES["map"], ":material/map:", "map"),
    ("Explore", "pages/sites.py", PAGE_TITLES["sites"], ":material/dns:", "sites"),
    ("Explore", "pages/timeline.py", PAGE_TITLES["timeline"], ":material/timeline:", "timeline"),
    ("Explore", "pages/relationships.py", PAGE_TITLES["relationships"], ":material/hub:", "relationships"),
    ("Explore", "pages/entity.py", PAGE_TITLES["entity"], ":material/badge:", "entity"),
    ("Data", "pages/data.py", PAGE_TITLES["data"], ":material/table:", "data"),
    ("Data", "pages/sources.py", PAGE_TITLES["sources"], ":material/format_quote:", "sources"),
    (
        None,
        "pages/present.py",
        PAGE_TITLES["present"],
        ":material/slideshow:",
        "present",
    ),  # opened in its own tab: see slides.render_story_link
]
# AppTest cannot open a page through this router (its switch_page runs the page file alone),
# so page tests name the page to start on here; a browser session never sets this key.
start = st.session_state.get("_test_start_page", PAGE_SPECS[0][4])
pages: dict[str, list] = {}
for section, path, title, icon, url_path in PAGE_SPECS:
    visibility = "visible" if section else "hidden"
    pages.setdefault(section or "Story", []).append(
        st.Page(path, title=title, icon=icon, url_path=url_path, default=url_path == start, visibility=visibility)
    )

# Story mode is for screen-sharing: no sidebar, no navigation, no share box (its URL is the link).
presenting = start == "present" or (st.context.url or "").rstrip("/").endswith("/present")
if presenting:
    st.set_page_config(initial_sidebar_state="collapsed")
page = st.navigation(pages, position="hidden" if presenting else "sidebar")
dataset = cache.load_run_dataset()  # the one load of this run: the page reads the same
slides.render_focus_outline()
notice = st.empty()  # filled after the page runs, when it is known which URL values were ignored
urlbind.start_run(page.url_path)
if dataset.ok:
    if not presenting:
        guard.render_load_warnings(dataset.warnings)
        slides.render_story_link()
        layout.render_entity_search(dataset)
    page.run()
else:
    st.title("China's AI supply chain")
    guard.render_problems(dataset.problems)
urlbind.finish_run()
if dataset.ok:  # without data the page did not run, so it read none of the link's settings
    with notice.container():
        layout.render_notice(urlbind.ignored_notes())
if not presenting:
    layout.render_share_link(page.url_path)
    layout.render_footer(dataset)
memory.release_free_memory()  # the run's freed pages go back to the system (docs/performance.md)

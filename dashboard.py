"""Router: page config, navigation, data check, URL notices, share link and footer for every page."""

from __future__ import annotations

import streamlit as st

from supplychain.app import byurl, cache, guard, language, layout, memory, slides, urlbind
from supplychain.data.routes import PAGES, PRESENT
from supplychain.i18n import _

# The language first: every word below (page titles included) is read from its catalogue.
lang = language.start_language()
APP_TITLE = _("China's AI supply chain")
st.set_page_config(page_title=APP_TITLE, page_icon="assets/icon.png", layout="wide")  # a local icon: no font request
cache.listeners_without_delay()  # replies without a 40 ms wait when run without serve.py (api/sockets.py)

# AppTest cannot open a page through this router (its switch_page runs the page file alone),
# so page tests name the page to start on here; a browser session never sets this key.
start = st.session_state.get("_test_start_page", PAGES[0].url_path)
pages: dict[str, list] = {}
for route in PAGES:  # the one table of pages and their addresses: supplychain/data/routes.py
    visibility = "visible" if route.section else "hidden"
    pages.setdefault(_(route.section or PAGES[0].section or ""), []).append(
        st.Page(
            route.file,
            title=_(route.title),
            icon=route.icon,
            url_path=route.url_path,
            default=route.url_path == start,
            visibility=visibility,
        )
    )

# Story mode is for screen-sharing: no sidebar, no navigation, no share box (its URL is the link).
presenting = start == PRESENT or (st.context.url or "").rstrip("/").endswith(f"/{PRESENT}")
if presenting:
    st.set_page_config(initial_sidebar_state="collapsed")
page = st.navigation(pages, position="hidden" if presenting else "sidebar")
dataset = cache.load_run_dataset()  # the one load of this run: the page reads the same
slides.render_focus_outline()
notice = st.empty()  # filled after the page runs, when it is known which URL values were ignored
urlbind.start_run(page.url_path)
language.register_language()
if dataset.ok:
    if not presenting:
        language.render_language_switch(lang)
        guard.render_load_warnings(dataset.warnings)
        slides.render_story_link()
        layout.render_entity_search(dataset)
    page.run()
else:
    st.title(APP_TITLE)
    guard.render_problems(dataset.problems)
urlbind.finish_run()
if dataset.ok:  # without data the page did not run, so it read none of the link's settings
    with notice.container():
        layout.render_notice(urlbind.ignored_notes())
if not presenting:
    layout.render_share_link(page.url_path)
    if dataset.ok:
        shown = next(r.url_path for r in PAGES if _(r.title) == page.title)  # "overview" although served at "/"
        byurl.render_cite_view(dataset, shown, page.url_path)
    layout.render_footer(dataset)
memory.release_free_memory()  # the run's freed pages go back to the system (docs/performance.md)

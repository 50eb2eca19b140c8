"""The app's pages, one row each: navigation section, file, title, icon and address (url path).

The router (dashboard.py) builds st.navigation from PAGES; every link to a page and every page's own
address (share link, view bundle) is built from the url paths here, never typed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from supplychain.i18n import N_


@dataclass(frozen=True)
class Route:
    """A page of the app. `section` and `title` are English msgids (N_): the router shows them through `_`."""

    section: str | None  # None: hidden from the navigation (Story mode opens in its own tab)
    file: str
    title: str
    icon: str
    url_path: str


OVERVIEW, STATUS, MAP, SITES, TIMELINE = "overview", "status", "map", "sites", "timeline"
RELATIONSHIPS, ENTITY, DATA, SOURCES, PRESENT = "relationships", "entity", "data", "sources", "present"
GLOSSARY = "glossary"

# The first page is the default, served at "/".
PAGES: tuple[Route, ...] = (
    Route(N_("Story"), "pages/overview.py", N_("Overview"), ":material/newspaper:", OVERVIEW),
    Route(N_("Explore"), "pages/status.py", N_("Export status"), ":material/rule:", STATUS),
    Route(N_("Explore"), "pages/map.py", N_("Map"), ":material/map:", MAP),
    Route(N_("Explore"), "pages/sites.py", N_("Data-centre sites"), ":material/dns:", SITES),
    Route(N_("Explore"), "pages/timeline.py", N_("Timeline"), ":material/timeline:", TIMELINE),
    Route(N_("Explore"), "pages/relationships.py", N_("Relationships"), ":material/hub:", RELATIONSHIPS),
    Route(N_("Explore"), "pages/entity.py", N_("Profiles"), ":material/badge:", ENTITY),
    Route(N_("Data"), "pages/data.py", N_("Data"), ":material/table:", DATA),
    Route(N_("Data"), "pages/sources.py", N_("Sources"), ":material/format_quote:", SOURCES),
    Route(N_("Data"), "pages/glossary.py", N_("Glossary"), ":material/menu_book:", GLOSSARY),
    Route(None, "pages/present.py", N_("Story mode"), ":material/slideshow:", PRESENT),
)

# Page files by URL path: st.page_link and st.switch_page name a page by its file; they read it here.
PAGE_FILES: dict[str, str] = {route.url_path: route.file for route in PAGES}

# Page titles by URL path: the navigation and story steps' "Open this view" read them here.
PAGE_TITLES: dict[str, str] = {route.url_path: route.title for route in PAGES}


def page_url(url_path: str, **params: str) -> str:
    """The address of a page with its settings: page_url("entity", id="x y") -> "/entity?id=x%20y"."""
    query = "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())
    return f"/{url_path}" + (f"?{query}" if query else "")

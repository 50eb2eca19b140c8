"""The app's pages, one row each: navigation section, file, title, icon and address (url path).

The router (dashboard.py) builds st.navigation from PAGES; every link to a page and every page's own
address (share link, view bundle) is built from the url paths here, never typed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Route:
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
    Route("Story", "pages/overview.py", "Overview", ":material/newspaper:", OVERVIEW),
    Route("Explore", "pages/status.py", "Export status", ":material/rule:", STATUS),
    Route("Explore", "pages/map.py", "Map", ":material/map:", MAP),
    Route("Explore", "pages/sites.py", "Data-centre sites", ":material/dns:", SITES),
    Route("Explore", "pages/timeline.py", "Timeline", ":material/timeline:", TIMELINE),
    Route("Explore", "pages/relationships.py", "Relationships", ":material/hub:", RELATIONSHIPS),
    Route("Explore", "pages/entity.py", "Profiles", ":material/badge:", ENTITY),
    Route("Data", "pages/data.py", "Data", ":material/table:", DATA),
    Route("Data", "pages/sources.py", "Sources", ":material/format_quote:", SOURCES),
    Route("Data", "pages/glossary.py", "Glossary", ":material/menu_book:", GLOSSARY),
    Route(None, "pages/present.py", "Story mode", ":material/slideshow:", PRESENT),
)

# Page titles by URL path: the navigation and story steps' "Open this view" read them here.
PAGE_TITLES: dict[str, str] = {route.url_path: route.title for route in PAGES}


def page_url(url_path: str, **params: str) -> str:
    """The address of a page with its settings: page_url("entity", id="x y") -> "/entity?id=x%20y"."""
    query = "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())
    return f"/{url_path}" + (f"?{query}" if query else "")

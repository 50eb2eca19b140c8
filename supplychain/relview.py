"""The Relationships page's view from its settings: which URL values are understood, and the graph they select."""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

import networkx as nx

from supplychain.graph import filter_graph, neighbourhood
from supplychain.urlstate import ignored_params, split_values

HOPS = [1, 2]
VIEWS = ["Network", "Chains", "Evidence"]


def iso_date_notes(params: Mapping[str, list[str]], names: Sequence[str]) -> list[str]:
    """Notes for date parameters that are not ISO dates (YYYY-MM-DD), e.g. 'from=last year (not a date)'."""
    notes = []
    for name in names:
        for value in split_values(params.get(name, [])):
            try:
                date.fromisoformat(value)
            except ValueError:
                notes.append(f"{name}={value} (not a date; use YYYY-MM-DD)")
    return notes


def ignored(params: Mapping[str, list[str]], *, ids: Collection[str], relations: Collection[str]) -> list[str]:
    """Every Relationships-page parameter that cannot be honoured, described for the notice."""
    known = {k: v for k, v in params.items() if k not in ("from", "to")}
    return ignored_params(known, choices={"focus": ids, "hops": [str(h) for h in HOPS], "relation": relations, "view": VIEWS}) + iso_date_notes(params, ["from", "to"])


def view_graph(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 1,
    relations: Collection[str] = (),
    since: date | None = None,
    until: date | None = None,
) -> nx.MultiDiGraph:
    """The graph the page draws: filtered by relation type and dates, then (with a focus) its k-hop neighbourhood.

    Filtering comes first, so "two hops" means two hops along the ties the reader chose to see.
    """
    filtered = filter_graph(graph, relations=relations, since=since, until=until, keep=[focus] if focus else [])
    if focus and focus in filtered:
        return neighbourhood(filtered, focus, hops)
    return filtered

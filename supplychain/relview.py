"""The Relationships page's view from its settings: the choices it offers and the graph they select."""
from __future__ import annotations

from collections.abc import Collection
from datetime import date

import networkx as nx
import pandas as pd

from supplychain.graph import filter_graph, neighbourhood

HOPS = [1, 2]
VIEWS = ["Network", "Chains", "Evidence"]


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


def date_bounds(edges: pd.DataFrame, as_of: date) -> tuple[date, date]:
    """The date filter's range: 1 January of the earliest tie's year to the later of the data date and the last tie end."""
    starts = pd.concat([edges["start_date"], edges["end_date"]]).dropna()
    low = date(int(starts.min().year), 1, 1) if not starts.empty else date(2015, 1, 1)
    high = max(as_of, starts.max().date()) if not starts.empty else as_of
    return low, high

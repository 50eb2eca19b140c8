"""Every Streamlit cache wrapper of the app, in one module (the load is cached, filtering is not).

The dataset and the map boundaries are kept in KeptCache, outside st.cache_*: any websocket client can send
Streamlit's "clear cache" message (AppSession._handle_clear_cache_request clears st.cache_data and
st.cache_resource for every session, and Streamlit has no setting to refuse it), and one a second used to make
every reader reload and re-check the data. What it still clears (chart specs, derived tables) is rebuilt from
the kept dataset in milliseconds to a second.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st

from supplychain.api.sockets import open_descriptors, set_no_delay_on_listeners
from supplychain.charts import maps
from supplychain.charts.map_tables import build_map_base
from supplychain.charts.network import edge_table
from supplychain.charts.sites import SITE_LEGEND_PX, SITE_MAP_WIDTH, SITE_PLOT_WIDTHS
from supplychain.charts.style import vega_locale
from supplychain.data.entities import build_entity_index
from supplychain.data.load import DATA_DIR, Dataset, fingerprint, load_dataset
from supplychain.data.translations import localize_package, localize_tables
from supplychain.i18n import DEFAULT_LANGUAGE, _, current_language
from supplychain.rules import regions, story
from supplychain.rules.boundaries import clipped_boundaries, plot_topology
from supplychain.rules.graph import build_graph, edge_frame, layout_positions, view_graph
from supplychain.rules.lanes import read_lanes
from supplychain.rules.provenance import citing_rows
from supplychain.rules.sites import build_sites, report_areas
from supplychain.rules.status import measure_windows, status_segments
from supplychain.rules.story import check_story_steps
from supplychain.rules.timeline import timeline_items

DATA_DIR_ENV = "SUPPLYCHAIN_DATA_DIR"


def data_dir() -> Path:
    """The data folder: `data/` beside the package, or $SUPPLYCHAIN_DATA_DIR (tests point it at fixtures)."""
    return Path(os.environ.get(DATA_DIR_ENV, DATA_DIR))


def _version(dataset: Dataset) -> tuple[str, str]:
    """The key every per-data-version cache starts with: the data folder, and the fingerprint this load kept with
    the reader's language (`_stamp`: cached answers and specs carry words)."""
    return str(data_dir()), _stamp(dataset)


# Checks of the rules layer that run inside the load (the data layer takes them as arguments, never imports them).
RULE_CHECKS = (check_story_steps,)


class KeptCache:
    """A small process-wide cache (least recently used out) that Streamlit's "clear cache" message cannot reach.

    Like st.cache_resource it hands every session the same read-only object and builds each key once, even
    when several sessions ask at the same moment (one lock per key being built).
    """

    def __init__(self, max_entries: int) -> None:
        self._max = max_entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            value = build()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self._max:
                    self._items.popitem(last=False)
                self._building.pop(key, None)
            return value

    def __len__(self) -> int:
        return len(self._items)


_DATASETS = KeptCache(max_entries=4)
_BOUNDARIES = KeptCache(max_entries=24)


def _cached_dataset(folder: str, stamp: str) -> Dataset:
    # `stamp` changes when any data file changes, so an edited CSV reloads without a restart. The
    # load keeps this stamp (dataset.fingerprint): derived caches below key by it, never by a fresh
    # look at the files, so a save during a load cannot pair old tables with a new key.
    # One shared, read-only copy per version, kept where a client's "clear cache" cannot drop it.
    def build() -> Dataset:
        with st.spinner(_("Loading and checking the data…")):
            return load_dataset(Path(folder), stamp=stamp, checks=RULE_CHECKS)

    return _DATASETS.get((folder, stamp), build)


def _stamp(dataset: Dataset) -> str:
    """The key of everything derived from this load: its fingerprint and the reader's language, because the
    cached answers, tables and chart specs carry words (a Polish reader must not get an English cached chart)."""
    return f"{dataset.fingerprint}:{current_language()}"


def get_dataset() -> Dataset:
    """The validated dataset for this process, reloaded when a data file changes, with our own words in the
    reader's language (data/translations.csv: event titles, story steps, summaries, the data dictionary).

    Callers must treat the frames as read-only (filter functions return new frames). The app reads it through
    load_run_dataset / run_dataset, so one run never mixes two versions.
    """
    folder = data_dir()
    dataset = _cached_dataset(str(folder), fingerprint(folder))
    language = current_language()
    if not dataset.ok or language == DEFAULT_LANGUAGE:
        return dataset
    return _cached_localized(*_version(dataset), language, dataset)


@st.cache_resource(show_spinner=False)
def listeners_without_delay() -> int:
    """Once per process: TCP_NODELAY on the server's listener (supplychain/api/sockets.py). serve.py sets it at
    start-up; this covers `streamlit run dashboard.py`, where connections opened before the first run keep the wait."""
    return set_no_delay_on_listeners(open_descriptors())


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_localized(folder: str, stamp: str, language: str, _dataset: Dataset) -> Dataset:
    # One shared, read-only copy per data version and language; validation ran on the English load.
    return replace(
        _dataset,
        tables=localize_tables(_dataset.tables, _dataset.package, language),
        package=localize_package(_dataset.package, _dataset.tables.get("translations"), language),
    )


RUN_DATASET_KEY = "_run_dataset"  # session state: the dataset the router loaded for this session's current run


def load_run_dataset() -> Dataset:
    """The router's one load per run: the current dataset, kept for the page (and its fragments) to read.

    Why: if the router and the page each looked at the files, a file saved between the two would draw the page
    from another version than the router checked. Session state holds a reference, not a copy.
    """
    dataset = get_dataset()
    st.session_state[RUN_DATASET_KEY] = dataset
    return dataset


def run_dataset() -> Dataset:
    """The dataset the router loaded for this run; a page run without the router (AppTest) loads it itself."""
    dataset = st.session_state.get(RUN_DATASET_KEY)
    return dataset if isinstance(dataset, Dataset) else load_run_dataset()


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_relations(folder: str, stamp: str, _tables: dict) -> tuple:
    # Keyed by folder and the dataset's own fingerprint; `_tables` (not hashed) are that load's frames.

    index = build_entity_index(_tables)
    graph = build_graph(_tables, index)
    return index, graph, edge_frame(graph)


def get_relations(dataset: Dataset) -> tuple:
    """(entity index, relationship graph, its edge table) for this dataset, built once per data version. Read-only."""
    return _cached_relations(*_version(dataset), dataset.tables)


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached_graph_view(folder: str, stamp: str, settings: tuple, _graph, _tables: dict) -> tuple:

    focus, hops, relations, since, until = settings
    view = view_graph(_graph, focus=focus, hops=hops, relations=list(relations), since=since, until=until)
    return view, edge_table(edge_frame(view), _tables["claims"], _tables["sources"])


def get_graph_view(dataset: Dataset, focus: str | None, hops: int, relations: tuple, since, until) -> tuple:
    """(the relationship graph narrowed to these settings, its ties as the Relationships table), once per data
    version and settings for every session. Read-only. At 100x rebuilding both cost ~1 s on every run."""
    settings = (focus, hops, tuple(relations), since, until)
    graph = get_relations(dataset)[1]
    return _cached_graph_view(*_version(dataset), settings, graph, dataset.tables)


@st.cache_data(show_spinner=False, max_entries=64)
def graph_layout(nodes: tuple, edges: tuple) -> dict:
    """Cached deterministic layout of a graph given as sorted node ids and edge pairs (see graph.layout_positions,
    whose seed is the one the app draws with)."""

    return layout_positions(nodes, edges)


@st.cache_data(show_spinner=False, max_entries=16)
def _cached_status_segments(folder: str, stamp: str, _tables: dict, start: str, end: str, chip_ids: tuple | None):
    # Keyed by folder, the dataset's own fingerprint, range and chips; `_tables` (not hashed) are that load's frames.

    windows = _cached_per_version(folder, stamp, _version_key(measure_windows), (), measure_windows, _tables)
    return status_segments(_tables, start, end, chip_ids, windows)


def get_status_segments(dataset: Dataset, start: str, end: str, chip_ids: tuple | None = None):
    """Each chip's export status over [start, end] (supplychain.status.status_segments), once per data version,
    range and set of chips (None: every chip)."""
    return _cached_status_segments(*_version(dataset), dataset.tables, start, end, chip_ids)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_map_base(folder: str, stamp: str, _tables: dict):
    # cache_resource: one shared read-only copy; the map page only filters it.

    return build_map_base(_tables)


def get_map_base(dataset: Dataset):
    """Places, flows and filter choices of the map (supplychain.charts.map_tables.MapBase), once per data version."""
    return _cached_map_base(*_version(dataset), dataset.tables)


def get_map_boundaries(region, widths: tuple[int, int], height: int, scale_width: int) -> dict:
    """Country boundaries (TopoJSON) for a map plot `widths[0]`..`widths[1]` px wide and `height` tall (a
    regions.Region):
    clipped to what such a plot shows and simplified for the scale Vega fits at `scale_width`
    (supplychain.boundaries.plot_topology). Built once per process (~1 s with geopandas), kept where a client's
    "clear cache" cannot drop them; they do not depend on the data version. Read-only."""

    return _BOUNDARIES.get(
        ("map", region, tuple(widths), height, scale_width),
        lambda: plot_topology(region, widths=widths, height=height, scale_width=scale_width),
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def _cached_map_region(folder: str, stamp: str, region_key: str, _base) -> tuple[dict, dict]:
    # The Vega-Lite spec (built with Altair, ~0.3-1 s) and the per-preset rows, so a filter change costs milliseconds.

    region = regions.REGIONS[region_key]
    topology = get_map_boundaries(
        region, (regions.NARROW_PLOT_WIDTH, regions.MAX_PLOT_WIDTH), region.height, regions.MIN_PLOT_WIDTH
    )
    spec = maps.map_spec(
        region_key,
        topology,
        kinds=_base.kinds,
        owners=_base.owners,
        groups=_base.groups,
    )
    return spec, maps.prepare_region(_base.points, _base.flows, region_key)


def get_map_region(dataset: Dataset, region_key: str) -> tuple[dict, dict]:
    """(Vega-Lite spec, layer rows) of one map preset. The spec carries its clipped boundaries in spec["datasets"];
    a page adds the layer rows beside them."""
    return _cached_map_region(*_version(dataset), region_key, get_map_base(dataset))


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_story_map(folder: str, stamp: str, frame: tuple, _base) -> tuple[dict, dict]:
    # A story step's own map frame, labels placed for the slide (supplychain.story.frame_projection).

    region = story.frame_region(frame)
    topology = get_map_boundaries(region, story.SLIDE_MAP_WIDTHS, region.height, story.SLIDE_MAP_PLOT[0])
    spec = maps.map_spec(
        region,
        topology,
        kinds=_base.kinds,
        owners=_base.owners,
        groups=_base.groups,
    )
    prepared = maps.prepare_region(_base.points, _base.flows, region, projection=story.frame_projection(region))
    return spec, prepared


def get_story_map(dataset: Dataset, frame: tuple[float, float, float, float]) -> tuple[dict, dict]:
    """(Vega-Lite spec, layer rows) of a story step's map in its own frame (see get_map_region)."""
    return _cached_story_map(*_version(dataset), tuple(frame), get_map_base(dataset))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_timeline_items(folder: str, stamp: str, _tables: dict):

    return timeline_items(_tables)


def get_timeline_items(dataset: Dataset):
    """Every event, model release and chip launch as timeline items, once per data version (read-only)."""
    return _cached_timeline_items(*_version(dataset), dataset.tables)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_lanes(folder: str, stamp: str, _tables: dict):
    return read_lanes(_tables)


def get_lanes(dataset: Dataset):
    """The timeline's lanes (supplychain.rules.lanes.Lanes) of this dataset's lanes.csv, once per data version."""
    return _cached_lanes(*_version(dataset), dataset.tables)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_sites(folder: str, stamp: str, _tables: dict):

    frame = build_sites(_tables)
    return frame, report_areas(_tables, frame)


def get_sites(dataset: Dataset):
    """(sites with operator and tenant names, the report's areas) once per data version (read-only)."""
    return _cached_sites(*_version(dataset), dataset.tables)


def get_site_boundaries(region_key: str) -> dict:
    """Country boundaries clipped to a site-map preset and simplified for its scale, built once per process and
    kept where a client's "clear cache" cannot drop them (see get_map_boundaries). Read-only."""

    def build() -> dict:
        region = regions.SITE_REGIONS[region_key]
        box = regions.plot_box(region, widths=SITE_PLOT_WIDTHS, height=region.height - SITE_LEGEND_PX)
        return clipped_boundaries(region, width_px=SITE_MAP_WIDTH, box=box)

    return _BOUNDARIES.get(("sites", region_key), build)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_per_version(folder: str, stamp: str, name: str, args: tuple, _fn: Callable, _tables: dict):
    # Keyed by the data version, the function's qualified name and its (hashable) arguments; `_fn` and `_tables`
    # are not hashed. cache_data returns a fresh copy on every call, so a page may change what it gets.
    return _fn(_tables, *args)


def per_version(dataset: Dataset, fn: Callable, *args: Hashable) -> Any:
    """fn(dataset.tables, *args), computed once per data version and arguments for every session.

    Why: lookups such as a claim's later events or citing rows cost 10-20 ms each and the Overview and Sources
    pages ask for one per finding on every run; the answers change only when the data do.
    """
    return _cached_per_version(*_version(dataset), _version_key(fn), args, fn, dataset.tables)


def _version_key(fn: Callable) -> str:
    """The name per_version files fn's results under (shared with callers that reach the same entry)."""
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_chart_spec(folder: str, stamp: str, name: str, params: tuple, _build: Callable[[], Any]) -> dict:
    # validate=False: every builder's output is checked against the Vega-Lite schema in the tests
    # (tests/test_chart_cache.py), so a run need not pay Altair's schema validation (about 40 % of to_dict).
    chart = _build()
    if isinstance(chart, dict):
        return with_locale(chart)
    import altair as alt

    # Altair refuses data over 5,000 rows by default; the pages cap what they draw themselves (ui.TIMELINE_CAP,
    # ui.NETWORK_CAP, ui.LINK_CAP), while the zoom strip of a 100x package holds 8,200 ticks. Switched off for the
    # whole process (a setting flipped per call would race between sessions' threads).
    alt.data_transformers.disable_max_rows()
    return with_locale(chart.to_dict(validate=False))


def with_locale(spec: dict) -> dict:
    """The spec with Vega's number and date formats in the reader's language (axis ticks, tooltips)."""
    locale = vega_locale(current_language())
    if locale:
        spec.setdefault("config", {})["locale"] = locale
    return spec


def chart_spec(dataset: Dataset, name: str, params: tuple, build: Callable[[], Any]) -> dict:
    """The Vega-Lite spec of an Altair chart (or a spec `build` returns as a dict), built once per data version, chart
    name and view settings.

    Why: building an Altair chart and turning it into a spec costs 100-400 ms per chart, and every session
    opening the same view would pay it again. `params` must hold every setting the chart depends on (filters,
    dates, selection): two views that differ in anything the chart shows must differ in `params`.
    Draw the result with st.vega_lite_chart; the spec is a copy, safe to change.
    """
    return _cached_chart_spec(*_version(dataset), name, params, build)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_citing_rows(folder: str, stamp: str, column: str, value: str, _tables: dict, _package: dict):

    return citing_rows(_tables, _package, column=column, value=value)


def get_citing_rows(dataset: Dataset, *, column: str, value: str):
    """provenance.citing_rows, once per data version, column and value (see per_version for why)."""
    return _cached_citing_rows(*_version(dataset), column, value, dataset.tables, dataset.package)

"""Server time of the Map page: first open (cold caches), and a filter change (warm caches), at shipped data size.

Prints milliseconds; no asserts. Run: .venv/bin/python -m bench.map_rerun
Measures with Streamlit's AppTest, which runs the page script in-process like the server does.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from supplychain.charts import map_tables, maps
from supplychain.data.load import load_dataset
from supplychain.rules import geo, regions
from supplychain.rules.boundaries import plot_topology

ROOT = Path(__file__).resolve().parent.parent


def _boundaries(key: str) -> dict:
    region = regions.REGIONS[key]
    widths = (regions.NARROW_PLOT_WIDTH, regions.MAX_PLOT_WIDTH)
    return plot_topology(region, widths=widths, height=region.height, scale_width=regions.MIN_PLOT_WIDTH)


def main(repeat: int = 15) -> None:
    tables = load_dataset(ROOT / "data").tables
    t0 = time.perf_counter()
    base = map_tables.build_map_base(tables)
    spec = maps.map_spec(
        "east_asia",
        _boundaries("east_asia"),
        kinds=base.kinds,
        owners=base.owners,
        groups=base.groups,
    )
    prepared = maps.prepare_region(base.points, base.flows, "east_asia")
    print(
        f"cold build (places, flows, spec, layer rows for one preset): {1000 * (time.perf_counter() - t0):.0f} ms "
        "(cached afterwards)"
    )

    times = []
    for i in range(repeat):
        t = time.perf_counter()
        flows = geo.select_flows(base.flows, companies=["alibaba"] if i % 2 else [], relations=[], as_of="2025-06-01")
        points = geo.select_points(base.points, flows, companies=["alibaba"] if i % 2 else [])
        maps.map_datasets(prepared, location_ids=set(points["location_id"]), flow_ids=set(flows["flow_id"]))
        times.append(1000 * (time.perf_counter() - t))
    print(f"map logic per filter change (filter + layer rows): median {statistics.median(times):.1f} ms")

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["_test_start_page"] = "map"
    t = time.perf_counter()
    at.run()
    print(f"first page run (AppTest, cold caches): {1000 * (time.perf_counter() - t):.0f} ms")
    runs = []
    choices = [["alibaba"], ["deepseek"], [], ["nvidia"], ["bytedance"]]
    for i in range(repeat):
        at.multiselect(key="company").set_value(choices[i % len(choices)])
        t = time.perf_counter()
        at.run()
        runs.append(1000 * (time.perf_counter() - t))
    print(
        f"whole page rerun on a company filter change (AppTest, warm): median {statistics.median(runs):.0f} ms, max "
        f"{max(runs):.0f} ms"
    )
    for region in regions.REGIONS:
        at.radio(key="region").set_value(region)
        t = time.perf_counter()
        at.run()
        first = 1000 * (time.perf_counter() - t)
        at.radio(key="region").set_value(region)
        t = time.perf_counter()
        at.run()
        print(
            f"region {region}: first switch {first:.0f} ms (builds its cached spec), again "
            f"{1000 * (time.perf_counter() - t):.0f} ms"
        )
    print(f"spec size sent per rerun, clipped boundaries included: {len(json.dumps(spec)) / 1024:.1f} KiB")


if __name__ == "__main__":
    main()

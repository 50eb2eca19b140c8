"""Write a valid synthetic copy of the data package, N times as large, for the bench.

Copy k (k = 1 .. N-1) of every row gets ids suffixed `_xk`; every reference to an id (the
package's foreignKeys, and columns whose values are all ids of some table, such as
relationships.from_id/to_id) is remapped to the same copy, so foreign keys, uniqueness across
entity tables, dates and their precisions stay as valid as in the shipped data. Text that is
unique per row in the shipped data (names, titles, descriptions) gets " [k]" so search and
labels stay distinguishable. Copy 0 is the shipped data itself. Nothing about the tables is
typed here: all of it is read from datapackage.json, so new tables are copied too.

Run: python -m bench.synth --scale 10 --out /tmp/synth10   (prints the row counts)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _plan(package: dict[str, Any], tables: dict[str, list[dict[str, str]]]) -> dict[str, dict[str, str]]:
    """For each table, column -> how copies treat it: "id" (suffix the id), "text" (mark the copy) or
    "offset:N" (a unique number shifted by N per copy)."""
    all_ids: set[str] = set()
    for res in package["resources"]:
        for key in res["schema"].get("primaryKey", []):
            all_ids.update(row[key] for row in tables[res["name"]] if row[key])
    plan: dict[str, dict[str, str]] = {}
    for res in package["resources"]:
        schema, rows = res["schema"], tables[res["name"]]
        id_cols = set(schema.get("primaryKey", []))
        for fk in schema.get("foreignKeys", []):
            id_cols.update(fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]])
        columns: dict[str, str] = {}
        for field in schema["fields"]:
            name, constraints = field["name"], field.get("constraints", {})
            if field["type"] == "integer" and constraints.get("unique"):
                # A unique number (a story step's position) continues after the shipped rows in each copy.
                columns[name] = f"offset:{len(rows)}"
                continue
            if field["type"] != "string":
                continue
            values = [row[name] for row in rows if row[name]]
            if name in id_cols or (values and "enum" not in constraints and all(v in all_ids for v in values)):
                # The second test finds references the package cannot state as foreign keys
                # (an id whose table is named by another column, like relationships.from_id).
                columns[name] = "id"
            elif (
                values
                and len(values) == len(rows)
                and len(set(values)) == len(values)
                and not {"enum", "pattern"} & set(constraints)
                and "format" not in field
            ):
                columns[name] = "text"
        plan[res["name"]] = columns
    return plan


def _copy_row(row: dict[str, str], columns: dict[str, str], k: int) -> dict[str, str]:
    out = dict(row)
    for name, how in columns.items():
        value = row[name]
        if not value:
            continue
        if how.startswith("offset:"):
            out[name] = str(int(value) + k * int(how.split(":")[1]))
        else:
            out[name] = f"{value}_x{k}" if how == "id" else f"{value} [{k}]"
    return out


def write_package(scale: int, out: Path, *, source: Path = DATA, seed: int = 14) -> dict[str, int]:
    """Write `scale` copies of every table of `source` into `out` (created); return rows per table.

    The seed fixes the row order of the shuffled output (files are not sorted by copy), so runs repeat.
    """
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)  # datapackage.json, geo files, anything else the app reads
    package = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    headers, tables = {}, {}
    for res in package["resources"]:
        headers[res["name"]], tables[res["name"]] = _read(source / res["path"])
    plan = _plan(package, tables)
    rng = random.Random(seed)
    counts = {}
    for res in package["resources"]:
        name = res["name"]
        rows = list(tables[name])
        for k in range(1, scale):
            rows.extend(_copy_row(row, plan[name], k) for row in tables[name])
        head, tail = rows[: len(tables[name])], rows[len(tables[name]) :]
        rng.shuffle(tail)  # the shipped rows stay first; copies interleave like curated additions would
        with (out / res["path"]).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=headers[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(head + tail)
        counts[name] = len(rows)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10, help="how many copies of the shipped rows (1 = as shipped)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--check", action="store_true", help="then load and validate it as the app does")
    args = parser.parse_args()
    counts = write_package(args.scale, args.out, seed=args.seed)
    print(f"{sum(counts.values())} rows at {args.scale}x in {args.out}: {counts}")
    if args.check:
        import time

        # here, not at the top: only --check loads the package; writing the data needs neither pandas nor frictionless
        from supplychain.data.load import load_dataset

        t = time.perf_counter()
        dataset = load_dataset(args.out)
        print(f"load and validation: {time.perf_counter() - t:.1f} s, problems: {len(dataset.problems)}")
        for problem in dataset.problems[:10]:
            print("  ", problem)


if __name__ == "__main__":
    main()

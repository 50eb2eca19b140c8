"""The supply chain of each Chinese AI developer, followed through stated ties only: models, where they train,
who owns those facilities, whose chips, under which rule. Pure (a relationship graph in, rows out)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import networkx as nx
import pandas as pd

# The stages in the order the chain is followed and drawn (their words: labels.CHAIN_STAGES).
CHAIN_ORDER: tuple[str, ...] = ("developer", "model", "location", "owner", "hardware", "measure")

# The chain: which relation, from which stage, leads to which stage. Followed in this order.
CHAIN_COLUMNS = [
    "developer_id",
    "developer_name",
    "stage",
    "entity_id",
    "entity_name",
    "kind",
    "parent_id",
    "relation",
    "relationship_id",
    "evidence",
]
_MEASURE_RELATIONS = ("restricts", "permits")


def chinese_developers(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Ids of Chinese AI developers (kind ai_developer, Chinese ownership or a CN headquarters), in file order."""
    companies = tables["companies"]
    chinese = (companies["ownership"] == "chinese").fillna(False) | (companies["country"] == "CN").fillna(False)
    return list(companies[(companies["kind"] == "ai_developer").fillna(False) & chinese]["company_id"])


def chain_rows(graph: nx.MultiDiGraph, developers: Iterable[str]) -> pd.DataFrame:
    """For each developer: its models, where it (or they) trains, who owns those facilities, which chips,
    and which measures restrict, permit or rescind those. One row per (developer, stage, entity, edge).

    Only stated ties are followed (no guesses): a developer with no `trains_in` tie has no location row.
      model:    developer -develops-> model
      location: developer or model -trains_in-> location
      owner:    developer or model -leases_capacity_from-> company; company -operates-> location
      hardware: model -trained_on-> chip; developer -stockpiled/uses-> chip; company -supplies-> owner or developer
      measure:  policy -restricts/permits-> hardware, developer or owner; policy -rescinds-> such a measure
    """
    rows: list[dict[str, str]] = []
    # Each row keeps its tie's evidence, so a view can mark what is our inference (the story's chain slide).
    evidence = {key: str(data.get("evidence") or "") for _, _, key, data in graph.edges(keys=True, data=True)}

    def add(dev: str, stage: str, entity: str, parent: str, relation: str, rid: str) -> None:
        rows.append(
            {
                "developer_id": dev,
                "developer_name": graph.nodes[dev]["name"],
                "stage": stage,
                "entity_id": entity,
                "entity_name": graph.nodes[entity]["name"],
                "kind": graph.nodes[entity]["kind"],
                "parent_id": parent,
                "relation": relation,
                "relationship_id": rid,
                "evidence": evidence.get(rid, ""),
            }
        )

    def out_edges(node: str, relations: Collection[str]) -> list[tuple[str, str, str]]:
        return sorted(
            (dst, d["relation"], key)
            for _src, dst, key, d in graph.out_edges(node, keys=True, data=True)
            if d["relation"] in relations
        )

    def in_edges(node: str, relations: Collection[str]) -> list[tuple[str, str, str]]:
        return sorted(
            (src, d["relation"], key)
            for src, _dst, key, d in graph.in_edges(node, keys=True, data=True)
            if d["relation"] in relations
        )

    for dev in developers:
        if dev not in graph:
            continue
        add(dev, "developer", dev, "", "", "")
        models = [(m, rel, rid) for m, rel, rid in out_edges(dev, ["develops"]) if graph.nodes[m]["kind"] == "model"]
        for m, rel, rid in models:
            add(dev, "model", m, dev, rel, rid)
        trainers = [dev] + [m for m, _where, _chip in models]
        locations: list[str] = []
        for node in trainers:
            for loc, rel, rid in out_edges(node, ["trains_in"]):
                add(dev, "location", loc, node, rel, rid)
                locations.append(loc)
        owners: list[str] = []
        for node in trainers:
            for owner, rel, rid in out_edges(node, ["leases_capacity_from"]):
                add(dev, "owner", owner, node, rel, rid)
                owners.append(owner)
        for loc in dict.fromkeys(locations):
            for owner, rel, rid in in_edges(loc, ["operates"]):
                add(dev, "owner", owner, loc, rel, rid)
                owners.append(owner)
        hardware: list[str] = []
        for m, _src, _rest in models:
            for chip, rel, rid in out_edges(m, ["trained_on"]):
                add(dev, "hardware", chip, m, rel, rid)
                hardware.append(chip)
        for chip, rel, rid in out_edges(dev, ["stockpiled", "uses"]):
            add(dev, "hardware", chip, dev, rel, rid)
            hardware.append(chip)
        for target in dict.fromkeys([*owners, dev]):
            for supplier, rel, rid in in_edges(target, ["supplies"]):
                add(dev, "hardware", supplier, target, rel, rid)
                hardware.append(supplier)
        measures: list[str] = []
        for target in dict.fromkeys([*hardware, dev, *owners]):
            for policy, rel, rid in in_edges(target, _MEASURE_RELATIONS):
                if graph.nodes[policy]["kind"] == "policy":
                    add(dev, "measure", policy, target, rel, rid)
                    measures.append(policy)
        for measure in dict.fromkeys(measures):
            for policy, rel, rid in in_edges(measure, ["rescinds"]):
                add(dev, "measure", policy, measure, rel, rid)
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


def chain_summary(chains: pd.DataFrame, stages: Iterable[str]) -> pd.DataFrame:
    """One row per developer, one column per stage: the distinct entity names, joined with ' · '."""
    stages = list(stages)
    out = []
    for dev, part in chains.groupby("developer_id", sort=False):
        row = {"developer_id": dev}
        for stage in stages:
            names = list(dict.fromkeys(part[part["stage"] == stage]["entity_name"]))
            row[stage] = " · ".join(names)
        out.append(row)
    return pd.DataFrame(out, columns=["developer_id", *stages])

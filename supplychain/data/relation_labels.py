"""The words for relations: each type, its group (network and chain views), the chain's columns, the map's flows."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from supplychain.i18n import N_, Words

# Relationship types: readable wording, and a line style per group (the network and chain views share them).
RELATION_LABELS = Words(
    {
        "develops": N_("develops"),
        "designs": N_("designs"),
        "trains_in": N_("trains in"),
        "trained_on": N_("trained on"),
        "leases_capacity_from": N_("leases capacity from"),
        "operates": N_("operates"),
        "headquartered_in": N_("headquartered in"),
        "restricts": N_("restricts"),
        "permits": N_("permits"),
        "rescinds": N_("rescinds"),
        "amends": N_("amends"),
        "issues": N_("issues"),
        "partners_with": N_("partners with"),
        "stockpiled": N_("stockpiled"),
        "stations_engineers_at": N_("stations engineers at"),
        "competes_with": N_("competes with"),
        "supplies": N_("supplies"),
        "subsidiary_of": N_("subsidiary of"),
        "uses": N_("uses"),
    }
)


RELATION_GROUPS: dict[str, str] = {
    "develops": "Makes",
    "designs": "Makes",
    "supplies": "Makes",
    "trains_in": "Compute",
    "trained_on": "Compute",
    "leases_capacity_from": "Compute",
    "operates": "Compute",
    "stockpiled": "Compute",
    "uses": "Compute",
    "restricts": "Rules",
    "permits": "Rules",
    "rescinds": "Rules",
    "amends": "Rules",
    "issues": "Rules",
    "headquartered_in": "Ties",
    "partners_with": "Ties",
    "stations_engineers_at": "Ties",
    "competes_with": "Ties",
    "subsidiary_of": "Ties",
}


# The groups' own names (legend labels); the keys are the Vega domain values of RELATION_GROUPS.
RELATION_GROUP_LABELS = Words(
    {"Makes": N_("Makes"), "Compute": N_("Compute"), "Rules": N_("Rules"), "Ties": N_("Ties")}
)


class _GroupHelp(Mapping[str, str]):
    """The relations in each group, in words (legend help), from RELATION_GROUPS itself, worded at read time."""

    def __getitem__(self, group: str) -> str:
        members = [RELATION_LABELS.get(r, r) for r, g in RELATION_GROUPS.items() if g == group]
        if not members:
            raise KeyError(group)
        return ", ".join(members)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(RELATION_GROUPS.values()))

    def __len__(self) -> int:
        return len(set(RELATION_GROUPS.values()))


RELATION_GROUP_HELP: Mapping[str, str] = _GroupHelp()


# Columns of the chain view, in reading order.
CHAIN_STAGES = Words(
    {
        "developer": N_("Developer"),
        "model": N_("Model"),
        "location": N_("Trained where"),
        "owner": N_("Facilities owned by"),
        "hardware": N_("On whose chips"),
        "measure": N_("Under which rule"),
    }
)


FLOW_GROUPS: dict[str, str] = {
    "trains_in": "Training and compute",
    "leases_capacity_from": "Training and compute",
    "operates": "Training and compute",
    "supplies": "Chips",
    "uses": "Chips",
    "stockpiled": "Chips",
    "trained_on": "Chips",
    "stations_engineers_at": "People and partnerships",
    "partners_with": "People and partnerships",
}

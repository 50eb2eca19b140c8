"""The words for places and sites: kinds, ownership, status, capacity basis, coordinate precision, regions."""

from __future__ import annotations

from supplychain.i18n import N_, Words

LOCATION_KIND_LABELS = Words(
    {
        "datacentre_hub": N_("Data-centre hub"),
        "datacentre_site": N_("Data-centre site"),
        "headquarters": N_("Company headquarters"),
        "government_seat": N_("Seat of government"),
    }
)


OWNERSHIP_LABELS = Words(
    {
        "chinese": N_("Chinese-owned"),
        "non_chinese": N_("Non-Chinese-owned"),
        "unknown": N_("Owner unknown"),
        "not_applicable": N_("Not a data centre"),
    }
)


SITE_STATUS_LABELS = Words(
    {
        "operating": N_("Operating"),
        "under_construction": N_("Under construction"),
        "planned": N_("Planned"),
    }
)


CAPACITY_BASIS_LABELS = Words(
    {
        "it_load_in_service": N_("IT load in service"),
        "it_load_planned": N_("IT load planned at full build-out"),
        "unstated_in_service": N_("MW in service (IT or power not stated)"),
        "unstated_planned": N_("MW planned at full build-out (IT or power not stated)"),
    }
)


SITE_KIND_LABELS = Words({"campus": N_("Data-centre campus"), "cloud_region": N_("Cloud region (provider's own)")})


COORD_PRECISION_LABELS = Words(
    {
        "site": N_("The site itself"),
        "city": N_("City centre only"),
        "region": N_("Region or state only"),
        "country": N_("Country only"),
    }
)


LOCATION_REGION_LABELS = Words(
    {
        "sea": N_("Southeast Asia"),
        "east_asia": N_("East Asia"),
        "north_america": N_("North America"),
        "europe": N_("Europe"),
        "other": N_("Elsewhere"),
    }
)

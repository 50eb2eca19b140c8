"""The Profiles page's sections: an unknown id, the index of every entity, and one profile's facts, place, dates, ties
and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache, cards, corrections, handouts, layout, markdown, release_view, site_view
from supplychain.app.theme import themed
from supplychain.charts.accessibility import describe_chart
from supplychain.charts.network import edge_table
from supplychain.charts.profile import moments_chart, place_chart
from supplychain.data import routes
from supplychain.data.entities import names_by_id, suggest_entities
from supplychain.data.labels import KIND_LABELS, enum_label
from supplychain.data.load import Dataset
from supplychain.data.problems import cut
from supplychain.i18n import _, ngettext
from supplychain.rules.profile import entity_citations, entity_edges, entity_ties, key_facts, profile_texts
from supplychain.rules.regions import site_region_of
from supplychain.rules.sites import sites_at
from supplychain.rules.standings import later_events, standing_of


def render_unknown_id(index: pd.DataFrame, raw: str) -> None:
    """A link's id that names no entity: say so, with the link's text as plain text, and offer similar names."""
    st.warning(
        _("No entity has the id {raw}. Did you mean one of these?").format(raw=markdown.as_code(cut(raw))),
        icon=":material/person_search:",
    )  # the link's text as plain text, cut short (a crafted id is neither a live link nor 100 KB on screen)
    suggestions = suggest_entities(index, cut(raw))
    for hit in suggestions.itertuples(index=False):
        layout.render_entity_link(hit.id, hit.name, hit.kind, note=KIND_LABELS[hit.kind])
    if suggestions.empty:
        st.caption(_("Nothing similar found. Use the search box in the sidebar, or pick from the list above."))


def render_entity_index(index: pd.DataFrame) -> None:
    """Every entity as a link to its profile, one list per kind (the first LINK_CAP of each until "show all")."""
    st.caption(_("Pick an entity above or in the sidebar search. All entities by kind:"))
    # A link per entity is fine at a few hundred; at thousands it is slow to send and to read.
    longest = int(index["kind"].value_counts().max()) if len(index) else 0
    show_all = longest <= layout.LINK_CAP or st.toggle(
        _("Show every entity ({n}); the first {link_cap} of each kind are listed").format(
            n=len(index), link_cap=layout.LINK_CAP
        ),
        key="index_all",
    )
    # One fixed-width list per kind in a wrapping row: five equal columns cut names to about 9 characters at 1024 px.
    grid = st.container(horizontal=True, gap="small")
    for kind, label in KIND_LABELS.items():
        col = grid.container(width=layout.NAME_LIST_WIDTH)
        of_kind = index[index["kind"] == kind]
        col.markdown(f"**{label}**" + ("" if show_all or len(of_kind) <= layout.LINK_CAP else f" ({len(of_kind)})"))
        for row in (of_kind if show_all else of_kind.head(layout.LINK_CAP)).itertuples(index=False):
            with col:
                layout.render_entity_link(row.id, row.label, kind)


def render_profile_head(
    dataset: Dataset, index: pd.DataFrame, table: str, row: pd.Series, entity_id: str, kind: str, name: str
) -> None:
    """Under the title: kind, id and aliases, the row's history, its evidence, a correction button, its own words."""
    aliases = index.set_index("id").loc[entity_id, "aliases"]
    st.caption(
        _("{kind_labels} · id {entity_id}").format(
            kind_labels=KIND_LABELS[kind], entity_id=markdown.escape_md(entity_id)
        )
        + (_(" · also: {aliases}").format(aliases=markdown.escape_md("; ".join(aliases))) if aliases else "")
    )
    release_view.render_row_history(dataset, table, entity_id)
    cards.render_evidence(str(row["evidence"]))
    corrections.render_correction_button(
        what=_("the profile of {name}").format(name=name),
        row_ids=[f"{table}:{entity_id}"],
        key="profile",
        url_path="entity",
        package=dataset.package,
    )
    for text in profile_texts(row):
        st.markdown(markdown.english_text(text))  # the curators' English, marked for a Polish reader


def render_key_facts(package: dict, index: pd.DataFrame, table: str, row: pd.Series) -> None:
    """The row's facts as a list, each linked where it names another row, and the curators' note."""
    st.header(_("Key facts"))
    st.markdown(
        "\n".join(
            f"- **{markdown.escape_md(label)}:** "
            + markdown.md_link(text, link.split("#")[0] if link else None, relative=True)
            for label, text, link in key_facts(package, table, row, index)
        )
    )
    if isinstance(row.get("note"), str) and row["note"]:
        st.caption(_("Curators' note: {note}").format(note=markdown.english_text(row["note"])))


def render_place(dataset: Dataset, place: pd.Series, entity_id: str, kind: str, name: str) -> None:
    """A locator map of the entity's place, its coordinates and a link to the Map there."""
    st.header(_("Where"))
    st.vega_lite_chart(
        themed(
            cache.chart_spec(
                dataset,
                "entity_place",
                (entity_id,),
                lambda: describe_chart(
                    place_chart(dataset.tables["locations"], place, kind),
                    title=_("Where {names} is").format(names=name),
                    summary=_("a locator map marking {name}").format(name=place["name"]),
                ),
            )
        ),
        width="stretch",
    )
    st.caption(
        _("{name}: {lat:.3f}, {lon:.3f} (precision: {coord_precision}).").format(
            name=markdown.escape_md(place["name"]),
            lat=float(place["lat"]),
            lon=float(place["lon"]),
            coord_precision=enum_label("locations", "coord_precision", place["coord_precision"]),
        )
    )
    st.page_link(
        routes.PAGE_FILES[routes.MAP],
        label=_("See it on the map"),
        icon=":material/map:",
        query_params={"region": str(place["region"])},
    )


def render_location_sites(dataset: Dataset, entity_id: str) -> None:
    """A place's data-centre sites, with a link to the Sites map on the preset that holds them."""
    here = sites_at(dataset.tables, cache.get_sites(dataset)[0], entity_id)
    region_key = None if here.empty else site_region_of(here["lon"].iloc[0], here["lat"].iloc[0])
    site_view.render_location_sites(here, region_key)


def render_moments(dataset: Dataset, moments: pd.DataFrame, entity_id: str, kind: str, name: str) -> None:
    """The entity's dated records and events on a small timeline."""
    st.header(_("Timeline"))
    if moments.empty:
        st.caption(_("No dated record or event names this entity."))
        return
    st.vega_lite_chart(
        themed(
            cache.chart_spec(
                dataset,
                "entity_moments",
                (entity_id,),
                lambda: describe_chart(
                    moments_chart(moments, kind),
                    title=_("Timeline of {names}").format(names=name),
                    summary=_("{n} dated records and events naming it, in date order").format(n=len(moments)),
                ),
            )
        ),
        width="stretch",
    )
    st.caption(_("A dot marks a known day; a shaded bar spans the month or year when only that is known."))


def render_ties(dataset: Dataset, edges: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """The entity's ties: the first as lines of text, all of them in a table on demand, and a link to its
    neighbourhood in the network. Returns the ties (entity_ties rows)."""
    tables = dataset.tables
    edge_rows = edge_table(edges, tables["claims"], tables["sources"])
    ties = entity_ties(edge_rows, entity_id)
    st.header(_("Ties ({n})").format(n=len(ties)))
    if ties.empty:
        st.caption(_("No relationship names this entity."))
        return ties
    # The first ties as lines of text; every tie, with its description and sources, in a table on demand.
    lines = [cards.tie_line(tie) for _row, tie in entity_edges(edge_rows, entity_id).head(layout.LIST_CAP).iterrows()]
    st.markdown("\n".join(f"- {line}" for line in lines))
    if len(ties) > layout.LIST_CAP:
        st.caption(
            _("The first {list_cap} of {n} ties; the table below has all of them.").format(
                list_cap=layout.LIST_CAP, n=len(ties)
            )
        )
    box, box_open = layout.lazy_expander(
        ngettext(
            "The tie as a table, with what it says and its source",
            "All {n} ties as a table, with what each says and its source",
            len(ties),
        ).format(n=len(ties)),
        key="ties_table_open",
        icon=":material/table:",
    )
    if box_open:
        corrections.render_table(
            ties,
            row_ids=[f"relationships:{r}" for r in ties["relationship_id"]],
            what=_("the ties of {name}").format(
                name=names_by_id(cache.get_relations(dataset)[0]).get(entity_id, entity_id)
            ),
            key="ties_table",
            url_path="entity",
            package=dataset.package,
            container=box,
            placeholder="–",
            hide_index=True,
            width="stretch",
            column_config=layout.tie_columns("from", "relation", "to"),
        )
    st.page_link(
        routes.PAGE_FILES[routes.RELATIONSHIPS],
        label=_("See its neighbourhood in the network"),
        icon=":material/hub:",
        query_params={"focus": entity_id},
    )
    return ties


def render_citations(
    dataset: Dataset, table: str, row: pd.Series, moments: pd.DataFrame, ties: pd.DataFrame
) -> pd.DataFrame:
    """Every source and claim behind the profile, each in a card with what rests on it. Returns the citations."""
    tables, package = dataset.tables, dataset.package
    st.header(_("Sources and quotes"))
    claims, sources = tables["claims"].set_index("claim_id"), tables["sources"].set_index("source_id")
    citations = entity_citations(row, table, moments, ties)
    for n, cite in enumerate(citations.itertuples(index=False)):
        with st.container(border=True):
            if cite.claim_id and cite.claim_id in claims.index:
                claim = claims.loc[cite.claim_id].copy()
                claim["claim_id"] = cite.claim_id
                cards.render_claim(
                    claim, sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None
                )
                corrections.render_correction_button(
                    what=f"claim {cite.claim_id}",
                    row_ids=[f"claims:{cite.claim_id}"],
                    key=f"claim_{n}_{cite.claim_id}",
                    url_path="entity",
                    package=package,
                )
                standing = standing_of(tables, cite.claim_id)
                if standing is not None or claim["is_key_finding"]:  # as the Sources page shows it
                    cards.render_claim_standing(standing, cache.per_version(dataset, later_events, cite.claim_id))
            if cite.source_id in sources.index:
                cards.render_source(sources.loc[cite.source_id])
            supports = [markdown.escape_md(cite.supports)] if cite.supports else []
            if cite.ties:
                supports.append(_("ties: {ties}").format(ties=markdown.english_text(cite.ties)))
            st.caption(_("Supports: {supports}").format(supports="; ".join(supports)))
    return citations


def render_profile_pdf(
    dataset: Dataset,
    row: pd.Series,
    entity_id: str,
    kind: str,
    name: str,
    moments: pd.DataFrame,
    citations: pd.DataFrame,
) -> None:
    """The profile as a one-page PDF handout (built when the reader asks for it)."""
    profile_link = layout.current_link("entity")
    handouts.render_view_pdf(
        lambda: handouts.profile_handout(
            dataset,
            name=name,
            spec=None if moments.empty else moments_chart(moments, kind).to_dict(),
            lines=profile_texts(row) + handouts.moment_lines(moments),
            citations=citations,
            link=profile_link,
        ),
        what=f"profile_{entity_id}",
        as_of=dataset.as_of,
    )

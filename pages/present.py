"""Story mode for presenters: the report in steps, one idea, one visual and one quote per screen."""

import streamlit as st

from supplychain.app import cache, guard, handouts, language, markdown, slides, urlbind
from supplychain.app.story_visual import step_visual_spec
from supplychain.charts.accessibility import describe_chart
from supplychain.data.coverage import reach_of
from supplychain.data.dates import format_date
from supplychain.data.labels import enum_label
from supplychain.i18n import _, current_language
from supplychain.rules.provenance import report_citation
from supplychain.rules.story import fit_to_slide, grow_with_slide, story_steps, view_url, wrap_legends

dataset = guard.require_dataset()
tables = dataset.tables
report = report_citation(tables, dataset.package)
steps = story_steps(tables)
if not steps:
    st.info(_("The story has no steps: data/story_steps.csv is empty."), icon=":material/slideshow:")
    st.stop()
raw = urlbind.url_value(
    "step", [str(i) for i in range(1, len(steps) + 1)], what=_("not a step from 1 to {n}").format(n=len(steps))
)
number = int(raw) if raw else 1
step = steps[number - 1]
# ?notes=1 is the presenter's own window: the step's notes and source, never drawn over the audience's slide.
presenter = urlbind.url_value("notes", ["1"], what=_("not 1 (the presenter's notes view)")) == "1"
slides.render_slide_frame()


def render_quote() -> None:
    if step.claim_id is None:
        st.markdown("### " + markdown.escape_md(step.text))
        return
    claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
    who = enum_label("claims", "attribution_kind", claim["attribution_kind"])
    # A Polish audience reads the report's own Polish words; an English one our translation of them.
    quote = claim["quote_pl"] if current_language() == "pl" else claim["text_en"]
    st.markdown(
        "### "
        + _("“{quote}” :gray[— {who}, {short}]").format(
            quote=markdown.escape_md(quote), who=markdown.escape_md(who), short=markdown.escape_md(report.short)
        )
    )


def render_notes() -> None:
    """The presenter's notes of this step: what to say, the report's Polish words and where they come from."""
    st.markdown(markdown.escape_md(step.text))
    if step.claim_id is not None:
        claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
        source = tables["sources"].set_index("source_id").loc[claim["source_id"]]
        other = claim["text_en"] if current_language() == "pl" else claim["quote_pl"]
        st.markdown("> " + (markdown.english_text(other) if current_language() == "pl" else markdown.escape_md(other)))
        st.caption(
            _(
                "Attribution in the report: {attribution}. {publisher}: {title}. Translation by the dashboard's "
                "curators."
            ).format(
                attribution=markdown.escape_md(claim["attribution"]),
                publisher=markdown.escape_md(source["publisher"]),
                title=markdown.escape_md(source["title"]),
            )
        )


if presenter:
    st.markdown("## " + markdown.escape_md(_("Presenter's notes: {heading}").format(heading=step.heading)))
    render_quote()
    render_notes()
    if number < len(steps):
        st.caption(_("Next: {heading}").format(heading=markdown.escape_md(steps[number].heading)))
else:
    st.markdown(f"## {markdown.escape_md(step.heading)}")
    spec = cache.with_locale(
        describe_chart(
            grow_with_slide(wrap_legends(fit_to_slide(step_visual_spec(dataset, step)))),
            title=step.heading,
            summary=step.text,
        )
    )
    slides.render_slide_visual(spec)  # full width: a projector's wide screen
    with slides.slide_quote():
        render_quote()

nav = st.columns([1, 1, 1.6, 1.4, 1.4, 0.8], vertical_alignment="center")
nav[3].link_button(
    _("Back to the slide") if presenter else _("Presenter's notes"),
    slides.notes_url(number, presenter=not presenter),
    icon=":material/slideshow:" if presenter else ":material/notes:",
    width="stretch",
    help=_("The slide the audience sees.")
    if presenter
    else _(
        "Opens this step's notes and source in a new window, for the presenter's screen only: the audience "
        "keeps the slide."
    ),
)
nav[0].button(
    _("Previous"),
    icon=":material/arrow_back:",
    shortcut="Left",
    disabled=number == 1,
    width="stretch",
    on_click=urlbind.set_url_value,
    args=("step", str(number - 1)),
)
nav[1].button(
    _("Next"),
    icon=":material/arrow_forward:",
    shortcut="Right",
    disabled=number == len(steps),
    width="stretch",
    type="primary",
    on_click=urlbind.set_url_value,
    args=("step", str(number + 1)),
)
nav[2].markdown("### " + _("Step {n} of {total}").format(n=number, total=len(steps)))
nav[4].link_button(
    _("Open this view"),
    language.with_language(view_url(step)),
    icon=":material/open_in_new:",
    width="stretch",
    help=_("Opens the page this step comes from, with its navigation, in a new tab."),
)
# The handout in the button row, not the footer: a button there made the 1920x1080 slide scroll.
handouts.render_pdf_download(
    lambda: handouts.story_pdf(dataset, base=handouts.app_base(st.context.url)),
    file_name=f"story_{dataset.version}.pdf",
    container=nav[5],
    label=_("PDF"),
    width="stretch",
    help=_("The whole story as a handout: one page per step with its visual, quote, notes, source and link."),
)
reach = reach_of(tables)
st.caption(
    _("Data {version}, built {as_of} · {short}").format(
        version=dataset.version, as_of=dataset.as_of, short=markdown.escape_md(report.short)
    )
    + (_(" (via {via})").format(via=markdown.escape_md(report.via)) if report.via else "")
    + _(" and public records · {licence} · ← → change step").format(licence=report.licence)
    + (
        " · " + _("record reaches {day} (coverage by topic: Sources page)").format(day=format_date(reach))
        if reach
        else ""
    )
)

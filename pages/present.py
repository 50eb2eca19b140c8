"""Story mode for presenters: the report in steps, one idea, one visual and one quote per screen."""

import streamlit as st

from supplychain.app import cache, guard, handouts, language, markdown, slides, story_view, urlbind
from supplychain.app.story_visual import step_visual_spec
from supplychain.charts.accessibility import describe_chart
from supplychain.i18n import _
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


if presenter:
    st.markdown("## " + markdown.escape_md(_("Presenter's notes: {heading}").format(heading=step.heading)))
    story_view.render_quote(dataset, step, report)
    story_view.render_notes(dataset, step)
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
        story_view.render_quote(dataset, step, report)

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
story_view.render_footer(dataset, report)

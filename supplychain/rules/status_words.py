"""The words of an export-status answer, apart from the rule (rules/status.py) and each wrapped for translation.

The rule decides codes (restricted, since_basis, evidence…); this module is the one place that turns them into the
sentences a reader sees on Export status, in chip profiles and in the status strip's tooltips.
"""

from __future__ import annotations

from supplychain.i18n import _

# since_basis values (rules/status.py): where the "since" day of an answer comes from.
SINCE_TIE = "tie"  # the tie's own start_date: the day the measure began to apply to this chip
SINCE_AT_LEAST = "at_least"  # the tie has no start: the measure's own date, or the chip's launch if later
SINCE_UNKNOWN = "unknown"  # neither the tie nor the measure has a date


def verdict(code: str) -> str:
    """The first word(s) of the answer to "could this chip be sold to China on that day?"."""
    return {
        "restricted": _("No"),
        "permitted": _("Yes, under licence"),
        "unrestricted": _("Yes"),
        "not_announced": _("Not yet"),
    }[code]


def since_phrase(basis: str | None, day_label: str) -> str:
    """How long the answer has held: "since 9 Apr 2025", "since at least 18 Mar 2024" or "(start not known)"."""
    if basis == SINCE_UNKNOWN or not day_label:
        return _("(start not known)")
    if basis == SINCE_AT_LEAST:
        return _("since at least {day}").format(day=day_label)
    return _("since {day}").format(day=day_label)


def since_cell(basis: str | None, day_label: str) -> str:
    """The same for a table's "In force since" column: "9 Apr 2025", "at least 18 Mar 2024" or "not known"."""
    if basis == SINCE_UNKNOWN or not day_label:
        return _("not known")
    if basis == SINCE_AT_LEAST:
        return _("at least {day}").format(day=day_label)
    return day_label


def explanation(code: str, since: str) -> str:
    """What the verdict means, completing the sentence after it; `since` is a `since_phrase`."""
    if code == "restricted":
        return _("an export licence has been required {since}, and may be denied").format(since=since)
    if code == "permitted":
        return _("export licences have been granted {since}, under conditions").format(since=since)
    if code == "unrestricted":
        return _("no export restriction on it is in the data")
    return _("the chip had not been announced yet")


def estimate_lead() -> str:
    """Put before an answer whose deciding tie (measure -> chip) is the curators' inference, not a source's."""
    return _("Our estimate:")


def china_side_sentence() -> str:
    return _("Chinese authorities discourage buying it.")


def uncertain_sentence(why: str) -> str:
    return _("Uncertain: {why}.").format(why=why)


def after_reach_sentence(reviewed_label: str) -> str:
    """Added to every answer for a day after the reviewed-through day: the record does not reach that far."""
    return _("After the record's reach: later measures may exist (the record is reviewed through {day}).").format(
        day=reviewed_label
    )


def question(chip_name: str, day_label: str) -> str:
    return _("Could the {chip} be sold to China on {day}?").format(chip=chip_name, day=day_label)


def why_announced_imprecise(precision: str) -> str:
    # Whole sentences per precision ("month" or "year"): Polish declines each phrase differently.
    if precision == "year":
        return _("announced on a date known only to the year")
    return _("announced on a date known only to the month")


def why_starts_imprecise(measure: str, precision: str) -> str:
    if precision == "year":
        return _("{measure} applies from a date known only to the year").format(measure=measure)
    return _("{measure} applies from a date known only to the month").format(measure=measure)


def why_ends_imprecise(measure: str, precision: str) -> str:
    if precision == "year":
        return _("{measure} ends on a date known only to the year").format(measure=measure)
    return _("{measure} ends on a date known only to the month").format(measure=measure)


def why_no_announcement() -> str:
    return _("the chip's announcement date is not in the data, so it may not have existed yet")


def why_standing(measure: str, standing_label: str) -> str:
    return _("{measure} is marked “{standing}” (see its note)").format(measure=measure, standing=standing_label)


def why_start_unknown(measure: str) -> str:
    return _("the start of {measure} is not known").format(measure=measure)


def why_estimate(measure: str) -> str:
    """The deciding tie is the curators' inference: no source names the chip under that measure."""
    return _("our estimate that {measure} covers this chip (no source names it; see the tie's note)").format(
        measure=measure
    )


def end_reason_link_ended() -> str:
    return _("the link to this chip ended")


def end_reason_measure_ended() -> str:
    return _("the measure ended")


def end_reason_rescinded(by: str) -> str:
    return _("rescinded by {by}").format(by=by)


def deciding_measure(link: str, since: str) -> str:
    """Caption part: the deciding measure (a markdown link) and how long it has applied."""
    return _("Deciding measure: {measure}").format(measure=link) + (f", {since}" if since else "")


def date_record(link: str) -> str:
    """Caption part: the record the answer's date comes from (the measure's own, or the tie's)."""
    return _("Date from: {source}").format(source=link)


def tie_record(link: str, evidence_label: str) -> str:
    """Caption part: the record that ties the measure to this chip, and how certain that tie is."""
    return _("Source: {source}").format(source=link) + (f" ({evidence_label})" if evidence_label else "")


def evidence_word(code: str) -> str:
    """The tie's evidence in a reader's words (relationships.evidence)."""
    return {
        "report": _("stated in the report"),
        "official": _("official record"),
        "press": _("press report"),
        "reference": _("reference work"),
        "estimate": _("our estimate"),
    }.get(code, code)


def preset_report(day_label: str) -> str:
    return _("Report date · {day}").format(day=day_label)


def preset_reviewed(day_label: str) -> str:
    return _("Reviewed through · {day}").format(day=day_label)


def preset_today(day_label: str) -> str:
    return _("Today · {day} · after the record's reach: later measures may exist").format(day=day_label)


def preset_before(day_label: str, measure: str) -> str:
    return _("Before · {day} · {measure}").format(day=day_label, measure=measure)


def preset_after(day_label: str, measure: str) -> str:
    return _("After · {day} · {measure}").format(day=day_label, measure=measure)


def profile_reviewed_when(day_label: str) -> str:
    """A chip profile's first answer: the last day the record reaches, called by its name (never "today")."""
    return _("On the reviewed-through day, {day} (the record's reach)").format(day=day_label)


def profile_report_when(day_label: str) -> str:
    return _("On the report's date, {day}").format(day=day_label)


def correction_about(chip_name: str, question_text: str) -> str:
    """What a correction to an export-status answer is about."""
    return _("the export-status answer for the {chip}: “{question}”").format(chip=chip_name, question=question_text)


def strip_summary(start: str, end: str, n: int, day: str, by_status: str, uncertain: int) -> str:
    """The status strip's text alternative: what it spans and, on the chosen day, each status with its chips."""
    return _(
        "one row per chip ({n}) from {start} to {end}, coloured by export status to China. On {day}: {by_status}. "
        "{uncertain} of the answers on that day are uncertain (drawn faded)"
    ).format(n=n, start=start, end=end, day=day, by_status=by_status, uncertain=uncertain)


def uncertain_mark() -> str:
    return _(" (uncertain)")


def not_a_measure() -> str:
    """Why an answer changed when no measure did: the chip was announced between the two days."""
    return _("the chip's announcement (no measure)")


def compare_heading() -> str:
    return _("Two days side by side")


def compare_between(first: str, second: str) -> str:
    return _("Answers that differ between {first} and {second}:").format(first=first, second=second)


def compare_choose() -> str:
    return _("Choose the two days (in a link: cmp_from and cmp_to)")


def compare_none(first: str, second: str) -> str:
    return _("Every chip has the same answer on {first} and {second}.").format(first=first, second=second)


def compare_line(chip: str, before: str, after: str, changed_by: str) -> str:
    """One chip whose answer differs between the two days (Markdown; the caller escapes the data's words)."""
    return _("**{chip}**: {before} → {after} · changed by {changed_by}").format(
        chip=chip, before=before, after=after, changed_by=changed_by
    )


def correction_rows_hint() -> str:
    return _("Select rows (the boxes at their left) to suggest a correction to them.")


def correction_table_about(day_label: str) -> str:
    return _("rows of the export-status table on {day}").format(day=day_label)

"""The words for a chip's export status and a measure's standing: labels, verdicts, explanations, chip segments."""

from __future__ import annotations

from supplychain.i18n import N_, Words

STATUS_LABELS = Words(
    {
        "restricted": N_("Restricted: licence needed or denied"),
        "permitted": N_("Allowed under licence or conditions"),
        "unrestricted": N_("No restriction in the data"),
        "not_announced": N_("Not yet announced"),
    }
)


# Standing of a measure (policies.status): one label and one colour per value of the enum in
# datapackage.json. Okabe-Ito colours; the greys are for measures that bind no one.
POLICY_STATUS_LABELS = Words(
    {
        "in_force": N_("In force"),
        "not_enforced": N_("On the books, not enforced"),
        "suspended": N_("Suspended for a set period"),
        "pending": N_("Proposed, not yet law"),
        "contested": N_("Legal standing contested"),
        "rescinded": N_("Rescinded"),
        "superseded": N_("Superseded"),
        "never_in_force": N_("Never took effect"),
        "unclear": N_("Standing unclear"),
    }
)


# The answer to "could this chip be sold to China on that day?", first word(s) of the plain-words answer.
STATUS_VERDICTS = Words(
    {
        "restricted": N_("No"),
        "permitted": N_("Yes, under licence"),
        "unrestricted": N_("Yes"),
        "not_announced": N_("Not yet"),
    }
)


# What the verdict means, completing the sentence after it; {since} is the deciding measure's start.
STATUS_EXPLANATIONS = Words(
    {
        "restricted": N_("an export licence has been required since {since}, and may be denied"),
        "permitted": N_("export licences have been granted since {since}, under conditions"),
        "unrestricted": N_("no export restriction on it is in the data"),
        "not_announced": N_("the chip had not been announced yet"),
    }
)


SEGMENT_LABELS = Words(
    {
        "frontier": N_("Top data-centre part"),
        "china_specific": N_("Cut-down part for China"),
        "domestic_chinese": N_("Designed in China"),
    }
)

"""Plain words for clients: what each consent purpose means, what the access-log objects are."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PURPOSE_TEXTS = {
    "data_collection": gettext_lazy("We may record and keep information about your situation for your case."),
    "share_with_employer": gettext_lazy(
        "Your employer's contact person may see that your case exists, the measures that concern them, "
        "the title and due date of the agreed goals you share with the people involved, and the outcome. "
        "Never health details."
    ),
    "share_with_physician": gettext_lazy("We may exchange information about your case with your physician."),
    "share_with_insurer": gettext_lazy("We may exchange information about your case with the insurer."),
    "share_with_works_council": gettext_lazy(
        "The works council or the disability representative may see that your case exists, the measures "
        "that concern them, the title and due date of the agreed goals you share with the people involved, "
        "and the outcome. Never health details."
    ),
    "share_with_provider": gettext_lazy("We may send the information needed for a referral to service providers."),
    "share_with_participant": gettext_lazy(
        "The person named here may see that your case exists, the measures that concern them, the title "
        "and due date of the agreed goals you share with the people involved, and the outcome. "
        "Never health details."
    ),
}

OBJECT_TEXTS = {
    "case": gettext_lazy("your case"),
    "plan": gettext_lazy("your plan"),
    "consent": gettext_lazy("your consents"),
    "assessment": gettext_lazy("the assessment"),
    "assessment_item": gettext_lazy("the assessment"),
    "measure": gettext_lazy("a measure"),
    "goal": gettext_lazy("a goal"),
    "note": gettext_lazy("notes"),
    "network_map": gettext_lazy("the network map"),
    "participant": gettext_lazy("the people involved"),
    "portal_invite": gettext_lazy("the portal invitation"),
    "record": gettext_lazy("your whole record (export)"),
    "fhir": gettext_lazy("your case as a FHIR file (export)"),
    "client": gettext_lazy("your personal details"),
}


def purpose_text(consent: Any) -> str:
    """What the consent allows, in plain words (with the named person for share_with_participant)."""
    text = str(PURPOSE_TEXTS.get(consent.purpose, consent.get_purpose_display()))
    if consent.participant_id and consent.participant is not None:
        text += " " + _("Person: %(name)s.") % {"name": consent.participant.name}
    return text


def object_text(object_type: str) -> str:
    return str(OBJECT_TEXTS.get(object_type, gettext_lazy("your case data")))

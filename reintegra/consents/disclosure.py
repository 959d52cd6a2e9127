"""The consents app's disclosure rule: which portal participants see a case, by consent."""

from datetime import date

from django.db.models import Exists, OuterRef, Q

from reintegra.consents.models import Consent

# Which consent purpose lets a participant of a given role see the case.
ROLE_PURPOSE = {
    "employer_contact": "share_with_employer",
    "physician": "share_with_physician",
    "insurer": "share_with_insurer",
    "works_council": "share_with_works_council",
    "disability_rep": "share_with_works_council",
    "provider": "share_with_provider",
}


def participant_may_see(today: date) -> Q:
    """A condition on `Participant`: a matching consent of the case is active today.

    A consent that names a participant covers only that participant; one without covers
    every participant of the matching role. `share_with_participant` always names one.
    """
    active = Consent.objects.filter(case=OuterRef("case_id"), withdrawn_on__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    condition = Q(Exists(active.filter(purpose="share_with_participant", participant=OuterRef("pk"))))
    for role, purpose in ROLE_PURPOSE.items():
        condition |= Q(
            Q(role=role),
            Exists(active.filter(purpose=purpose).filter(Q(participant__isnull=True) | Q(participant=OuterRef("pk")))),
        )
    return condition

"""Reads of consents. The case itself is fetched through the case choke point first."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from reintegra.cases.models import Case
from reintegra.consents.models import Consent, ConsentStatus


def consents_of(case: Case) -> QuerySet[Consent]:
    return Consent.objects.filter(case=case).select_related("recorded_by", "participant")


def has_active_consent(case: Case, purpose: str, *, participant_id: object = None, day: date | None = None) -> bool:
    """Uses the prefetched `case.consents` when present, so checklists cost no queries."""
    day = day or timezone.localdate()
    for consent in case.consents.all():
        if consent.purpose != purpose or consent.status_on(day) != ConsentStatus.ACTIVE:
            continue
        if participant_id is None or consent.participant_id in (None, participant_id):
            return True
    return False


def active_consent_exists(purpose: str, day: date) -> Exists:
    """`has_active_consent(case, purpose)` as SQL, for a query over many cases (`OuterRef("pk")`
    is the case): not withdrawn and not expired on `day` (`Consent.status_on`)."""
    return Exists(
        Consent.objects.filter(case=OuterRef("pk"), purpose=purpose, withdrawn_on__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )
    )

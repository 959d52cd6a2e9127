"""Reads of referrals. The case is fetched through `reintegra.cases.selectors.case_get` first."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.network.models import Referral, ReferralTransition


def referrals_of(case: Case) -> QuerySet[Referral]:
    """The case's referrals, newest first, with provider, measure and history loaded."""
    return (
        Referral.objects.filter(case=case)
        .select_related("provider", "measure", "created_by")
        .prefetch_related(
            Prefetch("transitions", queryset=ReferralTransition.objects.select_related("actor").order_by("at", "id"))
        )
        .order_by("-created_at", "-id")
    )


def measure_options(case: Case) -> list[tuple[str, str]]:
    """(id, title) of the case's measures, for choosing the one a referral serves.

    Read through the case (the reverse side of the plan's foreign key), not the plans app's
    models: plans depend on network, not the other way round.
    """
    return [(str(pk), title) for pk, title in case.measures.order_by("due_date", "title").values_list("pk", "title")]


def referral_get(*, case: Case, referral_id: Any) -> Referral:
    """One referral of the case; 404 when missing or of another case."""
    try:
        return referrals_of(case).get(pk=referral_id)
    except (Referral.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404(_("No such referral.")) from error


def referral_letters_of(case: Case) -> list[Referral]:
    """The case's referrals that have a letter (sent ones), newest first, for the documents page."""
    return list(Referral.objects.filter(case=case).exclude(letter="").select_related("provider").order_by("-sent_on"))


def referral_letter_response(request: HttpRequest, case: Case, referral: Referral) -> HttpResponse:
    """The stored letter as PDF (the page and the API answer with it), logged as an export to the
    provider; 404 while the referral has none (not sent yet)."""
    if not referral.letter:
        raise Http404(_("This referral has no letter yet: it is written when the referral is sent."))
    with referral.letter.open("rb") as handle:
        data = handle.read()
    access_log_write(
        user=request.user,
        action=AccessAction.EXPORT,
        object_type="referral_letter",
        object_id=referral.pk,
        case_id=case.pk,
        recipient=referral.provider.name,
        request=request,
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-referral.pdf"'
    return response

"""The client portal: my plan, what is due, my consents (withdraw), who accessed my case, my own ratings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.assessments.services import assessment_item_rate_by_client
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.consents.services import consent_withdraw_by_client
from reintegra.core.htmx import refusal_text, run_form_service, run_service
from reintegra.core.languages import own_language
from reintegra.portal.forms import RatingForm
from reintegra.portal.labels import purpose_text
from reintegra.portal.pdf import client_plan_pdf
from reintegra.portal.permissions import portal_kind
from reintegra.portal.selectors import (
    client_access_log,
    client_case,
    client_case_get,
    client_consent_get,
    client_consents,
    client_item_get,
    client_items,
    client_plan,
)
from reintegra.portal.views.access import client_only
from reintegra.questionnaires.selectors.surveys import client_open_invitations


@require_GET
def portal_home_view(request: HttpRequest) -> HttpResponse:
    """/portal/: clients see their portal, participants are sent to theirs, staff get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    kind = portal_kind(request.user)
    if kind == "participant":
        return redirect("portal:employer")
    if kind != "client":
        raise DjangoPermissionDenied
    return _client_home(request)


def _consent_rows(consents: Any) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {"consent": consent, "status": consent.status_on(today), "text": purpose_text(consent)} for consent in consents
    ]


def _client_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    case = client_case(user=user, request=request)
    context: dict[str, Any] = {"case": case}
    if case is not None:
        context["plan"] = client_plan(user=user, case=case, request=request)
        context["consents"] = _consent_rows(client_consents(user=user, request=request))
        context["accesses"] = client_access_log(user=user, limit=20, request=request)
        context["items_count"] = len(client_items(user=user, case=case, request=None))
        context["surveys"] = client_open_invitations(case=case)
    return render(request, "portal/client_home.html", context)


@client_only
@require_http_methods(["GET", "POST"])
def withdraw_view(request: HttpRequest, consent_id: Any) -> HttpResponse:
    """One clear step: the confirmation page says what follows; the button withdraws."""
    consent = client_consent_get(user=request.user, consent_id=consent_id, request=request)
    error = None
    if request.method == "POST":
        actor: Any = request.user
        done = run_service(lambda: consent_withdraw_by_client(actor=actor, consent=consent))
        error = refusal_text(done.error) if done.error else None
        if done:
            messages.success(request, _("Your consent is withdrawn. From now on nothing more is shared on its basis."))
            return redirect("portal:home")
    context = {"consent": consent, "text": purpose_text(consent), "status": consent.status_on(timezone.localdate())}
    context["error"] = error
    return render(request, "portal/withdraw_confirm.html", context, status=409 if error else 200)


def _rating_forms(items: list[Any], bound: dict[str, RatingForm] | None = None) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        form = (bound or {}).get(str(item.pk)) or RatingForm(
            initial={"client_rating": item.client_rating, "version": item.version},
            kind=item.kind,
            prefix=f"item-{item.pk}",
        )
        rows.append({"item": item, "form": form})
    return rows


@client_only
@require_GET
def ratings_view(request: HttpRequest) -> HttpResponse:
    case = client_case(user=request.user, request=request)
    items = client_items(user=request.user, case=case, request=request)
    return render(request, "portal/ratings.html", {"case": case, "rows": _rating_forms(items)})


@client_only
@require_http_methods(["POST"])
def rating_save_view(request: HttpRequest, item_id: Any) -> HttpResponse:
    """Save one item's rating; errors name the field (400), a stale version shows the stored one (409)."""
    item = client_item_get(user=request.user, item_id=item_id, request=request)
    prefix = f"item-{item.pk}"
    form = RatingForm(request.POST, kind=item.kind, prefix=prefix)
    status = 400
    if form.is_valid():
        actor: Any = request.user
        rating, version = form.cleaned_data["client_rating"], form.cleaned_data["version"]
        call = run_form_service(
            form,
            lambda: assessment_item_rate_by_client(actor=actor, item=item, client_rating=rating, version=version),
            conflicts=True,
        )
        status = call.status
        if call.conflict is not None:
            item.refresh_from_db()
            form = RatingForm(
                initial={"version": item.version, "client_rating": item.client_rating}, kind=item.kind, prefix=prefix
            )
            messages.error(
                request, _("This rating was changed in the meantime. Please look at it again and save it once more.")
            )
        elif call:
            messages.success(request, _("Thank you. Your rating is saved."))
            return redirect(reverse("portal:ratings") + f"#item-{item.pk}")
    case = client_case(user=request.user)
    items = [item if other.pk == item.pk else other for other in client_items(user=request.user, case=case)]
    rows = _rating_forms(items, {str(item.pk): form})
    return render(request, "portal/ratings.html", {"case": case, "rows": rows}, status=status)


@client_only
@require_GET
def plan_pdf_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """The client's own plan as PDF, in their language (set on the case, else the page's); logged as
    an export. Another client's case is a 404."""
    user: Any = request.user
    case = client_case_get(user=user, case_id=case_id)
    with translation.override(own_language(case.client.language) or translation.get_language()):
        plan = client_plan(user=user, case=case, request=None)
        pdf = client_plan_pdf(case, plan)
    access_log_write(
        user=user,
        action=AccessAction.EXPORT,
        object_type="plan_pdf",
        object_id=case.pk,
        case_id=case.pk,
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-plan.pdf"'
    return response

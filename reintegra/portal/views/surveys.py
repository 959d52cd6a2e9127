"""Questionnaires waiting for the client: answered in the portal with the same page and service as the link."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.portal.selectors import client_case
from reintegra.portal.views.access import client_only
from reintegra.questionnaires.selectors.surveys import client_invitation_get
from reintegra.questionnaires.views.surveys import survey_page


@client_only
@require_http_methods(["GET", "POST"])
def survey_view(request: HttpRequest, invitation_id: Any) -> HttpResponse:
    case = client_case(user=request.user, request=request)
    if case is None:
        raise Http404(_("No case."))
    invitation = client_invitation_get(case=case, invitation_id=invitation_id)
    done_url = reverse("portal:home")
    return survey_page(request, invitation, done_url=done_url, actor=request.user)  # type: ignore[arg-type]

"""Writes to a closed case: `409 case_closed` for every API write under `/api/v1/cases/<id>/`,
before the body is looked at (API.md "Errors"): a client learns that the case is closed, not
what else its request lacked. The services refuse the change as well (`ensure_open`); this
answers first and for every route alike.

A view whose writes a closed case accepts says so with `closed_case_writes = True` (reopening,
aftercare notes and their amendments — the service decides by the note's kind — and the
data-protection actions). Cases the person does not see pass through: the view answers 404.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from reintegra.cases.models import Case, CaseStatus
from reintegra.core.exceptions import ConflictCode
from reintegra.core.idempotency import api_user

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CASE_CLOSED_DETAIL = "This case is closed. Reopen it to change it."


class ClosedCaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if request.method not in WRITE_METHODS or "case_id" not in kwargs or not request.path.startswith("/api/"):
            return None
        view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
        if view_class is None or getattr(view_class, "closed_case_writes", False):
            return None
        user = api_user(request)
        if user is None:
            return None
        closed = Case.objects.visible_to(user).filter(pk=kwargs["case_id"], status=CaseStatus.CLOSED).exists()
        if not closed:
            return None
        return JsonResponse({"detail": _(CASE_CLOSED_DETAIL), "code": ConflictCode.CASE_CLOSED}, status=409)

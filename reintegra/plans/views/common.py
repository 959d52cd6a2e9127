"""Shared helpers of the plan pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from reintegra.cases.models import Case
from reintegra.cases.selectors import case_get


def visible_case(request: HttpRequest, case_id: Any) -> Case:
    """The case through the choke point (404 when missing or not visible; the read is logged)."""
    return case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]


def plan_url(case: Case) -> str:
    return reverse("plans:plan", args=[case.pk])


def form_response(
    request: HttpRequest, page: str, partial: str, context: dict[str, Any], *, conflict: bool = False
) -> HttpResponse:
    """The form as a page, or as a fragment for htmx.

    Errors answer 400 (a conflict 409) — except to htmx, which swaps only 2xx answers by
    default: there the fragment with the error summary comes with 200.
    """
    form = context.get("form")
    if getattr(request, "htmx", False):
        return render(request, partial, context)
    status = 409 if conflict else (400 if form is not None and form.errors else 200)
    return render(request, page, context, status=status)

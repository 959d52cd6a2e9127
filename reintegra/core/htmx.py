"""Helpers shared by pages that edit inline with htmx and still work without JavaScript."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from reintegra.core.exceptions import InvalidInput


def form_add_errors(form: Any, exc: ValidationError | InvalidInput) -> None:
    """Put a service's field errors on the form (unknown fields become form-wide errors)."""
    errors = exc.errors if isinstance(exc, InvalidInput) else exc.message_dict
    for field, messages_ in errors.items():
        target = field if field in form.fields else None
        for message in messages_ if isinstance(messages_, list) else [messages_]:
            form.add_error(target, "; ".join(map(str, message)) if isinstance(message, dict) else str(message))


def inline_form_page(request: HttpRequest, case: Any, form: Any, *, title: str, action: str) -> HttpResponse:
    """A form as an htmx fragment inside the case page, or as a page of its own without JS."""
    context = {"case": case, "form": form, "title": title, "action": action}
    template = "cases/partials/inline_form.html" if getattr(request, "htmx", False) else "cases/inline_form_page.html"
    return render(request, template, context, status=400 if form.errors else 200)


def inline_done(request: HttpRequest, target: Any) -> HttpResponse:
    """After a successful inline save: refresh the page under htmx, redirect otherwise."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect(target)


def form_rebase_version(form: Any, version: int) -> None:
    """After a conflict: keep what the person entered, but let the next save build on the stored version."""
    data = form.data.copy()
    data["version"] = str(version)
    form.data = data

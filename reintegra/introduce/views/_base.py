"""Helpers every page of the introduce UI shares: access, the generic form and delete pages.

Service errors reach the form through the shared `core.htmx.run_form_service`; a form whose
fields differ from the service's payload (the office hour's date and time → `starts_at`)
names the mapping in `error_fields` (`service_field`).
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reintegra.core.exceptions import PermissionDenied
from reintegra.core.htmx import refusal_text, run_form_service, run_service
from reintegra.introduce.permissions import can_edit_introduction, can_view_introduction

F = TypeVar("F", bound=forms.BaseForm)


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and a staff member of an organisation; the app's 403 becomes Django's 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_view_introduction(request.user):
            raise DjangoPermissionDenied
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.detail) from exc

    return wrapper


def service_field(form: forms.BaseForm) -> Callable[[tuple[str, ...]], str | None]:
    """The form's own name of a service's field (`error_fields`, e.g. `starts_at` → `date`)."""
    aliases: Mapping[str, str] = getattr(form, "error_fields", {})
    return lambda path: aliases.get(path[0])


def save_form(request: HttpRequest, form: F, save: Callable[[F], Any]) -> Any | None:
    """Validate `form` and call `save(form)`; returns the result, or None if the form shows errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    call = run_form_service(form, lambda: save(form), field_for=service_field(form), conflicts=True)
    if isinstance(call.error, PermissionDenied):  # the app's refusal is Django's 403 page
        raise DjangoPermissionDenied(call.error.detail) from call.error
    if call.conflict is not None:
        form.add_error(
            None,
            _("Someone else changed this entry in the meantime. Reload the page to see their change, then try again."),
        )
    if not call:
        return None
    messages.success(request, _("Saved."))
    return call.result if call.result is not None else True


def form_page(
    request: HttpRequest,
    *,
    form: F,
    title: str,
    back_url: str,
    save: Callable[[F], Any],
    success_url: str | Callable[[Any], str],
    template: str = "introduce/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    result = save_form(request, form, save)
    if result is not None:
        return redirect(success_url(result) if callable(success_url) else success_url)
    context = {"form": form, "title": title, "back_url": back_url, **(extra or {})}
    return render(request, template, context)


def delete_page(
    request: HttpRequest, *, obj: Any, delete: Callable[[], None], back_url: str, success_url: str
) -> HttpResponse:
    """Ask before deleting (GET), delete on POST."""
    error = None
    if request.method == "POST":
        call = run_service(delete)
        if isinstance(call.error, PermissionDenied):  # the app's refusal is Django's 403 page
            raise DjangoPermissionDenied(call.error.detail) from call.error
        if call:
            messages.success(request, _("Deleted."))
            return redirect(success_url)
        error = refusal_text(call.error) if call.error is not None else None
    return render(
        request,
        "introduce/confirm_delete.html",
        {"object": obj, "back_url": back_url, "error": error},
        status=400 if error else 200,
    )


def role_context(request: HttpRequest) -> dict[str, Any]:
    """What the templates show editors only (links to add and edit)."""
    return {"may_edit": can_edit_introduction(request.user)}

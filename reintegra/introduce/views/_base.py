"""Helpers every page of the introduce UI shares: access, errors on forms, the generic form page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reintegra.core.exceptions import Conflict, PermissionDenied
from reintegra.introduce.permissions import is_editor, is_member

# Service error keys that the forms show under another field.
FIELD_ALIASES = {"starts_at": "date"}


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and a staff member of an organisation; the app's 403 becomes Django's 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_member(request.user):
            raise DjangoPermissionDenied
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.detail) from exc

    return wrapper


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to the field where there is one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        field = FIELD_ALIASES.get(field, field)
        form.add_error(field if field in form.fields else None, errors)


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
) -> Any | None:
    """Validate `form` and call `save(cleaned_data)`; returns the result, or None if the form shows errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(dict(form.cleaned_data))
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    except Conflict:
        form.add_error(
            None,
            _("Someone else changed this entry in the meantime. Reload the page to see their change, then try again."),
        )
        return None
    messages.success(request, _("Saved."))
    return result if result is not None else True


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    title: str,
    back_url: str,
    save: Callable[[dict[str, Any]], Any],
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
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Deleted."))
            return redirect(success_url)
    return render(
        request,
        "introduce/confirm_delete.html",
        {"object": obj, "back_url": back_url, "error": error},
        status=400 if error else 200,
    )


def role_context(request: HttpRequest) -> dict[str, Any]:
    return {"can_edit": is_editor(request.user)}

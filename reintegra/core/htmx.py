"""Helpers shared by pages that edit inline with htmx and still work without JavaScript."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from reintegra.core.exceptions import Conflict, ConflictCode, InvalidInput, PermissionDenied

# Maps the path of a nested service error (e.g. ("levels", "plus_one") or ("steps", "0", "from_date"))
# to the form field that shows it; None puts the message on the whole form.
FieldFor = Callable[[tuple[str, ...]], str | None]
DomainError = ValidationError | InvalidInput | Conflict | PermissionDenied
T = TypeVar("T")


def service_errors(exc: ValidationError | InvalidInput) -> dict[str, Any]:
    """A service's errors as one nested dict: {"field": [...]} or {"rows": {"0": {"field": [...]}}}."""
    if isinstance(exc, InvalidInput):
        return exc.errors
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for m in messages] for key, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def _flatten(errors: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(errors, dict):
        for key, value in errors.items():
            yield from _flatten(value, (*path, str(key)))
    elif isinstance(errors, list | tuple):
        for value in errors:
            yield from _flatten(value, path)
    elif isinstance(errors, ValidationError):
        yield from _flatten(errors.message_dict if hasattr(errors, "error_dict") else errors.messages, path)
    else:
        yield path, str(errors)


def form_add_errors(
    form: Any, exc: DomainError | dict[str, Any], *, field_for: FieldFor | None = None, form_wide: bool = False
) -> int:
    """Put a service's refusal on the form and return the status to answer with.

    Field errors go next to the field they name (nested ones through `field_for`), unknown
    fields become form-wide errors (400); a conflict (409) or a refusal (403) becomes a
    form-wide message. The one way every page turns domain errors into form errors.
    """
    if isinstance(exc, Conflict | PermissionDenied):
        form.add_error(None, exc.detail)
        return 409 if isinstance(exc, Conflict) else 403
    errors = exc if isinstance(exc, dict) else service_errors(exc)
    for path, message in _flatten(errors):
        if form_wide:  # every message on the whole form (e.g. a row of buttons without fields)
            form.add_error(None, message)
            continue
        target = field_for(path) if field_for is not None and path else None
        if target is None and path and path[0] in form.fields:
            target = path[0]
        form.add_error(target if target in form.fields else None, message)
    return 400


@dataclass(frozen=True)
class ServiceCall(Generic[T]):
    """What `run_form_service` did: the service's result, or the status its refusal answers with.

    True when the service succeeded. `conflict` holds a `Conflict` that the page asked to handle
    itself (a stale version: it shows the stored and the submitted values side by side).
    """

    ok: bool
    result: T | None = None
    status: int = 200
    conflict: Conflict | None = None
    error: DomainError | None = None  # the refusal, whatever it was

    def __bool__(self) -> bool:
        return self.ok

    @property
    def stale(self) -> bool:
        """Someone else saved in the meantime: the page shows both values and rebases the form."""
        return self.conflict is not None and self.conflict.code == ConflictCode.STALE_VERSION

    def conflict_context(self, **compare: Any) -> dict[str, Any] | None:
        """The `conflict` a form page shows: on a stale version the detail and what to compare
        (`stored`/`submitted`, or `rows`); any other conflict (a closed case …) its detail and code."""
        if self.conflict is None:
            return None
        if not self.stale:
            return {"detail": self.conflict.detail, "code": self.conflict.code}
        return {"detail": self.conflict.detail, **compare}


def run_form_service(
    form: Any,
    call: Callable[[], T],
    *,
    field_for: FieldFor | None = None,
    form_wide: bool = False,
    rows: tuple[str, Sequence[Any]] | None = None,
    conflicts: bool = False,
) -> ServiceCall[T]:
    """Call a service on behalf of a valid form; a refusal lands on the form.

    The one try/except of every form page: `InvalidInput`/`ValidationError` become field errors
    (400), `Conflict` a form-wide message (409), `PermissionDenied` one too (403) — see
    `form_add_errors` (`form_wide=True`: every message on the whole form). With
    `conflicts=True` a conflict stays off the form and is handed back as `conflict` (status
    409), for pages that compare the stored with the submitted values. `rows=(key, row_forms)`:
    the errors under `key` ({"items": {"0": {"text": [...]}}}) go to the row forms of a formset.
    """
    try:
        return ServiceCall(ok=True, result=call())
    except Conflict as exc:
        if conflicts:
            return ServiceCall(ok=False, status=409, conflict=exc, error=exc)
        status = form_add_errors(form, exc, field_for=field_for, form_wide=form_wide)
        return ServiceCall(ok=False, status=status, error=exc)
    except (ValidationError, InvalidInput, PermissionDenied) as exc:
        errors: DomainError | dict[str, Any] = exc
        if rows is not None and not isinstance(exc, PermissionDenied):
            key, row_forms = rows
            errors = dict(service_errors(exc))
            form_add_row_errors(row_forms, errors.pop(key, {}), fallback=form)
        status = form_add_errors(form, errors, field_for=field_for, form_wide=form_wide)
        return ServiceCall(ok=False, status=status, error=exc)


def refusal_text(exc: DomainError) -> str:
    """A service's refusal as one sentence, for pages without a form to put it on."""
    if isinstance(exc, Conflict | PermissionDenied):
        return exc.detail
    return " ".join(message for _path, message in _flatten(service_errors(exc)))


def run_service(call: Callable[[], T]) -> ServiceCall[T]:
    """Call a service behind a plain button (no form); the page shows `refusal_text(call.error)`
    with `call.status` (400, 403 or 409)."""
    try:
        return ServiceCall(ok=True, result=call())
    except Conflict as exc:
        return ServiceCall(ok=False, status=409, conflict=exc, error=exc)
    except PermissionDenied as exc:
        return ServiceCall(ok=False, status=403, error=exc)
    except (ValidationError, InvalidInput) as exc:
        return ServiceCall(ok=False, status=400, error=exc)


def run_service_or_message(request: HttpRequest, call: Callable[[], Any]) -> bool:
    """Call a service behind a plain button (no form): a refusal becomes an error message.

    Returns whether the service succeeded; the page then redirects either way.
    """
    done = run_service(call)
    if done.error is not None:
        messages.error(request, refusal_text(done.error))
    return done.ok


def form_add_row_errors(rows: Sequence[Any], errors: Any, *, fallback: Any) -> None:
    """Errors keyed by row index ({"0": {"text": [...]}}) onto the row forms sent to the service.

    Anything not addressed to an existing row lands on `fallback` as a form-wide error.
    """
    if not isinstance(errors, dict):
        form_add_errors(fallback, {"__all__": errors if isinstance(errors, list) else [str(errors)]})
        return
    for index, row_errors in errors.items():
        try:
            row = rows[int(index)]
        except (ValueError, IndexError):
            form_add_errors(fallback, {"__all__": [m for _path, m in _flatten(row_errors)]})
            continue
        form_add_errors(row, row_errors if isinstance(row_errors, dict) else {"__all__": row_errors})


def inline_form_page(request: HttpRequest, case: Any, form: Any, *, title: str, action: str) -> HttpResponse:
    """A form as an htmx fragment inside the case page, or as a page of its own without JS."""
    context = {"case": case, "form": form, "title": title, "action": action}
    template = "cases/partials/inline_form.html" if getattr(request, "htmx", False) else "cases/inline_form_page.html"
    return render(request, template, context, status=400 if form.errors else 200)


def inline_form(request: HttpRequest, case: Any, form: Any, save: Callable[[], Any], *, title: str) -> HttpResponse:
    """An inline form of the case page: a valid POST calls `save` (through `run_form_service`);
    success refreshes the page, anything else shows the form again with what went wrong."""
    if request.method == "POST" and form.is_valid() and run_form_service(form, save):
        return inline_done(request, case)
    return inline_form_page(request, case, form, title=title, action=request.path)


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

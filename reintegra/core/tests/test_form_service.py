"""The one way form pages turn a service's refusal into form errors and a status (core.htmx)."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from reintegra.core.exceptions import Conflict, ConflictCode, InvalidInput, PermissionDenied
from reintegra.core.htmx import run_form_service, run_service_or_message


class NameForm(forms.Form):
    name = forms.CharField()


def _form() -> NameForm:
    form = NameForm({"name": "Eva"})
    assert form.is_valid()
    return form


def _raise(exc: Exception):
    def call():
        raise exc

    return call


def test_success_returns_the_result_and_leaves_the_form_clean():
    form = _form()
    call = run_form_service(form, lambda: 42)
    assert call and call.result == 42 and call.status == 200
    assert not form.errors


@pytest.mark.parametrize(
    ("exc", "status", "field"),
    [
        (InvalidInput({"name": ["Too short."]}), 400, "name"),
        (ValidationError({"name": ["Too short."]}), 400, "name"),
        (ValidationError("Not now."), 400, "__all__"),
        (InvalidInput({"unknown": ["Not now."]}), 400, "__all__"),
        (Conflict("Someone else saved."), 409, "__all__"),
        (PermissionDenied("Not yours."), 403, "__all__"),
    ],
)
def test_a_refusal_lands_on_the_form_with_its_status(exc, status, field):
    form = _form()
    call = run_form_service(form, _raise(exc))
    assert not call and call.result is None
    assert call.status == status
    assert call.error is exc
    assert list(form.errors) == [field]


def test_nested_errors_go_where_field_for_says():
    form = _form()
    run_form_service(form, _raise(InvalidInput({"client": {"first_name": ["Missing."]}})), field_for=lambda p: "name")
    assert form.errors == {"name": ["Missing."]}


def test_form_wide_puts_field_errors_on_the_whole_form():
    form = _form()
    run_form_service(form, _raise(ValidationError({"name": ["Not allowed."]})), form_wide=True)
    assert form.errors == {"__all__": ["Not allowed."]}


def test_conflicts_are_handed_back_to_pages_that_compare():
    form = _form()
    stale = run_form_service(form, _raise(Conflict("Changed.", code=ConflictCode.STALE_VERSION)), conflicts=True)
    assert stale.status == 409 and stale.stale and not form.errors
    assert stale.conflict_context(rows=[1]) == {"detail": "Changed.", "rows": [1]}
    closed = run_form_service(form, _raise(Conflict("Closed.", code=ConflictCode.CASE_CLOSED)), conflicts=True)
    assert not closed.stale
    assert closed.conflict_context(rows=[1]) == {"detail": "Closed.", "code": ConflictCode.CASE_CLOSED}
    assert run_form_service(form, lambda: None, conflicts=True).conflict_context() is None


def _request():
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[attr-defined]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


@pytest.mark.parametrize(
    ("exc", "text"),
    [
        (Conflict("The case is closed."), "The case is closed."),
        (PermissionDenied("Not yours."), "Not yours."),
        (InvalidInput({"reason": ["Give a reason."]}), "Give a reason."),
    ],
)
def test_a_button_without_a_form_gets_the_refusal_as_a_message(exc, text):
    request = _request()
    assert run_service_or_message(request, _raise(exc)) is False
    assert [str(m) for m in request._messages] == [text]


def test_a_button_without_a_form_succeeds_quietly():
    request = _request()
    assert run_service_or_message(request, lambda: None) is True
    assert list(request._messages) == []

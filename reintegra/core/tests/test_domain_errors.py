"""HTML views that let a domain exception through answer with a clear page, never a 500."""

import pytest
from django.test import RequestFactory

from reintegra.core.exceptions import Conflict, InvalidInput, PermissionDenied
from reintegra.core.middleware import DomainErrorMiddleware


@pytest.mark.parametrize(
    ("exception", "status", "text"),
    [
        (Conflict("Somebody else saved first (x1)."), 409, "Somebody else saved first (x1)."),
        (PermissionDenied("Only case workers may do this."), 403, "Only case workers may do this."),
        (InvalidInput({"title": ["Enter a title."]}), 400, "Enter a title."),
    ],
)
def test_domain_exceptions_become_pages(exception, status, text, db):
    request = RequestFactory().get("/somewhere/", HTTP_REFERER="/cases/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    middleware = DomainErrorMiddleware(lambda request: None)  # type: ignore[arg-type, return-value]
    response = middleware.process_exception(request, exception)
    assert response is not None and response.status_code == status
    assert text in response.content.decode()
    assert 'href="/cases/"' in response.content.decode()


def test_other_exceptions_are_left_alone():
    request = RequestFactory().get("/")
    assert DomainErrorMiddleware(lambda request: None).process_exception(request, ValueError()) is None  # type: ignore[arg-type, return-value]

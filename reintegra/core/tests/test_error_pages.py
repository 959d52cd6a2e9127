"""Refused and unknown pages are Reintegra pages: in the reader's language, with the skip link and landmarks."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_page_answers_in_the_readers_language(web):
    response = web.get("/cases/not-a-case/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="fr">' in page and "<h1>Page introuvable</h1>" in page
    assert 'href="#main"' in page and '<main id="main"' in page


def test_a_refused_page_says_so_in_the_readers_language(web):
    response = web.get("/insights/", HTTP_ACCEPT_LANGUAGE="de")  # a case manager: team leads and admins only
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="de">' in page and "<h1>Zugriff verweigert</h1>" in page
    assert "403 Forbidden" not in page


# Error pages for a signed-out visitor set no cookie: no CSRF token (no form on the page), no session.
def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _broken(request):
    raise RuntimeError("a bug")


def _urlpatterns():
    from django.urls import path

    from config import urls

    return [path("test-forbidden/", _forbidden), path("test-broken/", _broken), *urls.urlpatterns]


urlpatterns = _urlpatterns()
handler404 = "reintegra.core.views.not_found"
handler500 = "reintegra.core.views.server_error"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("path", "status"),
    [("/no-such-page/", 404), ("/cases/not-a-case/", 404), ("/test-forbidden/", 403), ("/test-broken/", 500)],
)
def test_error_pages_set_no_cookie_for_a_signed_out_visitor(path, status):
    from django.test import Client

    response = Client(raise_request_exception=False).get(path, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == status
    assert dict(response.cookies) == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_error_pages_keep_the_language_switch_for_the_signed_in(web):
    response = web.get("/no-such-page/")
    assert response.status_code == 404
    assert "lang-switch" in response.content.decode() and "X-CSRFToken" in response.content.decode()

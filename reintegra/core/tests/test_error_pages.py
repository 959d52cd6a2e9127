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

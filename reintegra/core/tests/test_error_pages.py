"""403, 404 and 500 pages are the product's own, in the reader's language (not Django's bare English)."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from reintegra.core.views import server_error

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def org_admin(admin):
    """The shared plugin's organisation admin (no case role: the monitoring list is refused)."""
    return admin


def test_forbidden_page_in_german_and_french(client, org_admin):
    client.force_login(org_admin)
    page = client.get("/monitoring/")
    assert page.status_code == 403
    html = page.content.decode()
    assert "403 Forbidden" not in html and "Sie dürfen diese Seite nicht öffnen" in html
    page = client.get("/monitoring/", HTTP_ACCEPT_LANGUAGE="fr-CH")
    assert "Vous ne pouvez pas ouvrir cette page" in page.content.decode()


def test_not_found_page_in_french(client, org_admin):
    client.force_login(org_admin)
    page = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr-CH")
    assert page.status_code == 404
    assert "Page introuvable" in page.content.decode()
    assert "Not Found" not in page.content.decode()


def test_server_error_page_in_italian():
    with translation.override("it"):
        page = server_error(RequestFactory().get("/cases/"))
    assert page.status_code == 500
    html = page.content.decode()
    assert "Si è verificato un errore" in html and 'lang="it"' in html

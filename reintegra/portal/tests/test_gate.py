"""Portal users reach only their portal: staff pages and staff APIs refuse them, logged."""

import pytest

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case
from reintegra.portal.tests.conftest import web_for

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/cases/",
    "/cases/new/",
    "/inbox/",
    "/inbox/badge/",
    "/accounts/api-token/",
    "/monitoring/",
    "/providers/",
]
STAFF_APIS = ["/api/v1/notifications/", "/api/v1/providers/", "/api/v1/case-types/", "/api/v1/monitoring/"]


@pytest.mark.parametrize("who", ["juerg", "emil"])
def test_start_page_sends_portal_users_to_their_portal(request, who):
    web = web_for(request.getfixturevalue(who))
    response = web.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/portal/")
    assert web.get(response["Location"], follow=True).status_code == 200


@pytest.mark.parametrize("who", ["juerg", "emil"])
@pytest.mark.parametrize("path", STAFF_PAGES + STAFF_APIS)
def test_staff_pages_refuse_portal_users_and_log_it(request, who, path):
    user = request.getfixturevalue(who)
    response = web_for(user).get(path)
    assert response.status_code == 403
    assert AccessLogEntry.objects.using("audit").filter(user_id=user.pk, action="denied", object_id=path[:64]).exists()


def test_creating_a_case_is_refused_and_nothing_is_stored(juerg):
    before = Case.objects.count()
    response = web_for(juerg).post("/cases/new/", {"case_type": "bem", "first_name": "X", "last_name": "Y"})
    assert response.status_code == 403
    assert Case.objects.count() == before


def test_staff_are_not_affected(alice):
    web = web_for(alice)
    assert web.get("/").status_code == 200
    assert web.get("/cases/").status_code == 200


def test_portal_navigation_has_no_staff_entries(juerg):
    page = web_for(juerg).get("/portal/").content.decode()
    assert 'href="/cases/"' not in page
    assert 'href="/inbox/"' not in page
    assert "/accounts/api-token/" not in page

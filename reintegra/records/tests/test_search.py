"""Data protection finds a person by name and exports their record (the page `/records/`)."""

import pytest

from reintegra.audit.models import AccessAction, AccessLogEntry
from tests.support.cases import case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def juerg(alice):
    return case_for(alice, first="Jürg", last="Müller")


def test_data_protection_finds_the_person_and_gets_the_export_button(client, dora, juerg):
    client.force_login(dora)
    response = client.get("/records/", {"q": "mull"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Müller, Jürg" in html and juerg.reference in html
    assert f"/records/clients/{juerg.client_id}/export/" in html
    entry = AccessLogEntry.objects.get(user_id=str(dora.pk), object_type="client")
    assert entry.action == AccessAction.READ and entry.object_id == str(juerg.client_id)
    assert client.get(f"/records/clients/{juerg.client_id}/export/").status_code == 200


def test_no_query_lists_nobody_and_a_short_one_is_400(client, dora, juerg):
    client.force_login(dora)
    assert "Müller" not in client.get("/records/").content.decode()
    response = client.get("/records/", {"q": "m"})
    assert response.status_code == 400 and 'id="id_q-error"' in response.content.decode()


def test_another_organisation_is_not_searched(client, charlie, juerg):
    from reintegra.accounts.models import Role
    from reintegra.accounts.tests.factories import UserFactory, member

    other_dpo = member(UserFactory(username="odpo", organisation=charlie.organisation), Role.DATA_PROTECTION)
    client.force_login(other_dpo)
    assert "Müller" not in client.get("/records/", {"q": "mull"}).content.decode()


@pytest.mark.parametrize("who", ["alice", "lead", "admin"])
def test_other_staff_get_403(request, client, who, juerg):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/records/", {"q": "mull"}).status_code == 403
    assert not AccessLogEntry.objects.filter(object_type="client", action=AccessAction.READ).exists()


def test_the_navigation_offers_it_to_data_protection_only(client, dora, alice):
    client.force_login(dora)
    assert 'href="/records/"' in client.get("/access-log/").content.decode()
    client.force_login(alice)
    assert 'href="/records/"' not in client.get("/cases/").content.decode()

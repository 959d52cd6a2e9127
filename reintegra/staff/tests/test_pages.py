"""The staff page: organisation admins change, team leads read, nobody else; staff only."""

import pytest
from django.core import mail

from reintegra.accounts.models import Membership, Role, Unit, User
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import Case
from reintegra.staff.models import AdminAction
from tests.support.cases import case_for

pytestmark = pytest.mark.django_db


def test_list_for_admin_and_team_lead_only_staff(client, admin, alice, lead, employer, dora):
    member(UserFactory(username="klientin", organisation=admin.organisation), Role.CLIENT)
    client.force_login(admin)
    page = client.get("/staff/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "alice" in body and "lead" in body and "klientin" not in body and ">employer<" not in body
    assert "/staff/invite/" in body
    client.force_login(lead)
    page = client.get("/staff/")
    assert page.status_code == 200 and "/staff/invite/" not in page.content.decode()
    assert client.get("/staff/invite/").status_code == 403
    assert client.post(f"/staff/{alice.pk}/", {"email": "x@example.ch", "roles": ["case_manager|"]}).status_code == 403
    for person in (alice, dora):
        client.force_login(person)
        assert client.get("/staff/").status_code == 403


def test_invite_edit_and_deactivate_through_the_pages(
    client, admin, alice, bob, unit, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    form = client.get("/staff/invite/")
    assert form.status_code == 200 and f"case_manager|{unit.pk}" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/invite/",
            {
                "first_name": "Erika",
                "last_name": "Muster",
                "email": "erika@example.ch",
                "username": "erika",
                "roles": [f"case_manager|{unit.pk}"],
            },
        )
    assert response.status_code == 302
    erika = User.objects.get(username="erika")
    assert len(mail.outbox) == 1
    taken = client.post(
        "/staff/invite/",
        {
            "first_name": "E",
            "last_name": "M",
            "email": "ERIKA@example.ch",
            "username": "erika2",
            "roles": ["case_manager|"],
        },
    )
    assert taken.status_code == 400 and not User.objects.filter(username="erika2").exists()

    page = client.get(f"/staff/{erika.pk}/")
    assert page.status_code == 200 and "invite_again" in page.content.decode()
    response = client.post(
        f"/staff/{alice.pk}/",
        {
            "first_name": "Alice",
            "last_name": "Owner",
            "email": "alice@example.ch",
            "roles": [f"case_manager|{unit.pk}", f"team_lead|{unit.pk}"],
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=alice, role=Role.TEAM_LEAD, unit=unit).exists()

    case = case_for(alice)
    form = client.get(f"/staff/{alice.pk}/deactivate/")
    assert form.status_code == 200
    refused = client.post(f"/staff/{alice.pk}/deactivate/", {"reason": "Austritt"})
    assert refused.status_code == 400 and "handover_to" in refused.content.decode()
    done = client.post(f"/staff/{alice.pk}/deactivate/", {"reason": "Austritt", "handover_to": str(bob.pk)})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.case_manager_id == bob.pk
    assert not User.objects.get(pk=alice.pk).is_active


def test_reset_second_factor_and_unlock_need_a_reason_on_the_page(client, admin, alice):
    client.force_login(admin)
    client.post(f"/staff/{alice.pk}/action/", {"action": "unlock", "reason": ""})
    assert not AdminAction.objects.filter(kind="unlock").exists()
    response = client.post(f"/staff/{alice.pk}/action/", {"action": "unlock", "reason": "Anruf, geprüft"})
    assert response.status_code == 302
    assert AdminAction.objects.get(kind="unlock").reason == "Anruf, geprüft"
    client.post(f"/staff/{alice.pk}/action/", {"action": "second_factor_reset", "reason": "Neues Telefon"})
    assert AdminAction.objects.filter(kind="second_factor_reset", user=alice).exists()


def test_units_on_the_page(client, admin, alice, unit):
    client.force_login(admin)
    assert client.post("/staff/units/new/", {"name": "Bern"}).status_code == 302
    bern = Unit.objects.get(name="Bern")
    assert client.post("/staff/units/new/", {"name": "BERN"}).status_code == 400
    assert client.post(f"/staff/units/{bern.pk}/", {"action": "rename", "name": "Bern Mitte"}).status_code == 302
    case_for(alice)
    refused = client.post(f"/staff/units/{unit.pk}/", {"action": "close", "reason": ""})
    assert refused.status_code == 400
    assert client.post(f"/staff/units/{bern.pk}/", {"action": "close", "reason": "zu"}).status_code == 302
    bern.refresh_from_db()
    assert bern.name == "Bern Mitte" and bern.closed_at is not None
    assert Case.objects.filter(unit=unit).exists()


def test_organisation_settings_page(client, admin, lead, org):
    client.force_login(admin)
    page = client.get("/staff/organisation/")
    assert page.status_code == 200
    data = {"name": "Alice AG", "slug": "alice-ag", "currency": "EUR", "timezone": "Europe/Berlin"}
    assert client.post("/staff/organisation/", {**data, "timezone": "Nowhere"}).status_code == 400
    assert client.post("/staff/organisation/", {**data, "require_second_factor": "on"}).status_code == 302
    org.refresh_from_db()
    assert org.currency == "EUR" and org.timezone == "Europe/Berlin" and org.require_second_factor
    type(org).objects.filter(pk=org.pk).update(require_second_factor=False)  # else the lead sets one up first
    client.force_login(lead)
    assert client.get("/staff/organisation/").status_code == 403

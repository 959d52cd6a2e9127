"""Staff administration through the API (API.md "Running the team"; issue #14, Organisation admin)."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from reintegra.accounts.models import Membership, Role, User
from reintegra.accounts.tests.factories import UnitFactory, UserFactory, member
from reintegra.accounts.tokens import api_token_create
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.cases.models import Case, CaseEvent
from reintegra.staff.models import AdminAction, StaffInvitation
from tests.support.cases import case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db

USERS = "/api/v1/org/users/"


def invite(api, unit=None, committed=None, **changes):
    body = {
        "username": "erika",
        "first_name": "Erika",
        "last_name": "Muster",
        "email": "erika@example.ch",
        "roles": [{"role": "case_manager", "unit": str(unit.pk) if unit else None}],
        **changes,
    }
    if committed is not None:
        return committed(api.post, USERS, body, format="json")
    return api.post(USERS, body, format="json")


def invitation_link(message) -> str:
    return re.search(r"https?://\S+/staff/invitation/\S+/", message.body).group(0)


def test_list_shows_staff_only_for_admins_and_team_leads(admin, alice, lead, employer, dora, charlie, bob):
    client_user = member(UserFactory(username="klient", organisation=admin.organisation), Role.CLIENT)
    response = api_for(admin).get(USERS)
    assert response.status_code == 200
    names = {row["username"] for row in response.json()["results"]}
    assert {"orgadmin", "alice", "lead", "dora", "bob"} <= names
    assert "employer" not in names and client_user.username not in names and "charlie" not in names
    row = next(r for r in response.json()["results"] if r["username"] == "alice")
    assert set(row) >= {"id", "username", "display_name", "email", "is_active", "roles"}
    assert row["roles"][0]["role"] == "case_manager" and row["roles"][0]["unit"]
    assert AccessLogEntry.objects.filter(user_id=str(admin.pk), action=AccessAction.READ, object_type="user").exists()
    assert api_for(lead).get(USERS).status_code == 200
    assert api_for(alice).get(USERS).status_code == 403
    assert api_for(dora).get(USERS).status_code == 403
    assert api_for(charlie).get(USERS).status_code == 403
    assert APIClient().get(USERS).status_code == 401


def test_invite_creates_an_inactive_person_and_emails_a_one_time_link(admin, unit, client, settings, committed):
    settings.REINTEGRA_BASE_URL = "https://reintegra.example"
    response = invite(api_for(admin), unit, committed)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["is_active"] is False and body["status"] == "invited"
    assert "token" not in response.content.decode() and "invitation" not in body
    user = User.objects.get(username="erika")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.CASE_MANAGER, unit=unit).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["erika@example.ch"]
    link = invitation_link(mail.outbox[0])
    assert link.split("/staff/")[1] not in response.content.decode()
    invitation = StaffInvitation.objects.get(user=user)
    assert link.rsplit("/", 2)[1] != invitation.token_hash  # only the hash is stored
    # The access log: object user, action change.
    assert AccessLogEntry.objects.filter(
        user_id=str(admin.pk), object_type="user", object_id=str(user.pk), action=AccessAction.CHANGE
    ).exists()

    path = link.split("https://reintegra.example")[1]
    page = client.get(path)
    assert page.status_code == 200 and "erika" in page.content.decode()
    short = client.post(path, {"new_password1": "kurz", "new_password2": "kurz"})
    assert short.status_code == 400
    done = client.post(path, {"new_password1": "Sommer-Regen-2026", "new_password2": "Sommer-Regen-2026"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.check_password("Sommer-Regen-2026")
    # Used: the link says so and offers sign-in and a reset.
    again = client.get(path)
    assert again.status_code == 410 and "/accounts/password/reset/" in again.content.decode()
    signed_in = APIClient().post(
        "/api/v1/auth/token/", {"username": "erika", "password": "Sommer-Regen-2026"}, format="json"
    )
    assert signed_in.status_code == 200


def test_expired_link_says_so_and_sends_a_new_one_once(admin, unit, client, settings, committed):
    settings.REINTEGRA_BASE_URL = "https://reintegra.example"
    invite(api_for(admin), unit, committed)
    path = invitation_link(mail.outbox[0]).split("https://reintegra.example")[1]
    StaffInvitation.objects.update(expires_at="2020-01-01T00:00:00Z")
    page = client.get(path)
    assert page.status_code == 410 and 'value="renew"' in page.content.decode()
    assert committed(client.post, path, {"action": "renew"}).status_code == 410
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["erika@example.ch"]
    committed(client.post, path, {"action": "renew"})
    assert len(mail.outbox) == 2  # the old link renews only once
    new_path = invitation_link(mail.outbox[1]).split("https://reintegra.example")[1]
    assert client.get(new_path).status_code == 200


def test_invite_refusals_name_the_field_and_store_nothing(admin, alice, lead, charlie, unit):
    alice.email = "alice@example.ch"
    alice.save()
    before = User.objects.count()
    response = invite(api_for(admin), unit, email="ALICE@example.ch")
    assert response.status_code == 400 and "email" in response.json()
    other_unit = UnitFactory(organisation=charlie.organisation)
    response = invite(api_for(admin), other_unit)
    assert response.status_code == 400 and "roles" in response.json()
    response = invite(api_for(admin), unit, roles=[{"role": "client"}])
    assert response.status_code == 400 and "roles" in response.json()
    response = invite(api_for(admin), unit, username="alice")
    assert response.status_code == 400 and "username" in response.json()
    assert invite(api_for(lead), unit).status_code == 403
    assert invite(api_for(alice), unit).status_code == 403
    assert User.objects.count() == before and not mail.outbox


def test_patch_changes_email_and_roles_and_keeps_the_last_admin(admin, alice, unit, org):
    zurich = UnitFactory(organisation=org, name="Zürich")
    api = api_for(admin)
    response = api.patch(
        f"{USERS}{alice.pk}/",
        {
            "email": "a.owner@example.ch",
            "roles": [{"role": "case_manager", "unit": str(zurich.pk)}, {"role": "team_lead", "unit": str(unit.pk)}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["email"] == "a.owner@example.ch"
    assert {(r["role"], r["unit"]) for r in response.json()["roles"]} == {
        ("case_manager", str(zurich.pk)),
        ("team_lead", str(unit.pk)),
    }
    assert AdminAction.objects.filter(user=alice, kind="change").exists()
    refused = api.patch(f"{USERS}{admin.pk}/", {"roles": [{"role": "case_manager"}]}, format="json")
    assert refused.status_code == 400 and "roles" in refused.json()
    assert Membership.objects.filter(user=admin, role=Role.ORG_ADMIN).exists()
    taken = api.patch(f"{USERS}{admin.pk}/", {"email": "a.owner@example.ch"}, format="json")
    assert taken.status_code == 400 and "email" in taken.json()


def test_deactivate_hands_over_open_cases_and_stops_sessions_and_tokens(
    admin, alice, bob, lead, unit, client, committed
):
    managed = [case_for(alice), case_for(alice)]
    deputised = case_for(bob)
    Case.objects.filter(pk=deputised.pk).update(deputy=alice)
    closed = case_for(alice)
    Case.objects.filter(pk=closed.pk).update(status="closed")
    token = api_token_create(user=alice, client="test")
    client.force_login(alice)
    assert client.get("/cases/").status_code == 200

    response = committed(
        api_for(admin).post,
        f"{USERS}{alice.pk}/deactivate/",
        {"handover_to": str(bob.pk), "reason": "Austritt per Ende Monat"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"moved_cases": 3}
    for case in managed:
        case.refresh_from_db()
        assert case.case_manager_id == bob.pk
        assert CaseEvent.objects.filter(case=case, kind="case_reassigned").count() == 1
    deputised.refresh_from_db()
    assert deputised.case_manager_id == bob.pk and deputised.deputy_id is None
    assert CaseEvent.objects.filter(case=deputised, kind="case_updated", old__deputy=str(alice.pk)).exists()
    closed.refresh_from_db()
    assert closed.case_manager_id == alice.pk
    alice.refresh_from_db()
    assert not alice.is_active
    # Sessions and tokens stop at once.
    assert client.get("/cases/").status_code == 302
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert token_client.get("/api/v1/me/").status_code == 401
    assert (
        APIClient()
        .post("/api/v1/auth/token/", {"username": "alice", "password": "correct-horse-battery"}, format="json")
        .status_code
        == 400
    )
    row = next(r for r in api_for(admin).get(USERS).json()["results"] if r["username"] == "alice")
    assert row["status"] == "deactivated" and row["is_active"] is False
    entry = AdminAction.objects.get(user=alice, kind="deactivate")
    assert entry.reason == "Austritt per Ende Monat" and entry.data["moved_cases"] == 3
    assert AccessLogEntry.objects.filter(object_type="user", object_id=str(alice.pk), action="change").exists()
    again = api_for(admin).post(
        f"{USERS}{alice.pk}/deactivate/", {"handover_to": str(bob.pk), "reason": "x"}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"]


def test_deactivate_refusals(admin, alice, bob, charlie, lead, unit, org):
    case_for(alice)
    api = api_for(admin)
    url = f"{USERS}{alice.pk}/deactivate/"
    bob.is_active = False
    bob.save()
    for body, field in (
        ({"reason": "Austritt"}, "handover_to"),
        ({"handover_to": str(bob.pk), "reason": "Austritt"}, "handover_to"),  # deactivated
        ({"handover_to": str(charlie.pk), "reason": "Austritt"}, "handover_to"),  # another organisation
        ({"handover_to": "00000000-0000-0000-0000-000000000000", "reason": "Austritt"}, "handover_to"),
        ({"handover_to": str(lead.pk), "reason": "Austritt"}, "handover_to"),  # not a case manager
        ({"handover_to": str(lead.pk), "reason": ""}, "reason"),
    ):
        response = api.post(url, body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json(), (body, response.json())
    alice.refresh_from_db()
    assert alice.is_active and Case.objects.filter(case_manager=alice).count() == 1
    # The last organisation admin.
    last = api.post(f"{USERS}{admin.pk}/deactivate/", {"reason": "Austritt"}, format="json")
    assert last.status_code == 400 and "user" in last.json()
    second = member(UserFactory(username="admin2", organisation=org), Role.ORG_ADMIN)
    last = api_for(second).post(f"{USERS}{admin.pk}/deactivate/", {"reason": "Austritt"}, format="json")
    assert last.status_code == 200 and last.json() == {"moved_cases": 0}
    last = api_for(second).post(f"{USERS}{second.pk}/deactivate/", {"reason": "Austritt"}, format="json")
    assert last.status_code == 400 and "user" in last.json()
    assert api_for(lead).post(url, {"handover_to": str(lead.pk), "reason": "x"}, format="json").status_code == 403
    # Not staff of this organisation: 404.
    assert api.post(f"{USERS}{charlie.pk}/deactivate/", {"reason": "x"}, format="json").status_code == 404


def test_second_factor_reset_and_unlock_need_a_reason(admin, alice, committed):
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    api = api_for(admin)
    url = f"{USERS}{alice.pk}/second-factor/reset/"
    assert api.post(url, {}, format="json").status_code == 400
    assert TOTPDevice.objects.filter(user=alice).exists()
    response = api.post(url, {"reason": "Telefon verloren"}, format="json")
    assert response.status_code == 200 and not TOTPDevice.objects.filter(user=alice).exists()
    assert AdminAction.objects.get(user=alice, kind="second_factor_reset").reason == "Telefon verloren"

    AccessAttempt.objects.create(
        username="alice",
        ip_address="10.0.0.1",
        failures_since_start=9,
        user_agent="x",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    assert api.post(f"{USERS}{alice.pk}/unlock/", {"reason": ""}, format="json").status_code == 400
    assert AccessAttempt.objects.filter(username="alice").exists()
    response = committed(api.post, f"{USERS}{alice.pk}/unlock/", {"reason": "Ruf an, Identität geprüft"}, format="json")
    assert response.status_code == 200 and not AccessAttempt.objects.filter(username="alice").exists()
    assert AccessLogEntry.objects.filter(object_type="user", object_id=str(alice.pk), detail="unlock").exists()


def test_admin_triggers_a_password_reset(admin, alice, committed):
    alice.email = "alice@example.ch"
    alice.save()
    response = committed(api_for(admin).post, f"{USERS}{alice.pk}/password-reset/", format="json")
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and "/accounts/password/reset/" in mail.outbox[0].body
    assert AdminAction.objects.filter(user=alice, kind="password_reset").exists()


def test_units_create_rename_close(admin, alice, lead, unit, org, committed):
    api = api_for(admin)
    created = committed(api.post, "/api/v1/org/units/", {"name": "Bern"}, format="json")
    assert created.status_code == 201 and created.json()["is_open"] is True
    bern = created.json()["id"]
    assert api.post("/api/v1/org/units/", {"name": "bern"}, format="json").status_code == 400
    renamed = committed(api.patch, f"/api/v1/org/units/{bern}/", {"name": "Bern Mitte"}, format="json")
    assert renamed.json()["name"] == "Bern Mitte"
    assert api.patch(f"/api/v1/org/units/{bern}/", {"name": "Basel"}, format="json").status_code == 400
    assert api_for(lead).get("/api/v1/org/units/").status_code == 200
    assert api_for(lead).post("/api/v1/org/units/", {"name": "X"}, format="json").status_code == 403
    # A unit with open cases is not closed.
    case_for(alice)
    refused = api.post(f"/api/v1/org/units/{unit.pk}/close/", {}, format="json")
    assert refused.status_code == 400 and "unit" in refused.json()
    member(UserFactory(username="berner", organisation=org), Role.CASE_MANAGER, unit=type(unit).objects.get(pk=bern))
    closed = committed(api.post, f"/api/v1/org/units/{bern}/close/", {"reason": "Standort aufgegeben"}, format="json")
    assert closed.status_code == 200 and closed.json() == {"roles_ended": 1}
    assert api.get(f"/api/v1/org/units/{bern}/").json()["is_open"] is False
    assert api.post(f"/api/v1/org/units/{bern}/close/", {}, format="json").status_code == 409
    # No new roles in a closed unit.
    response = invite(api, type(unit).objects.get(pk=bern))
    assert response.status_code == 400 and "roles" in response.json()
    kinds = set(AdminAction.objects.filter(unit__isnull=False).values_list("kind", flat=True))
    assert kinds == {"unit_create", "unit_rename", "unit_close"}
    assert AccessLogEntry.objects.filter(object_type="unit", object_id=bern, action="change").count() == 3


def test_invite_again_and_a_changed_address_get_a_new_link(admin, lead, unit, employer, committed, settings):
    settings.REINTEGRA_BASE_URL = "https://reintegra.example"
    api = api_for(admin)
    erika = invite(api, unit, committed).json()
    first = invitation_link(mail.outbox[0])
    again = committed(api.post, f"{USERS}{erika['id']}/invite/", format="json")
    assert again.status_code == 200 and len(mail.outbox) == 2
    moved = committed(api.patch, f"{USERS}{erika['id']}/", {"email": "erika.muster@example.ch"}, format="json")
    assert moved.status_code == 200
    assert len(mail.outbox) == 3 and mail.outbox[2].to == ["erika.muster@example.ch"]
    assert StaffInvitation.objects.filter(user_id=erika["id"], revoked_at__isnull=True).count() == 1
    assert first != invitation_link(mail.outbox[2])
    # Team leads read one person; portal accounts are not staff (404); an active person is not invited again.
    assert api_for(lead).get(f"{USERS}{erika['id']}/").json()["status"] == "invited"
    assert api.get(f"{USERS}{employer.pk}/").status_code == 404
    refused = api.post(f"{USERS}{lead.pk}/invite/", format="json")
    assert refused.status_code == 400 and "user" in refused.json()


def test_organisation_settings_by_the_admin_only(admin, lead, alice, org, committed):
    api = api_for(admin)
    assert api.get("/api/v1/org/").json()["slug"] == org.slug
    response = committed(
        api.patch, "/api/v1/org/", {"require_second_factor": True, "case_managers_see_unit": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["require_second_factor"] is True
    org.refresh_from_db()
    assert org.require_second_factor and org.case_managers_see_unit
    assert AdminAction.objects.filter(kind="organisation_change").exists()
    assert AccessLogEntry.objects.filter(object_type="organisation", object_id=str(org.pk), action="change").exists()
    bad = api.patch("/api/v1/org/", {"timezone": "Mars/Olympus"}, format="json")
    assert bad.status_code == 400 and "timezone" in bad.json()
    assert api.patch("/api/v1/org/", {"slug": "Nicht gültig!"}, format="json").status_code == 400
    assert api_for(lead).get("/api/v1/org/").status_code == 403
    assert api_for(alice).patch("/api/v1/org/", {"name": "X"}, format="json").status_code == 403


def test_letterhead_settings_and_logo_checked(admin, org):
    import base64
    import io

    from PIL import Image

    api = api_for(admin)
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(png, format="PNG")
    answer = api.patch(
        "/api/v1/org/",
        {
            "postal_address": "Bahnhofstrasse 1\n8001 Zürich",
            "place": "Zürich",
            "logo": base64.b64encode(png.getvalue()).decode(),
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["place"] == "Zürich" and answer.json()["has_logo"] is True
    org.refresh_from_db()
    assert bytes(org.logo) == png.getvalue()
    refused = api.patch("/api/v1/org/", {"logo": base64.b64encode(b"GIF89a not a png").decode()}, format="json")
    assert refused.status_code == 400 and "logo" in str(refused.json())
    assert api.patch("/api/v1/org/", {"logo": "%%%"}, format="json").status_code == 400
    removed = api.patch("/api/v1/org/", {"logo": None}, format="json")
    assert removed.status_code == 200 and removed.json()["has_logo"] is False

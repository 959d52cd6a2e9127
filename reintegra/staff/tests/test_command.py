"""`manage.py create_organisation`: a real organisation on a fresh install, its first admin invited by e-mail."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from reintegra.accounts.models import Membership, Organisation, Role, User

pytestmark = pytest.mark.django_db


def test_creates_the_organisation_case_types_units_and_invites_the_admin(
    client, settings, django_capture_on_commit_callbacks
):
    settings.REINTEGRA_BASE_URL = "https://reintegra.example"
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_organisation", "--name", "Muster AG", "--admin-email", "it@muster.ch", "--unit", "Bern", stdout=out
        )
    organisation = Organisation.objects.get(name="Muster AG")
    assert set(organisation.case_types.values_list("key", flat=True)) >= {"bem", "iv-early", "general"}
    assert organisation.units.filter(name="Bern").exists()
    admin = User.objects.get(email="it@muster.ch")
    assert admin.username == "it@muster.ch" and not admin.is_active
    assert Membership.objects.filter(user=admin, role=Role.ORG_ADMIN, unit=None).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["it@muster.ch"]
    link = re.search(r"https://reintegra.example(/staff/invitation/\S+/)", mail.outbox[0].body).group(1)
    assert link not in out.getvalue()  # the link goes only to the admin
    response = client.post(link, {"new_password1": "Herbst-Nebel-2026", "new_password2": "Herbst-Nebel-2026"})
    assert response.status_code == 302
    signed_in = client.post("/accounts/login/", {"username": "it@muster.ch", "password": "Herbst-Nebel-2026"})
    assert signed_in.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_refuses_a_taken_name_or_address(admin):
    with pytest.raises(CommandError):
        call_command("create_organisation", "--name", "alice ag", "--admin-email", "x@example.ch", stdout=StringIO())
    admin.email = "admin@alice.ch"
    admin.save()
    with pytest.raises(CommandError):
        call_command("create_organisation", "--name", "Neu AG", "--admin-email", "ADMIN@alice.ch", stdout=StringIO())
    assert not Organisation.objects.filter(name="Neu AG").exists()

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from reintegra.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from reintegra.accounts.models import Membership, Organisation, Unit, User

pytestmark = pytest.mark.django_db


def counts():
    return (
        Organisation.objects.count(),
        Unit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_demo_loader_is_idempotent(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first[0] == 2
    assert set(User.objects.values_list("username", flat=True)) >= {u[0] for u in DEMO_USERS}
    assert "reintegra-demo" in capsys.readouterr().out


def test_demo_accounts_have_the_documented_roles():
    call_command("load_demo")
    expected = {
        "anna": {("case_manager", "Basel")},
        "ben": {("case_manager", "Zürich")},
        "carla": {("team_lead", "Basel"), ("team_lead", "Zürich")},
        "emil": {("employer_contact", None)},
        "dora": {("data_protection", None)},
        "admin": {("org_admin", None)},
        "olga": {("case_manager", "Beratung")},
    }
    for username, roles in expected.items():
        user = User.objects.get(username=username)
        held = {(m.role, m.unit.name if m.unit else None) for m in user.memberships.select_related("unit")}
        assert held == roles, username
        assert user.check_password(DEMO_PASSWORD)
        assert user.is_demo
    assert User.objects.get(username="olga").organisation.name == "Sozialdienst Musterstadt"


def test_demo_loader_repairs_a_changed_password():
    call_command("load_demo")
    anna = User.objects.get(username="anna")
    anna.set_password("something-else-entirely")
    anna.save()
    call_command("load_demo")
    anna.refresh_from_db()
    assert anna.check_password(DEMO_PASSWORD)


@override_settings(REINTEGRA_DEMO_ALLOWED=False)
def test_demo_loader_refuses_where_not_allowed():
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("username", [u[0] for u in DEMO_USERS])
def test_every_demo_account_can_sign_in_and_get_a_token(client, username):
    call_command("load_demo")
    signed_in = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    response = client.post(
        "/api/v1/auth/token/",
        {"username": username, "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert len(response.json()["token"]) == 64

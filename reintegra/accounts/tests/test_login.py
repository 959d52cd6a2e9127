import pytest
from django.urls import reverse

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_login_page_is_german_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Anmelden" in response.content.decode()
    assert 'lang="de"' in response.content.decode()


def test_wrong_password_shows_error_summary_and_keeps_username(client):
    UserFactory(username="alice")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in body
    assert 'value="alice"' in body
    assert "_auth_user_id" not in client.session


def test_sign_in_and_out(client):
    user = member(UserFactory(username="alice", first_name="Alice", last_name="Owner"), Role.CASE_MANAGER)
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert "Alice Owner" in home.content.decode()
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_home_requires_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in" in page
    assert 'lang="en"' in page


def test_navigation_follows_roles(client):
    member(UserFactory(username="dp"), Role.DATA_PROTECTION)
    client.force_login(UserFactory(username="dp"))
    page = client.get(reverse("core:home")).content.decode()
    assert "Hauptnavigation" in page
    # Data protection sees no case pages in the navigation.
    assert "/cases/" not in page

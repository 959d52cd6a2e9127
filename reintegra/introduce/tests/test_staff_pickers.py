"""Pickers of people offer staff of the organisation only (issue #14): the office-hours and
Appreciative Inquiry forms never list client or employer portal accounts, and the services refuse them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.introduce import services
from reintegra.introduce.selectors import members_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_account(org):
    return member(UserFactory(username="klientin", organisation=org), Role.CLIENT)


def test_pickers_list_staff_only(web, org, bob, employer, client_account):
    people = set(members_of(org.pk))
    assert bob in people and employer not in people and client_account not in people
    form = web.get("/introduce/office-hours/new/").content.decode()
    assert str(bob.pk) in form
    assert str(employer.pk) not in form and str(client_account.pk) not in form


def test_services_refuse_a_portal_account_as_host(alice, client_account, employer):
    for person in (client_account, employer):
        data = services.SessionData.build(
            {
                "title": "Sprechstunde",
                "starts_at": timezone.now() + timezone.timedelta(days=3),
                "location": "Raum 1",
                "capacity": 5,
                "host": person,
            }
        )
        with pytest.raises(ValidationError) as refused:
            services.session_create(actor=alice, data=data)
        assert "host" in refused.value.message_dict

import pytest
from django.urls import reverse

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "shown"), [(Role.CASE_MANAGER, True), (Role.DATA_PROTECTION, False)])
def test_start_page_loads_the_monitoring_summary_for_case_workers(client, role, shown):
    user = member(UserFactory(organisation=OrganisationFactory()), role)
    client.force_login(user)
    page = client.get(reverse("core:home")).content.decode()
    assert (reverse("monitoring:summary") in page) is shown

"""A case is filed only in a unit in which its case manager works (issue #21, item 15).

The API takes a `unit` when a case is opened and when it is changed; the new-case page takes
none (the case manager's own unit is used). Before the check a case manager could file a case
in any unit of the organisation, where its leads and not the case manager's would see it.
"""

import pytest
from django.test import Client

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UnitFactory, UserFactory, member
from reintegra.cases.models import Case, CaseType
from tests.support.cases import NEW_CASE, case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def zurich(org):
    return UnitFactory(organisation=org, name="Zürich")


def new_case(**changes):
    return {**NEW_CASE, "confirm_new_client": True, **changes}


def test_the_api_refuses_a_case_in_a_unit_the_case_manager_does_not_work_in(alice, zurich):
    response = api_for(alice).post("/api/v1/cases/", new_case(unit=str(zurich.pk)), format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"unit"}
    assert not Case.objects.exists()


def test_the_api_files_a_case_in_the_case_managers_own_unit(alice, unit):
    response = api_for(alice).post("/api/v1/cases/", new_case(unit=str(unit.pk)), format="json")
    assert response.status_code == 201, response.content
    assert Case.objects.get().unit_id == unit.pk


def test_a_lead_cannot_file_a_case_manager_s_case_in_a_unit_they_do_not_work_in(alice, lead, zurich):
    member(lead, Role.TEAM_LEAD, zurich)  # the lead leads both units; alice works in Basel only
    body = new_case(unit=str(zurich.pk), case_manager=str(alice.pk))
    response = api_for(lead).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"unit"}
    assert not Case.objects.exists()


def test_a_case_manager_for_the_whole_organisation_works_in_every_unit(org, zurich):
    everywhere = member(UserFactory(username="eve", organisation=org), Role.CASE_MANAGER, None)
    response = api_for(everywhere).post("/api/v1/cases/", new_case(unit=str(zurich.pk)), format="json")
    assert response.status_code == 201, response.content
    assert Case.objects.get().unit_id == zurich.pk


def test_the_api_does_not_move_a_case_to_a_unit_its_case_manager_does_not_work_in(alice, unit, zurich):
    case = case_for(alice)
    response = api_for(alice).patch(
        f"/api/v1/cases/{case.pk}/", {"unit": str(zurich.pk), "version": case.version}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"unit"}
    assert Case.objects.get(pk=case.pk).unit_id == unit.pk


def test_the_new_case_page_files_the_case_in_the_case_managers_unit_whatever_is_posted(alice, org, unit, zurich):
    web = Client()
    web.force_login(alice)
    bem = CaseType.objects.get(organisation=org, key="bem")
    response = web.post(
        "/cases/new/", {"case_type": str(bem.pk), "first_name": "Eva", "last_name": "Frei", "unit": str(zurich.pk)}
    )
    assert response.status_code == 302
    assert Case.objects.get().unit_id == unit.pk

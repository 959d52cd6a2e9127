"""The optional AHV number of a client: checked with python-stdnum (ch.ssn), 400 naming the field, kept compact."""

import pytest

from reintegra.cases.models import Case, Client
from tests.support.cases import NEW_CASE

pytestmark = pytest.mark.django_db

VALID = "756.1234.5678.97"


def create(api, ahv):
    return api.post("/api/v1/cases/", {**NEW_CASE, "client": {**NEW_CASE["client"], "ahv_number": ahv}}, format="json")


def test_a_valid_number_is_kept_compact_and_shown_formatted(api):
    response = create(api, VALID)
    assert response.status_code == 201, response.content
    assert response.json()["client"]["ahv_number"] == VALID
    client = Case.objects.get(pk=response.json()["id"]).client
    assert client.ahv_number == "7561234567897"


@pytest.mark.parametrize("wrong", ["756.1234.5678.98", "123", "756.1234.5678.9A", "7461234567897"])
def test_a_wrong_number_is_400_naming_the_field_and_stores_nothing(api, wrong):
    before = (Client.objects.count(), Case.objects.count())
    response = create(api, wrong)
    assert response.status_code == 400
    assert "ahv_number" in response.json()["client"]
    assert (Client.objects.count(), Case.objects.count()) == before


def test_patch_checks_it_too(api, case):
    url = f"/api/v1/cases/{case['id']}/"
    bad = api.patch(url, {"version": case["version"], "client": {"ahv_number": "756.0000.0000.00"}}, format="json")
    assert bad.status_code == 400 and "ahv_number" in bad.json()["client"]
    assert Case.objects.get(pk=case["id"]).client.ahv_number == ""
    good = api.patch(url, {"version": case["version"], "client": {"ahv_number": "7561234567897"}}, format="json")
    assert good.status_code == 200, good.content
    assert good.json()["client"]["ahv_number"] == VALID


def test_the_form_names_the_field(web, case):
    response = web.post(f"/cases/{case['id']}/edit/", {"summary": "x", "ahv_number": "756.1", "version": 1})
    assert response.status_code == 400
    assert 'id="id_ahv_number-error"' in response.content.decode()
    response = web.post(f"/cases/{case['id']}/edit/", {"summary": "x", "ahv_number": VALID, "version": 1})
    assert response.status_code == 302
    assert Case.objects.get(pk=case["id"]).client.ahv_number == "7561234567897"


def test_the_new_case_form_names_the_field(web, alice):
    from reintegra.cases.models import CaseType

    bem = CaseType.objects.get(organisation=alice.organisation, key="bem")
    body = {"case_type": str(bem.pk), "first_name": "Anna", "last_name": "Beispiel", "ahv_number": "756.9"}
    before = Case.objects.count()
    response = web.post("/cases/new/", body)
    assert response.status_code == 400
    assert 'id="id_ahv_number-error"' in response.content.decode()
    assert Case.objects.count() == before
    response = web.post("/cases/new/", {**body, "ahv_number": VALID})
    assert response.status_code == 302
    assert Client.objects.get(last_name="Beispiel").ahv_number == "7561234567897"

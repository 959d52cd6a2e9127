"""`GET /api/v1/cases/{id}/fhir/`: a FHIR R4 Bundle built with the fhir.resources R4B models."""

import json
from collections import Counter

import pytest
from fhir.resources.R4B.bundle import Bundle

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.cases.models import Case
from reintegra.consents.models import Consent
from reintegra.network.models import Referral
from reintegra.plans.models import Goal
from reintegra.questionnaires.models import Response
from reintegra.records.fhir import bundle_json, case_bundle
from reintegra.records.tests.conftest import AHV
from tests.support.cases import case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


def validated(body: str | bytes) -> Bundle:
    """Every bundle is checked against the models: parsing runs the R4B validation of each resource."""
    bundle = Bundle.model_validate_json(body)
    for entry in bundle.entry or []:
        type(entry.resource).model_validate(entry.resource.model_dump())
    return bundle


def test_the_bundle_holds_every_resource_and_validates(world, full_case):
    response = api_for(world.users["owner"]).get(f"/api/v1/cases/{world.case_id}/fhir/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/fhir+json"
    bundle = validated(response.content)
    assert bundle.type == "collection"
    kinds = Counter(entry.resource.__resource_type__ for entry in bundle.entry)
    assert kinds["Patient"] == kinds["EpisodeOfCare"] == kinds["CareTeam"] == kinds["CarePlan"] == 1
    assert kinds["Consent"] == Consent.objects.filter(case=full_case).count() >= 3
    assert kinds["Goal"] == Goal.objects.filter(case=full_case).count() >= 1
    assert kinds["ServiceRequest"] == Referral.objects.filter(case=full_case).count() >= 1
    assert kinds["QuestionnaireResponse"] == Response.objects.filter(case=full_case).count() >= 1
    # Every full URL is unique and every reference inside the bundle resolves to one of them.
    urls = [entry.fullUrl for entry in bundle.entry]
    assert len(urls) == len(set(urls))
    refs = {m for m in _references(json.loads(response.content))}
    assert refs and refs <= set(urls)


def _references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def test_patient_carries_the_ahv_number_and_goals_their_gas_levels(world, full_case):
    data = json.loads(api_for(world.users["owner"]).get(f"/api/v1/cases/{world.case_id}/fhir/").content)
    resources = {}
    for entry in data["entry"]:
        resources.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    patient = resources["Patient"][0]
    assert {"system": "urn:oid:2.16.756.5.32", "value": AHV.replace(".", "")} in patient["identifier"]
    assert patient["name"][0]["family"] == full_case.client.last_name
    goal = resources["Goal"][0]
    stored = Goal.objects.get(pk=goal["id"])
    assert [t["measure"]["coding"][0]["code"] for t in goal["target"]] == ["-2", "-1", "0", "1", "2"]
    assert [t["detailString"] for t in goal["target"]] == [stored.levels[k] for k in ("-2", "-1", "0", "1", "2")]
    assert goal["description"]["text"] == stored.title
    plan = resources["CarePlan"][0]
    assert plan["activity"] and {"reference": f"urn:uuid:{stored.pk}"} in plan["goal"]


def test_the_read_is_logged_as_an_export(world):
    owner = world.users["owner"]
    api_for(owner).get(f"/api/v1/cases/{world.case_id}/fhir/")
    entry = AccessLogEntry.objects.filter(user_id=str(owner.pk), object_type="fhir").get()
    assert entry.action == AccessAction.EXPORT and entry.case_id == world.case_id


@pytest.mark.parametrize("role", ["other_unit_cm", "other_org_cm", "dpo", "org_admin", "employer"])
def test_people_who_may_not_see_the_case_get_404_and_nothing_else(world, role):
    user = world.users[role]
    response = api_for(user).get(f"/api/v1/cases/{world.case_id}/fhir/")
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(user_id=str(user.pk), action=AccessAction.EXPORT).exists()


def test_an_empty_case_is_a_valid_bundle_too(alice):
    case = case_for(alice)
    case = Case.objects.select_related("client", "case_type", "case_manager", "deputy").get(pk=case.pk)
    bundle = validated(bundle_json(case_bundle(case)))
    kinds = {entry.resource.__resource_type__ for entry in bundle.entry}
    assert kinds == {"Patient", "EpisodeOfCare", "CareTeam", "CarePlan"}

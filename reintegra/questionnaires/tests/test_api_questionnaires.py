"""GET/POST /api/v1/questionnaires/: shipped and own instruments, definitions checked on the way in."""

import copy

import pytest
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.questionnaires.models import Band, Item, Option, Questionnaire
from reintegra.questionnaires.tests.conftest import OWN_DEFINITION, api_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/questionnaires/"


def own_count() -> int:
    return Questionnaire.objects.filter(organisation__isnull=False).count()


def test_list_shows_shipped_and_own_but_not_other_organisations(
    shipped, admin, charlie_admin, alice, django_assert_max_num_queries
):
    assert api_for(admin).post(URL, OWN_DEFINITION, format="json").status_code == 201
    other = copy.deepcopy(OWN_DEFINITION) | {"key": "charlies", "name": "Charlies Instrument"}
    assert api_for(charlie_admin).post(URL, other, format="json").status_code == 201
    with django_assert_max_num_queries(4):
        listed = api_for(alice).get(URL)
    assert listed.status_code == 200
    body = listed.json()
    assert set(body) == {"results", "next"}
    by_key = {q["key"]: q for q in body["results"]}
    assert set(by_key) == {"wai", "satisfaction", "own-check"}
    assert by_key["wai"]["shipped"] is True and by_key["own-check"]["shipped"] is False
    assert "items" not in by_key["wai"]


def test_list_query_count_does_not_grow_with_instruments(shipped, admin, django_assert_max_num_queries):
    client = api_for(admin)
    for number in range(5):
        client.post(URL, copy.deepcopy(OWN_DEFINITION) | {"key": f"own-{number}"}, format="json")
    with django_assert_max_num_queries(4):
        assert len(client.get(URL).json()["results"]) == 7


def test_detail_has_items_options_and_bands(wai, alice, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = api_for(alice).get(f"{URL}{wai.pk}/").json()
    assert body["key"] == "wai"
    assert body["scoring"].startswith("wai_q1 + wai_q2_physical * wai_job_demands")
    assert len(body["items"]) == 11
    job = body["items"][0]
    assert job["options"][0] == {"label": "Vorwiegend geistige Arbeit", "value": 0.5}
    assert body["bands"][0] == {
        "key": "poor",
        "label": "Schlechte Arbeitsfähigkeit",
        "action": body["bands"][0]["action"],
        "min": 7,
        "max": 28,
    }
    assert body["bands"][-1]["max"] is None


def test_other_organisations_instrument_is_404(shipped, charlie_admin, alice):
    created = api_for(charlie_admin).post(URL, OWN_DEFINITION, format="json").json()
    assert api_for(alice).get(f"{URL}{created['id']}/").status_code == 404
    assert api_for(alice).get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404


def test_org_admin_adds_an_instrument(shipped, admin):
    response = api_for(admin).post(URL, OWN_DEFINITION, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["shipped"] is False
    assert [i["key"] for i in body["items"]] == ["stress", "sleep", "remark"]
    assert body["items"][1]["max_value"] == 12
    assert body["bands"][1] == {"key": "high", "label": "tief", "action": "handeln", "min": 4, "max": None} | {
        "label": "hoch"
    }
    stored = Questionnaire.objects.get(key="own-check")
    assert stored.organisation == admin.organisation
    assert Option.objects.filter(item__questionnaire=stored).count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"scoring": "(stress + unknown) / 2"}, "scoring"),
        ({"scoring": "__import__('os').system('id')"}, "scoring"),
        ({"scoring": "stress.real"}, "scoring"),
        ({"scoring": "stress ** 99999999"}, "scoring"),
        ({"scoring": "stress + remark"}, "scoring"),  # a text item has no number
        ({"scoring": "stress +"}, "scoring"),
        ({"scoring": ""}, "scoring"),
        ({"key": "wai"}, "key"),  # taken by a shipped instrument
        ({"key": "Mit Leerzeichen"}, "key"),
        ({"name": ""}, "name"),
        ({"phase": "somewhere"}, "phase"),
        ({"items": []}, "items"),
        ({"items": "stress"}, "items"),
        (
            {"items": [{"key": "a", "text": "A", "kind": "single_choice", "options": [{"label": "x", "value": 1}]}]},
            "items",
        ),
        ({"items": [{"key": "a", "text": "A", "kind": "maybe"}]}, "items"),
        ({"items": [{"key": "1a", "text": "A", "kind": "number"}]}, "items"),
        ({"items": [{"key": "min", "text": "A", "kind": "number"}]}, "items"),
        ({"bands": [{"key": "a", "label": "A", "min": 0, "max": 5}, {"key": "b", "label": "B", "min": 4}]}, "bands"),
        ({"bands": [{"key": "a", "label": "A", "min": 5, "max": 5}]}, "bands"),
        ({"bands": [{"key": "a", "label": "A", "min": "viel"}]}, "bands"),
    ],
)
def test_bad_definitions_are_400_naming_the_field_and_store_nothing(shipped, admin, change, field):
    definition = copy.deepcopy(OWN_DEFINITION) | change
    response = api_for(admin).post(URL, definition, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert own_count() == 0
    assert Item.objects.filter(questionnaire__organisation__isnull=False).count() == 0


def test_duplicate_item_keys_and_option_values_are_refused(shipped, admin):
    definition = copy.deepcopy(OWN_DEFINITION)
    definition["items"][1]["key"] = "stress"
    definition["items"][0]["options"][1]["value"] = 1
    body = api_for(admin).post(URL, definition, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert any("twice" in message for message in body["items"])
    assert any("two options" in message for message in body["items"])
    assert own_count() == 0


def test_malformed_json_and_wrong_types_are_400(shipped, admin):
    client = api_for(admin)
    assert client.post(URL, "{not json", content_type="application/json").status_code == 400
    assert client.post(URL, [1, 2], format="json").status_code == 400
    assert (
        client.post(
            URL,
            {**OWN_DEFINITION, "items": [{"key": "a", "kind": "number", "text": 5, "min_value": "x"}]},
            format="json",
        ).status_code
        == 400
    )
    assert own_count() == 0


def test_only_org_admins_may_add(shipped, alice, lead, dpo, charlie):
    for person in (alice, lead, dpo):
        assert api_for(person).post(URL, OWN_DEFINITION, format="json").status_code == 403
    assert own_count() == 0
    assert Band.objects.filter(questionnaire__organisation__isnull=False).count() == 0


def test_anonymous_401_and_portal_users_403(shipped, org):
    assert APIClient().get(URL).status_code == 401
    client = member(UserFactory(username="client", organisation=org), Role.CLIENT)
    assert api_for(client).get(URL).status_code == 403
    assert api_for(client).post(URL, OWN_DEFINITION, format="json").status_code == 403

"""The client's postal address and language and the participant's language: on the staff forms and
in the API (#20: letters, PDFs and e-mails to a person in their own language)."""

import pytest
from django.urls import reverse

from reintegra.cases.models import Case, Client, Participant
from tests.support.cases import case_via_api

pytestmark = pytest.mark.django_db


def test_api_takes_and_answers_the_clients_address_and_language(api):
    body = case_via_api(api, client={"postal_address": "Rue du Marché 8\n2502 Biel/Bienne", "language": "fr"})
    assert body["client"]["postal_address"] == "Rue du Marché 8\n2502 Biel/Bienne"
    assert body["client"]["language"] == "fr"
    case_url = f"/api/v1/cases/{body['id']}/"
    changed = api.patch(case_url, {"client": {"language": "it"}, "version": body["version"]}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["client"]["language"] == "it"
    assert Client.objects.get().language == "it"


@pytest.mark.parametrize("language", ["xx", "fr-CH", 3])
def test_api_refuses_an_unknown_language_naming_the_field(api, language):
    response = api.post(
        "/api/v1/cases/",
        {"case_type": "bem", "client": {"first_name": "A", "last_name": "B", "language": language}},
        format="json",
    )
    assert response.status_code == 400
    assert "language" in response.json()["client"]
    assert not Client.objects.exists()


def test_api_participant_language(api, case):
    url = f"/api/v1/cases/{case['id']}/participants/"
    bad = api.post(url, {"role": "physician", "name": "Dr. Favre", "language": "klingon"}, format="json")
    assert bad.status_code == 400
    assert "language" in bad.json()
    made = api.post(url, {"role": "physician", "name": "Dr. Favre", "language": "fr"}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["language"] == "fr"
    changed = api.patch(f"{url}{made.json()['id']}/", {"language": "it"}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["language"] == "it"
    assert Participant.objects.get().language == "it"
    assert api.patch(f"{url}{made.json()['id']}/", {"language": "xx"}, format="json").status_code == 400


def test_staff_forms_edit_address_and_language(web, case):
    edit = reverse("cases:edit", args=[case["id"]])
    page = web.get(edit).content.decode()
    assert 'name="postal_address"' in page and 'name="language"' in page
    stored = Case.objects.get()
    form = {
        "summary": "s",
        "ahv_number": "",
        "commissioning_party_name": "",
        "commissioning_party_kind": "",
        "version": stored.version,
    }
    bad = web.post(edit, {**form, "postal_address": "x", "language": "xx"})
    assert bad.status_code == 400
    assert Client.objects.get().language == ""
    ok = web.post(edit, {**form, "postal_address": "Via Nassa 5\n6900 Lugano", "language": "it"})
    assert ok.status_code == 302
    client = Client.objects.get()
    assert (client.postal_address, client.language) == ("Via Nassa 5\n6900 Lugano", "it")

    new = reverse("cases:participant_new", args=[case["id"]])
    assert 'name="language"' in web.get(new).content.decode()
    assert web.post(new, {"role": "physician", "name": "Dr. Favre", "language": "fr"}).status_code == 302
    participant = Participant.objects.get()
    assert participant.language == "fr"
    edit_participant = reverse("cases:participant_edit", args=[case["id"], participant.pk])
    assert web.post(edit_participant, {"name": "Dr. Favre", "language": "it"}).status_code == 302
    participant.refresh_from_db()
    assert participant.language == "it"


def test_new_case_page_takes_address_and_language(web):
    from reintegra.cases.models import CaseType

    kind = CaseType.objects.filter(key="bem").first()
    if kind is None:
        from reintegra.accounts.models import Organisation
        from reintegra.cases.services.case import case_types_ensure_shipped

        case_types_ensure_shipped(organisation=Organisation.objects.get())
        kind = CaseType.objects.get(key="bem")
    response = web.post(
        reverse("cases:new"),
        {
            "case_type": str(kind.pk),
            "first_name": "Aylin",
            "last_name": "Demir",
            "postal_address": "Rue du Marché 8\n2502 Biel/Bienne",
            "language": "fr",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client = Client.objects.get()
    assert (client.postal_address, client.language) == ("Rue du Marché 8\n2502 Biel/Bienne", "fr")

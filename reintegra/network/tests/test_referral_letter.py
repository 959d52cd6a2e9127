"""The referral letter (#20): written when a referral is sent, stored encrypted with the referral, in the
provider's language, holding only what the client consented to share; downloadable from the referral's
page, the case documents page and the API, every download logged; 404 for those without the case."""

import pytest
from django.urls import reverse

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case
from reintegra.network.models import Referral
from reintegra.network.tests.factories import ProviderFactory
from tests.support.pdftext import german_words, pdf_text
from tests.support.people import api_for, web_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def lausanne(case_org):
    return ProviderFactory(
        organisation=case_org,
        name="Ergonomie Léman Sàrl",
        category="ergonomics",
        contact_person="Mme Hélène Dubois",
        address="Avenue de la Gare 12, 1003 Lausanne",
        language="fr",
    )


@pytest.fixture
def zurich(case_org):
    return ProviderFactory(
        organisation=case_org,
        name="Arbeitsplatzberatung Zürich",
        category="ergonomics",
        contact_person="Frau Jürgensen",
        address="Löwenstrasse 3\n8001 Zürich",
    )


def _send(web, case, provider, note="Bitte Abklärung des Arbeitsplatzes"):
    page = reverse("network:case_referrals", args=[case["id"]])
    assert web.post(page, {"provider": str(provider.pk), "note": note}).status_code == 302
    referral = Referral.objects.filter(provider=provider).get()
    step = reverse("network:referral_step", args=[case["id"], referral.pk])
    assert web.post(step, {"to": "sent"}).status_code == 302
    referral.refresh_from_db()
    return referral


def test_sending_writes_the_letter_in_german_with_the_provider_address(
    web, case, zurich, give_consent, django_capture_on_commit_callbacks
):
    client = Case.objects.get(pk=case["id"]).client
    client.postal_address = "Geheimweg 7\n4051 Basel"
    client.save()
    give_consent(scope="Name und Ziel der Zuweisung; keine Diagnosen")
    page = reverse("network:case_referrals", args=[case["id"]])
    assert web.post(page, {"provider": str(zurich.pk), "note": "Bitte Abklärung"}).status_code == 302
    referral = Referral.objects.get()
    assert not referral.letter  # proposed: no letter yet
    letter_url = reverse("network:referral_letter", args=[case["id"], referral.pk])
    assert web.get(letter_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        web.post(reverse("network:referral_step", args=[case["id"], referral.pk]), {"to": "sent"})
    referral.refresh_from_db()
    assert referral.letter.name.startswith("referrals/")
    response = web.get(letter_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("Arbeitsplatzberatung Zürich", "Frau Jürgensen", "Löwenstrasse 3", "8001 Zürich", "Jürg Müller"):
        assert expected in text, (expected, text)
    assert "Zuweisung" in text and "Bitte Abklärung" in text
    assert "Name und Ziel der Zuweisung; keine Diagnosen" in text
    # only what the client consented to share: no summary, no date of birth, no address of the client
    assert "Rückenschmerzen" not in text and "1975" not in text and "Geheimweg" not in text
    logged = AccessLogEntry.objects.filter(object_type="referral_letter", action="export", case_id=str(case["id"]))
    assert logged.count() == 1 and logged.get().recipient == zurich.name
    web.get(letter_url)
    assert logged.count() == 2


def test_the_letter_is_stored_encrypted(web, case, zurich, give_consent):
    give_consent()
    referral = _send(web, case, zurich)
    raw = referral.letter.storage._read_raw(referral.letter.name)
    assert not raw.startswith(b"%PDF") and "Zürich".encode() not in raw
    with referral.letter.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")


def test_french_provider_gets_a_french_letter(web, case, lausanne, give_consent):
    give_consent(scope="Nom et objectif de l'orientation")
    referral = _send(web, case, lausanne, note="Évaluation ergonomique du poste")
    text = pdf_text(web.get(reverse("network:referral_letter", args=[case["id"], referral.pk])).content)
    for expected in ("Ergonomie Léman Sàrl", "Hélène Dubois", "Avenue de la Gare 12", "1003 Lausanne", "Jürg Müller"):
        assert expected in text, (expected, text)
    assert "Madame, Monsieur" in text
    assert german_words(text) == [], text


def test_the_documents_page_and_the_api_offer_the_letter(web, alice_api, case, zurich, give_consent):
    give_consent()
    referral = _send(web, case, zurich)
    letter_url = reverse("network:referral_letter", args=[case["id"], referral.pk])
    documents = web.get(reverse("introduce:case_documents", args=[case["id"]])).content.decode()
    assert letter_url in documents
    assert letter_url in web.get(reverse("network:case_referrals", args=[case["id"]])).content.decode()
    body = alice_api.get(f"/api/v1/cases/{case['id']}/referrals/{referral.pk}/").json()
    assert body["letter_url"] == f"/api/v1/cases/{case['id']}/referrals/{referral.pk}/letter/"
    response = alice_api.get(body["letter_url"])
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(object_type="referral_letter", username="alice").count() == 1


def test_someone_without_the_case_gets_404(web, case, zurich, give_consent, bob, olga):
    give_consent()
    referral = _send(web, case, zurich)
    letter_url = reverse("network:referral_letter", args=[case["id"], referral.pk])
    api_url = f"/api/v1/cases/{case['id']}/referrals/{referral.pk}/letter/"
    for outsider in (bob, olga):
        assert web_for(outsider).get(letter_url).status_code in (403, 404)
        assert api_for(outsider).get(api_url).status_code in (403, 404)
    portal = member(UserFactory(username="portaluser", organisation=bob.organisation), Role.EMPLOYER_CONTACT)
    assert web_for(portal).get(letter_url).status_code in (302, 403, 404)
    assert not AccessLogEntry.objects.filter(object_type="referral_letter").exists()

"""Shipped case types read in the reader's language (their names are stored in German as data)."""

import pytest
from django.utils import translation

from reintegra.cases.case_types import SHIPPED, case_type_label_for
from reintegra.cases.checklist import DEFAULT_CHECKLIST, item_label
from reintegra.cases.models import CaseType

pytestmark = pytest.mark.django_db

STORED = {spec["key"]: spec["name"] for spec in SHIPPED}


@pytest.mark.parametrize("key", sorted(STORED))
def test_german_is_the_stored_name_and_french_and_italian_differ(key):
    with translation.override("de"):
        assert case_type_label_for(key, STORED[key]) == STORED[key]
    with translation.override("fr"):
        french = case_type_label_for(key, STORED[key])
    with translation.override("it"):
        italian = case_type_label_for(key, STORED[key])
    assert len({french, italian, STORED[key]}) == 3


def test_the_field_terms_in_french_and_italian():
    with translation.override("fr"):
        assert case_type_label_for("iv-early") == "Détection précoce AI (art. 3a–3c LAI)"
        assert case_type_label_for("general") == "Gestion de cas générale"
    with translation.override("it"):
        assert case_type_label_for("iv-early") == "Rilevamento tempestivo AI (art. 3a–3c LAI)"
        assert case_type_label_for("general") == "Gestione dei casi generale"


def test_a_renamed_or_own_type_reads_as_stored(org):
    bem = CaseType.objects.get(organisation=org, key="bem")
    bem.name = "BEM bei der Alice AG"
    with translation.override("fr"):
        assert bem.label == "BEM bei der Alice AG"
        assert case_type_label_for("coaching", "Coaching") == "Coaching"
        assert case_type_label_for("coaching") == "coaching"


def test_short_labels_for_tables(org):
    iv = CaseType.objects.get(organisation=org, key="iv-early")
    with translation.override("de"):
        assert iv.short_label == "IV-Früherfassung"
        assert str(iv) == iv.label == STORED["iv-early"]
    with translation.override("fr"):
        assert iv.short_label == "Détection précoce AI"


def test_the_api_carries_the_label_in_the_requested_language(api):
    body = api.get("/api/v1/case-types/", HTTP_ACCEPT_LANGUAGE="fr").json()
    labels = {t["key"]: (t["name"], t["label"]) for t in body["results"]}
    assert labels["general"] == ("Allgemeines Case Management", "Gestion de cas générale")


def test_the_case_list_and_case_page_show_the_label(web, case):
    page = web.get("/cases/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<td>BEM</td>" in page and "<td>bem</td>" not in page
    page = web.get(f"/cases/{case['id']}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "BEM – Gestion de la réintégration en entreprise" in page


def test_the_case_type_page_names_the_checklist_items(org, admin, client):
    client.force_login(admin)
    bem = CaseType.objects.get(organisation=org, key="bem")
    page = client.get(f"/cases/types/{bem.pk}/").content.decode()
    for keys in DEFAULT_CHECKLIST.values():
        for key in keys:
            with translation.override("de"):
                assert f"> {item_label(key)}</label>" in page or f">{item_label(key)}</label>" in page, key
    assert "consent_data_collection</label>" not in page


def test_shipped_criteria_and_information_read_in_the_readers_language(org):
    from reintegra.cases.case_types import SHIPPED_TEXTS

    spec = {s["key"]: s for s in SHIPPED}
    for key in SHIPPED_TEXTS:
        case_type = CaseType.objects.get(organisation=org, key=key)
        with translation.override("de"):
            assert case_type.criteria_shown == spec[key]["criteria"]
            assert case_type.information_text_shown == spec[key]["information_text"]
        with translation.override("fr"):
            assert case_type.criteria_shown != spec[key]["criteria"]
            assert case_type.information_text_shown != spec[key]["information_text"]
    general = CaseType.objects.get(organisation=org, key="general")
    general.criteria = ["Eigene Frage"]
    with translation.override("fr"):
        assert general.criteria_shown == ["Eigene Frage"]
        assert general.information_text_shown.startswith("La gestion de cas vous soutient")


def test_the_intake_page_informs_in_the_readers_language(web, case):
    page = web.get(f"/cases/{case['id']}/intake/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "La gestione del reinserimento aziendale (BEM)" in page
    assert "Betriebliche Eingliederungsmanagement (BEM) hat zum Ziel" not in page

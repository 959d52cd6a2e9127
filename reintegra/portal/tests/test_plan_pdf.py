"""The client downloads their own plan as PDF from the client portal (#20): in their language, only the
portal's plain facts of the plan, logged; another client's case answers 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.plans.services.plan import plan_agree
from tests.support.pdftext import german_words, pdf_text

from .conftest import web_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(alice, case, goal, client_measure, emil_measure):
    return plan_agree(actor=alice, case=case, agreed_on=timezone.localdate(), form="written", note="")


def test_client_downloads_their_plan(case, juerg, agreed):
    web = web_for(juerg)
    home = web.get(reverse("portal:home")).content.decode()
    url = reverse("portal:plan_pdf", args=[case.pk])
    assert url in home
    response = web.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("Mein Plan", "Jürg Müller", "Zurück ins Lager", "Physiotherapie", "Hebehilfe beschaffen", "Sie"):
        assert expected in text, (expected, text)
    # the portal's plain facts only: no indicator, GAS level, internal description or cost
    for hidden in ("Diagnose", "Bandscheibe", "Interne Notiz", "900"):
        assert hidden not in text, (hidden, text)
    logged = AccessLogEntry.objects.filter(object_type="plan_pdf", action="export", username="juerg")
    assert logged.count() == 1 and logged.get().case_id == str(case.pk)


def test_in_the_clients_language(case, juerg, agreed):
    case.client.language = "fr"
    case.client.save()
    text = pdf_text(web_for(juerg).get(reverse("portal:plan_pdf", args=[case.pk])).content)
    assert "Mon plan" in text and "Objectifs" in text
    # user data (titles) stays as written; the product's words are French
    product_text = text.replace("Zurück ins Lager", "").replace("Hebehilfe beschaffen", "")
    assert german_words(product_text) == [], text


def test_another_clients_case_is_404(case, juerg, other_case, zora, agreed):
    assert web_for(zora).get(reverse("portal:plan_pdf", args=[case.pk])).status_code == 404
    assert web_for(juerg).get(reverse("portal:plan_pdf", args=[other_case.pk])).status_code == 404
    assert web_for(zora).get(reverse("portal:plan_pdf", args=[other_case.pk])).status_code == 200  # her own
    assert not AccessLogEntry.objects.filter(object_type="plan_pdf", username="zora", case_id=str(case.pk)).exists()


def test_staff_and_participants_get_no_client_plan(alice, emil, case, agreed):
    assert web_for(alice).get(reverse("portal:plan_pdf", args=[case.pk])).status_code == 403
    assert web_for(emil).get(reverse("portal:plan_pdf", args=[case.pk])).status_code in (403, 404)

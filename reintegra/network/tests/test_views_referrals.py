"""The referrals page of a case: propose, step forward with consent, cancel with confirmation."""

import pytest
from django.urls import reverse

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseStatus
from reintegra.network.models import Referral, ReferralTransition
from reintegra.network.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def page_url(case):
    return reverse("network:case_referrals", args=[case["id"]])


def step_url(case, referral):
    return reverse("network:referral_step", args=[case["id"], referral.pk])


def test_page_lists_providers_grouped(web, case, ref_provider, case_org):
    ProviderFactory(organisation=case_org, name="Alt", active=False)
    response = web.get(page_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert ref_provider.name in html
    assert "<optgroup" in html
    assert "Alt" not in html


def test_page_flow_propose_send_accept_start_complete(
    web, case, ref_provider, give_consent, django_capture_on_commit_callbacks
):
    response = web.post(page_url(case), {"provider": str(ref_provider.pk), "note": "Bitte Termin"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == "proposed"
    page = web.get(page_url(case)).content.decode()
    assert 'value="sent"' in page and 'value="started"' not in page
    assert reverse("network:referral_cancel", args=[case["id"], referral.pk]) in page

    refused = web.post(step_url(case, referral), {"to": "sent"})
    assert refused.status_code == 400
    assert "Erfassen Sie zuerst das Einverständnis" in refused.content.decode()
    assert Referral.objects.get().status == "proposed"

    give_consent()
    with django_capture_on_commit_callbacks(execute=True):
        assert web.post(step_url(case, referral), {"to": "sent", "note": "per Post"}).status_code == 302
    assert AccessLogEntry.objects.filter(action="disclose", recipient=ref_provider.name).count() == 1
    for to in ("accepted", "started", "completed"):
        assert web.post(step_url(case, referral), {"to": to}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "completed"
    assert ReferralTransition.objects.filter(referral=referral).count() == 5
    page = web.get(page_url(case)).content.decode()
    assert 'name="to"' not in page


def test_invalid_step_shows_error_and_changes_nothing(web, case, ref_provider):
    web.post(page_url(case), {"provider": str(ref_provider.pk)})
    referral = Referral.objects.get()
    response = web.post(step_url(case, referral), {"to": "completed"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert Referral.objects.get().status == "proposed"


def test_cancel_asks_for_confirmation(web, case, ref_provider):
    web.post(page_url(case), {"provider": str(ref_provider.pk)})
    referral = Referral.objects.get()
    cancel = reverse("network:referral_cancel", args=[case["id"], referral.pk])
    response = web.get(cancel)
    assert response.status_code == 200
    assert Referral.objects.get().status == "proposed"
    assert web.post(cancel, {"to": "cancelled", "note": "Klient verzichtet"}).status_code == 302
    assert Referral.objects.get().status == "cancelled"


def test_propose_without_provider_shows_error_summary(web, case):
    response = web.post(page_url(case), {"provider": "", "note": "x"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert 'href="#id_provider"' in response.content.decode()
    assert not Referral.objects.exists()


def test_propose_foreign_provider_is_refused(web, case):
    foreign = ProviderFactory(name="Fremd")
    response = web.post(page_url(case), {"provider": str(foreign.pk)})
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_closed_case_refuses(web, case, ref_provider):
    Case.objects.filter(pk=case["id"]).update(status=CaseStatus.CLOSED)
    response = web.post(page_url(case), {"provider": str(ref_provider.pk)})
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_other_case_manager_gets_404(client, bob, case):
    client.force_login(bob)
    assert client.get(page_url(case)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, case):
    assert client.get(page_url(case)).status_code == 302


def test_page_speaks_german(web, case, ref_provider):
    web.post(page_url(case), {"provider": str(ref_provider.pk)})
    html = web.get(page_url(case), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Zuweisung vorschlagen" in html
    assert "Als gesendet markieren" in html
    assert "Massnahme" in html and "ß" not in html.split("<main", 1)[-1]

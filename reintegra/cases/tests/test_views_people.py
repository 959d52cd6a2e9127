import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import Case, CaseType, IncapacityPeriod, Participant
from reintegra.consents.models import Consent

pytestmark = pytest.mark.django_db


def test_add_participant_inline_with_htmx_and_without(web, case):
    url = reverse("cases:participant_new", args=[case["id"]])
    fragment = web.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    bad = web.post(url, {"role": "wizard", "name": ""}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400
    assert Participant.objects.count() == 0
    ok = web.post(url, {"role": "physician", "name": "Dr. Huber"}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 204
    assert ok["HX-Refresh"] == "true"
    assert web.post(url, {"role": "family", "name": "Eva Müller"}).status_code == 302
    assert Participant.objects.count() == 2
    page = web.get(reverse("cases:detail", args=[case["id"]])).content.decode()
    assert "Eva Müller" in page


def test_record_incapacity_with_local_dates(web, case):
    url = reverse("cases:incapacity_new", args=[case["id"]])
    bad = web.post(url, {"start": "3.11.2026", "end": "1.11.2026", "percent": "100"})
    assert bad.status_code == 400
    assert IncapacityPeriod.objects.count() == 0
    assert web.post(url, {"start": "3.10.2026", "end": "1.11.2026", "percent": "50"}).status_code == 302
    assert str(IncapacityPeriod.objects.get().start) == "2026-10-03"


def test_record_consent_with_scan_and_withdraw_after_confirmation(web, case):
    url = reverse("consents:new", args=[case["id"]])
    bad = web.post(url, {"purpose": "data_collection", "consent_form": "oral", "given_on": "morgen"})
    assert bad.status_code == 400
    scan = SimpleUploadedFile("s.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    ok = web.post(url, {"purpose": "data_collection", "consent_form": "written", "given_on": "2.11.2026", "scan": scan})
    assert ok.status_code == 302
    consent = Consent.objects.get()
    assert consent.scan
    withdraw = reverse("consents:withdraw", args=[case["id"], consent.pk])
    confirm = web.get(withdraw).content.decode()
    assert "sofort" in confirm or "at once" in confirm
    Consent.objects.get()  # still active until confirmed
    assert Consent.objects.get().withdrawn_on is None
    assert web.post(withdraw, {"reason": ""}).status_code == 302
    assert Consent.objects.get().withdrawn_on is not None
    assert web.get(reverse("consents:scan", args=[case["id"], consent.pk])).status_code == 200


def test_information_sheet_pdf_has_the_case_type_text(web, case):
    from io import BytesIO

    from pypdf import PdfReader

    response = web.get(reverse("cases:information_sheet", args=[case["id"]]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Jürg Müller" in text
    assert "freiwillig" in text


def test_edit_case_conflict_shows_both_values(web, case, api):
    url = reverse("cases:edit", args=[case["id"]])
    api.patch(f"/api/v1/cases/{case['id']}/", {"summary": "vom API", "version": 1}, format="json")
    response = web.post(url, {"summary": "vom Formular", "version": "1"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "vom API" in body and "vom Formular" in body
    assert Case.objects.get().summary == "vom API"


def test_case_types_are_configured_by_org_admins_only(client, web, org):
    bem = org.case_types.get(key="bem")
    url = reverse("cases:case_type_edit", args=[bem.pk])
    assert web.get(url).status_code == 404  # alice is a case manager
    admin = member(UserFactory(username="orgadmin", organisation=org), Role.ORG_ADMIN)
    client.force_login(admin)
    assert client.get(reverse("cases:case_types")).status_code == 200
    form = {
        "name": "BEM (angepasst)",
        "reference_prefix": "BEM",
        "trigger_days": "42",
        "criteria": "Frage eins\nFrage zwei\n",
        "information_text": "Info",
        "version": str(bem.version),
        "checklist_intake": ["decision", "client_informed", "consent_data_collection"],
    }
    assert client.post(url, {**form, "reference_prefix": "bem lower"}).status_code == 400
    assert client.post(url, form).status_code == 302
    bem = CaseType.objects.get(pk=bem.pk)
    assert bem.criteria == ["Frage eins", "Frage zwei"]
    assert bem.checklist["intake"] == ["decision", "client_informed", "consent_data_collection"]
    assert client.post(url, form).status_code == 400  # stale version now

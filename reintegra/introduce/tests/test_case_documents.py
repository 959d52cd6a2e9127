from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.tests.conftest import NEW_CASE
from reintegra.introduce.models import DocumentTemplate
from tests.support.people import alice, api_for, bob, org, unit  # noqa: F401  (fixtures over introduce's own)

pytestmark = pytest.mark.django_db


def test_a_template_renders_with_the_case_data(client, org, alice, bob):
    case = api_for(alice).post("/api/v1/cases/", NEW_CASE, format="json").json()
    template = DocumentTemplate.objects.create(
        organisation=org,
        kind="bem_invitation",
        title="Einladung zum BEM für {{client_name}}",
        body="Sehr geehrte:r {{client_name}}, Ihr Fall {{case_reference}} …",
        aims="Arbeitsfähigkeit erhalten",
        data_collected="Angaben zur Arbeitsfähigkeit",
    )
    client.force_login(alice)
    listing = client.get(reverse("introduce:case_documents", args=[case["id"]]))
    assert "Einladung zum BEM" in listing.content.decode()
    pdf = client.get(reverse("introduce:case_document", args=[case["id"], template.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Jürg Müller" in text and case["reference"] in text
    assert AccessLogEntry.objects.filter(action="export", object_type="document", case_id=case["id"]).exists()
    client.force_login(bob)
    assert client.get(reverse("introduce:case_document", args=[case["id"], template.pk])).status_code == 404


def test_values_a_case_does_not_know_are_asked_on_the_page_and_checked(client, org, alice):
    """The BEM invitation needs a reply-by date: the page asks for it, the PDF carries it in the Swiss
    format, a bad date or none is the page again (400) naming the value, and nothing is exported."""
    case = api_for(alice).post("/api/v1/cases/", NEW_CASE, format="json").json()
    template = DocumentTemplate.objects.create(
        organisation=org,
        kind="bem_invitation",
        title="Einladung zum BEM",
        body="Bitte antworten Sie bis zum {{reply_by}}.",
    )
    client.force_login(alice)
    page = client.get(reverse("introduce:case_documents", args=[case["id"]]), HTTP_ACCEPT_LANGUAGE="de-ch")
    html = page.content.decode()
    assert 'name="reply_by" type="date"' in html and "PDF erstellen" in html
    url = reverse("introduce:case_document", args=[case["id"], template.pk])

    refused = client.get(url, HTTP_ACCEPT_LANGUAGE="de-ch")
    assert refused.status_code == 400 and "{{reply_by}}" in refused.content.decode()
    bad = client.get(url, {"reply_by": "2026-13-45"}, HTTP_ACCEPT_LANGUAGE="de-ch")
    assert bad.status_code == 400
    assert ": Das ist kein gültiges Datum." in bad.content.decode()
    assert 'value="2026-13-45"' in bad.content.decode()  # what was typed stays in the field
    assert not AccessLogEntry.objects.filter(action="export", object_type="document").exists()

    pdf = client.get(url, {"reply_by": "2026-12-18"})
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "bis zum 18.12.2026." in text
    assert AccessLogEntry.objects.filter(action="export", object_type="document", case_id=case["id"]).count() == 1

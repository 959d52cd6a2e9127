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

"""`GET /api/v1/clients/{id}/export/`: the person's own record as a zip (record.json, record.pdf, fhir.json)."""

import io
import json
import zipfile

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.cases.models import Case
from reintegra.records.tests.conftest import AHV
from tests.support.cases import case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


def export(world, role, **query):
    client_id = Case.objects.get(pk=world.case_id).client_id
    return api_for(world.users[role]).get(f"/api/v1/clients/{client_id}/export/", query)


def unzip(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"fhir.json", "record.json", "record.pdf"} <= set(archive.namelist())
    assert all(
        name.startswith("files/") for name in set(archive.namelist()) - {"fhir.json", "record.json", "record.pdf"}
    )
    return archive


def test_the_zip_holds_the_whole_record(world, full_case):
    archive = unzip(export(world, "owner"))
    record = json.loads(archive.read("record.json"))
    assert record["format"] == "reintegra-record/1"
    assert record["person"]["last_name"] == full_case.client.last_name
    assert record["person"]["ahv_number"] == AHV.replace(".", "")
    [entry] = record["cases"]
    assert entry["case"]["id"] == world.case_id
    related = entry["related"]
    text = json.dumps(record, ensure_ascii=False)
    # Free text of every part, decrypted: a note, an assessment item, the network map, goals, answers.
    for expected in ("Telefonat mit Arbeitgeberin", "Rückenschmerzen", "Partnerin", "Arbeitsversuch", "wai_q1"):
        assert expected in text, expected
    for part in ("cases.casenote", "consents.consent", "plans.goal", "plans.measure", "assessments.assessment",
                 "network.referral", "questionnaires.response", "cases.participant", "plans.review"):  # fmt: skip
        assert part in related, part
    # Secrets that prove something to the system are not part of the record.
    assert "token_hash" not in text and "passphrase" not in text
    # The access-log entries about the person are included.
    assert record["access_log"] and {e["case"] for e in record["access_log"]} == {world.case_id}
    assert "ip_address" not in json.dumps(record["access_log"])
    # The signed consent scan travels with the record, where record.json says it is.
    [scan] = [c["scan_in_export"] for c in related["consents.consent"] if c.get("scan_in_export")]
    assert archive.read(scan).startswith(b"%PDF")


def test_the_pdf_is_readable_and_the_fhir_json_validates(world, full_case):
    archive = unzip(export(world, "owner", language="en"))
    pdf = PdfReader(io.BytesIO(archive.read("record.pdf")))
    words = " ".join(page.extract_text() for page in pdf.pages)
    assert "Your data at" in words and full_case.client.last_name in words
    german = unzip(export(world, "owner", language="de"))
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(german.read("record.pdf"))).pages)
    assert "Ihre Daten bei" in words
    bundle = Bundle.model_validate_json(archive.read("fhir.json"))
    kinds = [entry.resource.__resource_type__ for entry in bundle.entry]
    assert kinds == ["Patient", "Bundle"]


def test_one_export_entry_per_case_of_the_person(world, full_case):
    owner = world.users["owner"]
    second = case_for(owner)
    Case.objects.filter(pk=second.pk).update(client=full_case.client)  # the same person, a second case
    unzip(export(world, "owner"))
    entries = AccessLogEntry.objects.filter(user_id=str(owner.pk), action=AccessAction.EXPORT, object_type="record")
    assert sorted(e.case_id for e in entries) == sorted([world.case_id, str(second.pk)])


def test_data_protection_exports_too(world):
    unzip(export(world, "dpo"))
    entry = AccessLogEntry.objects.get(user_id=str(world.users["dpo"].pk), action=AccessAction.EXPORT)
    assert entry.case_id == world.case_id


REFUSED = [("team_lead", 403), ("unit_cm", 404), ("other_unit_cm", 404), ("other_org_cm", 404),
           ("org_admin", 404), ("employer", 403), ("client", 403)]  # fmt: skip


@pytest.mark.parametrize(("role", "status"), REFUSED)
def test_refusals_export_nothing(world, role, status, client):
    """Signed in with a session, as in the browser: portal users meet the portal gate (403)."""
    user = world.users[role]
    client.force_login(user)
    client_id = Case.objects.get(pk=world.case_id).client_id
    response = client.get(f"/api/v1/clients/{client_id}/export/")
    assert response.status_code == status
    assert not AccessLogEntry.objects.filter(user_id=str(user.pk), action=AccessAction.EXPORT).exists()


def test_anonymous_gets_401(world):
    from rest_framework.test import APIClient

    client_id = Case.objects.get(pk=world.case_id).client_id
    assert APIClient().get(f"/api/v1/clients/{client_id}/export/").status_code == 401


def test_the_case_page_offers_the_export_to_the_case_manager(world, client):
    client.force_login(world.users["owner"])
    page = client.get(f"/cases/{world.case_id}/")
    client_id = Case.objects.get(pk=world.case_id).client_id
    assert f"/records/clients/{client_id}/export/" in page.content.decode()
    response = client.get(f"/records/clients/{client_id}/export/")
    unzip(response)

"""The person's own record as a zip: record.json, record.pdf (their language) and fhir.json, and
under `files/` the uploads the record names (signed consent scans), each at the path
`record.json` gives in `<field>_in_export`.

`fhir.json` is one FHIR Bundle of type `collection` holding the bundles of each case
(`records.fhir.case_bundle`) as entries' resources — a Bundle of Bundles. Each case of the
person gets one `export` entry in the access log (with the case id), the client one more
when they have no case.
"""

import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle, BundleEntry

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Client
from reintegra.core.storage import scan_storage
from reintegra.records.fhir import bundle_json, case_bundle, patient_resource, urn
from reintegra.records.pdf import record_pdf
from reintegra.records.record import client_record, export_file_name, uploads


def record_language(client: Client, requested: str | None = None) -> str:
    """The language of record.pdf: the one asked for, else the client account's saved one, else the default."""
    available = {code for code, _name in settings.LANGUAGES}
    for candidate in (requested, getattr(client.user, "language", None) if client.user_id else None):
        if candidate and str(candidate)[:2] in available:
            return str(candidate)[:2]
    return str(settings.LANGUAGE_CODE)


def person_bundle(client: Client) -> Bundle:
    cases = Case.objects.filter(client=client).select_related("client", "case_type", "case_manager", "deputy")
    entries = [BundleEntry(fullUrl=urn(client.pk), resource=patient_resource(client))]
    for case in cases.order_by("opened_on", "pk"):
        bundle = case_bundle(case)
        entries.append(BundleEntry(fullUrl=urn(bundle.id), resource=bundle))
    return Bundle(type="collection", timestamp=timezone.now(), entry=entries)


def record_zip(*, user: Any, client: Client, language: str, request: HttpRequest | None = None) -> bytes:
    """The zip; logs one `export` per case of the person (object `record`)."""
    record = client_record(client)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.json", json.dumps(record, ensure_ascii=False, indent=2))
        archive.writestr("record.pdf", record_pdf(record, language=language))
        archive.writestr("fhir.json", bundle_json(person_bundle(client)))
        # The uploads themselves (consent scans, stored encrypted: read through their storage,
        # which decrypts), where the record names them.
        storage = scan_storage()
        for stored in uploads(record):
            if storage.exists(stored):
                with storage.open(stored, "rb") as upload:
                    archive.writestr(export_file_name(stored), upload.read())
    case_ids = [entry["case"]["id"] for entry in record["cases"]]
    for case_id in case_ids or [""]:
        access_log_write(
            user=user,
            action=AccessAction.EXPORT,
            object_type="record",
            object_id=client.pk,
            case_id=case_id,
            request=request,
        )
    return buffer.getvalue()

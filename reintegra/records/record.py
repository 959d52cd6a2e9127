"""Everything stored about one person, as plain data (`record.json` of the export; docs/records.md).

The record is built from the models themselves, not from a hand-kept list: the client row, every
row that points to the client (its cases, HR rows of the screening, portal invitations), every
row that points to one of those (goals, notes, consents, …) and so on, down to `MAX_DEPTH`
levels. A new model that hangs off a case is in the record without a change here. Encrypted
fields are read decrypted (the person gets their own data in clear). Left out: secrets that
prove something to the system (token and passphrase hashes), the computed search columns, and
rows of shared reference data the record only points to (case types, units, questionnaire
definitions, providers: named by their id and label).

The access-log entries about the person (every entry naming one of their cases, or the client
row itself) are added under `access_log`, without IP addresses.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, Client

FORMAT = "reintegra-record/1"
MAX_DEPTH = 4
# Field names never exported: they prove or look something up, they do not describe the person.
SECRET_PARTS = ("token", "hash", "passphrase", "secret", "search_")
# Rows not followed from a related model: reference data and the system's own book-keeping.
NOT_FOLLOWED = {"cases.ReferenceCounter", "cases.CaseType"}


def _is_secret(name: str) -> bool:
    return any(part in name for part in SECRET_PARTS)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, models.Model):
        return str(value.pk)
    if hasattr(value, "hex") and not isinstance(value, str | bytes | int | float):
        return str(value)  # UUID
    return value


def export_file_name(stored: str) -> str:
    """Where an upload lies in the export zip: `files/` and its stored path."""
    return "files/" + stored.lstrip("/")


def uploads(record: dict[str, Any]) -> list[str]:
    """The stored names of the uploads the record names (consent scans, …), for the zip."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_in_export") and isinstance(value, str):
                    found.append(value.removeprefix("files/"))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(record)
    return found


def _label(model: Any) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def row(obj: models.Model) -> dict[str, Any]:
    """One row: every concrete field (foreign keys as ids; people as their name; files as their name)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if _is_secret(field.name):
            continue
        if field.is_relation:
            target = field.related_model
            pk = getattr(obj, field.attname)
            if pk is not None and target is not None and _label(target) == settings.AUTH_USER_MODEL.lower():
                person = getattr(obj, field.name)
                data[field.name] = {"id": str(pk), "name": getattr(person, "display_name", str(person))}
            else:
                data[field.name] = None if pk is None else str(pk)
                choices_label = _display_of(obj, field)
                if choices_label:
                    data[f"{field.name}_label"] = choices_label
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            data[field.name] = value.name if value else ""
            if value:
                data[f"{field.name}_in_export"] = export_file_name(value.name)
            continue
        data[field.name] = _plain(value)
        if field.choices and value not in (None, ""):
            data[f"{field.name}_label"] = str(getattr(obj, f"get_{field.name}_display")())
    return data


def _display_of(obj: models.Model, field: Any) -> str:
    """A readable label for a reference to shared data (a provider's name, the case type's name)."""
    target = field.related_model
    if target is None or _label(target) in {"cases.case", "cases.client"}:
        return ""
    if target._meta.app_label in {"network", "questionnaires", "accounts", "cases"}:
        related = getattr(obj, field.name, None)
        return str(related) if related is not None else ""
    return ""


def _children(obj: models.Model, depth: int, seen: set[tuple[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The rows pointing to `obj` (one-to-many and one-to-one), grouped by model, each with its own children.

    Each row appears once, at the shallowest place it is reached (a consent under its case, not
    under the participant it names): all of one level is taken before the next is followed."""
    found: dict[str, list[tuple[models.Model, dict[str, Any]]]] = {}
    if depth >= MAX_DEPTH:
        return {}
    skipped = {name.lower() for name in NOT_FOLLOWED} | {"audit.accesslogentry"}
    for relation in obj._meta.related_objects:
        if relation.many_to_many or not (relation.one_to_many or relation.one_to_one):
            continue
        model: Any = relation.related_model
        label = _label(model)
        if label in skipped:
            continue
        for child in model._default_manager.filter(**{relation.field.name: obj}).order_by("pk"):
            key = (label, child.pk)
            if key not in seen:
                seen.add(key)
                found.setdefault(label, []).append((child, row(child)))
    result: dict[str, list[dict[str, Any]]] = {}
    for label, pairs in found.items():
        for child, data in pairs:
            nested = _children(child, depth + 1, seen)
            if nested:
                data["related"] = nested
            result.setdefault(label, []).append(data)
    return result


def access_log_rows(client: Client, case_ids: list[str]) -> list[dict[str, Any]]:
    entries = AccessLogEntry.objects.filter(
        models.Q(case_id__in=case_ids) | models.Q(object_type="client", object_id=str(client.pk))
    ).order_by("at", "pk")
    return [
        {
            "at": entry.at.isoformat(),
            "user": {"id": entry.user_id, "username": entry.username},
            "action": entry.action,
            "object": entry.object_type,
            "object_id": entry.object_id,
            "case": entry.case_id,
            "recipient": entry.recipient,
            "detail": entry.detail,
        }
        for entry in entries
    ]


def client_record(client: Client) -> dict[str, Any]:
    """The whole record of `client` (see the module docstring and docs/records.md)."""
    seen: set[tuple[str, Any]] = {("cases.client", client.pk)}
    cases = list(Case.objects.filter(client=client).select_related("case_type", "unit").order_by("opened_on", "pk"))
    for case in cases:
        seen.add(("cases.case", case.pk))
    case_ids = [str(case.pk) for case in cases]
    person = row(client)
    other = _children(client, 1, seen)  # rows of the client other than cases (HR data, invitations)
    other.pop("cases.case", None)
    case_records = []
    for case in cases:
        data = row(case)
        data.pop("checklist_state", None)
        data.pop("checklist_rev", None)
        data["case_type_key"] = case.case_type.key
        case_records.append({"case": data, "related": _children(case, 1, seen)})
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "organisation": {"id": str(client.organisation_id), "name": client.organisation.name},
        "person": person,
        "person_related": other,
        "cases": case_records,
        "access_log": access_log_rows(client, case_ids),
    }

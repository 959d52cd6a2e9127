"""Recording assessments and saving the network map. The HTML forms and the API call these alike."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.assessments.models import (
    RATING_MAX,
    RATING_MIN,
    Assessment,
    AssessmentItem,
    Closeness,
    Domain,
    ItemKind,
    NetworkMap,
    NetworkNode,
    RatingSource,
    Sector,
    Support,
    Tie,
)
from reintegra.assessments.permissions import can_assess, can_rate_as_client
from reintegra.assessments.selectors import network_map_of
from reintegra.cases.models import Case, Participant, PhaseKey
from reintegra.cases.services.common import (
    ensure_admitted_or_intake,
    ensure_open,
    event_record,
    log_change,
    phase_touch,
)
from reintegra.core.exceptions import Conflict, ConflictCode, InvalidInput
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version

MAX_ITEMS = 100
MAX_NODES = 60
TEXT_MAX = 5000
ITEM_FIELDS = ("domain", "kind", "text", "icf_code", "professional_rating", "client_rating", "source_name")
NODE_FIELDS = ("name", "sector", "closeness", "tie", "support")


class ItemInput(TypedDict, total=False):
    """One assessment item as sent (every value is checked once, in `_check_item`)."""

    domain: str
    kind: str
    text: str
    icf_code: str
    professional_rating: int | None
    client_rating: int | None
    source_name: str
    source_participant: uuid.UUID | str | None


class NodeInput(TypedDict, total=False):
    """One person of the network map as sent (checked once, in `_check_node`); no `id` for a new one."""

    id: uuid.UUID | str | None
    name: str
    sector: str
    closeness: int
    tie: str
    support: str


def _guards(actor: User, case: Case) -> None:
    """The permission (403), then the case's state: open and not refused at intake (409)."""
    require(can_assess(actor), _("Only case managers and team leads may change cases."))
    ensure_open(case)
    ensure_admitted_or_intake(case)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choice_error(value: Any, choices: list[str]) -> list[str] | None:
    if value not in choices:
        return [_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}]
    return None


def normalise_icf_code(value: Any) -> str:
    return str(value or "").strip().lower()


def _validation_messages(exc: ValidationError) -> dict[str, list[str]]:
    return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}


def _check_item(data: Any, participants: dict[str, Participant]) -> tuple[dict[str, list[str]], dict]:
    """Validate one item's values; return (errors, cleaned values)."""
    errors: dict[str, list[str]] = {}
    for field, choices in (("domain", Domain.values), ("kind", ItemKind.values)):
        if problem := _choice_error(data.get(field), choices):
            errors[field] = problem
    text = data.get("text")
    text = text.strip() if isinstance(text, str) else ""
    if not text:
        errors["text"] = [_("Describe the item.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("Keep the description under %(max)s characters.") % {"max": TEXT_MAX}]
    for field in ("professional_rating", "client_rating"):
        rating = data.get(field)
        if rating is not None and not (_is_int(rating) and RATING_MIN <= rating <= RATING_MAX):
            errors[field] = [_("Rate from 0 to 4, or leave the rating empty.")]
    participant = None
    participant_id = data.get("source_participant")
    if participant_id not in (None, ""):
        participant = participants.get(str(participant_id))
        if participant is None:
            errors["source_participant"] = [_("Choose a participant of this case.")]
    cleaned = {
        "domain": data.get("domain"),
        "kind": data.get("kind"),
        "text": text,
        "icf_code": normalise_icf_code(data.get("icf_code")),
        "professional_rating": data.get("professional_rating"),
        "client_rating": data.get("client_rating"),
        "source_name": str(data.get("source_name") or "").strip(),
        "source_participant": participant,
    }
    return errors, cleaned


def _check_date(value: Any) -> list[str] | None:
    if not isinstance(value, date):
        return [_("Enter the date of the assessment, for example 3.11.2026.")]
    if value > timezone.localdate():
        return [_("The date of the assessment cannot be in the future.")]
    return None


@transaction.atomic
def assessment_record(*, actor: User, case: Case, date: date, items: Sequence[ItemInput]) -> Assessment:
    """Record an assessment with its items (at least one). All or nothing: one bad item stores nothing.

    The API hands over parsed JSON: the types say what is expected, the checks here hold for anything."""
    _guards(actor, case)
    errors: dict[str, Any] = {}
    if problem := _check_date(date):
        errors["date"] = problem
    if not isinstance(items, list) or not items:
        errors["items"] = [_("Add at least one item: a problem, resource or need.")]
        raise InvalidInput(errors)
    if len(items) > MAX_ITEMS:
        errors["items"] = [_("An assessment holds at most %(max)s items.") % {"max": MAX_ITEMS}]
        raise InvalidInput(errors)
    participants = {str(p.pk): p for p in Participant.objects.filter(case=case)}
    now = timezone.now()
    built: list[AssessmentItem] = []
    item_errors: dict[str, dict[str, list[str]]] = {}
    for index, data in enumerate(items):
        if not isinstance(data, dict):
            item_errors[str(index)] = {"non_field_errors": [_("Send each item as an object.")]}
            continue
        problems, cleaned = _check_item(data, participants)
        item = AssessmentItem(position=index, **cleaned)
        if cleaned["client_rating"] is not None and not problems:
            item.client_rating_source = RatingSource.STAFF
            item.client_rated_by = actor
            item.client_rated_at = now
        if not problems:
            try:
                item.full_clean(exclude=["assessment"])
            except ValidationError as exc:
                problems = _validation_messages(exc)
        if problems:
            item_errors[str(index)] = problems
        built.append(item)
    if item_errors:
        errors["items"] = item_errors
    if errors:
        raise InvalidInput(errors)
    assessment = Assessment(case=case, date=date, recorded_by=actor)
    assessment.full_clean()
    assessment.save()
    for item in built:
        item.assessment = assessment
    AssessmentItem.objects.bulk_create(built)
    phase_touch(case=case, key=PhaseKey.ASSESSMENT)
    counts = {kind: sum(1 for item in built if item.kind == kind) for kind in ItemKind.values}
    event_record(
        case=case,
        actor=actor,
        kind="assessment_recorded",
        summary=f"Assessment of {date:%d.%m.%Y} recorded ({len(built)} items)",
        new={"assessment": str(assessment.pk), "date": date.isoformat(), **counts},
    )
    log_change(actor=actor, case=case, object_type="assessment", object_id=assessment.pk)
    return assessment


def _check_node(data: Any) -> tuple[dict[str, list[str]], dict[str, Any]]:
    if not isinstance(data, dict):
        return {"non_field_errors": [_("Send each person as an object.")]}, {}
    errors: dict[str, list[str]] = {}
    name = data.get("name")
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        errors["name"] = [_("Enter the name of the person or group.")]
    elif len(name) > 120:
        errors["name"] = [_("Keep the name under 120 characters.")]
    for field, choices in (("sector", Sector.values), ("tie", Tie.values)):
        if problem := _choice_error(data.get(field), choices):
            errors[field] = problem
    closeness = data.get("closeness")
    if not (_is_int(closeness) and closeness in Closeness.values):
        errors["closeness"] = [_("Choose 1 (close), 2 or 3 (distant).")]
    support = data.get("support") or ""
    if support and (problem := _choice_error(support, Support.values)):
        errors["support"] = problem
    node_id = data.get("id")
    if node_id not in (None, ""):
        try:
            node_id = uuid.UUID(str(node_id))
        except ValueError:
            errors["id"] = [_("Send the id the server gave this person, or no id for a new one.")]
    cleaned = {"id": node_id or None, "name": name, "sector": data.get("sector"), "closeness": closeness}
    cleaned.update({"tie": data.get("tie"), "support": support})
    return errors, cleaned


def _check_nodes(nodes: Any) -> list[dict[str, Any]]:
    if not isinstance(nodes, list):
        raise InvalidInput({"nodes": [_("Send the persons as a list.")]})
    if len(nodes) > MAX_NODES:
        raise InvalidInput({"nodes": [_("A network map holds at most %(max)s persons.") % {"max": MAX_NODES}]})
    cleaned, errors = [], {}
    for index, data in enumerate(nodes):
        problems, values = _check_node(data)
        if problems:
            errors[str(index)] = problems
        cleaned.append(values)
    if errors:
        raise InvalidInput({"nodes": errors})
    return cleaned


def _check_ids(cleaned: list[dict[str, Any]], known: set[uuid.UUID]) -> None:
    errors, seen = {}, set()
    for index, values in enumerate(cleaned):
        node_id = values["id"]
        if node_id is None:
            continue
        if node_id not in known:
            errors[str(index)] = {"id": [_("Unknown id: this person is not on the stored map. Send it without id.")]}
        elif node_id in seen:
            errors[str(index)] = {"id": [_("This id is sent twice.")]}
        seen.add(node_id)
    if errors:
        raise InvalidInput({"nodes": errors})


def _claim(*, actor: User, case: Case, version: Any) -> tuple[NetworkMap, int]:
    """Create the map (version 0) or bump the stored one (conditional UPDATE). Stale: Conflict."""
    stored = NetworkMap.objects.filter(case=case).first()
    stored_version = stored.version if stored is not None else 0
    if version != stored_version:
        raise Conflict(
            _("The network map was changed by someone else in the meantime. Stored version %(stored)s, sent %(sent)s.")
            % {"stored": stored_version, "sent": version},
            code=ConflictCode.STALE_VERSION,
            stored=stored_version,
            submitted=version,
        )
    if stored is None:
        try:
            with transaction.atomic():
                return NetworkMap.objects.create(case=case, updated_by=actor), 0
        except IntegrityError as exc:  # another editor created it a moment ago
            raise Conflict(
                _("The network map was created by someone else in the meantime."),
                code=ConflictCode.STALE_VERSION,
                stored=1,
            ) from exc
    stored.updated_by = actor
    save_with_version(stored, update_fields=["updated_by", "updated_at"], expected_version=version)
    return stored, stored_version


def _apply_nodes(network_map: NetworkMap, cleaned: list[dict[str, Any]]) -> dict[str, int]:
    existing = {node.pk: node for node in NetworkNode.objects.filter(network_map=network_map)}
    kept = {values["id"] for values in cleaned if values["id"] is not None}
    removed = [pk for pk in existing if pk not in kept]
    NetworkNode.objects.filter(pk__in=removed).delete()
    added = changed = 0
    for position, values in enumerate(cleaned):
        fields = {name: values[name] for name in NODE_FIELDS}
        node = existing.get(values["id"]) if values["id"] is not None else None
        if node is None:
            node = NetworkNode(network_map=network_map, position=position, **fields)
            node.full_clean()
            node.save()
            added += 1
            continue
        if any(getattr(node, name) != value for name, value in fields.items()) or node.position != position:
            for name, value in fields.items():
                setattr(node, name, value)
            node.position = position
            node.version += 1
            node.full_clean()
            node.save()
            changed += 1
    return {"added": added, "changed": changed, "removed": len(removed)}


@transaction.atomic
def network_map_save(*, actor: User, case: Case, nodes: Sequence[NodeInput], version: int) -> NetworkMap:
    """Write the whole map (PUT). Ids sent are kept, nodes left out are removed, new nodes get ids.

    `version` 0 creates the map; afterwards the stored version must be sent (stale: 409).
    """
    _guards(actor, case)
    if not _is_int(version) or version < 0:
        raise InvalidInput({"version": [_("Send the version you edited (0 for a new map).")]})
    cleaned = _check_nodes(nodes)
    network_map, old_version = _claim(actor=actor, case=case, version=version)
    known = set(NetworkNode.objects.filter(network_map=network_map).values_list("pk", flat=True))
    _check_ids(cleaned, known)
    changes = _apply_nodes(network_map, cleaned)
    phase_touch(case=case, key=PhaseKey.ASSESSMENT)
    event_record(
        case=case,
        actor=actor,
        kind="network_map_saved",
        summary=f"Network map saved ({len(cleaned)} persons)",
        old={"version": old_version, "nodes": len(known)},
        new={"version": old_version + 1, "nodes": len(cleaned), **changes},
    )
    log_change(actor=actor, case=case, object_type="network_map", object_id=network_map.pk)
    saved = network_map_of(case)
    return saved if saved is not None else network_map  # always found: written above, in this transaction


@transaction.atomic
def assessment_item_rate_by_client(
    *, actor: User, item: AssessmentItem, client_rating: int, version: int
) -> AssessmentItem:
    """The client enters their own rating of an item in the client portal (the client perspective).

    Only the rating fields change (`client_rating`, source "client", who and when); the
    professionals' rating and the text stay as they are. 0–4 (400 naming `client_rating`
    otherwise), `version` of the item (stale: 409), the client of the item's case only (403).
    """
    case = Case.objects.select_related("client").get(pk=item.assessment.case_id)
    require(can_rate_as_client(actor, case), _("Only the client can enter their own rating here."))
    ensure_open(case)
    errors: dict[str, list[str]] = {}
    if not (_is_int(client_rating) and RATING_MIN <= client_rating <= RATING_MAX):
        errors["client_rating"] = [_("Choose a rating from 0 to 4.")]
    if not _is_int(version) or version < 1:
        errors["version"] = [_("Send the version of the item you rated.")]
    if errors:
        raise InvalidInput(errors)
    old = item.client_rating
    item.client_rating = client_rating
    item.client_rating_source = RatingSource.CLIENT
    item.client_rated_by = actor
    item.client_rated_at = timezone.now()
    fields = ["client_rating", "client_rating_source", "client_rated_by", "client_rated_at", "updated_at"]
    save_with_version(item, update_fields=fields, expected_version=version)
    event_record(
        case=case,
        actor=actor,
        kind="client_rating_entered",
        summary="The client entered their own rating of an assessment item",
        old={"client_rating": old},
        new={"item": str(item.pk), "client_rating": client_rating, "source": RatingSource.CLIENT},
    )
    log_change(actor=actor, case=case, object_type="assessment_item", object_id=item.pk)
    return item

"""Creating and changing the case itself."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, Organisation, Role, Unit, User
from reintegra.cases.case_types import SHIPPED, shipped_defaults
from reintegra.cases.inputs import CaseChanges, ClientData, CommissioningParty
from reintegra.cases.models import (
    PHASE_ORDER,
    Case,
    CasePhase,
    CaseType,
    Client,
    CommissioningKind,
    PhaseStatus,
    ReferenceCounter,
    fold_name,
)
from reintegra.cases.permissions import can_change_case, leads_unit
from reintegra.cases.plausibility import birth_date_error
from reintegra.cases.services.common import (
    CHANGE_REFUSED,
    ensure_open,
    event_record,
    log_change,
)
from reintegra.core.exceptions import Conflict, ConflictCode, InvalidInput
from reintegra.core.permissions import require
from reintegra.core.services import check_version, save_with_version

CLIENT_FIELDS = ("first_name", "last_name", "birth_date", "email", "phone", "ahv_number", "postal_address", "language")


@transaction.atomic
def case_types_ensure_shipped(*, organisation: Organisation) -> None:
    """Give an organisation the shipped case types it does not have yet (idempotent). Runs when
    an organisation is created (`accounts.services.organisation_create`); migration 0007 gave
    them to the organisations that existed before."""
    existing = set(CaseType.objects.filter(organisation=organisation).values_list("key", flat=True))
    for spec in SHIPPED:
        if spec["key"] not in existing:
            CaseType.objects.get_or_create(organisation=organisation, key=spec["key"], defaults=shipped_defaults(spec))


def reference_next(*, organisation: Organisation, prefix: str, year: int) -> str:
    """The next reference (`BEM-2026-0001`), safe under concurrent creation.

    Call inside a transaction: the conditional increment locks the counter row
    until the case is committed.
    """
    counter, _created = ReferenceCounter.objects.get_or_create(organisation=organisation, prefix=prefix, year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{prefix}-{year}-{counter.last:04d}"


def _staff_member(organisation: Organisation, user: User | None, field: str, roles: tuple[str, ...]) -> None:
    if user is None:
        return
    if (
        not user.is_active
        or user.organisation_id != organisation.pk
        or not Membership.objects.filter(user=user, organisation=organisation, role__in=roles).exists()
    ):
        raise ValidationError({field: [_("Choose an active case manager of your organisation.")]})


def _case_manager_for_new_case(actor: User, case_manager: User | None) -> tuple[User, list[Any]]:
    """Who manages a new case, and the units to file it in (the ones they manage cases in, those
    the actor leads first). A team lead opens cases for the case managers of the units they lead;
    a case manager for themselves."""
    organisation = actor.organisation
    assert organisation is not None
    person = case_manager or actor
    _staff_member(organisation, person, "case_manager", (Role.CASE_MANAGER,))
    units = list(
        Membership.objects.filter(user=person, organisation=organisation, role=Role.CASE_MANAGER)
        .order_by("unit__name")
        .values_list("unit_id", flat=True)
    )
    if person.pk != actor.pk:
        led = [unit for unit in units if leads_unit(actor, unit)] if units else []
        if not led and not leads_unit(actor, None):
            raise ValidationError({"case_manager": [_("Choose yourself, or a case manager of a unit you lead.")]})
        units = led + [unit for unit in units if unit not in led]
    return person, units


def _unit_of(organisation: Organisation, unit: Unit | None) -> None:
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": [_("Choose a unit of your organisation.")]})


def _unit_of_case_manager(organisation: Organisation, unit: Unit | None, case_manager_units: list[Any]) -> None:
    """A case is filed in a unit of its organisation in which its case manager works (a case
    manager for the whole organisation, `None` among the units, works in every unit)."""
    _unit_of(organisation, unit)
    if unit is not None and unit.pk not in case_manager_units and None not in case_manager_units:
        raise ValidationError({"unit": [_("Choose a unit in which the case manager works.")]})


def _case_manager_units(organisation: Organisation, person: Any) -> list[Any]:
    return list(
        Membership.objects.filter(user=person, organisation=organisation, role=Role.CASE_MANAGER).values_list(
            "unit_id", flat=True
        )
    )


def _commissioning(data: CommissioningParty | None) -> tuple[str, str]:
    if not data:
        return "", ""
    name, kind = (data.get("name") or "").strip(), data.get("kind") or ""
    errors = {}
    if not name:
        errors["name"] = ["Enter the name of the commissioning party."]
    if kind not in CommissioningKind.values:
        errors["kind"] = [f"Choose one of: {', '.join(CommissioningKind.values)}."]
    if errors:
        raise InvalidInput({"commissioning_party": errors})
    return name, kind


def client_duplicates(*, organisation: Organisation, client: ClientData) -> list[dict[str, str]]:
    """The cases of clients of the organisation with the same folded first name, last name and
    date of birth (`Müller` = `muller`): `[{case, reference}]`, newest first. Only ids and
    references: whoever opens the case learns that such a case exists, not what it holds."""
    if not client.get("birth_date") or not client.get("first_name") or not client.get("last_name"):
        return []
    return [
        {"case": str(pk), "reference": reference}
        for pk, reference in Case.objects.filter(
            organisation=organisation,
            client__search_first_name=fold_name(client.get("first_name")),
            client__search_last_name=fold_name(client.get("last_name")),
            client__birth_date=client["birth_date"],
        )
        .order_by("-created_at")
        .values_list("pk", "reference")[:20]
    ]


def _client_errors(client: Client, *, birth_date_changed: bool = True) -> None:
    try:
        client.full_clean(exclude=["organisation"])
    except ValidationError as exc:
        raise InvalidInput({"client": exc.message_dict}) from exc
    message = birth_date_error(client.birth_date, today=timezone.localdate()) if birth_date_changed else None
    if message:
        raise InvalidInput({"client": {"birth_date": [message]}})


@transaction.atomic
def case_create(
    *,
    actor: User,
    case_type: CaseType,
    client: ClientData | None = None,
    existing_client: Client | None = None,
    check_duplicates: bool = False,
    unit: Unit | None = None,
    case_manager: User | None = None,
    commissioning_party: CommissioningParty | None = None,
    summary: str = "",
    opened_on: date | None = None,
) -> Case:
    """Open a case for a new client (`client`) or for one the organisation already has
    (`existing_client`). With `check_duplicates`, a new client with the same folded names and
    date of birth as one of the organisation's is refused with `409 possible_duplicate` listing
    their cases: the person then sends the existing client, or confirms someone else (the API's
    `client_id` / `confirm_new_client`; the new-case page's choice)."""
    require(can_change_case(actor), CHANGE_REFUSED)
    organisation = actor.organisation
    assert organisation is not None
    if case_type.organisation_id != organisation.pk:
        raise ValidationError({"case_type": [_("Choose a case type of your organisation.")]})
    case_manager, units = _case_manager_for_new_case(actor, case_manager)
    if unit is None:
        first_unit = next((pk for pk in units if pk is not None), None)
        unit = Unit.objects.filter(pk=first_unit).first() if first_unit is not None else None
    _unit_of_case_manager(organisation, unit, units)
    party_name, party_kind = _commissioning(commissioning_party)

    if existing_client is not None:
        if existing_client.organisation_id != organisation.pk:
            raise ValidationError({"client_id": [_("Choose a client of your organisation.")]})
        person = existing_client
    else:
        if client is None:
            raise ValidationError({"client": [_("This field is required.")]})
        person = Client(organisation=organisation, **{k: v for k, v in client.items() if k in CLIENT_FIELDS})
        _client_errors(person)
        duplicates = client_duplicates(organisation=organisation, client=client) if check_duplicates else []
        if duplicates:
            raise Conflict(
                _(
                    "A client with this name and date of birth already has a case. Open the new case for "
                    "that client, or confirm that this is someone else."
                ),
                code=ConflictCode.POSSIBLE_DUPLICATE,
                extra={"duplicates": duplicates},
            )
        person.save()
    today = opened_on or timezone.localdate()
    case = Case(
        organisation=organisation,
        case_type=case_type,
        client=person,
        unit=unit,
        case_manager=case_manager,
        reference=reference_next(organisation=organisation, prefix=case_type.reference_prefix, year=today.year),
        summary=summary,
        commissioning_party_name=party_name,
        commissioning_party_kind=party_kind,
        opened_on=today,
    )
    case.full_clean()
    case.save()
    CasePhase.objects.bulk_create(
        CasePhase(
            case=case,
            key=key,
            status=PhaseStatus.IN_PROGRESS if key == "intake" else PhaseStatus.NOT_STARTED,
        )
        for key in PHASE_ORDER
    )
    event_record(
        case=case,
        actor=actor,
        kind="case_created",
        summary=f"Case {case.reference} opened ({case_type.key})",
        new={"reference": case.reference, "case_type": case_type.key, "case_manager": str(case_manager.pk)},
    )
    log_change(actor=actor, case=case, object_type="case")
    return case


@transaction.atomic
def case_update(*, actor: User, case: Case, version: int, data: CaseChanges) -> Case:
    """Change the case's own fields (PATCH). `data` holds only the fields that change."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    check_version(case, version)
    organisation = case.organisation
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    fields: list[str] = []
    if "summary" in data:
        case.summary = data["summary"] or ""
        fields.append("summary")
        old["summary"], new["summary"] = "…", "changed"
    if "unit" in data:
        _unit_of_case_manager(organisation, data["unit"], _case_manager_units(organisation, case.case_manager))
        old["unit"], new["unit"] = str(case.unit_id or ""), str(getattr(data["unit"], "pk", "") or "")
        case.unit = data["unit"]
        fields.append("unit")
    if "case_manager" in data:
        raise ValidationError(
            {"case_manager": [_("The case manager changes only by a handover (reassign), not by editing the case.")]}
        )
    if "deputy" in data:
        person = data["deputy"]
        _staff_member(organisation, person, "deputy", (Role.CASE_MANAGER, Role.TEAM_LEAD))
        if person is not None and person.pk == case.case_manager_id:
            raise ValidationError({"deputy": [_("The case manager cannot be their own deputy.")]})
        old["deputy"] = str(case.deputy_id or "")
        new["deputy"] = str(getattr(person, "pk", "") or "")
        case.deputy = person
        fields.append("deputy")
    if "commissioning_party" in data:
        name, kind = _commissioning(data["commissioning_party"])
        old["commissioning_party"] = case.commissioning_party_name
        case.commissioning_party_name, case.commissioning_party_kind = name, kind
        new["commissioning_party"] = name
        fields += ["commissioning_party_name", "commissioning_party_kind"]
    if "client" in data:
        client = case.client
        for key, value in (data["client"] or {}).items():
            if key in CLIENT_FIELDS:
                setattr(client, key, value if value is not None else ("" if key != "birth_date" else None))
        _client_errors(client, birth_date_changed="birth_date" in (data["client"] or {}))
        client.save()
        new["client"] = "changed"
    if fields:
        case.full_clean()
    save_with_version(case, update_fields=fields, expected_version=version)
    event_record(case=case, actor=actor, kind="case_updated", summary="Case details changed", old=old, new=new)
    log_change(actor=actor, case=case, object_type="case")
    return case

"""The payloads the cases services take, typed. Forms and serializers build them; each value is
validated once, in the service (a wrong one is a 400 naming the field, nothing changed).

`total=False`: a PATCH-like payload holds only what changes; the services say which keys a
whole write (PUT) needs.
"""

from datetime import date
from typing import Any, TypedDict

from reintegra.accounts.models import Unit, User


class ClientData(TypedDict, total=False):
    first_name: str
    last_name: str
    birth_date: date | None
    email: str
    phone: str
    ahv_number: str
    postal_address: str
    language: str


class CommissioningParty(TypedDict, total=False):
    name: str
    kind: str


class CaseChanges(TypedDict, total=False):
    """`case_update`: only the fields that change."""

    summary: str
    unit: Unit | None
    case_manager: User | None
    deputy: User | None
    commissioning_party: CommissioningParty | None
    client: ClientData


class IntakeData(TypedDict, total=False):
    """`intake_save` (a whole intake; `commissioning_party_disclosed` may be left out)."""

    criteria_met: bool
    criteria_answers: Any  # per criterion a yes/no; checked against the case type's criteria
    decision: str
    decision_reason: str
    client_informed: bool
    commissioning_party_disclosed: bool
    cooperation_agreed: bool


class FinalRating(TypedDict):
    goal: str
    score: int


class EvaluationData(TypedDict, total=False):
    """`evaluation_save` (a whole evaluation)."""

    outcome: str
    final_ratings: list[FinalRating]
    summary: str
    aftercare_needed: bool
    follow_up_on: date | None
    satisfaction: str


class ParticipantData(TypedDict, total=False):
    """`participant_create`: `role` and `name` are needed."""

    role: str
    name: str
    organisation_name: str
    email: str
    phone: str
    language: str


class IncapacityData(TypedDict, total=False):
    """`incapacity_add`: `start` is needed."""

    start: date
    end: date | None
    percent: int
    certificate: bool


class IncapacityChanges(TypedDict, total=False):
    """`incapacity_correct`: only the fields that change."""

    end: date | None
    percent: int
    certificate: bool


class ParticipantChanges(TypedDict, total=False):
    """`participant_update`: only the fields that change."""

    name: str
    organisation_name: str
    email: str
    phone: str
    language: str


class CaseTypeChanges(TypedDict, total=False):
    """`case_type_update`: only the fields that change."""

    name: str
    reference_prefix: str
    trigger_days: int | None
    criteria: list[str]
    information_text: str
    requires_closure_approval: bool
    checklist: dict[str, list[str]]
    retention_after_closure_days: int
    retention_not_admitted_days: int

"""A case as a FHIR R4 (R4B) Bundle, built with the `fhir.resources` models (never hand-written dicts).

One `collection` Bundle per case: Patient (the client, with the AHV number as the CH Core
identifier `urn:oid:2.16.756.5.32`), EpisodeOfCare (the case), CareTeam (case manager, deputy,
participants), one Consent per consent, one Goal per goal (the five GAS levels as `target`s),
CarePlan (measures as activities, the goals), one ServiceRequest per referral and one
QuestionnaireResponse per questionnaire response. Resources refer to each other by
`urn:uuid:<id>` (the ids of the rows they come from), so a bundle reads on its own.

Every resource is a pydantic model of `fhir.resources.R4B`: constructing it validates it, and
`bundle_json` dumps it. The read is the caller's business (`records.selectors`), as is its log.
"""

import uuid
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from fhir.resources.R4B.annotation import Annotation
from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.careplan import CarePlan, CarePlanActivity, CarePlanActivityDetail
from fhir.resources.R4B.careteam import CareTeam, CareTeamParticipant
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.consent import Consent as FhirConsent
from fhir.resources.R4B.consent import ConsentPolicy, ConsentProvision, ConsentProvisionActor
from fhir.resources.R4B.contactpoint import ContactPoint
from fhir.resources.R4B.episodeofcare import EpisodeOfCare
from fhir.resources.R4B.goal import Goal as FhirGoal
from fhir.resources.R4B.goal import GoalTarget
from fhir.resources.R4B.humanname import HumanName
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.period import Period
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
    QuestionnaireResponseItemAnswer,
)
from fhir.resources.R4B.reference import Reference
from fhir.resources.R4B.servicerequest import ServiceRequest

from reintegra.cases.ahv import AHV_SYSTEM
from reintegra.cases.models import Case, CaseStatus, Client
from reintegra.consents.models import Consent
from reintegra.network.models import Referral
from reintegra.plans.models import GAS_LEVELS, Goal, Measure
from reintegra.plans.selectors.plan import responsible_label
from reintegra.questionnaires.models import Item, Response

FHIR_JSON = "application/fhir+json"
# Our own code systems (no standard one fits): the case types, consent purposes, GAS levels, roles.
BASE = "https://reintegra.example/fhir"
SYSTEM = f"{BASE}/CodeSystem"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
CONSENT_CATEGORY = "http://loinc.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

GOAL_STATUS = {  # our status → (lifecycleStatus, achievementStatus code)
    "active": ("active", "in-progress"),
    "achieved": ("completed", "achieved"),
    "not_achieved": ("completed", "not-achieved"),
    "cancelled": ("cancelled", None),
}
GOAL_PRIORITY = {1: "high-priority", 2: "medium-priority", 3: "low-priority"}
MEASURE_STATUS = {"planned": "not-started", "active": "in-progress", "done": "completed", "cancelled": "cancelled"}
REFERRAL_STATUS = {
    "proposed": "draft",
    "sent": "active",
    "accepted": "active",
    "started": "active",
    "declined": "revoked",
    "cancelled": "revoked",
    "completed": "completed",
}


def urn(pk: Any) -> str:
    return f"urn:uuid:{pk}"


def ref(pk: Any, display: str | None = None) -> Reference:
    return Reference(reference=urn(pk), display=display or None)


def _concept(system: str, code: str, display: str = "") -> CodeableConcept:
    return CodeableConcept(coding=[Coding(system=system, code=code, display=display or None)], text=display or None)


def _period(start: date | None, end: date | None) -> Period | None:
    if not start and not end:
        return None
    return Period(start=start, end=end)  # type: ignore[arg-type]  # FHIR dateTime takes a date


def patient_resource(client: Client) -> Patient:
    identifiers = [Identifier(system=f"{SYSTEM}/client", value=str(client.pk))]
    if client.ahv_number:
        identifiers.append(Identifier(system=AHV_SYSTEM, value=client.ahv_number))
    telecom = []
    if client.email:
        telecom.append(ContactPoint(system="email", value=client.email))
    if client.phone:
        telecom.append(ContactPoint(system="phone", value=client.phone))
    return Patient(
        id=str(client.pk),
        identifier=identifiers,
        name=[HumanName(family=client.last_name, given=[client.first_name], text=str(client))],
        birthDate=client.birth_date,
        telecom=telecom or None,
    )


def _episode(case: Case, team_id: str) -> EpisodeOfCare:
    return EpisodeOfCare(
        id=str(case.pk),
        identifier=[Identifier(system=f"{SYSTEM}/case-reference", value=case.reference)],
        status="finished" if case.status == CaseStatus.CLOSED else "active",
        type=[_concept(f"{SYSTEM}/case-type", case.case_type.key, case.case_type.name)],
        patient=ref(case.client_id, str(case.client)),
        period=_period(case.opened_on, case.closed_on),
        careManager=Reference(display=case.case_manager.display_name),
        team=[ref(team_id)],
    )


def _care_team(case: Case, team_id: str) -> CareTeam:
    members = [
        CareTeamParticipant(
            role=[_concept(f"{SYSTEM}/role", "case_manager", "Case manager")],
            member=Reference(display=case.case_manager.display_name),
        )
    ]
    if case.deputy is not None:
        members.append(
            CareTeamParticipant(
                role=[_concept(f"{SYSTEM}/role", "deputy", "Deputy")],
                member=Reference(display=case.deputy.display_name),
            )
        )
    for participant in case.participants.all():
        name = participant.name + (f" ({participant.organisation_name})" if participant.organisation_name else "")
        members.append(
            CareTeamParticipant(
                role=[_concept(f"{SYSTEM}/participant-role", participant.role, participant.get_role_display())],
                member=Reference(display=name),
            )
        )
    return CareTeam(
        id=team_id,
        status="inactive" if case.status == CaseStatus.CLOSED else "active",
        name=f"{case.reference}",
        subject=ref(case.client_id, str(case.client)),
        participant=members,
    )


def _consent(case: Case, consent: Consent, today: date) -> FhirConsent:
    status = consent.status_on(today)
    actors = []
    if consent.participant is not None:
        actors.append(
            ConsentProvisionActor(
                role=_concept(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"
                ),
                reference=Reference(display=consent.participant.name),
            )
        )
    return FhirConsent(
        id=str(consent.pk),
        status={"active": "active", "withdrawn": "inactive", "expired": "inactive"}.get(status, "active"),
        scope=_concept(CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
        category=[_concept(CONSENT_CATEGORY, "59284-0", "Patient Consent")],
        patient=ref(case.client_id, str(case.client)),
        dateTime=datetime.combine(consent.given_on, datetime.min.time(), tzinfo=timezone.get_current_timezone()),
        policy=[ConsentPolicy(uri=f"{SYSTEM}/consent-purpose/{consent.purpose}")],
        provision=ConsentProvision(
            type="permit",
            period=_period(consent.given_on, consent.withdrawn_on or consent.valid_until),
            purpose=[
                Coding(
                    system=f"{SYSTEM}/consent-purpose", code=consent.purpose, display=str(consent.get_purpose_display())
                )
            ],
            actor=actors or None,
        ),
    )


def _goal(case: Case, goal: Goal) -> FhirGoal:
    lifecycle, achievement = GOAL_STATUS.get(goal.status, ("active", None))
    levels = goal.levels
    targets = [
        GoalTarget(
            measure=_concept(f"{SYSTEM}/gas-level", key, f"GAS {key}"),
            detailString=levels[key] or "-",
            dueDate=goal.due_date,
        )
        for key in GAS_LEVELS
    ]
    return FhirGoal(
        id=str(goal.pk),
        lifecycleStatus=lifecycle,
        achievementStatus=(
            _concept("http://terminology.hl7.org/CodeSystem/goal-achievement", achievement) if achievement else None
        ),
        priority=_concept(
            "http://terminology.hl7.org/CodeSystem/goal-priority", GOAL_PRIORITY.get(goal.priority, "medium-priority")
        ),
        description=CodeableConcept(text=goal.title),
        subject=ref(case.client_id, str(case.client)),
        target=targets,
        note=[Annotation(text=f"Indicator: {goal.indicator}"), Annotation(text=f"Weight: {goal.weight}")],
    )


def _care_plan(case: Case, goals: list[Goal], measures: list[Measure]) -> CarePlan:
    activities = []
    for measure in measures:
        scheduled = _period(measure.start_date, measure.due_date)
        activities.append(
            CarePlanActivity(
                detail=CarePlanActivityDetail(
                    status=MEASURE_STATUS.get(measure.status, "unknown"),
                    description=measure.title,
                    code=CodeableConcept(text=measure.title),
                    goal=[ref(goal.pk) for goal in measure.goals.all()] or None,
                    scheduledPeriod=scheduled,
                    performer=[Reference(display=responsible_label(case, measure))],
                )
            )
        )
    return CarePlan(
        id=str(_derived_uuid(case.pk, "careplan")),
        status="completed" if case.status == CaseStatus.CLOSED else "active",
        intent="plan",
        title=f"{case.reference}",
        subject=ref(case.client_id, str(case.client)),
        period=_period(case.opened_on, case.closed_on),
        goal=[ref(goal.pk) for goal in goals] or None,
        activity=activities or None,
    )


def _service_request(case: Case, referral: Referral, plan_pk: Any) -> ServiceRequest:
    return ServiceRequest(
        id=str(referral.pk),
        basedOn=[ref(plan_pk)],
        status=REFERRAL_STATUS.get(referral.status, "unknown"),
        intent="order",
        code=CodeableConcept(text=referral.provider.name),
        subject=ref(case.client_id, str(case.client)),
        authoredOn=referral.created_at,
        performer=[Reference(display=referral.provider.name)],
        note=[Annotation(text=referral.note)] if referral.note else None,
    )


def _questionnaire_response(case: Case, response: Response, texts: dict[tuple[Any, str], str]) -> QuestionnaireResponse:
    items = []
    for key, value in (response.answers or {}).items():
        answer: dict[str, Any]
        if isinstance(value, bool):
            answer = {"valueBoolean": value}
        elif isinstance(value, int):
            answer = {"valueInteger": value}
        elif isinstance(value, float):
            answer = {"valueDecimal": value}
        else:
            answer = {"valueString": str(value)}
        items.append(
            QuestionnaireResponseItem(
                linkId=str(key),
                text=texts.get((response.questionnaire_id, str(key))) or None,
                answer=[QuestionnaireResponseItemAnswer(**answer)] if value not in (None, "") else None,
            )
        )
    return QuestionnaireResponse(
        id=str(response.pk),
        questionnaire=f"{BASE}/Questionnaire/{response.questionnaire.key}",
        status="stopped" if response.declined else "completed",
        subject=ref(case.client_id, str(case.client)),
        authored=datetime.combine(response.answered_on, datetime.min.time(), tzinfo=timezone.get_current_timezone()),
        item=items or None,
    )


def case_bundle(case: Case) -> Bundle:
    """The whole case as one Bundle (type `collection`). `case` needs client, case type, manager, deputy."""
    today = timezone.localdate()
    team_urn_pk = _derived_uuid(case.pk, "careteam")
    plan_urn_pk = _derived_uuid(case.pk, "careplan")
    goals = list(Goal.objects.filter(case=case).order_by("priority", "due_date", "created_at"))
    measures = list(
        Measure.objects.filter(case=case)
        .select_related("responsible_participant")
        .prefetch_related("goals")
        .order_by("due_date", "created_at")
    )
    consents = list(Consent.objects.filter(case=case).select_related("participant").order_by("given_on", "created_at"))
    referrals = list(Referral.objects.filter(case=case).select_related("provider").order_by("created_at"))
    responses = list(
        Response.objects.filter(case=case).select_related("questionnaire").order_by("answered_on", "created_at")
    )
    texts = {
        (item.questionnaire_id, item.key): item.text
        for item in Item.objects.filter(questionnaire_id__in={r.questionnaire_id for r in responses})
    }
    team = _care_team(case, str(team_urn_pk))
    plan = _care_plan(case, goals, measures)
    resources: list[Any] = [
        patient_resource(case.client),
        _episode(case, str(team_urn_pk)),
        team,
        *(_consent(case, consent, today) for consent in consents),
        *(_goal(case, goal) for goal in goals),
        plan,
        *(_service_request(case, referral, plan_urn_pk) for referral in referrals),
        *(_questionnaire_response(case, response, texts) for response in responses),
    ]
    return Bundle(
        id=str(_derived_uuid(case.pk, "bundle")),
        type="collection",
        timestamp=timezone.now(),
        identifier=Identifier(system=f"{SYSTEM}/case-reference", value=case.reference),
        entry=[BundleEntry(fullUrl=urn(resource.id), resource=resource) for resource in resources],
    )


def _derived_uuid(pk: Any, name: str) -> uuid.UUID:
    """A stable id for a resource that has no row of its own (the care team, the plan, the bundle)."""
    return uuid.uuid5(uuid.UUID(str(pk)), name)


def bundle_json(bundle: Bundle) -> str:
    return bundle.model_dump_json(exclude_none=True)

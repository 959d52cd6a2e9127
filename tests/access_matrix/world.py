"""The shared world of the access matrix: one organisation, people in every role, one case with a bit of everything.

Built once per test module (see conftest.py) through the public API and the services, so the
case looks like one a case manager made. `World.kwargs` maps every URL keyword to an object
of that case (or of its organisation), so every route resolves to a real object.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.accounts.models import Role, User
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.cases.services.case import case_types_ensure_shipped
from tests.access_matrix.world_inquiries import inquiry_objects
from tests.access_matrix.world_introduce import introduce_objects
from tests.access_matrix.world_screening import screening_objects
from tests.access_matrix.world_staff import staff_objects

# Roles of the matrix: the key names the person (pytest ids use it).
ROLES = (
    "owner",  # the owning case manager
    "unit_cm",  # a case manager of the same unit (organisation: case_managers_see_unit off)
    "unit_cm_on",  # the same person while the organisation lets case managers see their unit
    "other_unit_cm",  # a case manager of another unit of the same organisation
    "other_org_cm",  # a case manager of another organisation
    "team_lead",  # the team lead of the case's unit
    "org_admin",  # an organisation admin without a case role
    "employer",  # employer contact, participant with an active share_with_employer consent
    "employer_withdrawn",  # employer contact, participant whose consent was withdrawn
    "client",  # the case's client with a portal account
    "dpo",  # data protection
    "anon",  # not signed in
)

TODAY = timezone.localdate()
CLIENT_NAME = "Zwygart-Matrix"  # unique: a page that shows it to someone who may not see the case leaks it

GOAL = {
    "title": "Rückkehr an den Arbeitsplatz zu 50 %",
    "horizon": "short",
    "priority": 1,
    "due_date": str(TODAY + datetime.timedelta(days=60)),
    "indicator": "Arbeitet an 3 Tagen pro Woche",
    "weight": 2,
    "levels": {"-2": "keine", "-1": "20 %", "0": "50 %", "1": "70 %", "2": "100 %"},
}

WAI_ANSWERS = {
    "wai_job_demands": 1.5,
    "wai_q1": 7,
    "wai_q2_physical": 3,
    "wai_q2_mental": 4,
    "wai_q3_diseases": 5,
    "wai_q4_impairment": 5,
    "wai_q5_sick_leave": 3,
    "wai_q6_prognosis": 4,
    "wai_q7a": 3,
    "wai_q7b": 3,
    "wai_q7c": 3,
}


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    kwargs: dict[str, Any] = field(default_factory=dict)  # URL keyword → value
    route_kwargs: dict[str, dict[str, Any]] = field(default_factory=dict)  # route name → its own keywords
    route_query: dict[str, str] = field(default_factory=dict)  # route name → query string it needs to show content
    case_id: str = ""
    organisation: Any = None
    markers: tuple[str, ...] = ()  # strings only the case's content contains (id, client name)


def _ok(response: Any, expected: int = 201) -> Any:
    assert response.status_code == expected, (response.status_code, response.content[:500])
    return response.json() if response.content and response["Content-Type"].startswith("application/json") else None


def build() -> World:
    world = World()
    org = OrganisationFactory(name="Matrix AG", currency="CHF")
    case_types_ensure_shipped(organisation=org)
    world.organisation = org
    basel = UnitFactory(organisation=org, name="Basel")
    zurich = UnitFactory(organisation=org, name="Zürich")
    other_org = OrganisationFactory(name="Andere GmbH")
    case_types_ensure_shipped(organisation=other_org)

    def person(name: str, organisation: Any, role: str, unit: Any = None) -> User:
        return member(
            UserFactory(username=f"am_{name}", first_name=name.title(), organisation=organisation), role, unit
        )

    owner = person("owner", org, Role.CASE_MANAGER, basel)
    users: dict[str, User | None] = {
        "owner": owner,
        "unit_cm": person("unit_cm", org, Role.CASE_MANAGER, basel),
        "other_unit_cm": person("other_unit_cm", org, Role.CASE_MANAGER, zurich),
        "other_org_cm": person("other_org_cm", other_org, Role.CASE_MANAGER),
        "team_lead": person("team_lead", org, Role.TEAM_LEAD, basel),
        "org_admin": person("org_admin", org, Role.ORG_ADMIN),
        "employer": person("employer", org, Role.EMPLOYER_CONTACT),
        "employer_withdrawn": person("employer_withdrawn", org, Role.EMPLOYER_CONTACT),
        "client": person("client", org, Role.CLIENT),
        "dpo": person("dpo", org, Role.DATA_PROTECTION),
        "anon": None,
    }
    users["unit_cm_on"] = users["unit_cm"]
    world.users = users

    api = APIClient()
    api.force_authenticate(owner)
    case = _ok(
        api.post(
            "/api/v1/cases/",
            {
                "case_type": "bem",
                "unit": str(basel.pk),
                "client": {
                    "first_name": "Jürg",
                    "last_name": CLIENT_NAME,
                    "birth_date": "1975-04-02",
                    "email": "juerg@example.org",  # portal invitations go only by e-mail
                },
                "commissioning_party": {"name": "Matrix AG HR", "kind": "employer"},
                "summary": "Rückenschmerzen, lange Abwesenheit",
            },
            format="json",
        )
    )
    cid = case["id"]
    # Not the reference: the first one of the year (BEM-2026-0001) is also the placeholders' example value.
    world.markers = (cid, CLIENT_NAME)
    base = f"/api/v1/cases/{cid}"
    world.case_id = cid
    _ok(
        api.put(
            f"{base}/intake/",
            {
                "criteria_met": True,
                "decision": "admitted",
                "decision_reason": "Kriterien erfüllt",
                "client_informed": True,
                "commissioning_party_disclosed": True,
                "cooperation_agreed": True,
                "version": case["version"],
            },
            format="json",
        ),
        200,
    )
    # The client gets a portal account.
    from reintegra.cases.models import Case

    client_record = Case.objects.get(pk=cid).client
    client_record.user = users["client"]
    client_record.save()

    employer = _ok(
        api.post(
            f"{base}/participants/",
            {"role": "employer_contact", "name": "Erika Arbeit", "user": str(users["employer"].pk)},  # type: ignore[union-attr]
            format="json",
        )
    )
    gone = _ok(
        api.post(
            f"{base}/participants/",
            {"role": "employer_contact", "name": "Walter Weg", "user": str(users["employer_withdrawn"].pk)},  # type: ignore[union-attr]
            format="json",
        )
    )
    period = _ok(
        api.post(
            f"{base}/incapacity/",
            {"start": str(TODAY - datetime.timedelta(days=70)), "percent": 100, "certificate": True},
            format="json",
        )
    )
    consent_body = {"form": "written", "given_on": str(TODAY - datetime.timedelta(days=30))}
    data_consent = _ok(api.post(f"{base}/consents/", {**consent_body, "purpose": "data_collection"}, format="json"))
    from django.core.files.base import ContentFile

    from reintegra.consents.models import Consent

    signed = Consent.objects.get(pk=data_consent["id"])  # with its signed scan
    signed.scan.save("einwilligung.pdf", ContentFile(b"%PDF-1.4\n%scan\n"), save=True)
    _ok(
        api.post(
            f"{base}/consents/",
            {**consent_body, "purpose": "share_with_employer", "participant": employer["id"]},
            format="json",
        )
    )
    withdrawn = _ok(
        api.post(
            f"{base}/consents/",
            {**consent_body, "purpose": "share_with_employer", "participant": gone["id"]},
            format="json",
        )
    )
    _ok(api.post(f"{base}/consents/{withdrawn['id']}/withdraw/", {"reason": "widerrufen"}, format="json"), 200)
    _ok(api.post(f"{base}/consents/", {**consent_body, "purpose": "share_with_provider"}, format="json"))
    assessment = _ok(
        api.post(
            f"{base}/assessments/",
            {
                "date": str(TODAY - datetime.timedelta(days=20)),
                "items": [
                    {
                        "domain": "health",
                        "kind": "problem",
                        "text": "Rückenschmerzen",
                        "professional_rating": 3,
                        "client_rating": 2,
                    },
                    {"domain": "social", "kind": "resource", "text": "Familie", "professional_rating": 3},
                ],
            },
            format="json",
        )
    )
    _ok(
        api.put(
            f"{base}/network/",
            {"nodes": [{"name": "Partnerin", "sector": "family", "closeness": 1, "tie": "strong"}], "version": 0},
            format="json",
        ),
        200,
    )
    goal = _ok(api.post(f"{base}/goals/", GOAL, format="json"))
    measure = _ok(
        api.post(
            f"{base}/measures/",
            {
                "title": "Arbeitsversuch",
                "goals": [goal["id"]],
                "responsible": employer["id"],
                "due_date": str(TODAY + datetime.timedelta(days=50)),
                "planned_cost": "1200.00",
                "cost_bearer": "employer",
            },
            format="json",
        )
    )
    _ok(
        api.post(
            f"{base}/plan/agree/",
            {"agreed_on": str(TODAY - datetime.timedelta(days=10)), "form": "written"},
            format="json",
        )
    )
    review = _ok(
        api.post(
            f"{base}/reviews/",
            {
                "date": str(TODAY - datetime.timedelta(days=2)),
                "ratings": [{"goal": goal["id"], "score": 0}],
                "note": "läuft",
            },
            format="json",
        )
    )
    note = _ok(api.post(f"{base}/notes/", {"text": "Telefonat mit Arbeitgeberin", "kind": "contact"}, format="json"))

    from reintegra.network.tests.factories import OfferFactory, ProviderFactory

    provider = ProviderFactory(organisation=org, name="JobBrücke Coaching")
    offer = OfferFactory(provider=provider, title="Job Coaching")
    referral = _ok(api.post(f"{base}/referrals/", {"provider": str(provider.pk), "note": "bitte"}, format="json"))
    # sent: the referral letter exists (network:referral_letter)
    _ok(api.post(f"{base}/referrals/{referral['id']}/transition/", {"to": "sent"}, format="json"), 200)

    import_module("reintegra.questionnaires.migrations.0002_ship_work_ability_index_and_satisfaction").ship(apps, None)
    from reintegra.questionnaires.models import Questionnaire, Response

    wai = Questionnaire.objects.get(organisation__isnull=True, key="wai")
    _ok(
        api.post(
            f"{base}/questionnaire-responses/",
            {"questionnaire": "wai", "answered_on": str(TODAY), "answers": WAI_ANSWERS},
            format="json",
        )
    )
    response = Response.objects.filter(case_id=cid).first()
    _ok(
        api.put(
            f"{base}/evaluation/",
            {
                "outcome": "rtw_partial",
                "final_ratings": [{"goal": goal["id"], "score": 1}],
                "summary": "Teilweise Rückkehr",
                "aftercare_needed": False,
                "satisfaction": "asked",
                "version": Case.objects.get(pk=cid).version,
            },
            format="json",
        ),
        200,
    )

    # One-time links: a survey link for the client, a portal invitation.
    survey = _ok(api.post(f"{base}/survey-invitations/", {}, format="json"))
    survey_token = str(survey.get("link") or survey.get("url") or "").rstrip("/").rsplit("/", 1)[-1]
    # The client's account is in use (an invitation only reminds them): the one-time link to accept
    # is a participant's, invited from their row (issue #14).
    from reintegra.cases.models import Participant
    from reintegra.portal.services import portal_invite_create

    invitee = Participant.objects.create(
        case_id=cid, role="physician", name="Dr. Eingeladen", email="eingeladen@example.org"
    )
    invite_token = portal_invite_create(
        actor=owner, case=Case.objects.get(pk=cid), participant=invitee, send_email=False
    ).token

    from reintegra.notifications.models import Notification

    notification = Notification.objects.create(
        recipient=owner,
        case_id=cid,
        kind="review_due",
        subject="Review fällig",
        link=f"/cases/{cid}/",
        dedupe_key="am-1",
    )

    world.kwargs = {
        "case_id": cid,
        "client_id": case["client"]["id"],
        "participant_id": employer["id"],
        "period_id": period["id"],
        "note_id": note["id"],
        "consent_id": data_consent["id"],
        "assessment_id": assessment["id"],
        "goal_id": goal["id"],
        "measure_id": measure["id"],
        "review_id": review["id"],
        "referral_id": referral["id"],
        "provider_id": str(provider.pk),
        "offer_id": str(offer.pk),
        "questionnaire_id": str(wai.pk),
        "response_id": str(response.pk) if response else "",
        "notification_id": str(notification.pk),
        "number": 1,
        "key": "assessment",
        "action": "complete",
        "case_type_id": str(org.case_types.get(key="bem").pk),
        "organisation_pk": str(org.pk),
        "item_id": assessment["items"][0]["id"],
        "invitation_id": survey["id"],
    }
    world.route_query = {"api:plan-compare": "?from=1&to=current", "plans:compare": "?from=1&to=current"}
    world.route_kwargs = {
        "questionnaires:survey": {"token": survey_token},
        "portal:accept": {"token": invite_token},
        "monitoring:calendar_feed": {"token": "not-a-calendar-feed"},
    }
    world.route_kwargs.update(introduce_objects(world.kwargs, org, owner))
    world.route_kwargs.update(inquiry_objects(org))
    world.route_kwargs.update(screening_objects(owner))
    staff_kwargs, staff_routes = staff_objects(org, basel)
    world.kwargs.update(staff_kwargs)
    world.route_kwargs.update(staff_routes)

    # One signed-in session per person, made once: the tests only set the cookie.
    for role, user in users.items():
        if user is not None and role != "unit_cm_on":
            web = Client()
            web.force_login(user)
            world.sessions[role] = web.cookies[settings.SESSION_COOKIE_NAME].value
    world.sessions["unit_cm_on"] = world.sessions["unit_cm"]
    return world

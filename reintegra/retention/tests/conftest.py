"""A case full of data, closed long ago, and the data-protection officer of its organisation."""

import datetime
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import Case, Closure
from tests.access_matrix.world import GOAL, WAI_ANSWERS
from tests.support.people import api_for

TODAY = timezone.localdate()
FIRST = "Wendelin"
LAST = "Quästenberger"
FOLDED_LAST = "Quastenberger"  # as search stores it
NOTE = "Gespräch über Schlafstörungen am Arbeitsplatz"
SCAN_NAME = "einwilligung-quaestenberger.pdf"


def _ok(response: Any, expected: int = 201) -> Any:
    assert response.status_code == expected, (response.status_code, response.content[:500])
    return response.json() if response.content and response["Content-Type"].startswith("application/json") else None


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    """Uploads on disk (not the tests' in-memory storage), so that the folder can be searched; consent
    scans encrypted as in production (the field's storage is fixed when the model loads)."""
    from reintegra.consents.models import Consent
    from reintegra.core.storage import EncryptedFileSystemStorage

    root = tmp_path / "media"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
        # Consent scans are encrypted at rest (core/storage.py): on disk here too.
        "scans": {"BACKEND": "reintegra.core.storage.EncryptedFileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    monkeypatch.setattr(Consent._meta.get_field("scan"), "storage", EncryptedFileSystemStorage(location=str(root)))
    return root


def close_long_ago(case_id: Any, *, days_ago: int, reason: str = "goals_achieved") -> None:
    """Close the case through the API's service, then move its closing date into the past."""
    from reintegra.cases.services.closure import case_close

    case = Case.objects.get(pk=case_id)
    case_close(
        actor=case.case_manager,
        case=case,
        reason=reason,
        agreed_with_client=True,
        override_reason="Abschluss für den Test",
    )
    day = TODAY - datetime.timedelta(days=days_ago)
    Case.objects.filter(pk=case_id).update(closed_on=day)
    Closure.objects.filter(case_id=case_id).update(closed_on=day)


def full_case(alice: Any, *, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """alice's BEM case with notes, assessments, an upload, a network map, a questionnaire answer,
    a plan with a review, a referral, an evaluation, the client's portal account and notifications."""
    from reintegra.network.tests.factories import ProviderFactory
    from reintegra.notifications.models import Notification
    from reintegra.portal.services import portal_invite_accept, portal_invite_create
    from reintegra.questionnaires.models import Questionnaire

    api = api_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        case = _ok(
            api.post(
                "/api/v1/cases/",
                {
                    "case_type": "bem",
                    "client": {
                        "first_name": FIRST,
                        "last_name": LAST,
                        "birth_date": "1975-04-02",
                        "email": "w.q.1975@example.org",
                        "phone": "+41 61 555 12 34",
                    },
                    "commissioning_party": {"name": "Alice AG HR", "kind": "employer"},
                    "summary": f"{FIRST} {LAST}: Rückenschmerzen",
                },
                format="json",
            )
        )
        cid = case["id"]
        base = f"/api/v1/cases/{cid}"
        _ok(
            api.put(
                f"{base}/intake/",
                {
                    "criteria_met": True,
                    "decision": "admitted",
                    "decision_reason": f"Kriterien erfüllt, {LAST}",
                    "client_informed": True,
                    "commissioning_party_disclosed": True,
                    "cooperation_agreed": True,
                    "version": case["version"],
                },
                format="json",
            ),
            200,
        )
        family = _ok(api.post(f"{base}/participants/", {"role": "family", "name": f"Rosa {LAST}"}, format="json"))
        _ok(
            api.post(
                f"{base}/incapacity/",
                {"start": str(TODAY - datetime.timedelta(days=70)), "percent": 100, "certificate": True},
                format="json",
            )
        )
        consent = _ok(
            api.post(
                f"{base}/consents/",
                {"purpose": "data_collection", "form": "written", "given_on": str(TODAY - datetime.timedelta(days=30))},
                format="json",
            )
        )
        # A consent naming a participant (which protects the participant while the consent exists).
        _ok(
            api.post(
                f"{base}/consents/",
                {
                    "purpose": "share_with_participant",
                    "participant": family["id"],
                    "form": "oral",
                    "given_on": str(TODAY - datetime.timedelta(days=30)),
                },
                format="json",
            )
        )
        from reintegra.consents.models import Consent

        signed = Consent.objects.get(pk=consent["id"])
        signed.scan.save(SCAN_NAME, ContentFile(f"%PDF-1.4\n% Einwilligung {FIRST} {LAST}\n".encode()), save=True)
        _ok(
            api.post(
                f"{base}/assessments/",
                {
                    "date": str(TODAY - datetime.timedelta(days=20)),
                    "items": [
                        {"domain": "health", "kind": "problem", "text": f"{FIRST} hat Rückenschmerzen"},
                        {"domain": "social", "kind": "resource", "text": f"Familie {LAST}", "professional_rating": 3},
                    ],
                },
                format="json",
            )
        )
        _ok(
            api.put(
                f"{base}/network/",
                {
                    "nodes": [{"name": f"Rosa {LAST}", "sector": "family", "closeness": 1, "tie": "strong"}],
                    "version": 0,
                },
                format="json",
            ),
            200,
        )
        goal = _ok(api.post(f"{base}/goals/", GOAL, format="json"))
        _ok(
            api.post(
                f"{base}/measures/",
                {
                    "title": "Arbeitsversuch",
                    "goals": [goal["id"]],
                    "responsible": family["id"],
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
        _ok(
            api.post(
                f"{base}/reviews/",
                {
                    "date": str(TODAY - datetime.timedelta(days=2)),
                    "ratings": [{"goal": goal["id"], "score": 0}],
                    "note": NOTE,
                },
                format="json",
            )
        )
        _ok(api.post(f"{base}/notes/", {"text": NOTE, "kind": "contact"}, format="json"))
        provider = ProviderFactory(organisation=alice.organisation, name="JobBrücke Coaching")
        _ok(api.post(f"{base}/referrals/", {"provider": str(provider.pk), "note": f"für {LAST}"}, format="json"))
        if not Questionnaire.objects.filter(organisation__isnull=True, key="wai").exists():
            import_module("reintegra.questionnaires.migrations.0002_ship_work_ability_index_and_satisfaction").ship(
                apps, None
            )
        _ok(
            api.post(
                f"{base}/questionnaire-responses/",
                {"questionnaire": "wai", "answered_on": str(TODAY), "answers": WAI_ANSWERS},
                format="json",
            )
        )
        _ok(api.post(f"{base}/survey-invitations/", {}, format="json"))
        _ok(
            api.put(
                f"{base}/evaluation/",
                {
                    "outcome": "rtw_partial",
                    "final_ratings": [{"goal": goal["id"], "score": 1}],
                    "summary": f"{FIRST} arbeitet wieder zu 50 %",
                    "aftercare_needed": False,
                    "satisfaction": "asked",
                    "version": Case.objects.get(pk=cid).version,
                },
                format="json",
            ),
            200,
        )
        # The client's portal account (username: the e-mail address; first and last name copied).
        model = Case.objects.get(pk=cid)
        invite = portal_invite_create(actor=alice, case=model, send_email=False)
        portal_user = portal_invite_accept(invite=invite.invite, password="ein-langes-Passwort-2026")
        # Notifications naming the case: one linked to it, one only by its link.
        Notification.objects.create(
            recipient=alice,
            case_id=cid,
            kind="review_due",
            subject=f"Review fällig: {FIRST} {LAST}",
            body=NOTE,
            link=f"/cases/{cid}/",
            dedupe_key="retention-1",
        )
        Notification.objects.create(
            recipient=alice,
            kind="case_reassigned",
            subject=f"Fall von {LAST} übernommen",
            link=f"/cases/{cid}/plan/",
            dedupe_key="retention-2",
        )
    return {"id": cid, "reference": case["reference"], "portal_user": portal_user, "scan": signed.scan.name}


@pytest.fixture
def olga(org):
    """Not this organisation's officer: a data-protection officer of another organisation."""
    from reintegra.accounts.tests.factories import OrganisationFactory

    other = OrganisationFactory(name="Andere GmbH")
    return member(UserFactory(username="olga", organisation=other), Role.DATA_PROTECTION)

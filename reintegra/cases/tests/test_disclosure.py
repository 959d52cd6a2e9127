"""Portal participants see a case only while a matching consent is active, and then only the released parts."""

import datetime

import pytest

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.tests.conftest import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def emil(org):
    return member(UserFactory(username="emil", organisation=org), Role.EMPLOYER_CONTACT)


@pytest.fixture
def hr(api, case, emil):
    response = api.post(
        f"/api/v1/cases/{case['id']}/participants/",
        {"role": "employer_contact", "name": "Emil HR", "user": str(emil.pk)},
        format="json",
    )
    assert response.status_code == 201
    return response.json()


def consent(api, case, purpose, **extra):
    body = {"purpose": purpose, "form": "written", "given_on": "2026-11-01", **extra}
    response = api.post(f"/api/v1/cases/{case['id']}/consents/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_no_consent_no_case(case, hr, emil):
    portal = api_for(emil)
    assert portal.get("/api/v1/cases/").json()["results"] == []
    assert portal.get(f"/api/v1/cases/{case['id']}/").status_code == 404


def test_matching_consent_discloses_only_the_released_parts(api, case, hr, emil):
    consent(api, case, "share_with_employer")
    portal = api_for(emil)
    listed = portal.get("/api/v1/cases/").json()["results"]
    assert [c["reference"] for c in listed] == [case["reference"]]
    detail = portal.get(f"/api/v1/cases/{case['id']}/").json()
    assert set(detail) == {"id", "reference", "case_type", "status", "client", "measures", "goals", "outcome"}
    assert detail["client"] == {"first_name": "Jürg", "last_name": "Müller"}
    for part in ("intake/", "participants/", "incapacity/", "consents/", "events/", "notes/"):
        assert portal.get(f"/api/v1/cases/{case['id']}/{part}").status_code == 404, part
    assert (
        portal.patch(f"/api/v1/cases/{case['id']}/", {"summary": "x", "version": 1}, format="json").status_code == 404
    )
    entry = AccessLogEntry.objects.filter(action="disclose", username="emil").first()
    assert entry is not None and "emil" in entry.recipient


def test_withdrawal_removes_access_at_once(api, case, hr, emil):
    given = consent(api, case, "share_with_employer")
    portal = api_for(emil)
    assert portal.get(f"/api/v1/cases/{case['id']}/").status_code == 200
    api.post(f"/api/v1/cases/{case['id']}/consents/{given['id']}/withdraw/", {}, format="json")
    assert portal.get(f"/api/v1/cases/{case['id']}/").status_code == 404


def test_expired_consent_discloses_nothing(api, case, hr, emil):
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    consent(api, case, "share_with_employer", valid_until=yesterday, given_on="2026-01-01")
    assert api_for(emil).get(f"/api/v1/cases/{case['id']}/").status_code == 404


def test_wrong_purpose_or_other_named_participant_discloses_nothing(api, case, hr, emil):
    consent(api, case, "share_with_physician")
    other = api.post(
        f"/api/v1/cases/{case['id']}/participants/", {"role": "employer_contact", "name": "Andere"}, format="json"
    ).json()
    consent(api, case, "share_with_employer", participant=other["id"])
    assert api_for(emil).get(f"/api/v1/cases/{case['id']}/").status_code == 404


def test_share_with_participant_names_them(api, case, hr, emil):
    consent(api, case, "share_with_participant", participant=hr["id"])
    assert api_for(emil).get(f"/api/v1/cases/{case['id']}/").status_code == 200


LEVELS = {"-2": "kein Einsatz", "-1": "20 %", "0": "50 %", "1": "70 %", "2": "100 %"}


def test_released_parts_are_their_measures_and_the_shared_agreed_goals(api, case, hr, emil):
    consent(api, case, "share_with_employer")
    base = f"/api/v1/cases/{case['id']}/"
    goal = api.post(
        base + "goals/",
        {
            "title": "Pensum 50 %",
            "horizon": "short",
            "priority": 1,
            "due_date": "2027-01-31",
            "indicator": "Diagnose: Rücken",
            "levels": LEVELS,
            "shared_with_participants": True,
        },
        format="json",
    )
    assert goal.status_code == 201, goal.content
    assert goal.json()["shared_with_participants"] is True
    private = api.post(
        base + "goals/",
        {
            "title": "Rückenschmerzen im Alltag bewältigen",
            "horizon": "medium",
            "priority": 2,
            "due_date": "2027-02-28",
            "indicator": "Schmerzskala",
            "levels": LEVELS,
        },
        format="json",
    )
    assert private.status_code == 201, private.content
    assert private.json()["shared_with_participants"] is False
    measure = api.post(
        base + "measures/",
        {
            "title": "Arbeitsplatz anpassen",
            "goals": [goal.json()["id"]],
            "responsible": hr["id"],
            "due_date": "2026-12-15",
        },
        format="json",
    )
    assert measure.status_code == 201, measure.content
    api.post(
        base + "measures/",
        {"title": "Physiotherapie", "goals": [goal.json()["id"]], "responsible": "client", "due_date": "2026-12-20"},
        format="json",
    )
    detail = api_for(emil).get(base).json()
    assert [m["title"] for m in detail["measures"]] == ["Arbeitsplatz anpassen"]
    assert detail["goals"] == []  # nothing agreed yet
    assert (
        api.post(base + "plan/agree/", {"agreed_on": "2026-11-20", "form": "written"}, format="json").status_code == 201
    )
    detail = api_for(emil).get(base).json()
    assert detail["goals"] == [{"title": "Pensum 50 %", "due_date": "2027-01-31"}]
    assert "Rücken" not in str(detail)
    # Un-sharing takes effect at once; sharing a goal after the agreement waits for the next one.
    shared = goal.json()
    patched = api.patch(
        base + f"goals/{shared['id']}/",
        {"version": shared["version"], "shared_with_participants": False, "change_reason": "Titel privat"},
        format="json",
    )
    assert patched.status_code == 200, patched.content
    assert api_for(emil).get(base).json()["goals"] == []
    unshared = private.json()
    patched = api.patch(
        base + f"goals/{unshared['id']}/",
        {"version": unshared["version"], "shared_with_participants": True, "change_reason": "Freigabe"},
        format="json",
    )
    assert patched.status_code == 200, patched.content
    assert api.get(base + "plan/").json()["is_draft"] is True
    assert "Rücken" not in str(api_for(emil).get(base).json())

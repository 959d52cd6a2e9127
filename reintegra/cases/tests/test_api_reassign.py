"""Handing cases over (issue #14): one case, many cases, and the refusals."""

import pytest

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UnitFactory, UserFactory, member
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.cases.models import Case, CaseEvent
from reintegra.cases.services.reassign import case_reassign
from reintegra.notifications.models import Notification
from tests.support.cases import case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def zurich(org):
    return UnitFactory(organisation=org, name="Zürich")


@pytest.fixture
def zoe(org, zurich):
    """A case manager of another unit of the same organisation."""
    return member(
        UserFactory(username="zoe", first_name="Zoe", last_name="Zürcher", organisation=org), Role.CASE_MANAGER, zurich
    )


def _state(case):
    return Case.objects.filter(pk=case.pk).values_list("case_manager_id", "unit_id", "version").get()


def test_team_lead_hands_a_case_over_within_the_unit(alice, bob, lead, django_capture_on_commit_callbacks):
    case = case_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(lead).post(
            f"/api/v1/cases/{case.pk}/reassign/", {"case_manager": str(bob.pk), "reason": "Ferien"}, format="json"
        )
    assert response.status_code == 200, response.content
    assert response.json() == {"reassigned": 1}
    stored = Case.objects.get(pk=case.pk)
    assert stored.case_manager_id == bob.pk and stored.unit_id == case.unit_id
    event = CaseEvent.objects.get(case=case, kind="case_reassigned")
    assert event.old["case_manager"] == str(alice.pk) and event.new["case_manager"] == str(bob.pk)
    assert event.actor_id == lead.pk
    note = Notification.objects.get(recipient=bob, kind="case_reassigned")
    assert case.reference in note.subject
    assert (
        AccessLogEntry.objects.using("audit")
        .filter(user_id=lead.pk, action=AccessAction.CHANGE, case_id=case.pk)
        .exists()
    )


def test_many_cases_at_once_and_all_or_nothing(alice, bob, lead):
    first, second = case_for(alice), case_for(alice, first="Hans", last="Meier")
    api = api_for(lead)
    response = api.post(
        "/api/v1/cases/reassign/",
        {"cases": [str(first.pk), str(second.pk)], "case_manager": str(bob.pk), "reason": "Neue Verteilung"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"reassigned": 2}
    assert set(Case.objects.values_list("case_manager_id", flat=True)) == {bob.pk}
    assert CaseEvent.objects.filter(kind="case_reassigned").count() == 2
    # one case already with alice's … bob: the second one is his already → nothing changes
    third = case_for(alice, first="Eva", last="Frei")
    before = [_state(c) for c in (first, third)]
    response = api.post(
        "/api/v1/cases/reassign/",
        {"cases": [str(third.pk), str(first.pk)], "case_manager": str(bob.pk), "reason": "x"},
        format="json",
    )
    assert response.status_code == 400 and "case_manager" in response.json()
    assert [_state(c) for c in (first, third)] == before


def test_refusals_name_the_field_and_change_nothing(alice, bob, lead, employer, charlie, dora):
    case = case_for(alice)
    bob.is_active = False
    bob.save()
    api = api_for(lead)
    before = _state(case)
    for body, field in (
        ({"case_manager": str(bob.pk), "reason": "x"}, "case_manager"),  # deactivated
        ({"case_manager": str(employer.pk), "reason": "x"}, "case_manager"),  # portal account
        ({"case_manager": str(dora.pk), "reason": "x"}, "case_manager"),  # staff, but no case manager
        ({"case_manager": str(charlie.pk), "reason": "x"}, "case_manager"),  # another organisation
        ({"case_manager": str(alice.pk), "reason": "x"}, "case_manager"),  # manages it already
        ({"case_manager": "nope", "reason": "x"}, "case_manager"),
        ({"case_manager": str(alice.pk), "reason": " "}, "reason"),
        ({"case_manager": str(alice.pk)}, "reason"),
    ):
        response = api.post(f"/api/v1/cases/{case.pk}/reassign/", body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json(), (body, response.json())
    assert _state(case) == before
    assert not CaseEvent.objects.filter(kind="case_reassigned").exists()


def test_case_managers_may_not_hand_over(alice, bob):
    case = case_for(alice)
    response = api_for(alice).post(
        f"/api/v1/cases/{case.pk}/reassign/", {"case_manager": str(bob.pk), "reason": "x"}, format="json"
    )
    assert response.status_code == 403
    bulk = api_for(alice).post(
        "/api/v1/cases/reassign/", {"cases": [str(case.pk)], "case_manager": str(bob.pk), "reason": "x"}, format="json"
    )
    assert bulk.status_code == 403
    # bob does not see alice's case: 404 as for a missing one
    assert (
        api_for(bob)
        .post(f"/api/v1/cases/{case.pk}/reassign/", {"case_manager": str(bob.pk), "reason": "x"})
        .status_code
        == 404
    )


def test_another_unit_moves_the_case_only_for_a_lead_of_both_or_an_admin(alice, lead, admin, zoe, zurich):
    case = case_for(alice)
    body = {"case_manager": str(zoe.pk), "reason": "Umzug nach Zürich"}
    refused = api_for(lead).post(f"/api/v1/cases/{case.pk}/reassign/", body, format="json")
    assert refused.status_code == 403
    assert Case.objects.get(pk=case.pk).case_manager_id == alice.pk
    # the organisation admin may (without seeing the case's content)
    moved = api_for(admin).post(f"/api/v1/cases/{case.pk}/reassign/", body, format="json")
    assert moved.status_code == 200, moved.content
    stored = Case.objects.get(pk=case.pk)
    assert (stored.case_manager_id, stored.unit_id) == (zoe.pk, zurich.pk)
    # a lead of both units may move it back
    member(lead, Role.TEAM_LEAD, zurich)
    back = api_for(lead).post(
        f"/api/v1/cases/{case.pk}/reassign/", {"case_manager": str(alice.pk), "reason": "zurück"}, format="json"
    )
    assert back.status_code == 200, back.content
    assert Case.objects.get(pk=case.pk).unit_id == case.unit_id


def test_the_deputy_taking_over_is_no_longer_deputy(alice, bob, lead):
    case = case_for(alice)
    case.deputy = bob
    case.save(update_fields=["deputy"])
    case_reassign(actor=lead, case=case, to_user=bob, reason="Übernahme")
    stored = Case.objects.get(pk=case.pk)
    assert stored.case_manager_id == bob.pk and stored.deputy_id is None


def test_closed_case_answers_409(alice, bob, lead):
    case = case_for(alice)
    Case.objects.filter(pk=case.pk).update(status="closed")
    response = api_for(lead).post(
        f"/api/v1/cases/{case.pk}/reassign/", {"case_manager": str(bob.pk), "reason": "x"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "case_closed"


def test_patch_with_case_manager_answers_400(alice, bob, lead):
    case = case_for(alice)
    response = api_for(lead).patch(
        f"/api/v1/cases/{case.pk}/", {"version": case.version, "case_manager": str(bob.pk)}, format="json"
    )
    assert response.status_code == 400 and "case_manager" in response.json()
    assert Case.objects.get(pk=case.pk).case_manager_id == alice.pk


def test_team_lead_creates_a_case_for_a_case_manager_of_the_unit(alice, lead, zoe):
    api = api_for(lead)
    body = {"case_type": "bem", "client": {"first_name": "Eva", "last_name": "Frei"}}
    # the lead holds no case manager role: a case manager must be named
    missing = api.post("/api/v1/cases/", body, format="json")
    assert missing.status_code == 400 and "case_manager" in missing.json()
    made = api.post("/api/v1/cases/", {**body, "case_manager": str(alice.pk)}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["case_manager"]["id"] == str(alice.pk)
    # zoe works in a unit the lead does not lead
    other = api.post("/api/v1/cases/", {**body, "case_manager": str(zoe.pk)}, format="json")
    assert other.status_code == 400 and "case_manager" in other.json()


def test_a_case_manager_opens_cases_only_for_themselves(alice, bob):
    body = {"case_type": "bem", "client": {"first_name": "Eva", "last_name": "Frei"}, "case_manager": str(bob.pk)}
    response = api_for(alice).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400 and "case_manager" in response.json()

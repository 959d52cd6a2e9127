"""Communication rules fire on case events exactly once, and never past a missing consent."""

import pytest

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import CaseEvent
from reintegra.cases.tests.conftest import NEW_CASE
from reintegra.introduce.firing import fire_rules
from reintegra.introduce.models import CommunicationRule, DocumentTemplate
from reintegra.notifications.models import Notification
from tests.support.people import alice, api_for, org, unit  # noqa: F401  (fixtures over introduce's own)

pytestmark = pytest.mark.django_db

INTAKE = {
    "criteria_met": True,
    "decision": "admitted",
    "decision_reason": "Kriterien erfüllt",
    "client_informed": True,
    "cooperation_agreed": True,
}


@pytest.fixture
def setup(org, alice, django_capture_on_commit_callbacks):
    emil = member(UserFactory(username="emil", organisation=org), Role.EMPLOYER_CONTACT)
    template = DocumentTemplate.objects.create(
        organisation=org, kind="message", title="BEM {{case_reference}} aufgenommen", body="Hallo {{client_name}}"
    )
    CommunicationRule.objects.create(
        organisation=org, event="case_admitted", recipient="employer_contact", channel="in_app", template=template
    )
    CommunicationRule.objects.create(
        organisation=org, event="case_admitted", recipient="case_manager", channel="in_app", template=template
    )
    api = api_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        case = api.post("/api/v1/cases/", NEW_CASE, format="json").json()
        api.post(
            f"/api/v1/cases/{case['id']}/participants/",
            {"role": "employer_contact", "name": "Emil", "user": str(emil.pk)},
            format="json",
        )
    return api, case, emil


def admit(api, case, version, capture):
    with capture(execute=True):
        response = api.put(f"/api/v1/cases/{case['id']}/intake/", {**INTAKE, "version": version}, format="json")
    assert response.status_code == 200, response.content


def test_rule_fires_once_and_respects_consent(setup, alice, django_capture_on_commit_callbacks):
    api, case, emil = setup
    admit(api, case, 1, django_capture_on_commit_callbacks)
    # The case manager is informed; the employer is not: no share_with_employer consent, which
    # the case manager is told about (and the timeline says so).
    assert Notification.objects.filter(recipient=alice, kind="playbook_rule").count() == 1
    assert Notification.objects.filter(recipient=alice, kind="playbook_rule_not_sent").count() == 1
    assert not Notification.objects.filter(recipient=emil).exists()
    note = Notification.objects.get(recipient=alice, kind="playbook_rule")
    assert note.subject == f"BEM {case['reference']} aufgenommen"
    assert CaseEvent.objects.filter(kind="playbook_rule_fired").count() == 2
    # Firing the same event again changes nothing.
    entry = CaseEvent.objects.get(kind="intake_saved")
    fire_rules(entry)
    fire_rules(entry)
    assert Notification.objects.count() == 2
    assert CaseEvent.objects.filter(kind="playbook_rule_fired").count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        api.post(
            f"/api/v1/cases/{case['id']}/consents/",
            {"purpose": "share_with_employer", "form": "written", "given_on": "2026-11-01"},
            format="json",
        )
    # A second admission decision (the intake was re-recorded) is a new event.
    with django_capture_on_commit_callbacks(execute=True):
        api.put(
            f"/api/v1/cases/{case['id']}/intake/", {**INTAKE, "decision": "not_admitted", "version": 2}, format="json"
        )
    admit(api, case, 3, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=emil).count() == 1
    assert Notification.objects.filter(recipient=alice, kind="playbook_rule").count() == 2
    assert Notification.objects.filter(recipient=alice, kind="playbook_rule_not_sent").count() == 1


def test_events_that_mean_nothing_to_the_playbook_fire_nothing(setup, django_capture_on_commit_callbacks):
    api, case, _emil = setup
    with django_capture_on_commit_callbacks(execute=True):
        api.post(f"/api/v1/cases/{case['id']}/notes/", {"text": "Telefonat"}, format="json")
    assert not Notification.objects.exists()

"""Communication rules say what they did: "not sent: reason" on the case, the case manager told,
links each recipient may open, and an English part of the e-mail that is English (#15 item 7)."""

import pytest
from django.utils import translation

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.events import event_text
from reintegra.cases.models import CaseEvent
from reintegra.cases.tests.conftest import NEW_CASE
from reintegra.introduce.models import CommunicationRule, DocumentTemplate
from reintegra.notifications.emails import notification_email
from reintegra.notifications.models import Notification
from tests.support.people import alice, api_for, org, unit  # noqa: F401  (fixtures over introduce's own)

pytestmark = pytest.mark.django_db

INTAKE = {
    "criteria_met": True,
    "decision": "admitted",
    "decision_reason": "Kriterien erfüllt",
    "client_informed": True,
    "cooperation_agreed": True,
    "version": 1,
}


def rule(org, recipient, channel="in_app"):
    template = DocumentTemplate.objects.create(
        organisation=org, kind="message", title="BEM {{case_reference}} aufgenommen", body="Guten Tag, der Fall läuft."
    )
    return CommunicationRule.objects.create(
        organisation=org, event="case_admitted", recipient=recipient, channel=channel, template=template
    )


def new_case(api, capture, participants=()):
    with capture(execute=True):
        case = api.post("/api/v1/cases/", NEW_CASE, format="json").json()
        for participant in participants:
            response = api.post(f"/api/v1/cases/{case['id']}/participants/", participant, format="json")
            assert response.status_code == 201, response.content
    return case


def admit(api, case, capture):
    with capture(execute=True):
        response = api.put(f"/api/v1/cases/{case['id']}/intake/", INTAKE, format="json")
    assert response.status_code == 200, response.content


def fired(case, recipient):
    return CaseEvent.objects.get(case_id=case["id"], kind="playbook_rule_fired", new__recipient=recipient)


def consent_to_employer(api, case, capture):
    with capture(execute=True):
        response = api.post(
            f"/api/v1/cases/{case['id']}/consents/",
            {"purpose": "share_with_employer", "form": "written", "given_on": "2026-11-01"},
            format="json",
        )
    assert response.status_code == 201, response.content


def test_no_portal_account_is_shown_on_the_case_and_told_to_the_case_manager(
    org, alice, client, django_capture_on_commit_callbacks
):
    rule(org, "employer_contact")
    api = api_for(alice)
    case = new_case(api, django_capture_on_commit_callbacks, [{"role": "employer_contact", "name": "Emil Ohnekonto"}])
    consent_to_employer(api, case, django_capture_on_commit_callbacks)
    admit(api, case, django_capture_on_commit_callbacks)

    entry = fired(case, "employer_contact")
    assert entry.new["sent"] == 0
    assert entry.new["not_sent"] == [{"reason": "no_portal_account", "who": "Emil Ohnekonto"}]
    with translation.override("en"):
        assert event_text(entry) == (
            "Communication rule “Case admitted → Employer contact”: not sent: Emil Ohnekonto: no portal account"
        )
    notice = Notification.objects.get(recipient=alice, kind="playbook_rule_not_sent")
    assert notice.link == f"/cases/{case['id']}/"
    with translation.override("en"):
        from reintegra.notifications.kinds import render

        subject, body = render(notice.kind, notice.params, notice.subject, notice.body)
    assert subject == f"Communication rule not sent for {case['reference']}"
    assert "no portal account" in body

    client.force_login(alice)
    page = client.get(f"/cases/{case['id']}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "nicht gesendet: Emil Ohnekonto: kein Portalkonto" in page


def test_no_consent_and_no_email_are_reasons(org, alice, django_capture_on_commit_callbacks):
    emil = member(UserFactory(username="emil", organisation=org, email="emil@example.org"), Role.EMPLOYER_CONTACT)
    alice.email = ""
    alice.save(update_fields=["email"])
    rule(org, "employer_contact")
    rule(org, "case_manager", channel="email")
    api = api_for(alice)
    case = new_case(
        api,
        django_capture_on_commit_callbacks,
        [{"role": "employer_contact", "name": "Emil", "user": str(emil.pk)}],
    )
    admit(api, case, django_capture_on_commit_callbacks)
    reasons = {e.new["recipient"]: e.new["not_sent"] for e in CaseEvent.objects.filter(kind="playbook_rule_fired")}
    assert reasons == {
        "employer_contact": [{"reason": "no_consent", "who": "Emil"}],
        "case_manager": [{"reason": "no_email", "who": alice.display_name}],
    }
    assert not Notification.objects.filter(recipient=emil).exists()
    assert Notification.objects.filter(recipient=alice, kind="playbook_rule_not_sent").count() == 2


def test_nobody_in_the_role(org, alice, django_capture_on_commit_callbacks):
    rule(org, "physician")
    api = api_for(alice)
    case = new_case(api, django_capture_on_commit_callbacks)
    admit(api, case, django_capture_on_commit_callbacks)
    assert fired(case, "physician").new["not_sent"] == [{"reason": "no_recipient", "who": ""}]


def test_links_and_languages_of_the_email(org, alice, mailoutbox, django_capture_on_commit_callbacks):
    emil = member(UserFactory(username="emil", organisation=org, email="emil@example.org"), Role.EMPLOYER_CONTACT)
    rule(org, "employer_contact", channel="email")
    rule(org, "org_admin", channel="email")
    olga = member(UserFactory(username="olga", organisation=org, email="olga@example.org"), Role.ORG_ADMIN)
    api = api_for(alice)
    case = new_case(
        api,
        django_capture_on_commit_callbacks,
        [{"role": "employer_contact", "name": "Emil", "user": str(emil.pk)}],
    )
    consent_to_employer(api, case, django_capture_on_commit_callbacks)
    admit(api, case, django_capture_on_commit_callbacks)

    # The employer contact gets his portal's page of the case, never the staff case page (403 for him).
    to_emil = Notification.objects.get(recipient=emil, kind="playbook_rule")
    assert to_emil.link == f"/portal/employer/cases/{case['id']}/"
    # An organisation admin without a case role cannot open the case: no link at all.
    assert Notification.objects.get(recipient=olga, kind="playbook_rule").link == ""
    assert fired(case, "employer_contact").new["sent"] == 1

    mail = notification_email(to_emil)
    german, english = mail.body.split("----------------------------------------")
    assert "Guten Tag, der Fall läuft." in german
    assert f"/portal/employer/cases/{case['id']}/" in german
    assert f"/cases/{case['id']}/" not in german.replace(f"/portal/employer/cases/{case['id']}/", "")
    assert "/notifications/" not in mail.body  # the staff inbox is closed to portal users
    assert "Guten Tag" not in english and "aufgenommen" not in english
    assert "The message above was written in German" in english
    assert "Message from case management" in english

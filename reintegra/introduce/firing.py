"""The playbook's communication rules, fired by the case cycle.

"When X happens in a case, inform Y through Z with template T": each committed
timeline entry that means X (an admission, an agreed plan, a closure) fires the
organisation's active rules for X once. Recipients outside the case team get
nothing unless the case holds the matching active consent. Delivery goes through
the notification path (in-app inbox and e-mail), keyed by rule and timeline entry,
so a rule fires exactly once per event however often this runs.
"""

from typing import Any

from django.utils import timezone

from reintegra.accounts.models import Membership, User
from reintegra.cases.models import Case, CaseEvent, Participant
from reintegra.consents.selectors import has_active_consent
from reintegra.introduce.models import CommunicationRule, Party
from reintegra.introduce.placeholders import substitute
from reintegra.introduce.selectors import rule_consent_purpose, rules_for_event

# Which timeline entries mean which playbook event.
EVENT_FOR_KIND = {"case_closed": "case_closed", "plan_agreed": "plan_agreed"}
PARTICIPANT_ROLE_FOR_PARTY = {
    Party.EMPLOYER_CONTACT: "employer_contact",
    Party.PHYSICIAN: "physician",
    Party.COMPANY_DOCTOR: "physician",
    Party.INSURER: "insurer",
    Party.WORKS_COUNCIL: "works_council",
    Party.PROVIDER: "provider",
}


def playbook_event(entry: CaseEvent) -> str | None:
    if entry.kind == "intake_saved" and (entry.new or {}).get("decision") == "admitted":
        return "case_admitted"
    return EVENT_FOR_KIND.get(entry.kind)


def case_context(case: Case) -> dict[str, str]:
    today = timezone.localdate().strftime("%d.%m.%Y")
    return {
        "client_name": str(case.client),
        "client_first_name": case.client.first_name,
        "client_last_name": case.client.last_name,
        "case_reference": case.reference,
        "case_type": case.case_type.name,
        "case_manager_name": case.case_manager.display_name,
        "case_manager_email": case.case_manager.email,
        "organisation_name": case.organisation.name,
        "unit_name": case.unit.name if case.unit else "",
        "today": today,
        "event_date": today,
    }


def rule_recipients(rule: CommunicationRule, case: Case) -> list[User]:
    """The accounts a rule reaches in this case, consent respected for everyone outside the case team."""
    party = rule.recipient
    if party == Party.CASE_MANAGER:
        return [case.case_manager]
    if party in (Party.TEAM_LEAD, Party.ORG_ADMIN, Party.DATA_PROTECTION):
        memberships = Membership.objects.filter(organisation=case.organisation, role=party)
        if party == Party.TEAM_LEAD:
            memberships = memberships.filter(unit__in=[case.unit_id, None]) if case.unit_id else memberships
        return list(User.objects.filter(memberships__in=memberships, is_active=True).distinct())
    if party == Party.CLIENT:
        return [case.client.user] if case.client.user is not None else []
    role = PARTICIPANT_ROLE_FOR_PARTY.get(party)  # type: ignore[call-overload]
    purpose = rule_consent_purpose(rule)
    people: list[User] = []
    for participant in Participant.objects.filter(case=case, role=role, user__isnull=False).select_related("user"):
        if purpose is None or has_active_consent(case, purpose, participant_id=participant.pk):
            people.append(participant.user)  # type: ignore[arg-type]  # filtered: user is set
    return people


def fire_rules(entry: CaseEvent) -> int:
    """Deliver every rule the entry triggers; returns how many notifications it asked for."""
    from reintegra.notifications.services import notify

    event = playbook_event(entry)
    if event is None:
        return 0
    case = Case.objects.select_related("client", "case_type", "case_manager", "organisation", "unit").get(
        pk=entry.case_id
    )
    context = case_context(case)
    sent = 0
    for rule in rules_for_event(organisation=case.organisation, event=event):
        recipients = rule_recipients(rule, case)
        if not recipients:
            continue
        template: Any = rule.template
        subject = substitute(template.subject or template.title, context) if template else event.replace("_", " ")
        body = substitute(template.body, context) if template else ""
        notify(
            recipients=recipients,
            kind="playbook_rule",
            subject=subject[:200],
            body=body,
            case=case,
            link=case.get_absolute_url(),
            channels=(rule.channel,),
            dedupe_key=f"rule:{rule.pk}:event:{entry.pk}",
        )
        sent += len(recipients)
    return sent

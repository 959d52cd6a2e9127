"""The playbook's communication rules, fired by the case cycle.

"When X happens in a case, inform Y through Z with template T": each committed
timeline entry that means X (an admission, an agreed plan, a closure) fires the
organisation's active rules for X once. Recipients outside the case team get
nothing unless the case holds the matching active consent. Delivery goes through
the notification path (in-app inbox and e-mail), keyed by rule and timeline entry,
so a rule fires exactly once per event however often this runs.

Each firing says what it did: a timeline entry per rule and event (`playbook_rule_fired`:
sent to n, and "not sent: reason" for each person it could not reach — no account, no
e-mail address, no consent), and the case manager is told when someone was not reached.
Each recipient's link is a page they may open: staff who see the case get the case page,
portal users their portal, anyone else no link.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Membership, User
from reintegra.accounts.selectors import user_is_portal_only
from reintegra.cases.models import Case, CaseEvent, Participant
from reintegra.cases.services.common import event_record, log_change
from reintegra.consents.selectors import has_active_consent
from reintegra.core.formatting import format_date
from reintegra.introduce.models import CommunicationRule, Party
from reintegra.introduce.models.choices import Channel
from reintegra.introduce.notifications import RULE_EVENT_KIND, RULE_NOT_SENT
from reintegra.introduce.placeholders import substitute
from reintegra.introduce.selectors import rule_consent_purpose, rules_for_event
from reintegra.notifications.models import Channel as NotificationChannel

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
    today = format_date(timezone.localdate())
    return {
        "client_name": str(case.client),
        "client_first_name": case.client.first_name,
        "client_last_name": case.client.last_name,
        "case_reference": case.reference,
        "case_type": case.case_type.label,
        "case_manager_name": case.case_manager.display_name,
        "case_manager_email": case.case_manager.email,
        "organisation_name": case.organisation.name,
        "unit_name": case.unit.name if case.unit else "",
        "today": today,
        "event_date": today,
    }


def case_recipient(case: Case) -> list[str]:
    """The address block of a letter to the case's client: name, then the postal address lines."""
    client = case.client
    return [str(client), *(line for line in (client.postal_address or "").splitlines() if line.strip())]


class NotSent:
    """Why a rule reached nobody (or not everyone): the keys the timeline entry stores."""

    NO_RECIPIENT = "no_recipient"  # nobody holds the role (no participant, no team lead, …)
    NO_PORTAL_ACCOUNT = "no_portal_account"  # the person has no account to receive it
    NO_CONSENT = "no_consent"  # the case holds no active consent for this recipient
    NO_EMAIL = "no_email"  # e-mail rule, the person has no e-mail address
    INACTIVE = "inactive"  # the account is deactivated


@dataclass
class Delivery:
    """What a rule does in a case: who gets it (with the link each may open), and who not and why."""

    recipients: list[User] = field(default_factory=list)
    not_sent: list[dict[str, str]] = field(default_factory=list)

    def skip(self, reason: str, who: str = "") -> None:
        self.not_sent.append({"reason": reason, "who": who})


def rule_delivery(rule: CommunicationRule, case: Case) -> Delivery:
    """The accounts a rule reaches in this case, consent respected for everyone outside the case
    team, and for everyone it cannot reach the reason."""
    party = rule.recipient
    result = Delivery()
    candidates: list[tuple[User | None, str]] = []
    if party == Party.CASE_MANAGER:
        candidates = [(case.case_manager, case.case_manager.display_name)]
    elif party in (Party.TEAM_LEAD, Party.ORG_ADMIN, Party.DATA_PROTECTION):
        memberships = Membership.objects.filter(organisation=case.organisation, role=party)
        if party == Party.TEAM_LEAD:
            memberships = memberships.filter(unit__in=[case.unit_id, None]) if case.unit_id else memberships
        people = User.objects.filter(memberships__in=memberships, is_active=True).distinct()
        candidates = [(person, person.display_name) for person in people]
    elif party == Party.CLIENT:
        candidates = [(case.client.user, str(case.client))]
    else:
        role = PARTICIPANT_ROLE_FOR_PARTY.get(party)  # type: ignore[call-overload]
        purpose = rule_consent_purpose(rule)
        for participant in Participant.objects.filter(case=case, role=role).select_related("user"):
            if purpose is not None and not has_active_consent(case, purpose, participant_id=participant.pk):
                result.skip(NotSent.NO_CONSENT, participant.name)
            else:
                candidates.append((participant.user, participant.name))
    if not candidates and not result.not_sent:
        result.skip(NotSent.NO_RECIPIENT)
    for person, name in candidates:
        if person is None:
            result.skip(NotSent.NO_PORTAL_ACCOUNT, name)
        elif not person.is_active:
            result.skip(NotSent.INACTIVE, name)
        elif rule.channel == Channel.EMAIL and not person.email:
            result.skip(NotSent.NO_EMAIL, name)
        else:
            result.recipients.append(person)
    return result


def rule_recipients(rule: CommunicationRule, case: Case) -> list[User]:
    """The accounts a rule reaches in this case, consent respected for everyone outside the case team."""
    return rule_delivery(rule, case).recipients


def recipient_link(person: User, case: Case) -> str:
    """A page of this case the person may open: the case page for staff who see the case, the
    portal for portal users (their case in the employer portal, the client portal), else none."""
    if user_is_portal_only(person):
        if case.client.user_id == person.pk:
            return reverse("portal:home")
        return reverse("portal:employer_case", args=[case.pk])
    if Case.objects.visible_to(person).filter(pk=case.pk).exists():
        return case.get_absolute_url()
    return ""


def _outcome_record(*, case: Case, rule: CommunicationRule, event: str, key: str, delivery: Delivery) -> None:
    """One timeline entry per rule and event, saying what the rule did (once, however often this runs)."""
    if CaseEvent.objects.filter(case=case, kind=RULE_EVENT_KIND, new__key=key).exists():
        return
    sent = len(delivery.recipients)
    reasons = ", ".join(sorted({item["reason"] for item in delivery.not_sent}))
    summary = f"Communication rule {event} → {rule.recipient}: sent to {sent}"
    if delivery.not_sent:
        summary += f"; not sent: {reasons}"
    with transaction.atomic():
        event_record(
            case=case,
            actor=None,
            kind=RULE_EVENT_KIND,
            summary=summary,
            new={
                "key": key,
                "rule": str(rule.pk),
                "event": event,
                "recipient": rule.recipient,
                "channel": rule.channel,
                "sent": sent,
                "not_sent": delivery.not_sent,
            },
        )
        log_change(actor=None, case=case, object_type="communication_rule", object_id=rule.pk)


def fire_rules(entry: CaseEvent) -> int:
    """Deliver every rule the entry triggers; returns how many notifications it asked for.

    A rule that cannot deliver to someone (no account, no e-mail address, no consent) says so on
    the case's timeline ("not sent: reason") and tells the case manager."""
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
        key = f"rule:{rule.pk}:event:{entry.pk}"
        delivery = rule_delivery(rule, case)
        template: Any = rule.template
        subject = substitute(template.subject or template.title, context) if template else event.replace("_", " ")
        body = substitute(template.body, context) if template else ""
        for person in delivery.recipients:
            notify(
                recipients=[person],
                kind="playbook_rule",
                subject=subject[:200],
                body=body,
                case=case,
                link=recipient_link(person, case),
                channels=(rule.channel,),
                dedupe_key=key,
            )
        sent += len(delivery.recipients)
        _outcome_record(case=case, rule=rule, event=event, key=key, delivery=delivery)
        if delivery.not_sent:
            notify(
                recipients=[case.case_manager],
                kind=RULE_NOT_SENT,
                subject="",
                params={
                    "reference": case.reference,
                    "event": event,
                    "recipient": rule.recipient,
                    "reasons": sorted({item["reason"] for item in delivery.not_sent}),
                },
                case=case,
                link=case.get_absolute_url(),
                channels=(NotificationChannel.IN_APP, NotificationChannel.EMAIL),
                dedupe_key=f"{key}:not_sent",
            )
    return sent

"""Invitations: the offer with its letter and deadline, follow-up, and the answer.

An accepted invitation opens a case through the cases app's own services (`case_create`,
`incapacity_add`), so the case is made exactly as a case manager would make it; a decline or
no response keeps only that fact and its date.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.accounts.models import Role, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, CaseType
from reintegra.cases.services.case import case_create
from reintegra.cases.services.common import event_record
from reintegra.cases.services.intake import intake_criteria_answer
from reintegra.cases.services.participants import incapacity_add
from reintegra.core.exceptions import Conflict, InvalidInput
from reintegra.core.formatting import format_iso_dates
from reintegra.core.permissions import require
from reintegra.screening.letters import letter_compose
from reintegra.screening.models import (
    Absence,
    Employee,
    Invitation,
    InvitationStatus,
    ScreeningHit,
    ScreeningRule,
)
from reintegra.screening.permissions import can_invite_employee, can_respond_invitation
from reintegra.screening.services.runs import employee_has_open_case

ANSWERS = (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.NO_RESPONSE)


def reminder_days() -> int:
    """Days after the invitation until the reminder (and the reply deadline in the letter)."""
    return int(getattr(settings, "REINTEGRA_SCREENING_REMINDER_DAYS", 14))


def no_response_days() -> int:
    """Days after the reminder until "no response" is proposed."""
    return int(getattr(settings, "REINTEGRA_SCREENING_NO_RESPONSE_DAYS", 21))


def recent_invitation(*, employee: Employee, rule: ScreeningRule, today: date) -> Invitation | None:
    """An invitation for this rule within the last 365 days (pending or answered): the person is not listed again."""
    return (
        Invitation.objects.filter(employee=employee, rule=rule, invited_on__gt=today - timedelta(days=365))
        .order_by("-invited_on")
        .first()
    )


def _log(actor: User, employee: Employee, detail: str) -> None:
    access_log_write(
        user=actor, action=AccessAction.CHANGE, object_type="employee", object_id=employee.pk, detail=detail
    )


@transaction.atomic
def invitation_create(*, actor: User, employee: Employee, rule: ScreeningRule, today: date | None = None) -> Invitation:
    """Invite a listed person for a rule: letter filled in, deadline set; refused if a placeholder stays empty."""
    require(can_invite_employee(actor, employee), _("Only case managers and team leads send invitations."))
    today = today or timezone.localdate()
    if rule.organisation_id != employee.organisation_id or not rule.active:
        raise InvalidInput({"rule": [_("Choose an active rule of your organisation.")]})
    hit = ScreeningHit.objects.filter(employee=employee, rule=rule).first()
    if hit is None:
        raise InvalidInput({"employee": [_("This person does not cross the rule today.")]})
    earlier = recent_invitation(employee=employee, rule=rule, today=today)
    if earlier is not None:
        raise InvalidInput(
            {"employee": [_("This person was invited for this rule on %(date)s.") % {"date": earlier.invited_on}]}
        )
    if employee_has_open_case(employee, rule.case_type_key):
        raise InvalidInput({"employee": [_("This person already has an open case of this kind.")]})
    case_type = CaseType.objects.filter(organisation_id=rule.organisation_id, key=rule.case_type_key).first()
    respond_by = today + timedelta(days=reminder_days())
    letter = letter_compose(
        organisation=employee.organisation,
        employee=employee,
        case_type_key=rule.case_type_key,
        case_type_name=case_type.label if case_type else rule.label,
        sender=actor,
        respond_by=respond_by,
        today=today,
        eligible_since=hit.eligible_since,
    )
    invitation = Invitation(
        organisation_id=employee.organisation_id,
        employee=employee,
        rule=rule,
        created_by=actor,
        invited_on=today,
        respond_by=respond_by,
        hit={
            "eligible_since": str(hit.eligible_since),
            "days": hit.days,
            "reason": hit.reason,
            "absences": hit.absences,
        },
        letter=letter,
    )
    invitation.full_clean()
    invitation.save()
    ScreeningHit.objects.filter(pk=hit.pk).update(listed=False)  # off the list at once, not only after the next run
    _log(actor, employee, f"invitation {invitation.pk} rule={rule.key}")
    return invitation


def hit_criterion_answer(case_type: CaseType, rule: ScreeningRule, hit: dict[str, Any]) -> dict[str, Any]:
    """The intake answer a hit gives: the case type's trigger criterion (its first, as shipped: "more than six
    weeks of incapacity within twelve months" / "30 days continuous or repeated short absences") is met,
    with the days, the clause and the date the threshold was crossed as the note (in the actor's language)."""
    criterion = case_type.criteria[0] if case_type.criteria else rule.name
    count = len(hit.get("absences") or [])
    reason = hit.get("reason", "")
    if reason == "consecutive":
        clause = str(_("consecutive days"))
    elif reason == "separate":
        clause = str(ngettext("%(n)d separate absence", "%(n)d separate absences", count) % {"n": count})
    else:
        clause = str(ngettext("added up over %(n)d absence", "added up over %(n)d absences", count) % {"n": count})
    values = format_iso_dates({"since": hit.get("eligible_since", "")})
    note = _(
        "Screening rule “%(rule)s”: %(days)s days of absence within %(window)s days (%(clause)s); "
        "eligible since %(since)s."
    ) % {"rule": rule.name, "days": hit.get("days", "?"), "window": rule.window_days, "clause": clause, **values}
    return {"criterion": criterion, "answer": True, "note": str(note)}


def _open_case(*, actor: User, invitation: Invitation, today: date) -> Case:
    employee, rule = invitation.employee, invitation.rule
    case_type = CaseType.objects.filter(organisation_id=invitation.organisation_id, key=rule.case_type_key).first()
    if case_type is None:
        raise InvalidInput(
            {"rule": [_("The rule's case type “%(key)s” does not exist.") % {"key": rule.case_type_key}]}
        )
    # The person recording the acceptance takes the case when they manage cases; else whoever invited.
    inviter = invitation.created_by
    manager = next(
        (p for p in (actor, inviter) if p is not None and p.memberships.filter(role=Role.CASE_MANAGER).exists()),
        None,
    )
    hit = invitation.hit or {}
    summary = _(
        "Opened from screening: rule %(rule)s, %(days)s days within the window, eligible since %(since)s (%(reason)s)."
    ) % {
        "rule": rule.key,
        "days": hit.get("days", "?"),
        "since": hit.get("eligible_since", "?"),
        "reason": hit.get("reason", "?"),
    }
    case = case_create(
        actor=actor,
        case_type=case_type,
        client={"first_name": employee.first_name, "last_name": employee.last_name, "birth_date": employee.birth_date},
        unit=employee.unit,
        case_manager=manager,
        summary=summary,
        opened_on=today,
    )
    percents = dict(Absence.objects.filter(employee=employee).values_list("start", "percent"))
    for start_text, end_text in hit.get("absences", []):
        start = date.fromisoformat(start_text)
        incapacity_add(
            actor=actor,
            case=case,
            data={
                "start": start,
                "end": date.fromisoformat(end_text) if end_text else None,
                "percent": percents.get(start, 100),
                "certificate": False,
            },
        )
    intake_criteria_answer(
        actor=actor, case=case, answers=[hit_criterion_answer(case_type, rule, hit)], source="screening"
    )
    event_record(
        case=case,
        actor=actor,
        kind="screening_accepted",
        summary=f"Invitation accepted (screening rule {rule.key}, invited on {invitation.invited_on:%d.%m.%Y})",
        new={"rule": rule.key, "invited_on": str(invitation.invited_on), "eligible_since": hit.get("eligible_since")},
    )
    Employee.objects.filter(pk=employee.pk).update(client=case.client)
    return case


@dataclass(frozen=True)
class InvitationAnswer:
    invitation: Invitation
    case: Case | None


@transaction.atomic
def invitation_respond(
    *, actor: User, invitation: Invitation, answer: str, today: date | None = None
) -> InvitationAnswer:
    """Record the answer: accepted opens a case; declined or no response keeps only the fact and its date."""
    require(can_respond_invitation(actor, invitation), _("Only case managers and team leads record answers."))
    if answer not in ANSWERS:
        raise InvalidInput({"answer": [_("Choose accepted, declined or no_response.")]})
    today = today or timezone.localdate()
    # Claimed by a conditional update: two people recording an answer at once cannot both win.
    claimed = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING).update(status=answer)
    if not claimed:
        raise Conflict(_("This invitation has already been answered."))
    invitation.refresh_from_db()
    case = None
    if answer == InvitationStatus.ACCEPTED:
        case = _open_case(actor=actor, invitation=invitation, today=today)
        invitation.case = case
    else:
        invitation.hit = {}
        invitation.letter = {}
    invitation.answered_on = today
    invitation.version += 1
    invitation.save(update_fields=["case", "hit", "letter", "answered_on", "version", "updated_at"])
    _log(actor, invitation.employee, f"invitation {invitation.pk} answer={answer}")
    return InvitationAnswer(invitation=invitation, case=case)


def invitations_follow_up(*, today: date | None = None) -> dict[str, int]:
    """Mark reminders due and propose "no response" where it is due; tell the inviting person (idempotent)."""
    from reintegra.notifications.services import notify

    today = today or timezone.localdate()
    counts = {"reminders": 0, "no_response_proposed": 0}
    due = Invitation.objects.filter(
        status=InvitationStatus.PENDING,
        reminded_on__isnull=True,
        invited_on__lte=today - timedelta(days=reminder_days()),
    ).select_related("created_by", "employee")
    for invitation in due:
        with transaction.atomic():
            if not Invitation.objects.filter(pk=invitation.pk, reminded_on__isnull=True).update(reminded_on=today):
                continue
            if invitation.created_by is not None:
                notify(
                    recipients=[invitation.created_by],
                    kind="screening_reminder",
                    subject=str(_("Send a reminder: an invitation has had no answer for %(days)d days"))
                    % {"days": reminder_days()},
                    link=f"/screening/invitations/{invitation.pk}/",
                    channels=("in_app",),
                    dedupe_key=f"screening-reminder-{invitation.pk}",
                )
            counts["reminders"] += 1
    proposed = Invitation.objects.filter(
        status=InvitationStatus.PENDING,
        no_response_proposed_on__isnull=True,
        reminded_on__lte=today - timedelta(days=no_response_days()),
    ).select_related("created_by")
    for invitation in proposed:
        with transaction.atomic():
            if not Invitation.objects.filter(pk=invitation.pk, no_response_proposed_on__isnull=True).update(
                no_response_proposed_on=today
            ):
                continue
            if invitation.created_by is not None:
                notify(
                    recipients=[invitation.created_by],
                    kind="screening_no_response",
                    subject=str(_("Record “no response”: an invitation is still unanswered after the reminder")),
                    link=f"/screening/invitations/{invitation.pk}/",
                    channels=("in_app",),
                    dedupe_key=f"screening-no-response-{invitation.pk}",
                )
            counts["no_response_proposed"] += 1
    return counts


def answered_retention_days() -> int:
    """How long a decline or no response is kept (at least the 365 days it keeps the person off the list)."""
    return max(int(getattr(settings, "REINTEGRA_SCREENING_ANSWER_RETENTION_DAYS", 730)), 365)


def screening_purge(*, today: date | None = None) -> dict[str, int]:
    """Delete what is past its time: absences ended over two years ago, old declines and no-responses, old uploads."""
    from reintegra.screening.models import ImportJob
    from reintegra.screening.services.imports import absence_retention_days

    today = today or timezone.localdate()
    with transaction.atomic():
        absences, _detail = Absence.objects.filter(end__lt=today - timedelta(days=absence_retention_days())).delete()
        answers, _detail = Invitation.objects.filter(
            status__in=[InvitationStatus.DECLINED, InvitationStatus.NO_RESPONSE],
            answered_on__lt=today - timedelta(days=answered_retention_days()),
        ).delete()
        uploads, _detail = ImportJob.objects.filter(created_at__lt=timezone.now() - timedelta(days=7)).delete()
        if absences or answers:
            access_log_write(
                user=None,
                action=AccessAction.DELETE,
                object_type="absence",
                detail=f"retention: {absences} absences, {answers} answered invitations deleted",
            )
    return {"absences": absences, "answers": answers, "uploads": uploads}

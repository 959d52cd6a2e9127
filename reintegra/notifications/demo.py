"""Demo inbox entries and pending reminders for the demo case managers. Idempotent (keyed).

The demo cases are read through the model the reminders point at (`Reminder.case`): this app
does not import cases.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.notifications.kinds import ReminderKind
from reintegra.notifications.models import Channel, Reminder
from reintegra.notifications.services import notify
from reintegra.notifications.standard import local_date_text, review_due_reminder

WELCOME_SUBJECT = "Willkommen im Posteingang"
WELCOME_BODY = (
    "Hier erscheinen Erinnerungen (Einverständnis läuft ab, Überprüfung fällig, Nachsorge) und Mitteilungen "
    "zu Ihren Fällen. Sie erhalten sie zusätzlich per E-Mail.\n\n"
    "Reminders (consent expiring, review due, aftercare) and messages about your cases appear here. "
    "You also receive them by e-mail."
)


def load() -> list[str]:
    people = list(User.objects.filter(username__in=["anna", "ben", "carla", "olga"], is_demo=True))
    for person in people:
        notify(
            recipients=[person],
            kind="inbox_welcome",
            subject=WELCOME_SUBJECT,
            body=WELCOME_BODY,
            channels=(Channel.IN_APP,),
            dedupe_key="demo:inbox_welcome",
        )
    review_on = timezone.localdate() + timedelta(days=14)
    case_model: Any = Reminder._meta.get_field("case").related_model
    cases = list(
        case_model.objects.filter(case_manager__in=people, status="open").select_related("case_manager", "organisation")
    )
    for case in cases:
        review_due_reminder(case=case, due_on=review_on)
        notify(
            recipients=[case.case_manager],
            kind=ReminderKind.REVIEW_DUE,
            subject="",
            params={"reference": case.reference, "date": local_date_text(review_on)},
            case=case,
            link=case.get_absolute_url(),
            channels=(Channel.IN_APP,),
            dedupe_key=f"demo:review_due:{case.pk}",
        )
    return [f"inbox   {len(people)} welcome notes, {len(cases)} review reminders (due {local_date_text(review_on)})"]

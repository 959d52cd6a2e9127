"""Demo inbox entries and pending reminders for the demo case managers. Idempotent (keyed).

The demo cases are read through the model the reminders point at (`Reminder.case`): this app
does not import cases.
"""

from reintegra.accounts.models import User
from reintegra.notifications.kinds import ReminderKind
from reintegra.notifications.models import Channel, Reminder, ReminderState
from reintegra.notifications.services import notify

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
    # The inbox shows the review reminders the plans scheduled (the plan's own dates, from
    # `plans.selectors.due`); a case without a review schedule gets none.
    reminders = list(
        Reminder.objects.filter(recipient__in=people, kind=ReminderKind.REVIEW_DUE, case__status="open")
        .exclude(state=ReminderState.CANCELLED)
        .select_related("recipient", "case")
    )
    for reminder in reminders:
        notify(
            recipients=[reminder.recipient],
            kind=ReminderKind.REVIEW_DUE,
            subject="",
            params=reminder.params,
            case=reminder.case,
            link=reminder.link,
            channels=(Channel.IN_APP,),
            dedupe_key=f"demo:review_due:{reminder.case_id}",
        )
    return [f"inbox   {len(people)} welcome notes, {len(reminders)} review reminders (the plans' dates)"]

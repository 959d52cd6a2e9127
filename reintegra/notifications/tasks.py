"""Background tasks (django-tasks; `manage.py db_worker` runs them). Both are idempotent."""

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task

# Fresh e-mails are left to their own task for this long before a flush sends them.
EMAIL_GRACE = timedelta(minutes=5)


@task()
def send_notification_email(notification_id: str) -> bool:
    """Send one notification's e-mail; running it again sends nothing."""
    from reintegra.notifications.services import notification_email_send

    return notification_email_send(notification_id=notification_id)


@task()
def deliver_due_reminders() -> dict[str, Any]:
    """Deliver every due reminder exactly once, then catch up e-mails whose task was lost."""
    from reintegra.notifications.reminders import reminders_deliver_due
    from reintegra.notifications.services import notification_emails_flush

    now = timezone.now()
    report: dict[str, Any] = dict(reminders_deliver_due(now=now))
    report["emails_caught_up"] = notification_emails_flush(now=now, grace=EMAIL_GRACE)
    return report

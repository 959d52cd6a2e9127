"""Background work (django-tasks): erasing anonymous threads after the retention period. Idempotent."""

from django_tasks import task


@task()
def erase_expired_inquiries() -> int:
    """Erase the threads whose last message is older than REINTEGRA_INQUIRY_RETENTION_DAYS (not those of a case)."""
    from reintegra.inquiries.services import inquiries_erase_expired

    return inquiries_erase_expired()

import pytest
from django.db import transaction

from reintegra.accounts.tests.factories import UserFactory
from reintegra.audit.models import AccessLogEntry
from reintegra.audit.services import access_log_write

pytestmark = pytest.mark.django_db


def test_entries_live_in_the_audit_database():
    access_log_write(user=UserFactory(), action="read", object_type="case", case_id="c1")
    assert AccessLogEntry.objects.using("audit").count() == 1
    assert AccessLogEntry.objects.db == "audit"


def test_reads_are_written_at_once_changes_on_commit(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            access_log_write(user=user, action="change", object_type="case", case_id="c1")
            assert not AccessLogEntry.objects.filter(action="change").exists()
    assert AccessLogEntry.objects.filter(action="change", username=user.username).exists()


def test_rolled_back_change_leaves_no_entry(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                access_log_write(user=UserFactory(), action="change", object_type="case")
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert not AccessLogEntry.objects.exists()


def test_the_log_cannot_be_altered_or_deleted():
    access_log_write(user=UserFactory(), action="read", object_type="case")
    entry = AccessLogEntry.objects.get()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AccessLogEntry.objects.all().update(username="x")
    with pytest.raises(TypeError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.count() == 1

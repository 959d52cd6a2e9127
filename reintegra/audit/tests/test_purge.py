"""Retention: `manage.py purge_access_log` is the only way entries are deleted, and it logs itself."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.audit.services import access_log_purge

from .conftest import api_for, entry_at

pytestmark = pytest.mark.django_db


def days_ago(days, hour=12):
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days), time(hour)))


def purge():
    out = StringIO()
    call_command("purge_access_log", stdout=out)
    return out.getvalue()


def test_purges_entries_older_than_a_year_keeps_newer_ones_and_logs_its_run(alice):
    old = [entry_at(days_ago(days), user=alice, object_type=f"old{days}") for days in (366, 400, 3000)]
    kept = [
        entry_at(timezone.now() - timedelta(days=days), user=alice, object_type=f"kept{days}") for days in (0, 200, 364)
    ]
    output = purge()
    cutoff_day = (timezone.localdate() - timedelta(days=365)).isoformat()
    assert output.strip() == f"Purged 3 access-log entries older than {cutoff_day}."
    remaining = set(AccessLogEntry.objects.values_list("object_type", flat=True))
    assert not remaining & {e.object_type for e in old}
    assert {e.object_type for e in kept} <= remaining
    own = AccessLogEntry.objects.get(object_type="access_log")
    assert (own.action, own.user_id, own.username, own.organisation_id) == ("delete", "", "", "")
    assert own.detail == f"purged 3 entries older than {cutoff_day}"
    assert own.at >= kept[0].at


def test_a_purge_with_nothing_to_delete_is_logged_too(alice):
    entry_at(days_ago(10), user=alice)
    purge()
    assert AccessLogEntry.objects.get(action="delete").detail.startswith("purged 0 entries older than ")
    assert AccessLogEntry.objects.count() == 2


def test_a_longer_retention_keeps_more(settings, alice):
    settings.REINTEGRA_ACCESS_LOG_RETENTION_DAYS = 730
    entry_at(days_ago(400), user=alice, object_type="kept")
    entry_at(days_ago(731), user=alice, object_type="gone")
    purge()
    assert AccessLogEntry.objects.filter(object_type="kept").exists()
    assert not AccessLogEntry.objects.filter(object_type="gone").exists()


@pytest.mark.parametrize("value", [364, 30, 0, -1, "100", "a year", None])
def test_refuses_a_retention_below_one_year_or_not_a_number(settings, alice, value):
    settings.REINTEGRA_ACCESS_LOG_RETENTION_DAYS = value
    entry_at(days_ago(400), user=alice)
    with pytest.raises(CommandError) as error:
        purge()
    message = str(error.value)
    assert "REINTEGRA_ACCESS_LOG_RETENTION_DAYS" in message
    if isinstance(value, int) or value == "100":
        assert "at least one year (365 days)" in message
    assert AccessLogEntry.objects.count() == 1  # nothing deleted, nothing logged


def test_a_retention_given_as_text_is_read_as_days(settings, alice):
    settings.REINTEGRA_ACCESS_LOG_RETENTION_DAYS = "400"
    entry_at(days_ago(401), user=alice)
    purge()
    assert AccessLogEntry.objects.get().detail.startswith("purged 1 entries")


def test_the_purge_itself_refuses_to_reach_into_the_last_year(alice):
    entry_at(days_ago(100), user=alice)
    with pytest.raises(ValueError):
        access_log_purge(older_than=timezone.now() - timedelta(days=364))
    assert AccessLogEntry.objects.count() == 1


def test_the_model_still_refuses_every_other_deletion(alice):
    entry = entry_at(days_ago(400), user=alice)
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_every_organisations_officer_sees_the_purge(dora, olga, alice):
    entry_at(days_ago(400), user=alice)
    purge()
    for officer in (dora, olga):
        results = api_for(officer).get("/api/v1/access-log/", {"action": "delete"}).json()["results"]
        assert [(e["user"], e["object"], e["detail"][:6]) for e in results] == [(None, "access_log", "purged")]

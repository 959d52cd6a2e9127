"""`/healthz`, the worker heartbeat and the key canary (start-up check, rotation)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reintegra.core.checks import encryption_keys_fit_data_check
from reintegra.core.health import heartbeat_write
from reintegra.core.keys import CANARY_NAME, canary_state
from reintegra.core.models import KeyCanary, WorkerHeartbeat
from reintegra.core.tasks import backup_daily

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def canary_check_on(settings):
    settings.REINTEGRA_KEY_CANARY_CHECK = True  # off in the test settings (see there)


TEST_KEY = "dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU="
OTHER_KEY = "b3RoZXItZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMtbG8="
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_needs_no_sign_in_and_reports_a_late_worker_when_none_ever_beat(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "audit": "ok", "worker": "late", "keys": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_the_worker_ok_after_a_recent_heartbeat(client):
    heartbeat_write(worker_id="w1")
    assert client.get("/healthz").json()["worker"] == "ok"


def test_healthz_reports_the_worker_late_when_its_heartbeat_is_old(client):
    heartbeat_write(worker_id="w1", now=timezone.now() - timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 200  # the pages still work; reminders wait
    assert response.json()["worker"] == "late"


def test_healthz_reports_the_worker_late_when_a_ready_task_waits_too_long(client):
    heartbeat_write(worker_id="w1")
    with override_settings(TASKS=DB_TASKS):
        backup_daily.enqueue()
    assert client.get("/healthz").json()["worker"] == "ok"  # just enqueued: not late
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    assert client.get("/healthz").json()["worker"] == "late"


def test_healthz_answers_503_when_a_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connections["audit"], "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["audit"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_keys_cannot_decrypt_the_data(client):
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY]):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["keys"] == "wrong"


def test_a_migrated_database_has_a_canary_that_the_keys_decrypt():
    assert KeyCanary.objects.filter(name=CANARY_NAME).count() == 1
    assert canary_state() == "ok"
    assert encryption_keys_fit_data_check(None) == []


def test_the_start_up_check_stops_a_wrong_key():
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY]):
        assert [error.id for error in encryption_keys_fit_data_check(None)] == ["core.E002"]
        with pytest.raises(SystemCheckError, match="core.E002"):
            call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_check_can_be_switched_off_for_settings_that_never_use_their_database(settings):
    settings.REINTEGRA_KEY_CANARY_CHECK = False
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY]):
        assert encryption_keys_fit_data_check(None) == []


def test_a_database_without_canary_passes_the_check():
    KeyCanary.objects.all().delete()
    assert canary_state() == "missing"
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY]):
        assert encryption_keys_fit_data_check(None) == []


def test_the_canary_survives_a_key_rotation_with_reencrypt():
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY, TEST_KEY]):
        assert canary_state() == "ok"  # the old key still decrypts
        call_command("reencrypt", stdout=io.StringIO())
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY]):  # the old key dropped
        assert canary_state() == "ok"
        assert encryption_keys_fit_data_check(None) == []


def test_heartbeats_of_workers_gone_for_a_day_are_forgotten():
    heartbeat_write(worker_id="gone", now=timezone.now() - timedelta(days=2))
    heartbeat_write(worker_id="alive")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]

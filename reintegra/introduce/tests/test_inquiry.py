"""Discovery interviews: notes encrypted at rest, every read and change logged."""

from datetime import date

import pytest
from django.db import connection

from reintegra.audit.models import AccessLogEntry
from reintegra.introduce import services
from reintegra.introduce.models import Interview
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


def test_interview_notes_are_encrypted_at_rest(alice, project):
    interview = services.interview_create(
        actor=alice,
        project=project,
        data=services.InterviewData.build(
            {"interviewee": "Teamleitung", "conducted_on": date(2026, 10, 14), "notes": "Frau Huber hilft allen"}
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM introduce_interview WHERE id = %s", [interview.pk.hex])
        row = cursor.fetchone()
        if row is None:  # PostgreSQL stores the UUID natively
            cursor.execute("SELECT notes FROM introduce_interview WHERE id = %s", [interview.pk])
            row = cursor.fetchone()
    assert "Huber" not in row[0]
    assert Interview.objects.get().notes == "Frau Huber hilft allen"


def test_reading_and_changing_interviews_is_logged(
    api, client, alice, bob, project, django_capture_on_commit_callbacks
):
    client_api = api_for(alice)
    with django_capture_on_commit_callbacks(execute=True):  # changes are logged when they commit
        created = client_api.post(
            f"/api/v1/introduce/projects/{project.pk}/interviews/",
            {"interviewee": "HR", "conducted_on": "2026-10-01", "notes": "vertraulich"},
            format="json",
        ).json()
    api_for(bob).get(f"/api/v1/introduce/interviews/{created['id']}/")
    client.force_login(bob)
    assert client.get(f"/introduce/interviews/{created['id']}/").status_code == 200
    entries = AccessLogEntry.objects.filter(object_type="cm_interview")
    assert entries.filter(username="alice", action="change").count() == 1
    assert entries.filter(username="bob", action="read", object_id=created["id"]).count() == 2


def test_case_managers_read_but_do_not_record_interviews(client, bob, project):
    client.force_login(bob)
    assert client.get(f"/introduce/projects/{project.pk}/4d/").status_code == 200
    assert client.get(f"/introduce/projects/{project.pk}/interviews/new/").status_code == 403
    response = client.post(
        f"/introduce/projects/{project.pk}/interviews/new/", {"interviewee": "x", "conducted_on": "1.10.2026"}
    )
    assert response.status_code == 403
    assert not Interview.objects.exists()

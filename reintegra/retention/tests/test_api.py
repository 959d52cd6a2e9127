"""Retention API: periods per case type, the dry run, the run, legal holds, early erasure."""

import datetime

import pytest
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseType
from reintegra.retention.models import Erasure, LegalHold
from reintegra.retention.tests.conftest import close_long_ago
from tests.support.cases import case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_for(alice, first="Hanna", last="Behalten")
    close_long_ago(case.pk, days_ago=1096)
    return case


# --- retention per case type ----------------------------------------------------------------


def test_case_types_carry_retention_and_the_admin_changes_it(admin, alice):
    bem = CaseType.objects.get(organisation=admin.organisation, key="bem")
    listed = {t["key"]: t for t in api_for(alice).get("/api/v1/case-types/").json()["results"]}
    assert listed["bem"]["retention"] == {"after_closure_days": 1095, "not_admitted_days": 30}

    response = api_for(admin).patch(
        f"/api/v1/case-types/{bem.pk}/",
        {"retention": {"after_closure_days": 730, "not_admitted_days": 14}},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["retention"] == {"after_closure_days": 730, "not_admitted_days": 14}
    bem.refresh_from_db()
    assert (bem.retention_after_closure_days, bem.retention_not_admitted_days) == (730, 14)


def test_a_negative_period_is_refused_and_nothing_is_stored(admin):
    bem = CaseType.objects.get(organisation=admin.organisation, key="bem")
    response = api_for(admin).patch(
        f"/api/v1/case-types/{bem.pk}/",
        {"retention": {"after_closure_days": -1, "not_admitted_days": 30}},
        format="json",
    )
    assert response.status_code == 400
    assert "after_closure_days" in response.json()["retention"]
    bem.refresh_from_db()
    assert bem.retention_after_closure_days == 1095


def test_only_the_organisation_admin_changes_periods(alice, dora, admin, charlie):
    bem = CaseType.objects.get(organisation=admin.organisation, key="bem")
    body = {"retention": {"after_closure_days": 1, "not_admitted_days": 1}}
    for user in (alice, dora):
        assert api_for(user).patch(f"/api/v1/case-types/{bem.pk}/", body, format="json").status_code == 403
    other_admin = charlie  # a case manager of another organisation: 403 before any lookup
    assert api_for(other_admin).patch(f"/api/v1/case-types/{bem.pk}/", body, format="json").status_code == 403
    bem.refresh_from_db()
    assert bem.retention_after_closure_days == 1095


def test_another_organisations_case_type_is_not_found(admin):
    from reintegra.accounts.tests.factories import OrganisationFactory
    from reintegra.cases.services.case import case_types_ensure_shipped

    other = OrganisationFactory(name="Fremd AG")
    case_types_ensure_shipped(organisation=other)
    foreign = CaseType.objects.get(organisation=other, key="bem")
    body = {"retention": {"after_closure_days": 1, "not_admitted_days": 1}}
    assert api_for(admin).patch(f"/api/v1/case-types/{foreign.pk}/", body, format="json").status_code == 404


# --- the dry run and the run ----------------------------------------------------------------


def test_due_follows_the_period_that_applies(alice, dora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old = case_for(alice, first="A", last="Alt")
        young = case_for(alice, first="B", last="Jung")
        declined = case_for(alice, first="C", last="Abgelehnt")
        fresh_declined = case_for(alice, first="D", last="Frisch")
        case_for(alice, first="E", last="Offen")
    close_long_ago(old.pk, days_ago=1095)
    close_long_ago(young.pk, days_ago=1094)
    close_long_ago(declined.pk, days_ago=30, reason="declined")
    close_long_ago(fresh_declined.pk, days_ago=29, reason="declined")
    response = api_for(dora).get("/api/v1/retention/due/")
    assert response.status_code == 200
    due = {row["reference"]: row for row in response.json()["results"]}
    assert set(due) == {old.reference, declined.reference}
    today = timezone.localdate()
    assert due[old.reference]["due_on"] == str(today)
    assert due[old.reference]["reason"] == "after_closure"
    assert due[declined.reference]["reason"] == "declined"
    assert AccessLogEntry.objects.filter(username="dora", object_type="retention_due").exists()


def test_not_admitted_cases_use_the_short_period(alice, dora, django_capture_on_commit_callbacks):
    from reintegra.cases.models import Intake

    with django_capture_on_commit_callbacks(execute=True):
        case = case_for(alice, first="F", last="Nicht")
    Intake.objects.update_or_create(case=case, defaults={"decision": "not_admitted"})
    close_long_ago(case.pk, days_ago=31, reason="not_admitted")
    rows = api_for(dora).get("/api/v1/retention/due/").json()["results"]
    assert [(row["case"], row["reason"]) for row in rows] == [(str(case.pk), "not_admitted")]
    assert rows[0]["due_on"] == str(timezone.localdate() - datetime.timedelta(days=1))


def test_run_erases_due_cases_and_keeps_the_rest(alice, dora, closed_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = case_for(alice, first="G", last="Offen")
        response = api_for(dora).post("/api/v1/retention/run/", {}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["erased"] == 1 and body["results"][0]["case"] == str(closed_case.pk)
    assert not Case.objects.filter(pk=closed_case.pk).exists()
    assert Case.objects.filter(pk=kept.pk).exists()
    assert api_for(alice).get(f"/api/v1/cases/{closed_case.pk}/").status_code == 404
    entry = AccessLogEntry.objects.get(action="delete", case_id=str(closed_case.pk))
    assert entry.organisation_id == str(alice.organisation_id) and entry.username == "dora"
    log = api_for(dora).get("/api/v1/retention/erasures/").json()["results"]
    assert [(row["reference"], row["kind"]) for row in log] == [(closed_case.reference, "retention")]


def test_the_daily_task_erases_without_a_user(closed_case, django_capture_on_commit_callbacks):
    from reintegra.retention.tasks import retention_daily

    with django_capture_on_commit_callbacks(execute=True):
        assert retention_daily.call() == 1
    assert not Case.objects.filter(pk=closed_case.pk).exists()
    entry = AccessLogEntry.objects.get(action="delete", case_id=str(closed_case.pk))
    assert entry.organisation_id == str(closed_case.organisation_id) and entry.user_id == ""
    assert Erasure.objects.get(pk=closed_case.pk).erased_by is None


def test_only_data_protection_runs_and_reads(alice, lead, admin, closed_case):
    for user in (alice, lead, admin):
        api = api_for(user)
        assert api.get("/api/v1/retention/due/").status_code == 403
        assert api.post("/api/v1/retention/run/", {}, format="json").status_code == 403
        assert api.get("/api/v1/retention/holds/").status_code == 403
        assert api.get("/api/v1/retention/erasures/").status_code == 403
    assert Case.objects.filter(pk=closed_case.pk).exists()


def test_the_run_covers_only_the_officers_organisation(olga, closed_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert api_for(olga).post("/api/v1/retention/run/", {}, format="json").json()["erased"] == 0
    assert api_for(olga).get("/api/v1/retention/due/").json()["results"] == []
    assert Case.objects.filter(pk=closed_case.pk).exists()


# --- legal hold -----------------------------------------------------------------------------


def test_a_held_case_is_never_erased(dora, closed_case, django_capture_on_commit_callbacks):
    api = api_for(dora)
    url = f"/api/v1/cases/{closed_case.pk}/legal-hold/"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url, {"reason": "Gerichtsverfahren hängig"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["reference"] == closed_case.reference
    again = api.post(url, {"reason": "nochmals"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "legal_hold_exists"
    assert LegalHold.objects.get(case=closed_case).reason == "Gerichtsverfahren hängig"

    assert api.get("/api/v1/retention/due/").json()["results"] == []
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("/api/v1/retention/run/", {}, format="json").json()["erased"] == 0
    refused = api.post(f"/api/v1/cases/{closed_case.pk}/erase/", {"reason": "Antrag"}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "legal_hold"
    assert Case.objects.filter(pk=closed_case.pk).exists()
    holds = api.get("/api/v1/retention/holds/").json()["results"]
    assert [row["case"] for row in holds] == [str(closed_case.pk)]
    assert AccessLogEntry.objects.filter(object_type="legal_hold", case_id=str(closed_case.pk)).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(url).status_code == 204
    second = api.delete(url)
    assert second.status_code == 409 and second.json()["code"] == "no_legal_hold"
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("/api/v1/retention/run/", {}, format="json").json()["erased"] == 1


def test_a_hold_needs_a_reason(dora, closed_case):
    response = api_for(dora).post(f"/api/v1/cases/{closed_case.pk}/legal-hold/", {"reason": "  "}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    assert not LegalHold.objects.exists()


def test_holds_and_erasure_of_a_case_one_may_not_touch(alice, olga, closed_case):
    for path, body in (("legal-hold/", {"reason": "x"}), ("erase/", {"reason": "x"})):
        url = f"/api/v1/cases/{closed_case.pk}/{path}"
        assert api_for(alice).post(url, body, format="json").status_code == 403  # sees the case, may not
        assert api_for(olga).post(url, body, format="json").status_code == 404  # another organisation's
    assert api_for(olga).delete(f"/api/v1/cases/{closed_case.pk}/legal-hold/").status_code == 404
    assert Case.objects.filter(pk=closed_case.pk).exists() and not LegalHold.objects.exists()


# --- early erasure --------------------------------------------------------------------------


def test_early_erasure_on_request(alice, dora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_for(alice, first="Ida", last="Sofort")
    api = api_for(dora)
    assert api.post(f"/api/v1/cases/{case.pk}/erase/", {}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/cases/{case.pk}/erase/", {"reason": "Antrag der Person vom 1.12."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "request"
    assert api_for(alice).get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert api.post(f"/api/v1/cases/{case.pk}/erase/", {"reason": "nochmals"}, format="json").status_code == 404
    entries = api.get(f"/api/v1/access-log/?case={case.pk}").json()["results"]
    assert [entry["action"] for entry in entries if entry["action"] == "delete"] == ["delete"]
    assert Erasure.objects.get(pk=case.pk).reason == "Antrag der Person vom 1.12."


# --- the daily job --------------------------------------------------------------------------


def test_the_daily_run_is_claimed_once_per_day_by_any_number_of_workers(closed_case):
    from reintegra.core.models import PeriodicRun
    from reintegra.core.periodic import JOBS, periodic_claim_due

    job = next(job for job in JOBS if job.name == "retention.daily")
    now = timezone.now()
    assert periodic_claim_due(job=job, now=now, worker_id="a") is False  # the first sight schedules it
    due = PeriodicRun.objects.get(name="retention.daily").next_run_at
    assert timezone.localtime(due).hour == 3
    claims = [periodic_claim_due(job=job, now=due, worker_id=worker) for worker in ("a", "b", "c")]
    assert claims == [True, False, False]
    assert not Case.objects.filter(pk=closed_case.pk).exists()  # the inline task ran the erasure


def test_the_command_lists_and_erases(closed_case, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("erase_due_cases", "--dry-run", stdout=out)
    assert closed_case.reference in out.getvalue() and "Cases due: 1" in out.getvalue()
    assert Case.objects.filter(pk=closed_case.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_due_cases", stdout=out)
    assert "Cases erased: 1" in out.getvalue()
    assert not Case.objects.filter(pk=closed_case.pk).exists()

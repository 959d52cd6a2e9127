"""The data-protection page: due list and "run now", holds, early erasure, the deletion log."""

import pytest
from django.urls import reverse

from reintegra.cases.models import Case, CaseType
from reintegra.retention.models import LegalHold
from reintegra.retention.tests.conftest import close_long_ago
from tests.support.cases import case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_for(alice, first="Hanna", last="Behalten")
    close_long_ago(case.pk, days_ago=1200)
    return case


@pytest.fixture
def officer(client, dora):
    client.force_login(dora)
    return client


def test_the_page_lists_what_is_due_and_runs_it(officer, closed_case, django_capture_on_commit_callbacks):
    page = officer.get(reverse("retention:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert closed_case.reference in text and "Behalten" not in text  # references, never names
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(reverse("retention:run"), follow=True)
    assert response.status_code == 200
    assert not Case.objects.filter(pk=closed_case.pk).exists()
    assert closed_case.reference in response.content.decode()  # now in the deletion log


def test_hold_and_release_through_the_page(officer, closed_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            reverse("retention:hold_set"), {"hold-reference": closed_case.reference.lower(), "hold-reason": "Verfahren"}
        )
    assert response.status_code == 302
    assert LegalHold.objects.filter(case=closed_case).exists()
    again = officer.post(reverse("retention:hold_set"), {"hold-reference": closed_case.reference, "hold-reason": "x"})
    assert again.status_code == 400 and "bereits eine Löschsperre" in again.content.decode()  # in German
    refused = officer.post(
        reverse("retention:erase"),
        {"erase-reference": closed_case.reference, "erase-reason": "Antrag", "erase-confirm": "on"},
    )
    assert refused.status_code == 400
    assert Case.objects.filter(pk=closed_case.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.post(reverse("retention:hold_release", args=[closed_case.pk])).status_code == 302
    assert not LegalHold.objects.exists()


def test_early_erasure_needs_a_reason_and_a_confirmation(officer, closed_case, django_capture_on_commit_callbacks):
    url = reverse("retention:erase")
    assert officer.post(url, {"erase-reference": closed_case.reference, "erase-reason": "Antrag"}).status_code == 400
    assert (
        officer.post(url, {"erase-reference": "BEM-1999-9999", "erase-reason": "x", "erase-confirm": "on"}).status_code
        == 400
    )
    assert Case.objects.filter(pk=closed_case.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            url, {"erase-reference": closed_case.reference, "erase-reason": "Antrag", "erase-confirm": "on"}
        )
    assert response.status_code == 302
    assert not Case.objects.filter(pk=closed_case.pk).exists()


def test_others_do_not_find_the_page(client, alice, admin, closed_case):
    for user in (alice, admin):
        client.force_login(user)
        assert client.get(reverse("retention:index")).status_code == 404
        assert client.post(reverse("retention:run")).status_code == 404
    assert Case.objects.filter(pk=closed_case.pk).exists()


def test_the_case_type_page_sets_the_periods(client, admin):
    bem = CaseType.objects.get(organisation=admin.organisation, key="bem")
    client.force_login(admin)
    url = reverse("cases:case_type_edit", args=[bem.pk])
    form = client.get(url)
    assert 'name="retention_after_closure_days"' in form.content.decode()
    data = {
        "name": bem.name,
        "reference_prefix": bem.reference_prefix,
        "criteria": "\n".join(bem.criteria),
        "information_text": bem.information_text,
        "retention_after_closure_days": "-5",
        "retention_not_admitted_days": "30",
        "version": bem.version,
    }
    assert client.post(url, data).status_code == 400
    bem.refresh_from_db()
    assert bem.retention_after_closure_days == 1095
    assert client.post(url, {**data, "retention_after_closure_days": "365"}).status_code == 302
    bem.refresh_from_db()
    assert bem.retention_after_closure_days == 365


def test_the_access_log_page_names_the_daily_run(officer, closed_case, django_capture_on_commit_callbacks):
    from reintegra.retention.tasks import retention_daily

    with django_capture_on_commit_callbacks(execute=True):
        retention_daily.call()
    page = officer.get(reverse("audit:log"), {"case": str(closed_case.pk)})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Löschlauf nach Aufbewahrungsfrist" in text  # not "anonymous"

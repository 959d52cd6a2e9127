"""Threads are erased after the retention period (a setting), unless they became a case."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.cases.models import CaseType
from reintegra.cases.services.case import case_create
from reintegra.inquiries.models import Inquiry, InquiryMessage
from reintegra.inquiries.services import inquiries_erase_expired, inquiry_create
from reintegra.inquiries.tasks import erase_expired_inquiries

pytestmark = pytest.mark.django_db


def _thread(org, days_ago: int) -> Inquiry:
    inquiry, _given = inquiry_create(organisation=org, text=f"Frage von vor {days_ago} Tagen")
    Inquiry.objects.filter(pk=inquiry.pk).update(last_message_at=timezone.now() - timedelta(days=days_ago))
    return inquiry


def test_threads_older_than_the_retention_period_are_erased_unless_they_became_a_case(
    org, alice, django_capture_on_commit_callbacks
):
    old, recent = _thread(org, 91), _thread(org, 89)
    kept_as_case = _thread(org, 200)
    bem = CaseType.objects.get(organisation=org, key="bem")
    case = case_create(actor=alice, case_type=bem, client={"first_name": "A", "last_name": "B"})
    Inquiry.objects.filter(pk=kept_as_case.pk).update(case=case)
    with django_capture_on_commit_callbacks(execute=True):
        assert inquiries_erase_expired() == 1
    assert set(Inquiry.objects.values_list("pk", flat=True)) == {recent.pk, kept_as_case.pk}
    assert not InquiryMessage.objects.filter(inquiry_id=old.pk).exists()
    entry = AccessLogEntry.objects.get(action=AccessAction.DELETE, object_type="inquiry")
    assert entry.object_id == str(old.pk) and str(org.pk) in entry.detail
    assert inquiries_erase_expired() == 0  # idempotent


def test_the_period_is_a_setting(org, settings):
    settings.REINTEGRA_INQUIRY_RETENTION_DAYS = 10
    _thread(org, 11)
    kept = _thread(org, 9)
    assert inquiries_erase_expired() == 1
    assert list(Inquiry.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_command_and_the_task_erase_the_same(org):
    _thread(org, 95)
    out = StringIO()
    call_command("erase_inquiries", stdout=out)
    assert "Inquiries erased: 1" in out.getvalue()
    _thread(org, 120)
    result = erase_expired_inquiries.enqueue()  # ImmediateBackend in tests: runs inline
    assert result.return_value == 1
    assert not Inquiry.objects.exists()

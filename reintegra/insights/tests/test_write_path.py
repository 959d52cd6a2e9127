"""The statistical records are kept on write (the write path's last step) and equal a full recomputation."""

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict

from reintegra.cases.models import Case, NoteKind
from reintegra.cases.services.closure import case_close
from reintegra.cases.services.common import CASE_TOUCH_STEPS
from reintegra.cases.services.notes import note_add
from reintegra.insights.models import CaseFigures
from reintegra.insights.services import case_figures_rebuild, case_figures_refresh_step, case_figures_release
from reintegra.insights.services.figures import FIELDS
from reintegra.insights.tests.conftest import open_case

pytestmark = pytest.mark.django_db


def _stored() -> dict:
    """Every record (its fields, costs and answers) by case."""
    return {
        row.case_id: {
            **{name: value for name, value in model_to_dict(row).items() if f"{name}_id" in FIELDS or name in FIELDS},
            "costs": sorted((cost.bearer, cost.planned, cost.actual) for cost in row.costs.all()),
            "answers": sorted((answer.item, answer.value) for answer in row.answers.all()),
        }
        for row in CaseFigures.objects.prefetch_related("costs", "answers")
    }


def test_the_step_is_registered_with_the_write_path():
    assert case_figures_refresh_step in CASE_TOUCH_STEPS


def test_records_follow_the_services_and_equal_a_full_recomputation(alice, lead, today):
    first = open_case(alice, today - timedelta(days=40))
    second = open_case(alice, today - timedelta(days=10), case_type="iv-early")
    record = CaseFigures.objects.get(case=first)
    assert (record.opened_on, record.closed_on, record.current_phase) == (first.opened_on, None, "intake")
    note_add(
        actor=alice, case=first, text="Erstes Gespräch", kind=NoteKind.CONTACT, occurred_on=today - timedelta(days=37)
    )
    first = Case.objects.get(pk=first.pk)
    case_close(actor=alice, case=first, reason="goals_achieved", agreed_with_client=True, override_reason="Test")
    record.refresh_from_db()
    assert (record.first_contact_days, record.closed_on, record.days_to_close) == (3, today, 40)
    assert CaseFigures.objects.get(case=second).rtw_applicable is True

    maintained = _stored()
    case_figures_rebuild()
    assert _stored() == maintained
    assert len(maintained) == 2


def test_full_recomputation_of_the_hand_built_data(data):
    """The data set is built partly behind the services' back and then rebuilt: rebuilding again
    changes nothing, and refreshing each case as the write path does gives the same rows."""
    rebuilt = _stored()
    assert any(record["costs"] for record in rebuilt.values()) and any(record["answers"] for record in rebuilt.values())
    for case in Case.objects.all():
        case_figures_refresh_step(case.pk)
    assert _stored() == rebuilt


def test_an_erased_case_leaves_its_record(alice, today):
    case = open_case(alice, today - timedelta(days=5))
    record = CaseFigures.objects.get(case=case)
    Case.objects.filter(pk=case.pk).delete()
    record.refresh_from_db()
    assert record.case_id is None and record.opened_on == today - timedelta(days=5)
    case_figures_rebuild()  # a recomputation leaves records without a case alone
    assert CaseFigures.objects.filter(pk=record.pk).exists()


def test_released_records_keep_the_month_and_the_durations(alice, today):
    opened = today.replace(day=1) - timedelta(days=50)
    case = open_case(alice, opened)
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=opened + timedelta(days=33))
    assert case_figures_release(case_ids=[case.pk]) == 1
    record = CaseFigures.objects.get(days_to_close=33)
    assert record.case_id is None
    assert record.opened_on == opened.replace(day=1)
    assert record.closed_on == (opened + timedelta(days=33)).replace(day=1)
    Case.objects.filter(pk=case.pk).delete()
    assert CaseFigures.objects.filter(pk=record.pk).exists()

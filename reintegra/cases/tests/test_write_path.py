"""Every change ends in the write path's last step (`event_record` → `case_touch`): the stored
checklist state equals a computation from the records right after the write, with no read in
between — bulk-inserted rows (a review's ratings) included — and no model signal is left."""

import weakref

import pytest
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from reintegra.cases.checklist import checklist_states_load
from reintegra.cases.models import Case, CaseEvent

from .conftest import NEW_CASE
from .test_performance_paths import GOAL

pytestmark = pytest.mark.django_db


def _stored_equals_records(case_id):
    stored = Case.objects.get(pk=case_id)
    assert stored.checklist_state == checklist_states_load([stored.pk])[stored.pk]
    assert stored.last_activity_at == CaseEvent.objects.filter(case_id=case_id).latest("at").at
    return stored.checklist_state


def test_bulk_written_ratings_reach_the_stored_state(api):
    case = api.post("/api/v1/cases/", NEW_CASE, format="json").json()
    assert _stored_equals_records(case["id"])["review"] is False
    goal = api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json")
    assert goal.status_code == 201, goal.content
    assert _stored_equals_records(case["id"])["goal_complete"] is True
    review = {
        "date": timezone.localdate().isoformat(),
        "ratings": [{"goal": goal.json()["id"], "score": 1}],
        "note": "Gespräch: Schmerzen besser",
    }
    response = api.post(f"/api/v1/cases/{case['id']}/reviews/", review, format="json")
    assert response.status_code == 201, response.content
    # GoalRating rows are bulk-inserted by review_create; the service's last step saw them
    assert _stored_equals_records(case["id"])["review"] is True


@pytest.mark.parametrize("signal", [pre_save, post_save, pre_delete, post_delete, m2m_changed])
def test_no_model_signal_receivers_of_the_product(signal):
    """Model signals carry no domain state: no receiver of the product's code is connected."""
    receivers = [entry[1]() if isinstance(entry[1], weakref.ReferenceType) else entry[1] for entry in signal.receivers]
    assert not [r for r in receivers if getattr(r, "__module__", "").startswith("reintegra.")], receivers

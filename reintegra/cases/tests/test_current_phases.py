"""`Case.current_phases`: the phases in progress on the case row, kept by the write path's last
step (`case_touch`), and the list's phase filter that reads it."""

import pytest

from reintegra.cases.models import Case, CasePhase, PhaseStatus
from reintegra.cases.selectors import case_list, case_list_page
from reintegra.cases.services.common import current_phases_load, current_phases_refresh, current_phases_value
from reintegra.plans.tests.conftest import GOAL

pytestmark = pytest.mark.django_db

PHASES = ["intake", "assessment", "planning", "monitoring", "evaluation"]


def assert_stored_right() -> None:
    for case in Case.objects.all():
        assert case.current_phases == current_phases_load([case.pk])[case.pk]


def opened(api, case):
    pass


def goal_added(api, case):
    assert api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json").status_code == 201


def phase_completed(api, case):
    body = {"override_reason": "Assessment extern erfolgt"}
    assert api.post(f"/api/v1/cases/{case['id']}/phases/assessment/complete/", body, format="json").status_code == 200


def phase_reopened(api, case):
    phase_completed(api, case)
    body = {"reason": "Neue Befunde"}
    assert api.post(f"/api/v1/cases/{case['id']}/phases/assessment/reopen/", body, format="json").status_code == 200


WRITES = [opened, goal_added, phase_completed, phase_reopened]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
def test_current_phases_stay_right_after_each_kind_of_write(write, api, case):
    assert_stored_right()
    write(api, case)
    assert_stored_right()


def test_value_is_in_cycle_order_between_bars():
    assert current_phases_value(["planning", "intake"]) == "|intake|planning|"
    assert current_phases_value([]) == ""


def test_phase_filter_equals_the_phase_rows(api, alice):
    from tests.support.cases import case_via_api

    made = [case_via_api(api) for _ in range(4)]
    api.post(f"/api/v1/cases/{made[0]['id']}/goals/", GOAL, format="json")
    CasePhase.objects.filter(case_id=made[1]["id"], key="monitoring").update(status=PhaseStatus.IN_PROGRESS)
    current_phases_refresh(case_ids=[made[1]["id"]])  # written directly, as a bulk load
    for key in PHASES:
        old = set(
            Case.objects.visible_to(alice)
            .filter(phases__key=key, phases__status=PhaseStatus.IN_PROGRESS)
            .values_list("pk", flat=True)
        )
        new = {case.pk for case in case_list_page(case_list(user=alice, phase=key), stop=50)}
        assert new == old, key

"""#17 item 4: the screening list leaves out whoever has an open case for the rule — also a case opened by hand
(not from an invitation), matched to the employee by birth date and name — at once and after every run."""

import pytest

from reintegra.cases.models import Case
from reintegra.screening.models import Employee, ScreeningHit
from reintegra.screening.services.runs import screening_run
from reintegra.screening.tests.conftest import csv_file, day
from tests.support.cases import case_via_api

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

LONG = f"1001,Jürg,Müller,1975-04-02,Basel,{day(60)},{day(11)},illness,100,5"


def _rules(client) -> set[str]:
    response = client.get("/api/v1/screening/")
    assert response.status_code == 200, response.content
    return {entry["rule"] for entry in response.json()["results"]}


@pytest.fixture
def listed(api, alice, django_capture_on_commit_callbacks):
    client = api(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/absences/import/", {"file": csv_file(LONG)}, format="multipart")
    assert response.status_code == 200, response.content
    assert _rules(client) == {"bem", "iv-early"}
    return client


def _open_by_hand(client, capture, **client_changes):
    with capture(execute=True):
        return case_via_api(client, case_type="bem", client=client_changes)


def test_a_case_opened_by_hand_takes_the_person_off_the_list_for_its_rule_at_once(
    listed, alice, django_capture_on_commit_callbacks
):
    case = _open_by_hand(listed, django_capture_on_commit_callbacks)
    assert Employee.objects.get().client_id is None  # not linked: matched by name and birth date
    assert _rules(listed) == {"iv-early"}  # the other rule's case type has no open case
    # … and the next run (after an import, every night) keeps it off.
    screening_run(organisation=alice.organisation)
    assert _rules(listed) == {"iv-early"}
    refused = listed.post("/api/v1/screening/invitations/", {"employee": str(Employee.objects.get().pk), "rule": "bem"})
    assert refused.status_code == 400 and list(refused.json()) == ["employee"]
    # Closed, the person is listed again at the next run.
    Case.objects.filter(pk=case["id"]).update(status="closed")
    screening_run(organisation=alice.organisation)
    assert _rules(listed) == {"bem", "iv-early"}


def test_the_match_ignores_the_case_of_letters(listed, alice, django_capture_on_commit_callbacks):
    _open_by_hand(listed, django_capture_on_commit_callbacks, first_name="JüRG", last_name="MüLLER")
    assert _rules(listed) == {"iv-early"}
    ScreeningHit.objects.update(listed=True)
    screening_run(organisation=alice.organisation)
    assert _rules(listed) == {"iv-early"}


@pytest.mark.parametrize(
    "other",
    [
        {"birth_date": "1980-01-01"},  # a namesake with another birth date
        {"first_name": "Anna"},  # same family, same birthday
    ],
)
def test_another_person_s_case_leaves_the_employee_listed(listed, alice, django_capture_on_commit_callbacks, other):
    _open_by_hand(listed, django_capture_on_commit_callbacks, **other)
    assert _rules(listed) == {"bem", "iv-early"}
    screening_run(organisation=alice.organisation)
    assert _rules(listed) == {"bem", "iv-early"}


def test_without_a_birth_date_a_namesake_s_case_does_not_count(api, alice, django_capture_on_commit_callbacks):
    client = api(alice)
    line = f"1001,Jürg,Müller,,Basel,{day(60)},{day(11)},illness,100,5"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/api/v1/absences/import/", {"file": csv_file(line)}, format="multipart").status_code == 200
    _open_by_hand(client, django_capture_on_commit_callbacks, birth_date=None)
    screening_run(organisation=alice.organisation)
    assert _rules(client) == {"bem", "iv-early"}


def test_another_organisation_s_case_does_not_count(listed, alice, charlie, api, django_capture_on_commit_callbacks):
    _open_by_hand(api(charlie), django_capture_on_commit_callbacks)
    screening_run(organisation=alice.organisation)
    assert _rules(listed) == {"bem", "iv-early"}

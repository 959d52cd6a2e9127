"""measure_done_by_participant: the responsible participant's account, while disclosed; note required; version."""

import pytest
from django.http import Http404
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import Case, CaseEvent, CaseStatus
from reintegra.cases.services.participants import participant_create
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record, consent_withdraw
from reintegra.core.exceptions import Conflict, InvalidInput
from reintegra.plans.models import Measure, PlanChange
from reintegra.plans.services.portal import measure_done_by_participant

from .conftest import measure_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def emil(org):
    return member(UserFactory(username="emil", organisation=org), Role.EMPLOYER_CONTACT)


@pytest.fixture
def hr(alice, case, emil):
    return participant_create(
        actor=alice,
        case=Case.objects.get(pk=case["id"]),
        data={"role": "employer_contact", "name": "Emil HR"},
        user=emil,
    )


@pytest.fixture
def share(alice, case, hr):
    return consent_record(
        actor=alice,
        case=Case.objects.get(pk=case["id"]),
        purpose="share_with_employer",
        form="written",
        given_on=timezone.localdate(),
    )


@pytest.fixture
def emils_measure(api, case, goal, hr):
    response = api.post(
        f"/api/v1/cases/{case['id']}/measures/", measure_body(goal["id"], responsible=str(hr.pk)), format="json"
    )
    assert response.status_code == 201, response.content
    return Measure.objects.select_related("responsible_participant").get(pk=response.json()["id"])


def test_done_with_note(emil, share, emils_measure):
    measure = measure_done_by_participant(actor=emil, measure=emils_measure, note=" Erledigt. ", version=1)
    assert Measure.objects.get(pk=measure.pk).status == "done" and measure.version == 2
    change = PlanChange.objects.filter(object_id=measure.pk).order_by("created_at").last()
    assert change.reason == "Erledigt." and change.fields == ["status"]
    event = CaseEvent.objects.get(kind="measure_done_by_participant")
    assert event.summary.startswith("Measure done by Emil HR") and "Erledigt" not in str(event.new)


@pytest.mark.parametrize(
    "note,version,field", [("", 1, "note"), (None, 1, "note"), ("x" * 2001, 1, "note"), ("ok", "1", "version")]
)
def test_bad_input(emil, share, emils_measure, note, version, field):
    with pytest.raises(InvalidInput) as caught:
        measure_done_by_participant(actor=emil, measure=emils_measure, note=note, version=version)
    assert field in caught.value.errors
    assert Measure.objects.get(pk=emils_measure.pk).status != "done"


def test_stale_version(emil, share, emils_measure):
    with pytest.raises(Conflict):
        measure_done_by_participant(actor=emil, measure=emils_measure, note="ok", version=5)


def test_without_consent_or_not_theirs_is_404(alice, bob, emil, case, share, emils_measure, org):
    other = member(UserFactory(username="otto", organisation=org), Role.EMPLOYER_CONTACT)
    for actor in (alice, bob, other):
        with pytest.raises(Http404):
            measure_done_by_participant(actor=actor, measure=emils_measure, note="ok", version=1)
    consent_withdraw(actor=alice, case=Case.objects.get(pk=case["id"]), consent=Consent.objects.get(pk=share.pk))
    with pytest.raises(Http404):
        measure_done_by_participant(actor=emil, measure=emils_measure, note="ok", version=1)
    assert Measure.objects.get(pk=emils_measure.pk).status != "done"


def test_closed_case_conflicts(emil, share, emils_measure, case):
    Case.objects.filter(pk=case["id"]).update(status=CaseStatus.CLOSED)
    with pytest.raises(Conflict):
        measure_done_by_participant(actor=emil, measure=emils_measure, note="ok", version=1)

"""consent_withdraw_by_client: the client of the case only; at once; participants lose access."""

import pytest
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import Case, CaseEvent, CaseType
from reintegra.cases.services.case import case_create
from reintegra.cases.services.participants import participant_create
from reintegra.consents.services import consent_record, consent_withdraw_by_client
from reintegra.core.exceptions import PermissionDenied

pytestmark = pytest.mark.django_db


def new_case(alice, first):
    case_type = CaseType.objects.get(organisation=alice.organisation, key="bem")
    return case_create(actor=alice, case_type=case_type, client={"first_name": first, "last_name": "Muster"})


@pytest.fixture
def juerg(case):
    user = member(UserFactory(username="juerg", organisation=case.organisation), Role.CLIENT)
    case.client.user = user
    case.client.save()
    return user


@pytest.fixture
def emil(alice, case):
    user = member(UserFactory(username="emil", organisation=alice.organisation), Role.EMPLOYER_CONTACT)
    participant_create(actor=alice, case=case, data={"role": "employer_contact", "name": "Emil"}, user=user)
    return user


@pytest.fixture
def share(alice, case):
    return consent_record(
        actor=alice, case=case, purpose="share_with_employer", form="oral", given_on=timezone.localdate()
    )


def test_withdrawal_takes_effect_at_once(juerg, emil, case, share):
    assert Case.objects.disclosed_to(emil).filter(pk=case.pk).exists()
    consent = consent_withdraw_by_client(actor=juerg, consent=share)
    assert consent.withdrawn_on == timezone.localdate() and consent.version == 2
    assert not Case.objects.disclosed_to(emil).filter(pk=case.pk).exists()
    event = CaseEvent.objects.get(case=case, kind="consent_withdrawn")
    assert event.actor == juerg and event.new["by"] == "client"
    again = consent_withdraw_by_client(actor=juerg, consent=share)
    assert again.version == 2  # twice changes nothing


def test_staff_other_clients_and_participants_may_not(alice, emil, case, share):
    other_case = new_case(alice, "Zora")
    zora = member(UserFactory(username="zora", organisation=alice.organisation), Role.CLIENT)
    other_case.client.user = zora
    other_case.client.save()
    for actor in (alice, emil, zora):
        with pytest.raises(PermissionDenied):
            consent_withdraw_by_client(actor=actor, consent=share)
    share.refresh_from_db()
    assert share.withdrawn_on is None

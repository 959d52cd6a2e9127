"""The client's own rating (assessment_item_rate_by_client): only the rating fields, 0–4, version, the client only."""

import pytest

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.assessments.models import AssessmentItem
from reintegra.assessments.services import assessment_item_rate_by_client
from reintegra.cases.models import Case, CaseEvent, CaseStatus, Client
from reintegra.core.exceptions import Conflict, InvalidInput, PermissionDenied

from .conftest import ASSESSMENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(api, case):
    response = api.post(f"/api/v1/cases/{case['id']}/assessments/", ASSESSMENT, format="json")
    assert response.status_code == 201, response.content
    return AssessmentItem.objects.get(assessment_id=response.json()["id"], kind="problem")


@pytest.fixture
def client_user(org, case):
    user = member(UserFactory(username="juerg", organisation=org), Role.CLIENT)
    Client.objects.filter(cases__id=case["id"]).update(user=user)
    return user


def test_the_client_rates_and_only_the_rating_changes(client_user, item, alice):
    saved = assessment_item_rate_by_client(actor=client_user, item=item, client_rating=4, version=item.version)
    stored = AssessmentItem.objects.get(pk=item.pk)
    assert saved.version == stored.version == 2
    assert (stored.client_rating, stored.client_rating_source, stored.client_rated_by) == (4, "client", client_user)
    assert stored.professional_rating == 3 and stored.text == "Rückenschmerzen beim Heben"
    assert CaseEvent.objects.filter(kind="client_rating_entered", actor=client_user).exists()


@pytest.mark.parametrize("value", [5, -1, "2", 2.0, True, None])
def test_bad_values_name_the_field(client_user, item, value):
    with pytest.raises(InvalidInput) as caught:
        assessment_item_rate_by_client(actor=client_user, item=item, client_rating=value, version=1)
    assert "client_rating" in caught.value.errors
    assert AssessmentItem.objects.get(pk=item.pk).client_rating == 1


def test_stale_version_conflicts(client_user, item):
    with pytest.raises(Conflict):
        assessment_item_rate_by_client(actor=client_user, item=item, client_rating=2, version=7)
    assert AssessmentItem.objects.get(pk=item.pk).version == 1


@pytest.mark.parametrize("who", ["alice", "bob", "other_client"])
def test_nobody_else_may(request, org, item, who):
    if who == "other_client":
        actor = member(UserFactory(username="zora", organisation=org), Role.CLIENT)
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        assessment_item_rate_by_client(actor=actor, item=item, client_rating=2, version=1)
    assert AssessmentItem.objects.get(pk=item.pk).client_rating == 1


def test_closed_case_conflicts(client_user, item, case):
    Case.objects.filter(pk=case["id"]).update(status=CaseStatus.CLOSED)
    with pytest.raises(Conflict):
        assessment_item_rate_by_client(actor=client_user, item=item, client_rating=2, version=1)

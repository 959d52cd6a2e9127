"""The app's permission predicates, its typed service inputs and the API list filters."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from reintegra.core.exceptions import InvalidInput
from reintegra.introduce import permissions, services
from reintegra.introduce.models import ActionItem, ImplementationProject, RaciRow, ResourceEntry, SoarItem
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(project, bob):
    return SoarItem.objects.create(project=project, quadrant="strengths", text="Kurze Wege", author=bob)


def test_predicates_answer_for_every_person(alice, tina, bob, dora, employer, charlie, project, item, session):
    """Editors (admin, team lead) edit; every staff member views and contributes; others nothing."""
    anonymous = AnonymousUser()
    answers = {
        person.username if person.is_authenticated else "anonymous": (
            permissions.can_view_introduction(person, project),
            permissions.can_edit_introduction(person, project),
            permissions.can_add_soar_item(person, project),
            permissions.can_vote_soar_item(person, item),
            permissions.can_change_soar_item(person, item),
            permissions.can_view_signups(person, session),
        )
        for person in (alice, tina, bob, dora, employer, charlie, anonymous)
    }
    assert answers == {
        "alice": (True, True, True, True, True, True),
        "tina": (True, True, True, True, True, True),
        "bob": (True, False, True, True, True, False),  # bob wrote the item
        "dora": (True, False, True, True, False, False),
        "employer": (False, False, False, False, False, False),  # portal only
        "charlie": (False, False, False, False, False, False),  # another organisation
        "anonymous": (False, False, False, False, False, False),
    }


def test_the_host_sees_the_sign_ups_of_their_own_session_only(bob, session):
    assert not permissions.can_view_signups(bob, session)
    session.host = bob
    assert permissions.can_view_signups(bob, session)


def test_a_payload_names_every_missing_required_field():
    with pytest.raises(InvalidInput) as excinfo:
        services.StakeholderData.build({"name": "HR", "version": 3})
    assert set(excinfo.value.errors) == {"level", "status"}


def test_an_update_payload_keeps_the_stored_values_it_does_not_replace(alice, project):
    action = ActionItem.objects.create(project=project, title="Schulung", owner=alice, due_on=date(2026, 11, 3))
    data = services.ActionData.build({"status": "done", "version": 1}, base=services.ActionData.of(action))
    assert data == services.ActionData(title="Schulung", owner=alice, due_on=date(2026, 11, 3), status="done")
    services.action_update(actor=alice, action=action, data=data, version=action.version)
    action.refresh_from_db()
    assert (action.title, action.owner, action.status, action.version) == ("Schulung", alice, "done", 2)


def test_a_partial_patch_changes_only_what_it_names(alice, unit):
    project = ImplementationProject.objects.create(organisation=alice.organisation, title="Pilot", unit=unit)
    project.participating_units.add(unit)
    response = api_for(alice).patch(
        f"/api/v1/introduce/projects/{project.pk}/", {"scope_note": "Nur Basel", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.json()
    project.refresh_from_db()
    assert (project.title, project.unit, project.scope_note) == ("Pilot", unit, "Nur Basel")
    assert list(project.participating_units.all()) == [unit]


def test_api_lists_filter_through_their_filterset_and_refuse_unknown_values(alice, project):
    ResourceEntry.objects.create(project=project, kind="process", title="Rückkehrgespräch", phase="planning")
    ResourceEntry.objects.create(project=project, kind="method", title="Erstgespräch", phase="intake")
    RaciRow.objects.create(organisation=alice.organisation, phase="intake", activity="Aufnahme")
    client = api_for(alice)
    resources = f"/api/v1/introduce/projects/{project.pk}/resources/"
    assert [r["title"] for r in client.get(resources + "?phase=intake").json()["results"]] == ["Erstgespräch"]
    assert [r["title"] for r in client.get(resources + "?kind=process").json()["results"]] == ["Rückkehrgespräch"]
    bad = client.get(resources + "?phase=someday")
    assert bad.status_code == 400 and "phase" in bad.json()
    assert client.get("/api/v1/introduce/raci-rows/?phase=planning").json()["results"] == []
    assert len(client.get("/api/v1/introduce/raci-rows/?phase=intake").json()["results"]) == 1

"""Every API resource: create, read, PATCH with version (409 when stale), delete, bad input, access.

One table drives the tests; each row names a resource, how to build its URLs,
a valid payload, a change, and bad payloads with the field the 400 must name.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest

from reintegra.introduce.models import (
    ActionItem,
    CommunicationRule,
    DocumentTemplate,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    KnowledgePage,
    RaciRow,
    ResourceEntry,
    SoarItem,
    Stakeholder,
    Statement,
)
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


@dataclass
class Resource:
    name: str
    model: Any
    list_path: str  # "{project}" is replaced by the project's id
    detail_path: str
    valid: dict[str, Any]
    change: dict[str, Any]
    bad: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    editors_only: bool = True


RESOURCES = [
    Resource(
        "stakeholder", Stakeholder, "projects/{project}/stakeholders/", "stakeholders/{id}/",
        {"name": "Personalkommission", "level": "operational", "status": "needed"},
        {"status": "on_board"},
        [
            ({"name": "x", "level": "galaxy", "status": "needed"}, "level"),
            ({"level": "middle", "status": "needed"}, "name"),
        ],
    ),
    Resource(
        "resource", ResourceEntry, "projects/{project}/resources/", "resources/{id}/",
        {"kind": "process", "title": "Absenzenmanagement", "phase": "intake"},
        {"phase": "monitoring"},
        [
            ({"kind": "process", "title": "x", "phase": "afterlife"}, "phase"),
            ({"kind": 5, "title": "x", "phase": "intake"}, "kind"),
        ],
    ),
    Resource(
        "soar item", SoarItem, "projects/{project}/soar-items/", "soar-items/{id}/",
        {"quadrant": "strengths", "text": "Kurze Wege"},
        {"text": "Sehr kurze Wege"},
        [({"quadrant": "weaknesses", "text": "x"}, "quadrant"), ({"quadrant": "results", "text": "x" * 2001}, "text")],
        editors_only=False,
    ),
    Resource(
        "interview question", InterviewQuestion, "projects/{project}/interview-questions/", "interview-questions/{id}/",
        {"text": "Was hat geholfen?"},
        {"position": 3},
        [({"text": ""}, "text"), ({"text": "x", "position": -1}, "position")],
    ),
    Resource(
        "interview", Interview, "projects/{project}/interviews/", "interviews/{id}/",
        {"interviewee": "Teamleitung Basel", "conducted_on": "2026-10-14", "notes": "Frühe Kontaktaufnahme wirkt."},
        {"notes": "Ergänzt"},
        [
            ({"interviewee": "x", "conducted_on": "14.10.2026"}, "conducted_on"),
            ({"conducted_on": "2026-10-14"}, "interviewee"),
        ],
    ),
    Resource(
        "statement", Statement, "projects/{project}/statements/", "statements/{id}/",
        {"kind": "vision", "title": "Niemand geht verloren"},
        {"kind": "principle"},
        [({"kind": "nightmare", "title": "x"}, "kind"), ({"kind": "vision", "title": ["x"]}, "title")],
    ),
    Resource(
        "action", ActionItem, "projects/{project}/actions/", "actions/{id}/",
        {"title": "Schulung planen", "due_on": "2027-02-28"},
        {"status": "done"},
        [({"title": "x", "status": "maybe"}, "status"), ({"title": "x", "due_on": "morgen"}, "due_on")],
    ),
    Resource(
        "raci row", RaciRow, "raci-rows/", "raci-rows/{id}/",
        {"phase": "intake", "activity": "Aufnahme klären", "assignments": {"case_manager": "R", "team_lead": "A"}},
        {"assignments": {"case_manager": "A"}},
        [
            ({"phase": "intake", "activity": "x", "assignments": {"case_manager": "R"}}, "assignments"),
            ({"phase": "intake", "activity": "x", "assignments": "A"}, "assignments"),
        ],
    ),
    Resource(
        "template", DocumentTemplate, "templates/", "templates/{id}/",
        {"kind": "letter", "title": "Brief", "body": "Guten Tag {{client_name}}"},
        {"body": "Grüezi {{client_name}}"},
        [
            ({"kind": "letter", "title": "x", "body": "{{client_nmae}}"}, "body"),
            ({"kind": "bem_invitation", "title": "x", "body": "x"}, "aims"),
            ({"kind": "letter", "title": "x", "body": "x", "language": "fr"}, "language"),
        ],
    ),
    Resource(
        "knowledge page", KnowledgePage, "knowledge-pages/", "knowledge-pages/{id}/",
        {"title": "Grundsätze", "body": "# Freiwilligkeit"},
        {"in_playbook": False},
        [({"body": "x"}, "title"), ({"title": "x", "in_playbook": "vielleicht"}, "in_playbook")],
    ),
]  # fmt: skip
IDS = [r.name for r in RESOURCES]


def url(path: str, **values: Any) -> str:
    return "/api/v1/introduce/" + path.format(**{k: str(v) for k, v in values.items()})


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_editor_creates_reads_patches_and_deletes(alice, project, res):
    client = api_for(alice)
    created = client.post(url(res.list_path, project=project.pk), res.valid, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["version"] == 1
    detail = url(res.detail_path, id=body["id"])
    assert client.get(detail).json()["id"] == body["id"]
    listed = client.get(url(res.list_path, project=project.pk)).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]] and listed["next"] is None

    patched = client.patch(detail, {**res.change, "version": 1}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["version"] == 2
    for key, value in res.change.items():
        assert patched.json()[key] == value

    assert client.delete(detail).status_code == 204
    assert not res.model.objects.exists()


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_patch_needs_the_current_version(alice, project, res):
    client = api_for(alice)
    body = client.post(url(res.list_path, project=project.pk), res.valid, format="json").json()
    detail = url(res.detail_path, id=body["id"])
    missing = client.patch(detail, res.change, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    assert client.patch(detail, {**res.change, "version": 1}, format="json").status_code == 200
    stale = client.patch(detail, {**res.valid, "version": 1}, format="json")
    assert stale.status_code == 409 and "detail" in stale.json()
    assert res.model.objects.get().version == 2
    assert client.patch(detail, {"version": "zwei"}, format="json").status_code == 400


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_bad_input_answers_400_naming_the_field_and_stores_nothing(alice, project, res):
    client = api_for(alice)
    for payload, field_name in res.bad:
        response = client.post(url(res.list_path, project=project.pk), payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert field_name in response.json(), (payload, response.json())
    malformed = client.generic("POST", url(res.list_path, project=project.pk), "{nope", content_type="application/json")
    assert malformed.status_code == 400 and "detail" in malformed.json()
    not_an_object = client.post(url(res.list_path, project=project.pk), [res.valid], format="json")
    assert not_an_object.status_code == 400
    assert not res.model.objects.exists()


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_access_paths(alice, bob, employer, charlie, project, res):
    created = api_for(alice).post(url(res.list_path, project=project.pk), res.valid, format="json").json()
    detail = url(res.detail_path, id=created["id"])
    change = {**res.change, "version": 1}

    # A staff member who is not an editor reads; writes are refused (403) unless everyone contributes.
    api = api_for(bob)
    assert api.get(detail).status_code == 200
    assert api.patch(detail, change, format="json").status_code == 403  # only the author or an editor
    refused = api.post(url(res.list_path, project=project.pk), res.valid, format="json")
    assert refused.status_code == (201 if not res.editors_only else 403)

    # A portal user of the same organisation: 403 everywhere.
    api = api_for(employer)
    assert api.get(detail).status_code == 403
    assert api.get(url(res.list_path, project=project.pk)).status_code == 403

    # Another organisation's admin: the object does not exist for them.
    api = api_for(charlie)
    assert api.get(detail).status_code == 404
    assert api.patch(detail, change, format="json").status_code == 404
    assert api.delete(detail).status_code == 404
    if "{project}" in res.list_path:
        assert api.get(url(res.list_path, project=project.pk)).status_code == 404
        assert api.post(url(res.list_path, project=project.pk), res.valid, format="json").status_code == 404
    else:
        assert api.get(url(res.list_path)).json()["results"] == []

    # Nobody signed in: 401.
    api.force_authenticate(None)
    assert api.get(detail).status_code == 401

    stored = res.model.objects.get(pk=created["id"])
    assert stored.version == 1
    assert res.model.objects.count() == (1 if res.editors_only else 2)


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_list_query_count_is_flat(alice, project, res, django_assert_max_num_queries):
    client = api_for(alice)
    for _ in range(3):
        payload = dict(res.valid)
        if res.model is RaciRow:
            payload["activity"] = f"Aktivität {_}"
        client.post(url(res.list_path, project=project.pk), payload, format="json")
    with django_assert_max_num_queries(8):
        response = client.get(url(res.list_path, project=project.pk))
    assert len(response.json()["results"]) == 3


def test_unit_of_another_organisation_is_refused(alice, project, other_org):
    from reintegra.accounts.tests.factories import UnitFactory

    foreign = UnitFactory(organisation=other_org)
    response = api_for(alice).post(
        url("projects/{project}/resources/", project=project.pk),
        {"kind": "method", "title": "x", "phase": "intake", "unit": str(foreign.pk)},
        format="json",
    )
    assert response.status_code == 400 and "unit" in response.json()
    assert not ResourceEntry.objects.exists()


def test_rules_api_round_trip_with_consent_purpose(alice, template):
    client = api_for(alice)
    payload = {
        "event": "plan_agreed",
        "recipient": "employer_contact",
        "channel": "email",
        "template": str(template.pk),
    }
    created = client.post(url("rules/"), payload, format="json")
    assert created.status_code == 201
    assert created.json()["consent_purpose"] == "share_with_employer"
    duplicate = client.post(url("rules/"), payload, format="json")
    assert duplicate.status_code == 400 and "event" in duplicate.json()
    assert client.get(url("rules/") + "?event=plan_agreed").json()["results"][0]["id"] == created.json()["id"]
    assert client.get(url("rules/") + "?event=nonsense").status_code == 400
    for bad, name in [
        ({**payload, "event": "case_exploded"}, "event"),
        ({**payload, "channel": "fax"}, "channel"),
        ({**payload, "template": "not-a-uuid"}, "template"),
        ({**payload, "template": None}, "template"),
    ]:
        response = client.post(url("rules/"), bad, format="json")
        assert response.status_code == 400 and name in response.json()
    assert CommunicationRule.objects.count() == 1


def test_projects_api(alice, bob, unit):
    client = api_for(alice)
    body = {"title": "Einführung", "scope": "whole_organisation", "participating_units": [str(unit.pk)]}
    created = client.post(url("projects/"), body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert [stage["stage"] for stage in data["progress"]] == ["discovery", "dream", "design", "destiny"]
    assert data["participating_units"] == [str(unit.pk)]
    second = client.post(url("projects/"), {"title": "Noch eins"}, format="json")
    assert second.status_code == 400 and "unit" in second.json()
    per_unit = client.post(url("projects/"), {"title": "Zürich", "unit": str(unit.pk)}, format="json")
    assert per_unit.status_code == 201
    detail = url("projects/{id}/", id=data["id"])
    assert client.patch(detail, {"scope": "pilot", "version": 1}, format="json").json()["scope"] == "pilot"
    assert client.patch(detail, {"scope": "galaxy", "version": 2}, format="json").status_code == 400
    assert client.delete(detail).status_code == 405
    api = api_for(bob)
    assert api.post(url("projects/"), {"title": "x", "unit": None}, format="json").status_code == 403
    assert ImplementationProject.objects.count() == 2

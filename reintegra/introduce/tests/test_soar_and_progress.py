"""SOAR: everyone adds and votes once (toggling); authors and editors edit. 4-D progress per stage."""

import pytest

from reintegra.introduce import selectors, services
from reintegra.introduce.models import ActionItem, Interview, InterviewQuestion, SoarVote, Statement
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


def vote_url(item):
    return f"/api/v1/introduce/soar-items/{item.pk}/vote/"


def test_a_vote_toggles_and_counts_once_per_person(alice, bob, project):
    item = services.soar_item_create(
        actor=bob, project=project, data=services.SoarItemData.build({"quadrant": "strengths", "text": "Kurze Wege"})
    )
    assert api_for(bob).post(vote_url(item)).json() == {"voted": True, "votes": 1}
    assert api_for(alice).post(vote_url(item)).json() == {"voted": True, "votes": 2}
    assert api_for(bob).post(vote_url(item)).json() == {"voted": False, "votes": 1}
    listed = api_for(alice).get(f"/api/v1/introduce/projects/{project.pk}/soar-items/").json()["results"]
    assert listed[0]["votes"] == 1 and listed[0]["voted"] is True
    assert SoarVote.objects.filter(item=item).count() == 1


def test_voting_on_another_organisations_item_is_404(charlie, bob, project):
    item = services.soar_item_create(
        actor=bob, project=project, data=services.SoarItemData.build({"quadrant": "results", "text": "x"})
    )
    assert api_for(charlie).post(vote_url(item)).status_code == 404
    assert not SoarVote.objects.exists()


def test_portal_users_cannot_vote(employer, bob, project):
    item = services.soar_item_create(
        actor=bob, project=project, data=services.SoarItemData.build({"quadrant": "results", "text": "x"})
    )
    assert api_for(employer).post(vote_url(item)).status_code == 403
    assert not SoarVote.objects.exists()


def test_author_and_editors_change_items_others_do_not(alice, tina, bob, dora, project):
    item = services.soar_item_create(
        actor=bob, project=project, data=services.SoarItemData.build({"quadrant": "strengths", "text": "Bobs Idee"})
    )
    detail = f"/api/v1/introduce/soar-items/{item.pk}/"
    assert api_for(dora).patch(detail, {"text": "Doras", "version": 1}, format="json").status_code == 403
    assert api_for(bob).patch(detail, {"text": "Bobs bessere Idee", "version": 1}, format="json").status_code == 200
    assert api_for(tina).patch(detail, {"quadrant": "aspirations", "version": 2}, format="json").status_code == 200
    assert api_for(dora).delete(detail).status_code == 403
    assert api_for(alice).delete(detail).status_code == 204


def test_soar_exports_through_the_api(bob, project, charlie):
    services.soar_item_create(
        actor=bob, project=project, data=services.SoarItemData.build({"quadrant": "strengths", "text": "Stärke Zürich"})
    )
    client = api_for(bob)
    csv_response = client.get(f"/api/v1/introduce/projects/{project.pk}/soar.csv")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert "Stärke Zürich" in csv_response.content.decode()
    pdf_response = client.get(f"/api/v1/introduce/projects/{project.pk}/soar.pdf", HTTP_ACCEPT="application/pdf")
    assert pdf_response.status_code == 200 and pdf_response.content.startswith(b"%PDF")
    assert api_for(charlie).get(f"/api/v1/introduce/projects/{project.pk}/soar.csv").status_code == 404


def progress_of(user, project):
    return {
        p.stage: (p.status, p.percent)
        for p in selectors.project_progress(selectors.project_get(user=user, pk=project.pk))
    }


def test_progress_per_4d_stage(alice, project):
    assert progress_of(alice, project) == {
        "discovery": ("not_started", 0),
        "dream": ("not_started", 0),
        "design": ("not_started", 0),
        "destiny": ("not_started", 0),
    }
    InterviewQuestion.objects.create(project=project, text="Was wirkt?")
    Statement.objects.create(project=project, kind="principle", title="Freiwilligkeit")
    ActionItem.objects.create(project=project, title="A", status="done")
    ActionItem.objects.create(project=project, title="B", status="open")
    ActionItem.objects.create(project=project, title="C", status="dropped")
    assert progress_of(alice, project) == {
        "discovery": ("in_progress", 50),
        "dream": ("not_started", 0),
        "design": ("in_progress", 50),
        "destiny": ("in_progress", 50),
    }
    Interview.objects.create(project=project, interviewee="Team", conducted_on="2026-10-01")
    Statement.objects.create(project=project, kind="vision", title="Niemand geht verloren")
    Statement.objects.create(project=project, kind="future_picture", title="Team")
    ActionItem.objects.filter(title="B").update(status="done")
    assert progress_of(alice, project) == {
        "discovery": ("done", 100),
        "dream": ("done", 100),
        "design": ("done", 100),
        "destiny": ("done", 100),
    }


def test_projects_with_progress_take_one_query(alice, project, other_project, django_assert_num_queries):
    ActionItem.objects.create(project=project, title="A", status="done")
    alice.organisation  # noqa: B018 - load outside the count
    from reintegra.accounts.selectors import user_roles

    user_roles(alice)
    with django_assert_num_queries(1):
        projects = list(selectors.projects_for(user=alice))
        progress = [selectors.project_progress(p) for p in projects]
    assert [p.title for p in projects] == ["Einführung CM"]
    assert progress[0][3].percent == 100

import pytest
from django.urls import reverse

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CasePhase, Evaluation
from reintegra.cases.tests.test_api_evaluation import goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals(case):
    return [goal(case["id"], "Pensum 50 %", weight=3), goal(case["id"], "Ergonomischer Arbeitsplatz", weight=5)]


def form_data(goals, **extra):
    data = {
        f"rating_{goals[0].pk}": "1",
        f"rating_{goals[1].pk}": "0",
        "outcome": "rtw_partial",
        "summary": "Teilweise Rückkehr an den Arbeitsplatz",
        "aftercare_needed": "false",
        "satisfaction": "asked",
        "version": "1",
    }
    data.update(extra)
    return data


def test_page_lists_every_goal_and_the_case_types_outcomes(web, case, goals):
    page = web.get(reverse("cases:evaluation", args=[case["id"]]))
    assert page.status_code == 200
    html = page.content.decode()
    for item in goals:
        assert f'name="rating_{item.pk}"' in html
        assert item.title in html
    assert 'value="rtw_partial"' in html and 'value="achieved"' not in html


def test_saving_completes_the_phase_and_shows_the_t_score(web, case, goals, django_capture_on_commit_callbacks):
    url = reverse("cases:evaluation", args=[case["id"]])
    with django_capture_on_commit_callbacks(execute=True):
        saved = web.post(url, form_data(goals))
    assert saved.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.t_score == 54.57
    assert evaluation.final_ratings == [{"goal": str(goals[0].pk), "score": 1}, {"goal": str(goals[1].pk), "score": 0}]
    assert CasePhase.objects.get(key="evaluation").status == "done"
    assert "54.6" in web.get(url).content.decode() or "54,6" in web.get(url).content.decode()
    assert AccessLogEntry.objects.using("audit").filter(action="change", object_type="evaluation").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"outcome": "achieved"}, "outcome"),
        ({"summary": ""}, "summary"),
        ({"aftercare_needed": "true"}, "follow_up_on"),
        ({"aftercare_needed": "true", "follow_up_on": "1.1.2020"}, "follow_up_on"),
        ({"follow_up_on": "31.2.2027", "aftercare_needed": "true"}, "follow_up_on"),
        ({"satisfaction": "maybe"}, "satisfaction"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(web, case, goals, change, field):
    response = web.post(reverse("cases:evaluation", args=[case["id"]]), form_data(goals, **change))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Evaluation.objects.exists()
    assert Case.objects.get().version == 1


def test_bad_rating_names_the_goal_field(web, case, goals):
    name = f"rating_{goals[1].pk}"
    response = web.post(reverse("cases:evaluation", args=[case["id"]]), form_data(goals, **{name: "3"}))
    assert response.status_code == 400
    assert name in response.context["form"].errors
    assert not Evaluation.objects.exists()


def test_stale_version_shows_the_conflict_and_keeps_the_input(web, case, goals):
    url = reverse("cases:evaluation", args=[case["id"]])
    assert web.post(url, form_data(goals)).status_code == 302
    stale = web.post(url, form_data(goals, summary="Meine Fassung"))
    assert stale.status_code == 409
    assert "Meine Fassung" in stale.content.decode()
    assert Evaluation.objects.get().summary == "Teilweise Rückkehr an den Arbeitsplatz"


def test_other_case_managers_get_404_and_closed_cases_are_read_only(client, bob, charlie, web, case, goals, api):
    url = reverse("cases:evaluation", args=[case["id"]])
    for other in (bob, charlie):
        client.force_login(other)
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(goals)).status_code == 404
    assert not Evaluation.objects.exists()
    client.force_login(Case.objects.get().case_manager)
    api.post(
        f"/api/v1/cases/{case['id']}/close/",
        {"reason": "goals_achieved", "agreed_with_client": True, "override_reason": "extern"},
        format="json",
    )
    page = client.get(url)
    assert page.status_code == 200 and '<form method="post" novalidate>' not in page.content.decode()
    refused = client.post(url, form_data(goals, version=str(Case.objects.get().version)))
    assert refused.status_code == 409
    assert not Evaluation.objects.exists()

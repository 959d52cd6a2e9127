"""Plan pages: the plan, goal and measure forms (valid and bad input), conflicts, agreement, versions."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.cases.models import Case
from reintegra.plans.models import Goal, Measure, MeasureStep, Plan, PlanChange, PlanVersion
from reintegra.plans.tests.conftest import GOAL, agree, new_case

pytestmark = pytest.mark.django_db

GOAL_FORM = {
    "title": "Rückkehr an den Arbeitsplatz",
    "horizon": "medium",
    "priority": "1",
    "due_date": "15.12.2026",
    "indicator": "Arbeitet 4 Stunden pro Tag",
    "weight": "1",
    "level_plus_2": "Volle Rückkehr",
    "level_plus_1": "70 %",
    "level_0": "50 %",
    "level_minus_1": "20 %",
    "level_minus_2": "Keine Rückkehr",
}


def measure_form(goal_id, **changes):
    return {
        "title": "Ergonomische Abklärung",
        "goals": [goal_id],
        "responsible": "client",
        "due_date": "31.12.2026",
        "start_date": "2.11.2026",
        "planned_cost": "1'200.50",
        "cost_bearer": "insurer",
        "status": "planned",
        **changes,
    }


def test_plan_page_shows_goals_with_levels_measures_timeline_and_links(web, case, goal, measure):
    page = web.get(reverse("plans:plan", args=[case["id"]]))
    assert page.status_code == 200
    body = page.content.decode()
    assert GOAL["title"] in body and "Volle Rückkehr" in body and "Keine Rückkehr, weiterhin arbeitsunfähig" in body
    assert "Arbeitsversuch mit Ergonomie-Abklärung" in body
    assert "Massnahmen" in body  # German first, Swiss spelling
    assert "<svg" in body and 'role="img"' in body
    assert reverse("plans:pdf", args=[case["id"]]) in body
    assert reverse("plans:versions", args=[case["id"]]) in body
    assert "Entwurf" in body


def test_add_goal_through_the_form(web, case):
    url = reverse("plans:goal_new", args=[case["id"]])
    form_page = web.get(url).content.decode()
    assert "SMART" in form_page and "−2" in form_page  # the hints are there
    response = web.post(url, GOAL_FORM)
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.levels["-2"] == "Keine Rückkehr" and str(goal.due_date) == "2026-12-15"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"level_minus_1": ""}, "level_minus_1"),
        ({"priority": "4"}, "priority"),
        ({"weight": "0"}, "weight"),
        ({"due_date": "31.2.2026"}, "due_date"),
        ({"indicator": ""}, "indicator"),
    ],
)
def test_bad_goal_form_is_400_keeps_values_and_stores_nothing(web, case, changes, field):
    response = web.post(reverse("plans:goal_new", args=[case["id"]]), {**GOAL_FORM, **changes})
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and f'href="#id_{field}' in body
    assert 'value="Rückkehr an den Arbeitsplatz"' in body
    assert not Goal.objects.exists()


def test_edit_goal_conflict_shows_stored_and_submitted_values(web, api, case, goal):
    url = reverse("plans:goal_edit", args=[case["id"], goal["id"]])
    api.patch(
        f"/api/v1/cases/{case['id']}/goals/{goal['id']}/", {"version": 1, "title": "Von Bob geändert"}, format="json"
    )
    response = web.post(url, {**GOAL_FORM, "status": "active", "version": "1", "title": "Meine Fassung"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Von Bob geändert" in body and "Meine Fassung" in body
    assert 'name="version" value="2"' in body
    assert Goal.objects.get().title == "Von Bob geändert"


def test_change_reason_is_asked_once_the_plan_was_agreed(web, api, case, goal):
    url = reverse("plans:goal_edit", args=[case["id"], goal["id"]])
    assert 'name="change_reason"' not in web.get(url).content.decode()
    agree(api, case)
    assert 'name="change_reason"' in web.get(url).content.decode()
    data = {**GOAL_FORM, "status": "active", "version": "1"}
    missing = web.post(url, data)
    assert missing.status_code == 400 and 'href="#id_change_reason"' in missing.content.decode()
    assert Goal.objects.get().version == 1
    assert web.post(url, {**data, "change_reason": "Neuer Arztbericht"}).status_code == 302
    assert PlanChange.objects.get(object_id=goal["id"], action="changed").reason == "Neuer Arztbericht"
    history = web.get(url).content.decode()
    assert "Neuer Arztbericht" in history


def test_add_measure_with_graded_return_steps(web, case, goal):
    url = reverse("plans:measure_new", args=[case["id"]])
    page = web.get(url).content.decode()
    assert GOAL["title"] in page and "(CHF)" in page
    data = measure_form(
        goal["id"], step_1_from="2.11.2026", step_1_percent="25", step_2_from="30.11.2026", step_2_percent="50"
    )
    response = web.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = Measure.objects.get()
    assert str(measure.planned_cost) == "1200.50" and measure.responsible_kind == "client"
    assert [(str(s.from_date), s.workload_percent) for s in measure.steps.all()] == [
        ("2026-11-02", 25),
        ("2026-11-30", 50),
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"planned_cost": "abc"}, "planned_cost"),
        ({"planned_cost": "-10"}, "planned_cost"),
        ({"responsible": "00000000-0000-0000-0000-000000000000"}, "responsible"),
        ({"goals": []}, "goals"),
        (
            {"step_1_from": "30.11.2026", "step_1_percent": "50", "step_2_from": "2.11.2026", "step_2_percent": "25"},
            "step_1_from",
        ),
        ({"step_1_from": "2.11.2026", "step_1_percent": "120"}, "step_1_percent"),
        ({"step_1_from": "2.11.2026"}, "step_1_percent"),
        ({"start_date": "10.1.2027"}, "due_date"),
    ],
)
def test_bad_measure_form_is_400_and_stores_nothing(web, case, goal, changes, field):
    response = web.post(reverse("plans:measure_new", args=[case["id"]]), measure_form(goal["id"], **changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert f'href="#id_{field}' in body
    assert 'value="Ergonomische Abklärung"' in body
    assert not Measure.objects.exists() and not MeasureStep.objects.exists()


def test_goal_of_another_case_is_not_a_choice(web, api, case, goal):
    other = new_case(api, first_name="Zora")
    foreign = api.post(f"/api/v1/cases/{other['id']}/goals/", GOAL, format="json").json()
    response = web.post(reverse("plans:measure_new", args=[case["id"]]), measure_form(foreign["id"]))
    assert response.status_code == 400 and 'href="#id_goals_0"' in response.content.decode()
    assert not Measure.objects.exists()


def test_edit_measure_conflict_and_actual_cost(web, api, case, measure):
    url = reverse("plans:measure_edit", args=[case["id"], measure["id"]])
    assert web.get(url).status_code == 200
    data = measure_form(measure["goals"][0], version="1", actual_cost="800")
    assert web.post(url, data).status_code == 302
    stored = Measure.objects.get()
    assert str(stored.actual_cost) == "800.00" and stored.version == 2
    stale = web.post(url, {**data, "title": "Alte Fassung"})
    assert stale.status_code == 409 and "Alte Fassung" in stale.content.decode()
    assert Measure.objects.get().title == "Ergonomische Abklärung"


def test_agree_form(web, case, goal):
    url = reverse("plans:agree", args=[case["id"]])
    bad = web.post(url, {"agreed_on": "1.1.2099", "agreement_form": "oral"})
    assert bad.status_code == 400 and not PlanVersion.objects.exists()
    assert web.post(url, {"agreed_on": "2.11.2026", "agreement_form": "oral"}).status_code == 302
    version = PlanVersion.objects.get()
    assert version.number == 1 and version.form == "oral"
    page = web.get(reverse("plans:plan", args=[case["id"]])).content.decode()
    assert "Version 1" in page


def test_schedule_form_with_conflict(web, case):
    url = reverse("plans:schedule", args=[case["id"]])
    upcoming = timezone.localdate() + timedelta(days=20)  # a next review is not in the past (#15)
    day = f"{upcoming.day}.{upcoming.month}.{upcoming.year}"
    assert web.post(url, {"review_interval_weeks": "4", "next_review_on": day, "version": "0"}).status_code == 302
    assert Plan.objects.get().review_interval_weeks == 4
    stale = web.post(url, {"review_interval_weeks": "6", "next_review_on": day, "version": "0"})
    assert stale.status_code == 409
    assert Plan.objects.get().review_interval_weeks == 4
    bad = web.post(url, {"review_interval_weeks": "99", "version": "1"})
    assert bad.status_code == 400


def test_versions_detail_and_compare_pages(web, api, case, goal, measure):
    agree(api, case)
    api.patch(
        f"/api/v1/cases/{case['id']}/goals/{goal['id']}/",
        {"version": 1, "horizon": "long", "change_reason": "Längerer Verlauf"},
        format="json",
    )
    agree(api, case, on="2026-11-20")
    listing = web.get(reverse("plans:versions", args=[case["id"]])).content.decode()
    assert "Version 2" in listing and "Version 1" in listing
    detail = web.get(reverse("plans:version_detail", args=[case["id"], 1])).content.decode()
    assert "Volle Rückkehr" in detail and "15.12.2026" in detail
    compare = web.get(reverse("plans:compare", args=[case["id"]]), {"from": "1", "to": "2"})
    body = compare.content.decode()
    assert compare.status_code == 200
    assert "Längerer Verlauf" in body and "langfristig" in body
    assert web.get(reverse("plans:compare", args=[case["id"]]), {"from": "7"}).status_code == 400
    assert web.get(reverse("plans:version_detail", args=[case["id"], 9])).status_code == 404


def test_htmx_gets_fragments_with_errors_in_a_2xx_answer(web, case):
    url = reverse("plans:goal_new", args=[case["id"]])
    fragment = web.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    bad = web.post(url, {**GOAL_FORM, "level_0": ""}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()
    done = web.post(url, GOAL_FORM, HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_plan_pdf_and_timeline_from_the_page(web, case, goal):
    pdf = web.get(reverse("plans:pdf", args=[case["id"]]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    svg = web.get(reverse("plans:timeline", args=[case["id"]]))
    assert svg.status_code == 200 and svg.content.startswith(b"<?xml")


def test_other_people_get_404_on_every_page(client, case, goal, measure, bob, charlie, dora):
    names = ["plan", "goal_new", "measure_new", "agree", "schedule", "versions", "compare", "pdf", "timeline"]
    for person in (bob, charlie, dora):
        client.force_login(person)
        for name in names:
            assert client.get(reverse(f"plans:{name}", args=[case["id"]])).status_code == 404, name
        assert client.get(reverse("plans:goal_edit", args=[case["id"], goal["id"]])).status_code == 404
        assert client.post(reverse("plans:goal_new", args=[case["id"]]), GOAL_FORM).status_code == 404
    assert Goal.objects.count() == 1


def test_closed_case_shows_the_plan_without_edit_controls(web, case, goal):
    Case.objects.filter(pk=case["id"]).update(status="closed")
    page = web.get(reverse("plans:plan", args=[case["id"]])).content.decode()
    assert reverse("plans:goal_new", args=[case["id"]]) not in page
    response = web.post(reverse("plans:goal_new", args=[case["id"]]), GOAL_FORM)
    assert response.status_code == 400 and "Dieser Fall ist abgeschlossen" in response.content.decode()
    assert Goal.objects.count() == 1


def test_plan_page_query_count_does_not_grow(web, api, case, goal, measure, django_assert_max_num_queries):
    url = reverse("plans:plan", args=[case["id"]])
    with django_assert_max_num_queries(30) as first:
        web.get(url)
    baseline = len(first)
    for _ in range(4):
        g = api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json").json()
        api.post(
            f"/api/v1/cases/{case['id']}/measures/",
            {"title": "M", "goals": [g["id"]], "responsible": "client", "due_date": "2026-12-01"},
            format="json",
        )
    with django_assert_max_num_queries(baseline):
        web.get(url)


def test_amounts_read_as_the_organisation_writes_them_on_the_page_and_in_the_comparison(web, api, case, goal, measure):
    """CHF 1'350.50 on the plan page, in the comparison and in the PDF alike (#15 item 5)."""
    agree(api, case)
    body = {"version": measure["version"], "planned_cost": "1350.50", "change_reason": "Mehr Sitzungen"}
    response = api.patch(f"/api/v1/cases/{case['id']}/measures/{measure['id']}/", body, format="json")
    assert response.status_code == 200, response.content
    agree(api, case, on="2026-11-20")
    page = html.unescape(web.get(reverse("plans:plan", args=[case["id"]])).content.decode())
    assert "1'350.50" in page and "1350,50" not in page
    compare = html.unescape(
        web.get(reverse("plans:compare", args=[case["id"]]), {"from": "1", "to": "2"}).content.decode()
    )
    assert "CHF 1'200.00" in compare and "CHF 1'350.50" in compare

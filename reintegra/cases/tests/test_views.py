import pytest
from django.urls import reverse

from reintegra.cases.models import Case, Intake
from reintegra.cases.tests.conftest import NEW_CASE

pytestmark = pytest.mark.django_db


def test_new_case_form_errors_name_the_field_and_keep_values(web):
    response = web.get(reverse("cases:new"))
    assert response.status_code == 200
    bad = web.post(reverse("cases:new"), {"first_name": "Jürg", "last_name": "", "birth_date": "31.2.2020"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "error-summary" in body
    assert 'value="Jürg"' in body
    assert Case.objects.count() == 0


def test_new_case_then_page_then_intake(web, org):
    case_type = org.case_types.get(key="bem")
    response = web.post(
        reverse("cases:new"),
        {"case_type": str(case_type.pk), "first_name": "Jürg", "last_name": "Müller", "birth_date": "2.4.1975"},
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert str(case.client.birth_date) == "1975-04-02"
    page = web.get(case.get_absolute_url()).content.decode()
    assert "Jürg Müller" in page
    assert "Aufnahme" in page or "Intake" in page
    intake_url = reverse("cases:intake", args=[case.pk])
    assert web.get(intake_url).status_code == 200
    form = {
        "criteria_met": "true",
        "decision": "admitted",
        "decision_reason": "erfüllt",
        "client_informed": "on",
        "cooperation_agreed": "on",
        "version": "1",
    }
    assert web.post(intake_url, form).status_code == 302
    assert Intake.objects.get().decision == "admitted"
    conflict = web.post(intake_url, {**form, "decision_reason": "später"})
    assert conflict.status_code == 409
    assert "erfüllt" in conflict.content.decode()
    assert Intake.objects.get().decision_reason == "erfüllt"


def test_case_list_filters_and_pins_queries(web, api, django_assert_max_num_queries):
    for index in range(4):
        api.post(
            "/api/v1/cases/", {**NEW_CASE, "client": {"first_name": "P", "last_name": f"Nummer{index}"}}, format="json"
        )
    with django_assert_max_num_queries(10):
        page = web.get(reverse("cases:list")).content.decode()
    assert page.count("Nummer") == 4
    filtered = web.get(reverse("cases:list"), {"q": "Nummer2"}).content.decode()
    assert "Nummer2" in filtered and "Nummer1" not in filtered


def test_phase_complete_with_reason_from_the_page(web, case):
    url = reverse("cases:phase_action", args=[case["id"], "assessment", "complete"])
    refused = web.post(url, {"reason": ""}, follow=True)
    assert Case.objects.get().phases.get(key="assessment").status == "not_started"
    assert "Es fehlen Angaben (" in refused.content.decode()  # the missing items, named
    web.post(url, {"reason": "extern erledigt"})
    assert Case.objects.get().phases.get(key="assessment").status == "done"
    again = web.post(url, {"reason": "noch einmal"}, follow=True)  # a refusal of another kind: its own text
    assert again.status_code == 200 and "Es fehlen Angaben" not in again.content.decode()


def test_other_people_get_404_on_case_pages(client, bob, case):
    client.force_login(bob)
    assert client.get(reverse("cases:detail", args=[case["id"]])).status_code == 404
    assert client.get(reverse("cases:intake", args=[case["id"]])).status_code == 404


def test_start_page_shows_my_cases_and_activity(web, case, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = web.get("/").content.decode()
    assert "Jürg Müller" in page
    assert case["reference"] in page

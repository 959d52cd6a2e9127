"""The pages: instruments for staff, a case's responses, filling in the WAI, the result."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.questionnaires.models import Questionnaire, Response
from reintegra.questionnaires.tests.conftest import OWN_DEFINITION, WAI_ANSWERS, api_for

pytestmark = pytest.mark.django_db


def fill_url(case, questionnaire):
    return reverse("questionnaires:fill", args=[case["id"], questionnaire.pk])


def wai_form(**change):
    data = {f"item_{key}": str(value) for key, value in WAI_ANSWERS.items()}
    data |= {"answered_on": timezone.localdate().strftime("%d.%m.%Y"), "respondent_kind": "client"}
    return data | change


def test_case_part_link_resolves(case):
    assert reverse("questionnaires:case_responses", kwargs={"case_id": case["id"]}) == (
        f"/questionnaires/cases/{case['id']}/"
    )


def test_fill_the_wai_and_see_score_band_and_action(web, case, wai):
    form_page = web.get(fill_url(case, wai))
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert html.count('type="radio"') == sum(item.options.count() for item in wai.items.all()) + 3
    assert "<legend>1. Stellen Sie sich vor" in html
    saved = web.post(fill_url(case, wai), wai_form())
    assert saved.status_code == 302
    response = Response.objects.get()
    assert saved.url == reverse("questionnaires:response", args=[case["id"], response.pk])
    result = web.get(saved.url).content.decode()
    assert "33,5" in result
    assert "Mittelmässige Arbeitsfähigkeit" in result
    assert "Arbeitsfähigkeit verbessern" in result
    assert "Vorwiegend körperliche Arbeit" in result  # answers shown with their labels


def test_missing_and_bad_answers_show_errors_keep_values_and_store_nothing(web, case, wai):
    data = wai_form(item_wai_q1="11")
    del data["item_wai_q3_diseases"]
    bad = web.post(fill_url(case, wai), data)
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "error-summary" in html
    assert 'href="#id_item_wai_q3_diseases_0"' in html
    assert 'href="#id_item_wai_q1_0"' in html
    assert 'value="4" id="id_item_wai_q6_prognosis_1" required checked' in html  # entered values are kept
    assert not Response.objects.exists()


def test_future_date_is_refused_by_the_service(web, case, wai):
    tomorrow = timezone.localdate() + timedelta(days=1)
    bad = web.post(fill_url(case, wai), wai_form(answered_on=tomorrow.strftime("%d.%m.%Y")))
    assert bad.status_code == 400
    assert 'href="#id_answered_on"' in bad.content.decode()
    assert not Response.objects.exists()


def test_case_responses_page_lists_scores_and_bands(web, api, case, satisfaction, django_assert_max_num_queries):
    url = f"/api/v1/cases/{case['id']}/questionnaire-responses/"
    for _ in range(3):
        api.post(
            url,
            {"questionnaire": "wai", "answered_on": str(timezone.localdate()), "answers": WAI_ANSWERS},
            format="json",
        )
    with django_assert_max_num_queries(20):  # session, user, roles, the case with its checklist, 2 of ours
        page = web.get(reverse("questionnaires:case_responses", args=[case["id"]]))
    html = page.content.decode()
    assert html.count("33,5") == 3
    assert html.count("Mittelmässige Arbeitsfähigkeit") == 3
    assert fill_url(case, satisfaction) in html


def test_other_people_get_404_on_case_pages(client, bob, charlie, case, wai, api):
    api.post(
        f"/api/v1/cases/{case['id']}/questionnaire-responses/",
        {"questionnaire": "wai", "answered_on": str(timezone.localdate()), "answers": WAI_ANSWERS},
        format="json",
    )
    response = Response.objects.get()
    for outsider in (bob, charlie):
        client.force_login(outsider)
        assert client.get(reverse("questionnaires:case_responses", args=[case["id"]])).status_code == 404
        assert client.get(fill_url(case, wai)).status_code == 404
        assert client.post(fill_url(case, wai), wai_form()).status_code == 404
        assert client.get(reverse("questionnaires:response", args=[case["id"], response.pk])).status_code == 404
    assert Response.objects.count() == 1


def test_other_organisations_questionnaire_is_404_on_the_fill_page(web, case, charlie_admin):
    created = api_for(charlie_admin).post("/api/v1/questionnaires/", OWN_DEFINITION, format="json").json()
    other = Questionnaire.objects.get(pk=created["id"])
    assert web.get(fill_url(case, other)).status_code == 404
    assert web.post(fill_url(case, other), {"item_stress": "1", "item_sleep": "7"}).status_code == 404
    assert not Response.objects.exists()


def test_instrument_list_and_detail_for_staff(web, wai, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        listing = web.get(reverse("questionnaires:list"))
    html = listing.content.decode()
    assert "Work Ability Index (WAI)" in html and "Zufriedenheit mit der Begleitung" in html
    assert reverse("questionnaires:new") not in html  # only admins add
    detail = web.get(reverse("questionnaires:detail", args=[wai.pk])).content.decode()
    assert "wai_q2_physical * wai_job_demands" in detail
    assert "Arbeitsfähigkeit wiederherstellen" in detail


def test_portal_users_do_not_see_instruments(client, org, shipped):
    portal = member(UserFactory(username="client", organisation=org), Role.CLIENT)
    client.force_login(portal)
    assert client.get(reverse("questionnaires:list")).status_code == 403  # the portal gate


def test_org_admin_adds_an_instrument_with_the_form(client, admin, shipped):
    client.force_login(admin)
    assert client.get(reverse("questionnaires:list")).content.decode().count(reverse("questionnaires:new")) == 1
    data = {
        "key": "own-check",
        "name": "Eigener Kurzcheck",
        "items": json.dumps(OWN_DEFINITION["items"]),
        "bands": json.dumps(OWN_DEFINITION["bands"]),
        "scoring": "(stress + unknown) / 2",
    }
    bad = client.post(reverse("questionnaires:new"), data)
    assert bad.status_code == 400
    assert "Unbekannter Fragenschlüssel: unknown" in bad.content.decode()
    assert 'value="Eigener Kurzcheck"' in bad.content.decode()
    assert not Questionnaire.objects.filter(key="own-check").exists()
    not_json = client.post(reverse("questionnaires:new"), data | {"items": "[{"})
    assert not_json.status_code == 400
    saved = client.post(reverse("questionnaires:new"), data | {"scoring": "(stress + sleep) / 2"})
    assert saved.status_code == 302
    assert Questionnaire.objects.get(key="own-check").items.count() == 3


def test_only_admins_reach_the_new_instrument_form(web, shipped):
    assert web.get(reverse("questionnaires:new")).status_code == 404
    assert web.post(reverse("questionnaires:new"), {"key": "x"}).status_code == 404


def test_english_pages(web, case, wai):
    web.cookies["django_language"] = "en"
    page = web.get(reverse("questionnaires:case_responses", args=[case["id"]]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Fill in a questionnaire" in page.content.decode()

"""The assessment pages and the network map page (HTML)."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in a test

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.assessments.models import Assessment, AssessmentItem, NetworkMap, NetworkNode
from reintegra.assessments.tests.conftest import ASSESSMENT

pytestmark = pytest.mark.django_db


def item_rows(rows, total=3):
    data = {"items-TOTAL_FORMS": str(total), "items-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"items-{index}-{key}": value for key, value in row.items()})
    return data


ROW_PROBLEM = {
    "domain": "health",
    "kind": "problem",
    "text": "Rückenschmerzen",
    "professional_rating": "3",
    "client_rating": "1",
    "icf_code": "B280",
}
ROW_RESOURCE = {"domain": "social", "kind": "resource", "text": "Ehefrau hilft", "professional_rating": "2"}


def new_url(case):
    return reverse("assessments:new", args=[case["id"]])


def test_list_page_shows_the_checklist_and_the_assessments(web, api, case):
    page = web.get(reverse("assessments:list", args=[case["id"]]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "✗" in body and new_url(case) in body
    api.post(f"/api/v1/cases/{case['id']}/assessments/", ASSESSMENT, format="json")
    body = web.get(reverse("assessments:list", args=[case["id"]])).content.decode()
    assert "3.11.2026" in body
    assert "⚠ 1" in body  # one row where the perspectives differ


def test_list_page_query_count_is_pinned(web, api, case, django_assert_max_num_queries):
    url = reverse("assessments:list", args=[case["id"]])
    api.post(f"/api/v1/cases/{case['id']}/assessments/", ASSESSMENT, format="json")
    web.get(url)  # the first request of a session also asks whether the person has a second factor
    with CaptureQueriesContext(connection) as one:
        web.get(url)
    for day in range(1, 6):
        api.post(f"/api/v1/cases/{case['id']}/assessments/", {**ASSESSMENT, "date": f"2026-10-0{day}"}, format="json")
    # session, user, 2FA device, organisation, roles (navigation), case with checklist, assessments with items
    with django_assert_max_num_queries(20):
        page = web.get(url)
    with CaptureQueriesContext(connection) as six:
        web.get(url)
    assert page.content.decode().count("5.10.2026") == 1
    assert len(six.captured_queries) == len(one.captured_queries)


def test_new_assessment_form_with_local_date_and_an_empty_row(web, case):
    form = web.get(new_url(case))
    assert form.status_code == 200
    body = form.content.decode()
    assert 'name="items-2-text"' in body and 'for="id_items-0-client_rating"' in body
    response = web.post(new_url(case), {"date": "3.11.2026", **item_rows([ROW_PROBLEM, ROW_RESOURCE])})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", args=[case["id"], assessment.pk])
    assert str(assessment.date) == "2026-11-03"
    problem, resource = assessment.items.order_by("position")
    assert (problem.icf_code, problem.professional_rating, problem.client_rating) == ("b280", 3, 1)
    assert problem.client_rating_source == "staff"
    assert (resource.client_rating, resource.client_rating_source) == (None, "")


def test_rows_marked_for_removal_are_not_saved(web, case):
    data = {"date": "3.11.2026", **item_rows([ROW_PROBLEM, {**ROW_RESOURCE, "DELETE": "on"}])}
    assert web.post(new_url(case), data).status_code == 302
    assert AssessmentItem.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"date": "31.2.2026", **item_rows([ROW_PROBLEM])}, "id_date"),
        ({"date": "", **item_rows([ROW_PROBLEM])}, "id_date"),
        ({"date": "1.1.2099", **item_rows([ROW_PROBLEM])}, "id_date"),
        ({"date": "3.11.2026", **item_rows([])}, "#rows"),
        ({"date": "3.11.2026", **item_rows([{**ROW_PROBLEM, "text": ""}])}, "id_items-0-text"),
        ({"date": "3.11.2026", **item_rows([{**ROW_PROBLEM, "domain": "job"}])}, "id_items-0-domain"),
        (
            {"date": "3.11.2026", **item_rows([{**ROW_PROBLEM, "professional_rating": "5"}])},
            "id_items-0-professional_rating",
        ),
        ({"date": "3.11.2026", **item_rows([{**ROW_PROBLEM, "client_rating": "x"}])}, "id_items-0-client_rating"),
        ({"date": "3.11.2026", **item_rows([ROW_PROBLEM, {**ROW_RESOURCE, "icf_code": "q12"}])}, "id_items-1-icf_code"),
        (
            {"date": "3.11.2026", **item_rows([{**ROW_PROBLEM, "source_participant": "x"}])},
            "id_items-0-source_participant",
        ),
    ],
)
def test_bad_input_shows_the_error_summary_keeps_values_and_stores_nothing(web, case, data, expected):
    response = web.post(new_url(case), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body
    assert f'href="#{expected.lstrip("#")}"' in body
    assert "Rückenschmerzen" in body or not data.get("items-0-text")
    assert not Assessment.objects.exists()


def test_add_a_row_keeps_the_values(web, case):
    data = {"date": "3.11.2026", "add_row": "1", **item_rows([ROW_PROBLEM])}
    response = web.post(new_url(case), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="items-3-text"' in body and "Rückenschmerzen" in body
    assert 'value="3.11.2026"' in body
    assert not Assessment.objects.exists()
    partial = web.post(new_url(case), data, HTTP_HX_REQUEST="true")
    fragment = partial.content.decode()
    assert "<html" not in fragment and 'id="item-rows"' in fragment
    assert 'name="items-TOTAL_FORMS" value="4"' in fragment
    assert "autofocus" in fragment
    unfinished = {"date": "", "add_row": "1", **item_rows([{**ROW_PROBLEM, "text": ""}])}
    quiet = web.post(new_url(case), unfinished).content.decode()
    assert "error-summary" not in quiet and "field-error" not in quiet  # no complaints while adding rows


def test_detail_puts_the_perspectives_side_by_side_and_marks_differences(web, api, case):
    saved = api.post(f"/api/v1/cases/{case['id']}/assessments/", ASSESSMENT, format="json").json()
    page = web.get(reverse("assessments:detail", args=[case["id"], saved["id"]]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "3.11.2026" in body
    assert body.count('class="differs"') == 1  # problem 3 vs 1
    assert "⚠" in body and ("differ by 2" in body or "Abweichung: 2" in body)
    assert "Frau Müller" in body and "e310" in body


def test_closed_case_shows_a_notice_and_refuses_with_409(web, case, close_case):
    close_case(case["id"])
    assert "notice" in web.get(new_url(case)).content.decode()
    response = web.post(new_url(case), {"date": "3.11.2026", **item_rows([ROW_PROBLEM])})
    assert response.status_code == 409
    assert not Assessment.objects.exists()
    network = web.post(
        reverse("assessments:network", args=[case["id"]]),
        {"version": "0", **node_rows([WIFE_ROW])},
    )
    assert network.status_code == 409
    assert not NetworkMap.objects.exists()


def test_other_people_get_404_on_every_page(client, api, case, bob, charlie):
    saved = api.post(f"/api/v1/cases/{case['id']}/assessments/", ASSESSMENT, format="json").json()
    urls = [
        reverse("assessments:list", args=[case["id"]]),
        new_url(case),
        reverse("assessments:detail", args=[case["id"], saved["id"]]),
        reverse("assessments:network", args=[case["id"]]),
        reverse("assessments:network_svg", args=[case["id"]]),
    ]
    for outsider in (bob, charlie):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert client.post(new_url(case), {"date": "3.11.2026", **item_rows([ROW_PROBLEM])}).status_code == 404
    assert Assessment.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(client, case):
    response = client.get(reverse("assessments:list", args=[case["id"]]))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


# ---- the network map page


def node_rows(rows, initial=0, extra=0):
    data = {"nodes-TOTAL_FORMS": str(len(rows) + extra), "nodes-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"nodes-{index}-{key}": value for key, value in row.items()})
    return data


WIFE_ROW = {"name": "Ehefrau Käthi", "sector": "family", "closeness": "1", "tie": "strong", "support": "gives"}
BOSS_ROW = {"name": "Chef Herr Rüegg", "sector": "work", "closeness": "2", "tie": "stressful", "support": ""}


def network_url(case):
    return reverse("assessments:network", args=[case["id"]])


def test_network_page_create_edit_and_remove(web, case):
    page = web.get(network_url(case))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("assessments:network_svg", args=[case["id"]]) in body
    assert 'name="version"' in body and 'value="0"' in body
    created = web.post(network_url(case), {"version": "0", **node_rows([WIFE_ROW, BOSS_ROW], extra=2)})
    assert created.status_code == 302
    assert NetworkMap.objects.get().version == 1
    wife, boss = NetworkNode.objects.order_by("position")
    assert (boss.name, boss.support) == ("Chef Herr Rüegg", "")
    page = web.get(network_url(case)).content.decode()
    assert "Ehefrau Käthi" in page and f'value="{wife.pk}"' in page
    rows = [{**WIFE_ROW, "id": str(wife.pk), "closeness": "2"}, {**BOSS_ROW, "id": str(boss.pk), "DELETE": "on"}]
    edited = web.post(network_url(case), {"version": "1", **node_rows(rows, initial=2, extra=1)})
    assert edited.status_code == 302
    assert [(n.pk, n.closeness) for n in NetworkNode.objects.all()] == [(wife.pk, 2)]
    assert NetworkMap.objects.get().version == 2


def test_network_svg_page_route(web, case):
    web.post(network_url(case), {"version": "0", **node_rows([WIFE_ROW])})
    response = web.get(reverse("assessments:network_svg", args=[case["id"]]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert "Ehefrau Käthi" in {element.text for element in root.iter("{http://www.w3.org/2000/svg}text")}


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({**WIFE_ROW, "name": ""}, "name"),
        ({**WIFE_ROW, "sector": "neighbours"}, "sector"),
        ({**WIFE_ROW, "closeness": "4"}, "closeness"),
        ({**WIFE_ROW, "closeness": ""}, "closeness"),
        ({**WIFE_ROW, "tie": "loose"}, "tie"),
        ({**WIFE_ROW, "support": "always"}, "support"),
    ],
)
def test_network_bad_rows_are_400_and_store_nothing(web, case, row, field):
    response = web.post(network_url(case), {"version": "0", **node_rows([row])})
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and f'href="#id_nodes-0-{field}"' in body
    assert not NetworkMap.objects.exists()


def test_network_unknown_id_is_an_error_on_the_row(web, case):
    web.post(network_url(case), {"version": "0", **node_rows([WIFE_ROW])})
    rows = [{**BOSS_ROW, "id": "00000000-0000-0000-0000-000000000001"}]
    response = web.post(network_url(case), {"version": "1", **node_rows(rows, initial=1)})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert [n.name for n in NetworkNode.objects.all()] == ["Ehefrau Käthi"]


def test_network_conflict_shows_stored_and_submitted_values(web, case):
    web.post(network_url(case), {"version": "0", **node_rows([WIFE_ROW])})
    response = web.post(network_url(case), {"version": "0", **node_rows([BOSS_ROW])})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Ehefrau Käthi" in body  # stored
    assert "Chef Herr Rüegg" in body  # submitted, kept in the form
    assert 'name="version" value="1"' in body
    assert [n.name for n in NetworkNode.objects.all()] == ["Ehefrau Käthi"]
    # saving again on purpose replaces the stored map
    again = web.post(network_url(case), {"version": "1", **node_rows([BOSS_ROW])})
    assert again.status_code == 302
    assert [n.name for n in NetworkNode.objects.all()] == ["Chef Herr Rüegg"]


def test_network_add_row(web, case):
    data = {"version": "0", "add_row": "1", **node_rows([WIFE_ROW])}
    response = web.post(network_url(case), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert 'name="nodes-1-name"' in fragment and "Ehefrau Käthi" in fragment
    assert not NetworkMap.objects.exists()

import pytest
from django.urls import reverse

from reintegra.cases.models import Case, CaseNote

pytestmark = pytest.mark.django_db


def test_close_page_explains_and_refuses_without_evaluation_or_reason(web, case):
    url = reverse("cases:close", args=[case["id"]])
    page = web.get(url).content.decode()
    assert "read-only" in page or "nur noch lesbar" in page
    refused = web.post(url, {"reason": "goals_achieved", "agreed_with_client": "on"})
    assert refused.status_code == 400
    assert Case.objects.get().status == "open"
    assert (
        web.post(
            url, {"reason": "goals_achieved", "agreed_with_client": "on", "override_reason": "extern evaluiert"}
        ).status_code
        == 302
    )
    assert Case.objects.get().status == "closed"
    detail = web.get(reverse("cases:detail", args=[case["id"]])).content.decode()
    assert reverse("cases:reopen", args=[case["id"]]) in detail


def test_notes_inline_and_aftercare_after_closing(web, case, api):
    url = reverse("cases:note_new", args=[case["id"]])
    assert web.post(url, {"kind": "note", "text": ""}).status_code == 400
    assert (
        web.post(url, {"kind": "note", "text": "Telefonat mit Hausärztin"}, HTTP_HX_REQUEST="true").status_code == 204
    )
    api.post(
        f"/api/v1/cases/{case['id']}/close/",
        {"reason": "other", "agreed_with_client": True, "override_reason": "x"},
        format="json",
    )
    form = web.get(url).content.decode()
    assert 'value="note"' not in form and 'value="aftercare"' in form
    assert web.post(url, {"kind": "note", "text": "zu spät"}).status_code == 400
    assert web.post(url, {"kind": "aftercare", "text": "Nachsorge ok"}).status_code == 302
    assert list(CaseNote.objects.values_list("kind", flat=True).order_by("created_at")) == ["note", "aftercare"]


def test_reopen_from_the_page(web, case, api):
    api.post(
        f"/api/v1/cases/{case['id']}/close/",
        {"reason": "other", "agreed_with_client": True, "override_reason": "x"},
        format="json",
    )
    url = reverse("cases:reopen", args=[case["id"]])
    assert web.post(url, {"reason": ""}).status_code == 400
    assert web.post(url, {"reason": "Rückfall"}).status_code == 302
    assert Case.objects.get().status == "open"

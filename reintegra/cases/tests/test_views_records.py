"""Issue #15 on the pages: duplicates on the new-case page, one-time form tokens, corrections,
restricted notes, and a closed case without edit controls."""

import re
from datetime import timedelta

import pytest
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import timezone

from reintegra.cases.models import Case, CaseNote, Client, IncapacityPeriod, Participant
from reintegra.core.models import IdempotentRequest

pytestmark = pytest.mark.django_db

NEW = {"first_name": "Jürg", "last_name": "Müller", "birth_date": "2.4.1975"}


def new_case_form(web):
    page = web.get(reverse("cases:new")).content.decode()
    case_type = re.search(r'<option value="([0-9a-f-]{36})"', page).group(1)
    token = re.search(r'name="form_token" value="([0-9a-f]+)"', page).group(1)
    return {"case_type": case_type, "form_token": token}


def test_every_form_carries_a_fresh_one_time_token(web, case):
    first = web.get(reverse("cases:new")).content.decode()
    second = web.get(reverse("cases:new")).content.decode()
    tokens = re.findall(r'name="form_token" value="([0-9a-f]+)"', first + second)
    assert len(tokens) >= 2 and len(set(tokens)) == len(tokens)
    detail = web.get(reverse("cases:detail", args=[case["id"]])).content.decode()
    assert detail.count('name="form_token"') == detail.count('name="csrfmiddlewaretoken"') > 0


def test_a_double_submit_lands_on_the_first_result(web):
    body = {**new_case_form(web), **NEW}
    first = web.post(reverse("cases:new"), body)
    again = web.post(reverse("cases:new"), body)  # the double click, or Back and submit again
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Case.objects.count() == 1
    assert IdempotentRequest.objects.get().done


def test_a_double_submit_of_an_inline_form_refreshes_once(web, case):
    url = reverse("cases:note_new", args=[case["id"]])
    token = re.search(r'name="form_token" value="([0-9a-f]+)"', web.get(url, HTTP_HX_REQUEST="true").content.decode())
    body = {"kind": "note", "text": "Gespräch", "form_token": token.group(1)}
    answers = [web.post(url, body, HTTP_HX_REQUEST="true") for _ in range(3)]
    assert [a.status_code for a in answers] == [204, 204, 204]
    assert all(a["HX-Refresh"] == "true" for a in answers)
    assert CaseNote.objects.count() == 1


def test_a_refused_submit_frees_its_token(web):
    body = {**new_case_form(web), **NEW, "birth_date": "1.1.2031"}
    refused = web.post(reverse("cases:new"), body)
    assert refused.status_code == 400 and "Geburtsdatum" in refused.content.decode()
    assert refused.context["form"].errors["birth_date"]  # next to the field it names
    assert not IdempotentRequest.objects.exists() and not Case.objects.exists()


def test_a_possible_duplicate_is_reported_and_resolved_on_the_new_case_page(web, alice):
    web.post(reverse("cases:new"), {**new_case_form(web), **NEW})
    existing = Case.objects.get()
    body = {**new_case_form(web), **NEW, "first_name": "JURG", "last_name": "Muller"}
    warned = web.post(reverse("cases:new"), body)
    assert warned.status_code == 409
    page = warned.content.decode()
    assert existing.reference in page and f'value="{existing.client_id}"' in page
    assert Case.objects.count() == 1
    # a new case for this client
    same = web.post(reverse("cases:new"), {**body, **new_case_form(web), "duplicate_choice": str(existing.client_id)})
    assert same.status_code == 302
    assert Case.objects.count() == 2 and Client.objects.count() == 1
    # someone else
    other = web.post(reverse("cases:new"), {**body, **new_case_form(web), "duplicate_choice": "new"})
    assert other.status_code == 302
    assert Case.objects.count() == 3 and Client.objects.count() == 2
    # a made-up client id is refused
    made_up = web.post(
        reverse("cases:new"),
        {**body, **new_case_form(web), "duplicate_choice": "00000000-0000-0000-0000-000000000000"},
    )
    assert made_up.status_code == 400 and Case.objects.count() == 3


def test_correcting_incapacity_participants_and_notes_on_the_page(web, case):
    cid = case["id"]
    start = timezone.localdate() - timedelta(days=10)
    web.post(reverse("cases:incapacity_new", args=[cid]), {"start": f"{start:%d.%m.%Y}", "percent": "100"})
    period = IncapacityPeriod.objects.get()
    url = reverse("cases:incapacity_edit", args=[cid, period.pk])
    no_reason = web.post(url, {"end": f"{start:%d.%m.%Y}", "percent": "100", "version": "1"})
    assert no_reason.status_code == 400
    ended = web.post(url, {"end": f"{start:%d.%m.%Y}", "percent": "100", "version": "1", "reason": "Zeugnis"})
    assert ended.status_code == 302
    period.refresh_from_db()
    assert period.end == start and period.version == 2
    web.post(reverse("cases:participant_new", args=[cid]), {"role": "physician", "name": "Dr. Hubr"})
    participant = Participant.objects.get()
    edited = web.post(reverse("cases:participant_edit", args=[cid, participant.pk]), {"name": "Dr. Huber"})
    assert edited.status_code == 302
    assert Participant.objects.get().name == "Dr. Huber"
    web.post(reverse("cases:note_new", args=[cid]), {"kind": "note", "text": "Gesprach"})
    note = CaseNote.objects.get()
    amended = web.post(reverse("cases:note_amend", args=[cid, note.pk]), {"text": "Gespräch", "reason": "Tippfehler"})
    assert amended.status_code == 302
    page = web.get(reverse("cases:detail", args=[cid])).content.decode()
    assert "korrigiert am" in page and "Zeugnis" in page
    assert "geändert am" in page and "Grund: Tippfehler" in page and "Gesprach" in page and "Gespräch" in page


def test_restricted_notes_stay_off_the_team_leads_page(web, case, lead):
    cid = case["id"]
    web.post(reverse("cases:note_new", args=[cid]), {"kind": "note", "text": "Diagnose XY", "restricted": "on"})
    web.post(reverse("cases:note_new", args=[cid]), {"kind": "note", "text": "Termin vereinbart"})
    assert CaseNote.objects.filter(restricted=True).count() == 1
    assert "Diagnose XY" in web.get(reverse("cases:detail", args=[cid])).content.decode()
    as_lead = WebClient()
    as_lead.force_login(lead)
    page = as_lead.get(reverse("cases:detail", args=[cid])).content.decode()
    assert "Termin vereinbart" in page and "Diagnose XY" not in page
    secret = CaseNote.objects.get(restricted=True)
    assert as_lead.get(reverse("cases:note_amend", args=[cid, secret.pk])).status_code == 404


def test_a_closed_case_shows_a_banner_and_no_edit_controls(web, api, case):
    cid = case["id"]
    api.post(
        f"/api/v1/cases/{cid}/close/",
        {"reason": "other", "agreed_with_client": True, "override_reason": "Stellenwechsel"},
        format="json",
    )
    page = web.get(reverse("cases:detail", args=[cid])).content.decode()
    assert "Dieser Fall ist abgeschlossen." in page
    assert reverse("cases:reopen", args=[cid]) in page
    for name in ("edit", "close", "intake", "participant_new", "incapacity_new"):
        assert reverse(f"cases:{name}", args=[cid]) not in page, name
    assert "Phase abschliessen" not in page
    for name in ("edit", "intake", "participant_new", "incapacity_new"):
        response = web.get(reverse(f"cases:{name}", args=[cid]))
        assert response.status_code == 409 and "abgeschlossen" in response.content.decode(), name


def test_the_sub_pages_of_a_closed_case_show_no_edit_controls(web, api, case):
    """Every page linked from the case page (plan, assessments, consents, referrals, …): no form that
    posts, other than the layout's sign-out and language forms. The questionnaires page keeps its
    survey link: a satisfaction survey after closing is a write a closed case accepts."""
    from reintegra.cases.parts import case_part_links

    cid = case["id"]
    api.post(
        f"/api/v1/cases/{cid}/close/",
        {"reason": "other", "agreed_with_client": True, "override_reason": "Stellenwechsel"},
        format="json",
    )
    layout_forms = {reverse("accounts:logout"), reverse("set_language")}
    offending = {}
    survey_page = reverse("questionnaires:case_responses", args=[cid])
    for link in case_part_links(Case.objects.get(pk=cid)):
        if link["url"] == survey_page:
            continue
        page = web.get(link["url"])
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        html = page.content.decode()
        tags = [tag for tag in re.findall(r"<form[^>]*>", html) if 'method="post"' in tag]
        actions = [(re.search(r'action="([^"]*)"', tag) or re.search("()", "")).group(1) for tag in tags]
        posting = [action or link["url"] for action in actions if action not in layout_forms]
        if posting:
            offending[link["url"]] = posting
    assert not offending, sorted(offending)


def test_a_repeat_while_the_first_submit_runs_waits_for_it(web, alice, case, monkeypatch):
    """A claim that is not finished (the first click still running): the repeat waits, then lands
    on the first result; a first submit that never finishes sends the repeat back to the page."""
    import hashlib

    from reintegra.core import idempotency

    monkeypatch.setattr(idempotency, "FORM_WAIT_SECONDS", 0.3)
    url = reverse("cases:note_new", args=[case["id"]])
    IdempotentRequest.objects.create(
        user=alice,
        key="form:abc",
        fingerprint=hashlib.sha256(f"POST {url}\n".encode()).hexdigest(),
        created_at=timezone.now(),
    )
    stuck = web.post(url, {"kind": "note", "text": "doppelt", "form_token": "abc"})
    assert stuck.status_code == 302 and stuck["Location"] == url
    assert not CaseNote.objects.exists()
    IdempotentRequest.objects.filter(key="form:abc").update(done=True, status=302, location="/erstes-ergebnis/")
    replayed = web.post(url, {"kind": "note", "text": "doppelt", "form_token": "abc"})
    assert replayed.status_code == 302 and replayed["Location"] == "/erstes-ergebnis/"
    assert not CaseNote.objects.exists()


def test_an_api_repeat_while_the_first_runs_is_409_request_in_progress(api, alice, case):
    import hashlib

    from rest_framework.renderers import JSONRenderer

    url = f"/api/v1/cases/{case['id']}/notes/"
    body = {"text": "einmal"}
    fingerprint = hashlib.sha256(f"POST {url}\n".encode() + JSONRenderer().render(body)).hexdigest()
    IdempotentRequest.objects.create(user=alice, key="api:k", fingerprint=fingerprint, created_at=timezone.now())
    response = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 409 and response.json()["code"] == "request_in_progress"
    assert not CaseNote.objects.exists()

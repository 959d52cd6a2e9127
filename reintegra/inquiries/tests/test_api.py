"""The API scenarios of issue #18 ("Done when") and the rules around them."""

import pytest
from django.db import connection

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.cases.models import Case, CaseNote
from reintegra.inquiries import credentials
from reintegra.inquiries.models import Inquiry, InquiryMessage
from reintegra.inquiries.tests.conftest import ADDRESS, BROWSER, api_for, ask, read, write
from reintegra.notifications.models import EmailStatus, Notification

pytestmark = pytest.mark.django_db

QUESTION = "Was passiert, wenn ich Ihnen von meiner Krankheit erzähle?"


def _new(public, org, text=QUESTION):
    response = ask(public, org.slug, text)
    assert response.status_code == 201, response.content
    return response.json()


def test_anyone_can_ask_without_signing_in_and_gets_code_and_passphrase(public, org, alice):
    body = _new(public, org)
    assert set(body) == {"code", "passphrase"}
    code = credentials.code_normalise(body["code"])
    assert len(code) == 16 and set(code) <= set(credentials.CODE_ALPHABET)  # 16 × 5 bits = 80 bits
    inquiry = Inquiry.objects.get()
    assert inquiry.organisation == org and inquiry.status == "open"
    assert [m.text for m in inquiry.messages.all()] == [QUESTION]


def test_the_person_reads_the_thread_with_code_and_passphrase(public, org, alice):
    given = _new(public, org)
    response = read(public, given["code"], given["passphrase"])
    assert response.status_code == 200
    assert [(m["from"], m["text"]) for m in response.json()["messages"]] == [("you", QUESTION)]
    # Typed from the paper slip: lower case, spaces instead of hyphens.
    sloppy = read(public, given["code"].lower().replace("-", " "), given["passphrase"].upper())
    assert sloppy.status_code == 200


@pytest.mark.parametrize("wrong", ["passphrase", "code", "missing"])
def test_a_wrong_passphrase_or_code_answers_404(public, org, alice, wrong):
    given = _new(public, org)
    code, passphrase = given["code"], given["passphrase"]
    if wrong == "passphrase":
        passphrase = credentials.passphrase_new()
    elif wrong == "code":
        code = credentials.code_new()
    if wrong == "missing":
        response = public.get(f"/api/v1/public/inquiries/{code}/")
    else:
        response = read(public, code, passphrase)
    assert response.status_code == 404
    assert "messages" not in response.json()
    assert write(public, code, "falsch", "Hallo").status_code == 404
    assert InquiryMessage.objects.count() == 1


def test_the_case_manager_replies_and_the_person_reads_it(public, org, alice, django_capture_on_commit_callbacks):
    given = _new(public, org)
    inquiry = Inquiry.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        reply = api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/reply/", {"text": "Das bleibt bei uns."})
    assert reply.status_code == 201
    assert reply.json()["from"] == "case_management"
    messages = read(public, given["code"], given["passphrase"]).json()["messages"]
    assert [(m["from"], m["text"]) for m in messages] == [("you", QUESTION), ("case_management", "Das bleibt bei uns.")]
    inquiry.refresh_from_db()
    assert inquiry.status == "answered"
    change = AccessLogEntry.objects.get(action=AccessAction.CHANGE, object_type="inquiry")
    assert change.user_id == str(alice.pk) and change.object_id == str(inquiry.pk)


def test_the_person_writes_back_and_the_thread_waits_again(public, org, alice):
    given = _new(public, org)
    inquiry = Inquiry.objects.get()
    api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/reply/", {"text": "Gerne."})
    response = write(public, given["code"], given["passphrase"], "Danke, und was ist mit meinem Lohn?")
    assert response.status_code == 201
    assert response.json()["from"] == "you"
    inquiry.refresh_from_db()
    assert inquiry.status == "open"
    listed = api_for(alice).get("/api/v1/inquiries/").json()["results"]
    assert [m["from"] for m in listed[0]["messages"]] == ["person", "case_management", "person"]


def test_the_inbox_lists_unanswered_threads_first(public, org, alice):
    _new(public, org, "Erste Frage")
    _new(public, org, "Zweite Frage")
    first = Inquiry.objects.order_by("created_at").first()
    assert first is not None
    api_for(alice).post(f"/api/v1/inquiries/{first.pk}/reply/", {"text": "Antwort"})
    results = api_for(alice).get("/api/v1/inquiries/").json()["results"]
    assert [r["status"] for r in results] == ["open", "answered"]
    assert set(results[0]) == {"id", "created_at", "last_message_at", "status", "messages"}
    assert AccessLogEntry.objects.filter(
        user_id=str(alice.pk), action=AccessAction.READ, object_type="inquiry"
    ).exists()


def test_team_leads_see_the_inquiries_too(public, org, lead):
    _new(public, org)
    assert len(api_for(lead).get("/api/v1/inquiries/").json()["results"]) == 1


def test_another_organisation_sees_nothing(public, org, alice, charlie):
    _new(public, org)
    inquiry = Inquiry.objects.get()
    other = api_for(charlie)
    assert other.get("/api/v1/inquiries/").json()["results"] == []
    assert other.get(f"/api/v1/inquiries/{inquiry.pk}/").status_code == 404
    assert other.post(f"/api/v1/inquiries/{inquiry.pk}/reply/", {"text": "Hallo"}).status_code == 404
    assert other.patch(f"/api/v1/inquiries/{inquiry.pk}/", {"internal_note": "x", "version": 1}).status_code == 404
    assert InquiryMessage.objects.count() == 1
    inquiry.refresh_from_db()
    assert inquiry.internal_note == "" and inquiry.status == "open"


@pytest.mark.parametrize("person", ["dora", "admin", "employer"])
def test_people_without_a_case_role_are_refused(public, org, person, request):
    _new(public, org)
    user = request.getfixturevalue(person)
    assert api_for(user).get("/api/v1/inquiries/").status_code == 403
    assert InquiryMessage.objects.count() == 1


def test_anonymous_staff_requests_need_sign_in(org):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/inquiries/").status_code == 401


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your message"),
        ("   \n ", "Write your message"),
        ("x" * 5001, "at most 5000 characters"),
        ("Hallo <script>alert(1)</script>", "without HTML"),
        ('<img src=x onerror="alert(1)">', "without HTML"),
    ],
)
def test_bad_messages_answer_400_naming_the_field_and_store_nothing(public, org, alice, text, message):
    response = public.post(
        f"/api/v1/public/{org.slug}/inquiries/", {"text": text}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert message in response.json()["text"][0]
    assert not Inquiry.objects.exists() and not Notification.objects.exists()


def test_a_message_of_exactly_5000_characters_is_accepted(public, org):
    assert ask(public, org.slug, "x" * 5000).status_code == 201


def test_an_unknown_organisation_answers_404_and_stores_nothing(public, org):
    response = ask(public, "no-such-organisation")
    assert response.status_code == 404
    assert not Inquiry.objects.exists()


def test_bad_writing_back_answers_400_and_stores_nothing(public, org):
    given = _new(public, org)
    assert write(public, given["code"], given["passphrase"], "").status_code == 400
    assert write(public, given["code"], given["passphrase"], "y" * 5001).status_code == 400
    assert InquiryMessage.objects.count() == 1


def test_the_eleventh_inquiry_within_an_hour_gets_429_and_rejected_ones_do_not_count(public, org):
    for _ in range(3):
        assert ask(public, org.slug, "").status_code == 400
    for number in range(10):
        assert ask(public, org.slug, f"Frage {number}").status_code == 201
    refused = ask(public, org.slug, "Frage 11")
    assert refused.status_code == 429
    assert Inquiry.objects.count() == 10
    # Another address is not affected.
    from rest_framework.test import APIClient

    assert ask(APIClient(REMOTE_ADDR="198.51.100.9"), org.slug, "Andere Person").status_code == 201


def test_repeated_wrong_tries_are_slowed_even_for_the_right_passphrase(public, org):
    given = _new(public, org)
    for _ in range(10):
        assert read(public, given["code"], "falsch").status_code == 404
    assert read(public, given["code"], given["passphrase"]).status_code == 429


def test_the_stored_inquiry_holds_no_address_or_browser_detail(public, org, alice):
    given = _new(public, org)
    write(public, given["code"], given["passphrase"], "Noch eine Frage")
    read(public, given["code"], given["passphrase"])
    with connection.cursor() as cursor:
        rows = []
        for table in (Inquiry._meta.db_table, InquiryMessage._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            rows += [str(value) for row in cursor.fetchall() for value in row]
    stored = " ".join(rows)
    for detail in (ADDRESS, BROWSER, "SecretPhone", given["code"], given["passphrase"], QUESTION):
        assert detail not in stored  # the code only as digest, the passphrase hashed, the text encrypted
    fields = {f.name for model in (Inquiry, InquiryMessage) for f in model._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "user_agent", "address", "session", "cookie"}
    assert not AccessLogEntry.objects.filter(ip_address=ADDRESS).exists()
    assert not AccessLogEntry.objects.filter(username="", object_type="inquiry").exists()


def test_the_passphrase_is_stored_as_a_password_hash(public, org):
    given = _new(public, org)
    inquiry = Inquiry.objects.get()
    assert inquiry.passphrase_hash.startswith(("md5$", "pbkdf2_sha256$", "argon2$", "scrypt$"))
    assert credentials.passphrase_matches(given["passphrase"], inquiry.passphrase_hash)
    assert inquiry.code_digest == credentials.code_digest(given["code"])


def test_a_new_inquiry_notifies_the_organisations_case_workers_in_app_without_content(
    public, org, alice, bob, lead, dora, admin, charlie
):
    _new(public, org)
    notified = Notification.objects.filter(kind="inquiry_new")
    assert {n.recipient.username for n in notified} == {"alice", "bob", "lead"}
    for notification in notified:
        assert notification.in_app and notification.email_status == EmailStatus.NOT_WANTED
        assert "Krankheit" not in notification.subject + notification.body
        assert notification.link == f"/inquiries/{Inquiry.objects.get().pk}/"


def test_the_internal_note_is_versioned_and_never_shown_to_the_person(public, org, alice, bob):
    given = _new(public, org)
    inquiry = Inquiry.objects.get()
    saved = api_for(alice).patch(f"/api/v1/inquiries/{inquiry.pk}/", {"internal_note": "Rückruf?", "version": 1})
    assert saved.status_code == 200
    assert saved.json()["internal_note"] == "Rückruf?" and saved.json()["version"] == 2
    stale = api_for(bob).patch(f"/api/v1/inquiries/{inquiry.pk}/", {"internal_note": "Anders", "version": 1})
    assert stale.status_code == 409
    inquiry.refresh_from_db()
    assert inquiry.internal_note == "Rückruf?"
    assert "Rückruf" not in read(public, given["code"], given["passphrase"]).content.decode()


def _identify(public, given, **overrides):
    body = {"first_name": "Mia", "last_name": "Muster", "contact": "079 123 45 67", "consent": True, **overrides}
    return public.post(
        f"/api/v1/public/inquiries/{given['code']}/identify/",
        body,
        format="json",
        HTTP_X_PASSPHRASE=given["passphrase"],
    )


def test_a_case_is_opened_only_after_the_person_gives_name_and_consent(public, org, alice, lead):
    given = _new(public, org)
    inquiry = Inquiry.objects.get()
    api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/reply/", {"text": "Wir können gern einen Fall eröffnen."})
    too_early = api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/open-case/", {"case_type": "bem"})
    assert too_early.status_code == 409
    without_consent = _identify(public, given, consent=False)
    assert without_consent.status_code == 400 and "consent" in without_consent.json()
    inquiry.refresh_from_db()
    assert not inquiry.consented and inquiry.first_name == ""

    assert _identify(public, given).status_code == 200
    assert api_for(lead).post(f"/api/v1/inquiries/{inquiry.pk}/open-case/", {"case_type": "bem"}).status_code == 403
    opened = api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/open-case/", {"case_type": "bem"})
    assert opened.status_code == 201, opened.content
    case = Case.objects.get(pk=opened.json()["case"])
    assert (case.client.first_name, case.client.last_name, case.case_manager) == ("Mia", "Muster", alice)
    note = CaseNote.objects.get(case=case)
    assert note.kind == "contact"
    assert (
        QUESTION in note.text and "Wir können gern einen Fall eröffnen." in note.text and "079 123 45 67" in note.text
    )
    inquiry.refresh_from_db()
    assert inquiry.case == case
    again = api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/open-case/", {"case_type": "bem"})
    assert again.status_code == 409
    assert Case.objects.count() == 1
    assert read(public, given["code"], given["passphrase"]).json()["case_opened"] is True


def test_open_case_names_a_bad_case_type(public, org, alice):
    given = _new(public, org)
    _identify(public, given)
    inquiry = Inquiry.objects.get()
    response = api_for(alice).post(f"/api/v1/inquiries/{inquiry.pk}/open-case/", {"case_type": "nope"})
    assert response.status_code == 400 and "case_type" in response.json()
    assert not Case.objects.exists()


def test_identify_names_missing_fields(public, org):
    given = _new(public, org)
    response = _identify(public, given, first_name="", last_name=" ")
    assert response.status_code == 400
    assert set(response.json()) >= {"first_name", "last_name"}

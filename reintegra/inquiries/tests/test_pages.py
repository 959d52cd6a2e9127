"""The public page (mobile, de/en, no cookies) and the staff pages (inbox, thread, start page count)."""

import re

import pytest
from django.test import Client

from reintegra.cases.models import Case
from reintegra.inquiries.models import Inquiry, InquiryMessage
from reintegra.inquiries.services import inquiry_create, inquiry_reply
from reintegra.inquiries.tests.conftest import ADDRESS

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous() -> Client:
    return Client(REMOTE_ADDR=ADDRESS)


def _slip(html: str) -> tuple[str, str]:
    code = re.search(r'data-testid="code">([^<]+)<', html)
    passphrase = re.search(r'data-testid="passphrase">([^<]+)<', html)
    assert code and passphrase
    return code.group(1), passphrase.group(1)


def test_the_public_page_explains_who_reads_and_sets_no_cookie(anonymous, org):
    response = anonymous.get(f"/k/{org.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nur die Case Manager:innen und Teamleitungen von Alice AG lesen sie." in html  # German first
    assert "IP-Adresse" in html  # what is not stored
    assert 'name="viewport"' in html
    assert not response.cookies  # no session, no CSRF token, no language cookie
    assert "no-store" in response["Cache-Control"]
    # The browser asks for no /favicon.ico: that 404 page (the staff layout) would set a CSRF cookie.
    assert '<link rel="icon" href="data:,">' in html


def test_the_question_is_not_labelled_optional(anonymous, org):
    """An empty question is refused, so its label must not say "(optional)"; it is marked required."""
    html = anonymous.get(f"/k/{org.slug}/").content.decode()
    label = re.search(r'<label for="id_text">(.*?)</label>', html, re.S)
    assert label and "optional" not in label.group(1).lower() and "freiwillig" not in label.group(1).lower()
    assert re.search(r"<textarea[^>]*required", html)


def test_the_public_page_speaks_english_when_asked(anonymous, org):
    html = anonymous.get(f"/k/{org.slug}/?lang=en").content.decode()
    assert "Ask case management anonymously" in html
    assert '<html lang="en">' in html


def test_unknown_organisation_page_is_404_and_says_why(anonymous, org):
    response = anonymous.get("/k/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Keine Organisation hat diese Adresse." in response.content.decode()
    assert anonymous.post("/k/gibt-es-nicht/", {"text": "Frage"}).status_code == 404
    assert not Inquiry.objects.exists()


def test_ask_shows_code_and_passphrase_once_and_they_open_the_thread(anonymous, org, alice):
    response = anonymous.post(f"/k/{org.slug}/", {"text": "Darf ich anonym fragen?", "lang": "de"})
    assert response.status_code == 200
    assert not response.cookies
    code, passphrase = _slip(response.content.decode())
    assert "?lang=en" not in response.content.decode()  # switching language here would lose the code
    inquiry = Inquiry.objects.get()
    inquiry_reply(actor=alice, inquiry=inquiry, text="Ja, natürlich.")
    thread = anonymous.post(f"/k/{org.slug}/gespraech/", {"code": code, "passphrase": passphrase})
    assert thread.status_code == 200
    html = thread.content.decode()
    assert "Darf ich anonym fragen?" in html and "Ja, natürlich." in html
    assert code not in anonymous.get(f"/k/{org.slug}/gespraech/").content.decode()  # never shown again unasked


def test_an_empty_question_shows_the_error_and_stores_nothing(anonymous, org):
    response = anonymous.post(f"/k/{org.slug}/", {"text": "  ", "lang": "en"})
    assert response.status_code == 400
    assert "Write your message." in response.content.decode()
    assert not Inquiry.objects.exists()


def test_a_wrong_passphrase_on_the_page_is_404(anonymous, org):
    inquiry_create(organisation=org, text="Frage")
    response = anonymous.post(f"/k/{org.slug}/gespraech/", {"code": "ABCD-EFGH-JKLM-NPQR", "passphrase": "x"})
    assert response.status_code == 404
    assert "error-summary" in response.content.decode()


def test_a_code_of_another_organisation_does_not_open_on_this_page(anonymous, org, charlie):
    _inquiry, given = inquiry_create(organisation=charlie.organisation, text="Frage bei Charlie")
    response = anonymous.post(f"/k/{org.slug}/gespraech/", {"code": given.code, "passphrase": given.passphrase})
    assert response.status_code == 404


def test_the_person_writes_back_and_gives_their_name_on_the_page(anonymous, org):
    _inquiry, given = inquiry_create(organisation=org, text="Frage")
    access = {"code": given.code, "passphrase": given.passphrase}
    sent = anonymous.post(f"/k/{org.slug}/gespraech/", {**access, "action": "message", "text": "Noch etwas"})
    assert sent.status_code == 200 and "Noch etwas" in sent.content.decode()
    refused = anonymous.post(
        f"/k/{org.slug}/gespraech/",
        {**access, "action": "identify", "first_name": "Mia", "last_name": "Muster", "lang": "en"},
    )
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    named = anonymous.post(
        f"/k/{org.slug}/gespraech/",
        {**access, "action": "identify", "first_name": "Mia", "last_name": "Muster", "consent": "on"},
    )
    assert named.status_code == 200
    inquiry = Inquiry.objects.get()
    assert inquiry.consented and inquiry.first_name == "Mia"
    assert InquiryMessage.objects.count() == 2


def test_html_in_messages_is_shown_escaped_to_staff_and_person(anonymous, org, web):
    inquiry, given = inquiry_create(organisation=org, text='Lohn < 5000 & "Chef" > alles?')
    staff = web.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert "Lohn &lt; 5000 &amp; &quot;Chef&quot; &gt; alles?" in staff
    person = anonymous.post(f"/k/{org.slug}/gespraech/", {"code": given.code, "passphrase": given.passphrase})
    assert "Lohn &lt; 5000 &amp;" in person.content.decode()


def test_the_inbox_lists_threads_and_the_start_page_counts_the_unanswered(org, web, alice):
    inquiry_create(organisation=org, text="Erste")
    answered, _given = inquiry_create(organisation=org, text="Zweite")
    inquiry_reply(actor=alice, inquiry=answered, text="Antwort")
    inbox = web.get("/inquiries/", HTTP_ACCEPT_LANGUAGE="en")
    assert inbox.status_code == 200
    html = inbox.content.decode()
    assert html.index("Erste") < html.index("Zweite")
    home = web.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 anonymous inquiry waits for an answer" in home


def test_the_start_page_shows_no_count_to_people_without_a_case_role(org, client, dora):
    client.force_login(dora)
    assert "anonymous inquir" not in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_staff_reply_note_and_open_case_through_the_pages(org, web, alice):
    inquiry, given = inquiry_create(organisation=org, text="Frage")
    assert web.post(f"/inquiries/{inquiry.pk}/reply/", {"text": ""}).status_code == 400
    assert web.post(f"/inquiries/{inquiry.pk}/reply/", {"text": "Antwort"}).status_code == 302
    assert web.post(f"/inquiries/{inquiry.pk}/note/", {"note": "Rückruf", "version": 2}).status_code == 302
    stale = web.post(f"/inquiries/{inquiry.pk}/note/", {"note": "Alt", "version": 1})
    assert stale.status_code == 409
    inquiry.refresh_from_db()
    assert inquiry.internal_note == "Rückruf"
    assert web.post(f"/inquiries/{inquiry.pk}/open-case/", {"case_type": ""}).status_code in (400, 409)
    Inquiry.objects.filter(pk=inquiry.pk).update(first_name="Mia", last_name="Muster", consented_at=inquiry.created_at)
    page = web.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert "Mia Muster" in page and 'name="case_type"' in page
    bem = org.case_types.get(key="bem")
    opened = web.post(f"/inquiries/{inquiry.pk}/open-case/", {"case_type": str(bem.pk)})
    case = Case.objects.get()
    assert opened.status_code == 302 and opened["Location"] == case.get_absolute_url()
    assert case.reference in web.get(f"/inquiries/{inquiry.pk}/").content.decode()


def test_people_without_a_case_role_get_403_and_other_organisations_404(org, client, dora, charlie):
    inquiry, _given = inquiry_create(organisation=org, text="Frage")
    client.force_login(dora)
    assert client.get("/inquiries/").status_code == 403
    client.force_login(charlie)
    assert client.get(f"/inquiries/{inquiry.pk}/").status_code == 404
    assert client.post(f"/inquiries/{inquiry.pk}/reply/", {"text": "x"}).status_code == 404
    assert InquiryMessage.objects.count() == 1

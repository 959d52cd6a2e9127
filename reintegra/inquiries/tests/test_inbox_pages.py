"""The staff inbox is cursor-paginated (API and page): unanswered first, every thread once, bad cursors refused."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.inquiries.models import Inquiry, InquiryMessage, InquiryStatus, Sender
from reintegra.inquiries.tests.conftest import api_for

pytestmark = pytest.mark.django_db


def _threads(org, count: int) -> list[Inquiry]:
    """`count` threads in bulk: every third answered, and groups of five sharing one last-message time
    (so only the id keeps the order unique)."""
    now = timezone.now().replace(microsecond=0)
    threads = [
        Inquiry(
            organisation=org,
            code_digest=f"{n:064x}",
            passphrase_hash="!",
            status=InquiryStatus.ANSWERED if n % 3 == 0 else InquiryStatus.OPEN,
            last_message_at=now - timedelta(minutes=n // 5),
        )
        for n in range(count)
    ]
    Inquiry.objects.bulk_create(threads)
    InquiryMessage.objects.bulk_create(
        InquiryMessage(inquiry=t, sender=Sender.PERSON, text=f"Frage {n}") for n, t in enumerate(threads)
    )
    return threads


def _expected(threads: list[Inquiry]) -> list[str]:
    """Unanswered first, then the latest message first, then the id descending (two stable sorts)."""
    by_id = sorted(threads, key=lambda t: t.pk.hex, reverse=True)
    ordered = sorted(by_id, key=lambda t: (t.status != InquiryStatus.OPEN, -t.last_message_at.timestamp()))
    return [str(t.pk) for t in ordered]


def _walk(client, url: str) -> tuple[list[dict], int]:
    seen: list[dict] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert set(body) == {"results", "next"}
        seen.extend(body["results"])
        pages += 1
        url = body["next"]
        assert pages < 50, "the pages never end"
    return seen, pages


@pytest.mark.parametrize(("page_size", "pages"), [(None, 10), (100, 3), (7, 36)])
def test_250_inquiries_walk_all_pages_unanswered_first_without_repeats_or_gaps(org, alice, page_size, pages):
    threads = _threads(org, 250)
    url = "/api/v1/inquiries/" + (f"?page_size={page_size}" if page_size else "")
    seen, walked = _walk(api_for(alice), url)
    ids = [item["id"] for item in seen]
    assert walked == pages
    assert len(ids) == len(set(ids)) == 250
    assert ids == _expected(threads)
    statuses = [item["status"] for item in seen]
    assert statuses == sorted(statuses, key=lambda s: s != "open")  # every open thread before any answered
    assert (
        AccessLogEntry.objects.filter(user_id=str(alice.pk), action=AccessAction.READ, object_type="inquiry").count()
        == pages
    )


def test_a_thread_answered_while_paging_is_neither_repeated_nor_lost_among_the_rest(org, alice):
    threads = _threads(org, 60)
    client = api_for(alice)
    first = client.get("/api/v1/inquiries/?page_size=20").json()
    # A thread not yet shown is answered meanwhile: it moves to the answered part, still after the cursor.
    later = Inquiry.objects.get(pk=first["results"][-1]["id"])
    moved = next(t for t in _expected(threads)[30:] if Inquiry.objects.get(pk=t).status == InquiryStatus.OPEN)
    Inquiry.objects.filter(pk=moved).update(status=InquiryStatus.ANSWERED)
    rest, _pages = _walk(client, first["next"])
    ids = [item["id"] for item in first["results"]] + [item["id"] for item in rest]
    assert len(ids) == len(set(ids)) == 60
    assert str(later.pk) not in [item["id"] for item in rest]


@pytest.mark.parametrize("cursor", ["nonsense", "MXx4fHk", "!!!", "MnwyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwfGFiYw"])
def test_a_bad_cursor_is_a_400_naming_the_field(org, alice, cursor):
    _threads(org, 3)
    response = api_for(alice).get("/api/v1/inquiries/", {"cursor": cursor})
    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


@pytest.mark.parametrize("size", ["0", "101", "x"])
def test_a_bad_page_size_is_a_400_naming_the_field(org, alice, size):
    response = api_for(alice).get("/api/v1/inquiries/", {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


def test_the_inbox_page_is_paginated_too(org, web):
    threads = _threads(org, 30)
    expected = _expected(threads)
    first = web.get("/inquiries/", HTTP_ACCEPT_LANGUAGE="en")
    html = first.content.decode()
    assert first.status_code == 200
    assert len(set(re.findall(r'href="/inquiries/([0-9a-f-]{36})/"', html))) == 25
    assert f"/inquiries/{expected[0]}/" in html and f"/inquiries/{expected[25]}/" not in html
    assert "More inquiries" in html and "First page" not in html
    start = html.index("?after=") + len("?after=")
    cursor = html[start : html.index('"', start)]
    second = web.get(f"/inquiries/?after={cursor}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert all(f"/inquiries/{pk}/" in second for pk in expected[25:])
    assert f"/inquiries/{expected[0]}/" not in second
    assert "More inquiries" not in second and "First page" in second


def test_the_inbox_page_refuses_a_bad_cursor(org, web):
    _threads(org, 3)
    response = web.get("/inquiries/?after=nonsense", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400


def test_the_inbox_page_shows_each_threads_first_message_and_loads_no_other(org, web, django_assert_num_queries):
    threads = _threads(org, 3)
    later = timezone.now() + timedelta(minutes=5)
    for n, thread in enumerate(threads):
        reply = InquiryMessage.objects.create(
            inquiry=thread, sender=Sender.CASE_MANAGEMENT, text=f"Zweite Nachricht {n}"
        )
        InquiryMessage.objects.filter(pk=reply.pk).update(created_at=later)
    web.get("/inquiries/")  # the session's first request loads more (nothing cached yet)
    # session, user, memberships, threads, their first messages, unread notifications (the access
    # log is the audit database's): as many as with one message per thread
    with django_assert_num_queries(6):
        response = web.get("/inquiries/", HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f"Frage {n}" in html for n in range(3))
    assert "Zweite Nachricht" not in html
    assert response.context["threads"][0].first_messages[0].sender == Sender.PERSON
    assert all(len(thread.first_messages) == 1 for thread in response.context["threads"])

"""Notification API: own notifications only; other people's and malformed ids answer 404."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.notifications.models import Notification
from reintegra.notifications.services import notify
from reintegra.notifications.tests.conftest import api_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"


def make(user, count=1, *, prefix="note", **extra):
    return [
        notify(
            recipients=[user],
            kind="review_due",
            subject="",
            params={"reference": "BEM-2026-0001", "date": "3.11.2026"},
            channels=("in_app",),
            dedupe_key=f"{prefix}:{index}",
            **extra,
        )[0]
        for index in range(count)
    ]


def test_anonymous_requests_get_401(alice):
    (notification,) = make(alice)
    client = APIClient()
    assert client.get(LIST).status_code == 401
    assert client.post(f"{LIST}{notification.pk}/read/").status_code == 401
    assert client.post(f"{LIST}read-all/").status_code == 401


def test_list_shows_only_my_notifications_in_my_language(api, alice, bob, case):
    make(alice, 2, case=case, link=case.get_absolute_url())
    make(bob, 1, prefix="bob")
    response = api.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"results", "next"}
    assert len(data["results"]) == 2
    first = data["results"][0]
    assert first["subject"] == "Review of BEM-2026-0001 due on 3.11.2026"
    assert first["case"] == {"id": str(case.pk), "reference": case.reference}
    assert first["channels"] == ["in_app"]
    assert first["unread"] is True and first["read_at"] is None
    assert first["link"] == case.get_absolute_url()
    german = api.get(LIST, HTTP_ACCEPT_LANGUAGE="de").json()["results"][0]
    assert german["subject"] == "Überprüfung von BEM-2026-0001 fällig am 3.11.2026"


def test_email_only_notifications_are_not_in_the_inbox(api, alice):
    notify(recipients=[alice], kind="note", subject="Nur E-Mail", channels=("email",), dedupe_key="mail-only")
    assert api.get(LIST).json()["results"] == []


def test_unread_filter_and_bad_values(api, alice):
    read, _unread = make(alice, 2)
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    assert len(api.get(LIST, {"unread": "true"}).json()["results"]) == 1
    assert [n["id"] for n in api.get(LIST, {"unread": "false"}).json()["results"]] == [str(read.pk)]
    assert len(api.get(LIST).json()["results"]) == 2
    bad = api.get(LIST, {"unread": "maybe"})
    assert bad.status_code == 400
    assert "unread" in bad.json()


def test_cursor_pagination_walks_all(api, alice):
    make(alice, 7)
    page = api.get(LIST, {"page_size": 5}).json()
    assert len(page["results"]) == 5 and page["next"]
    rest = api.get(page["next"]).json()
    assert len(rest["results"]) == 2 and rest["next"] is None
    ids = [n["id"] for n in page["results"] + rest["results"]]
    assert len(set(ids)) == 7


def test_list_query_count_does_not_grow(api, alice, case, django_assert_max_num_queries):
    make(alice, 2, case=case)
    with django_assert_max_num_queries(6) as few:
        api.get(LIST)
    make(alice, 20, prefix="more", case=case)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(LIST).json()["results"]) == 22


def test_read_marks_mine_once(api, alice):
    (notification,) = make(alice)
    response = api.post(f"{LIST}{notification.pk}/read/")
    assert response.status_code == 200
    body = response.json()
    assert body["unread"] is False and body["read_at"]
    again = api.post(f"{LIST}{notification.pk}/read/", {"anything": 1}, format="json")
    assert again.status_code == 200
    assert again.json()["read_at"] == body["read_at"]


def test_other_peoples_and_bad_ids_answer_404_and_change_nothing(alice, bob, charlie):
    (notification,) = make(alice)
    for other in (bob, charlie):
        response = api_for(other).post(f"{LIST}{notification.pk}/read/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Diese Mitteilung gibt es nicht."}
    for bad in ("not-a-uuid", "123", "00000000-0000-0000-0000-000000000000"):
        assert api_for(alice).post(f"{LIST}{bad}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert api_for(bob).get(LIST).json()["results"] == []


def test_read_all_marks_only_mine(api, alice, bob):
    make(alice, 3)
    make(bob, 2, prefix="bob")
    response = api.post(f"{LIST}read-all/")
    assert response.status_code == 200
    assert response.json() == {"marked": 3, "unread": 0}
    assert api.post(f"{LIST}read-all/").json() == {"marked": 0, "unread": 0}
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 2


def test_unread_count(api, alice):
    make(alice, 4)
    assert api.get(f"{LIST}unread-count/").json() == {"unread": 4}


def test_wrong_methods_are_refused(api, alice):
    (notification,) = make(alice)
    assert api.get(f"{LIST}{notification.pk}/read/").status_code == 405
    assert api.post(LIST, {}, format="json").status_code == 405
    assert api.delete(f"{LIST}read-all/").status_code == 405

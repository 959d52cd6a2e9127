"""The inbox page: own notifications only, newest first, unread marked in words, mark as read."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from reintegra.notifications.models import Notification
from reintegra.notifications.services import notify

pytestmark = pytest.mark.django_db

INBOX = "/inbox/"


def make(user, count=1, *, prefix="Mitteilung", **extra):
    """`count` notifications, the last one newest."""
    made = []
    for index in range(count):
        (notification,) = notify(
            recipients=[user],
            kind="note",
            subject=f"{prefix} {index}",
            body=f"Text {index}",
            channels=("in_app",),
            dedupe_key=f"{prefix}:{index}",
            **extra,
        )
        made.append(notification)
    base = timezone.now() - timedelta(hours=1)
    for index, notification in enumerate(made):  # distinct, increasing creation times
        Notification.objects.filter(pk=notification.pk).update(created_at=base + timedelta(seconds=index))
    return made


def test_the_navigation_name_resolves_to_the_inbox():
    assert reverse("notifications:inbox") == INBOX


def test_inbox_needs_sign_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_inbox_lists_own_notifications_newest_first_and_marks_unread_in_words(web, alice, bob, case):
    make(alice, 2, case=case, link=case.get_absolute_url())
    make(bob, 1, prefix="Fremd")
    page = web.get(INBOX).content.decode()
    assert page.index("Mitteilung 1") < page.index("Mitteilung 0")
    assert "Fremd" not in page
    assert page.count("Ungelesen") == 2
    assert "Sie haben 2 ungelesene Benachrichtigungen." in page
    assert case.reference in page
    assert "notifications/notifications.css" in page


def test_inbox_speaks_english_too(web, alice):
    make(alice, 1)
    page = web.get(INBOX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unread" in page and "Mark as read" in page and "You have 1 unread notification." in page


def test_keyset_pagination_walks_every_notification_once(web, alice):
    make(alice, 30)
    first = web.get(INBOX)
    assert first.context["next_cursor"]
    seen = [n.subject for n in first.context["notifications"]]
    second = web.get(INBOX, {"after": first.context["next_cursor"]})
    seen += [n.subject for n in second.context["notifications"]]
    assert second.context["next_cursor"] is None
    assert seen == [f"Mitteilung {i}" for i in range(29, -1, -1)]


def test_a_bad_cursor_shows_the_first_page(web, alice):
    make(alice, 2)
    for cursor in ("nonsense", "%%%", "MjAyNi0wMS0wMXxub3QtYS11dWlk"):
        response = web.get(INBOX, {"after": cursor})
        assert response.status_code == 200
        assert len(response.context["notifications"]) == 2


def test_unread_filter(web, alice):
    read, unread = make(alice, 2)
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    page = web.get(INBOX, {"unread": "1"}).content.decode()
    assert "Mitteilung 1" in page and "Mitteilung 0" not in page


def test_inbox_query_count_does_not_grow(web, alice, case, django_assert_max_num_queries):
    make(alice, 3, case=case)
    with django_assert_max_num_queries(12) as few:  # session, user, roles, organisation, page, count…
        web.get(INBOX)
    make(alice, 20, prefix="Mehr", case=case)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = web.get(INBOX).content.decode()
    assert page.count(case.reference) == 23


def test_mark_one_as_read(web, alice):
    (notification,) = make(alice)
    url = reverse("notifications:read", args=[notification.pk])
    assert web.get(url).status_code == 405
    response = web.post(url)
    assert response.status_code == 302
    assert response["Location"] == INBOX
    notification.refresh_from_db()
    first_read = notification.read_at
    assert first_read is not None
    web.post(url)
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_mark_as_read_with_htmx_returns_the_entry_and_announces_the_change(web, alice):
    (notification,) = make(alice)
    response = web.post(reverse("notifications:read", args=[notification.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert body.startswith("<li") and "inbox-item--read" in body and "Ungelesen" not in body
    assert 'id="inbox-status" role="status" hx-swap-oob="true"' in body


def test_other_peoples_notifications_answer_404_and_stay_unread(client, alice, bob):
    (notification,) = make(alice)
    client.force_login(bob)
    for name in ("read", "open"):
        assert client.post(reverse(f"notifications:{name}", args=[notification.pk])).status_code == 404
    assert client.post(f"/inbox/{'0' * 8}-0000-0000-0000-{'0' * 12}/read/").status_code == 404
    assert client.post("/inbox/not-a-uuid/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_open_marks_read_and_goes_to_the_link(web, alice, case):
    (with_link,) = make(alice, prefix="Link", case=case, link=case.get_absolute_url())
    (without,) = make(alice, prefix="Ohne")
    response = web.post(reverse("notifications:open", args=[with_link.pk]))
    assert response["Location"] == case.get_absolute_url()
    assert web.post(reverse("notifications:open", args=[without.pk]))["Location"] == INBOX
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_all_as_read_touches_only_mine(web, alice, bob):
    make(alice, 3)
    make(bob, 2, prefix="Bob")
    response = web.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 2


def test_mark_all_with_htmx_returns_the_list(web, alice):
    make(alice, 2)
    response = web.post(reverse("notifications:read_all"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response["HX-Trigger"] == "notifications-changed"
    assert body.startswith('<div id="inbox">')
    assert "Sie haben 0 ungelesene Benachrichtigungen." in body


def test_a_safe_next_is_followed_an_unsafe_one_not(web, alice):
    (one, two) = make(alice, 2)
    assert web.post(reverse("notifications:read", args=[one.pk]), {"next": "/inbox/?unread=1"})["Location"] == (
        "/inbox/?unread=1"
    )
    assert web.post(reverse("notifications:read", args=[two.pk]), {"next": "https://evil.example/"})["Location"] == (
        INBOX
    )


def test_badge_and_template_tags_count_unread(web, alice, bob, rf: RequestFactory):
    make(alice, 3)
    badge = web.get(reverse("notifications:badge")).content.decode()
    assert 'hx-trigger="notifications-changed from:body"' in badge
    assert ">3<" in badge and "ungelesen" in badge
    template = Template(
        "{% load notifications_tags %}{% unread_count as n %}[{{ n }}]{% unread_count other as m %}[{{ m }}]"
    )
    request = rf.get("/")
    request.user = alice
    assert template.render(Context({"request": request, "user": alice, "other": bob})) == "[3][0]"
    badge_tag = Template("{% load notifications_tags %}{% inbox_badge %}").render(Context({"user": alice}))
    assert badge_tag.startswith('<span id="inbox-badge"') and ">3<" in badge_tag
    assert '<span class="tag">' not in Template("{% load notifications_tags %}{% inbox_badge %}").render(
        Context({"user": bob})
    )


def test_the_badge_counts_nothing_for_anonymous_visitors(rf):
    rendered = Template("{% load notifications_tags %}{% unread_count as n %}{{ n }}").render(
        Context({"user": AnonymousUser()})
    )
    assert rendered == "0"

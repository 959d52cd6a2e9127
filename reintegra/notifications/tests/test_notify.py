"""notify(): idempotent per event, e-mail enqueued after commit and sent exactly once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from reintegra.core.exceptions import PermissionDenied
from reintegra.notifications.models import EmailStatus, Notification
from reintegra.notifications.services import notification_mark_read, notify
from reintegra.notifications.tasks import notification_email_send, notification_emails_flush, send_notification_email

pytestmark = pytest.mark.django_db


def review_note(recipients, case, key="review:1", **extra):
    values = {
        "recipients": recipients,
        "kind": "review_due",
        "subject": "",
        "params": {"reference": case.reference, "date": "3.11.2026"},
        "case": case,
        "link": case.get_absolute_url(),
        "dedupe_key": key,
    }
    return notify(**{**values, **extra})


def test_notify_twice_with_the_same_key_notifies_once(alice, bob, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first:
        created = review_note([alice, bob, alice], case)
    with django_capture_on_commit_callbacks() as second:
        again = review_note([alice, bob], case)
    assert Notification.objects.count() == 2
    assert {n.pk for n in created} == {n.pk for n in again}
    assert len(first) == 2  # one e-mail per recipient, enqueued on commit
    assert second == []  # nothing new: nothing enqueued


def test_email_is_enqueued_only_when_the_transaction_commits(
    alice, case, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review_note([alice], case)
    assert len(callbacks) == 1
    assert mailoutbox == []  # not before commit
    callbacks[0]()
    assert len(mailoutbox) == 1
    assert Notification.objects.get().email_status == EmailStatus.SENT


def test_a_rolled_back_change_notifies_no_one(alice, case, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            review_note([alice], case)
            raise RuntimeError("the calling service failed")
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mailoutbox == []


@override_settings(REINTEGRA_BASE_URL="https://reintegra.example.org/")
def test_email_goes_to_the_recipient_german_first_without_detail_in_the_subject(
    alice, case, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review_note([alice], case, body="ignored: the kind has its own text")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Reintegra: Überprüfung fällig / Review due"
    for detail in (case.reference, "Jürg", "Müller", "Rücken"):
        assert detail not in message.subject
    text = message.body
    assert text.index("Guten Tag Alice Owner") < text.index("Hello Alice Owner")
    assert f"Überprüfung von {case.reference} fällig am 3.11.2026" in text
    assert f"Review of {case.reference} due on 3.11.2026" in text
    assert f"https://reintegra.example.org/cases/{case.pk}/" in text
    assert "https://reintegra.example.org/inbox/" in text
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_free_text_kinds_keep_their_text_and_get_a_generic_subject(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[alice],
            kind="case_conference",
            subject="Fallkonferenz am Montag",
            body="Bitte Unterlagen zu Frau X mitbringen.",
            dedupe_key="conference:1",
        )
    message = mailoutbox[0]
    assert message.subject == "Reintegra: Neue Benachrichtigung / New notification"
    assert "Fallkonferenz am Montag" in message.body
    assert "Bitte Unterlagen zu Frau X mitbringen." in message.body
    assert "Frau X" not in message.subject


def test_stored_texts_are_german_and_shown_in_the_readers_language(alice, case):
    (notification,) = review_note([alice], case)
    assert notification.subject == f"Überprüfung von {case.reference} fällig am 3.11.2026"
    with translation.override("en"):
        assert notification.display_subject == f"Review of {case.reference} due on 3.11.2026"
    with translation.override("de"):
        assert notification.display_body.startswith(f"Der Plan des Falls {case.reference}")


def test_the_email_task_run_twice_sends_once(alice, case, mailoutbox):
    (notification,) = review_note([alice], case)
    send_notification_email.enqueue(str(notification.pk))
    send_notification_email.enqueue(str(notification.pk))
    assert notification_email_send(notification_id=notification.pk) is False
    assert notification_emails_flush(now=notification.created_at) == 0
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_failed_send_is_undone_and_caught_up_later(alice, case, mailoutbox, monkeypatch):
    (notification,) = review_note([alice], case)

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", broken)
    with pytest.raises(OSError):
        notification_email_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.email_status, notification.emailed_at) == (EmailStatus.PENDING, None)
    monkeypatch.undo()
    assert notification_emails_flush(now=notification.created_at) == 1
    assert len(mailoutbox) == 1


def test_inactive_accounts_get_nothing(alice, bob, case, mailoutbox, django_capture_on_commit_callbacks):
    bob.is_active = False
    bob.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = review_note([alice, bob], case)
    assert [n.recipient for n in created] == [alice]
    assert not Notification.objects.filter(recipient=bob).exists()
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]


def test_an_account_deactivated_before_the_email_goes_out_gets_no_email(alice, case, mailoutbox):
    (notification,) = review_note([alice], case)
    alice.is_active = False
    alice.save()
    assert notification_email_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SKIPPED
    assert mailoutbox == []


def test_without_an_address_the_notification_stays_in_the_inbox(
    alice, case, mailoutbox, django_capture_on_commit_callbacks
):
    alice.email = ""
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        review_note([alice], case)
    assert Notification.objects.get().email_status == EmailStatus.SKIPPED
    assert mailoutbox == []


def test_channels_choose_inbox_and_email(alice, case, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (inbox_only,) = review_note([alice], case, key="a", channels=("in_app",))
        (email_only,) = review_note([alice], case, key="b", channels=("email",))
    assert len(callbacks) == 1
    assert (inbox_only.in_app, inbox_only.email_status) == (True, EmailStatus.NOT_WANTED)
    assert (email_only.in_app, email_only.channels) == (False, ["email"])
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("link", {"link": "https://evil.example/"}),
        ("link", {"link": "//evil.example/"}),
        ("link", {"link": "/\\evil.example/"}),
        ("link", {"link": "javascript:alert(1)"}),
        ("kind", {"kind": "Not A Key"}),
        ("subject", {"subject": " ", "params": None}),
        ("subject", {"subject": "x" * 201, "params": None, "kind": "free_text"}),
        ("dedupe_key", {"dedupe_key": ""}),
        ("dedupe_key", {"dedupe_key": "k" * 201}),
        ("channels", {"channels": ("sms",)}),
        ("channels", {"channels": ()}),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(alice, case, field, values):
    with pytest.raises(ValidationError) as error:
        review_note([alice], case, **values)
    assert field in error.value.message_dict
    assert Notification.objects.count() == 0


def test_recipients_of_another_organisation_are_refused_for_a_case(alice, charlie, case):
    with pytest.raises(ValidationError) as error:
        review_note([alice, charlie], case)
    assert "recipients" in error.value.message_dict
    assert Notification.objects.count() == 0


def test_the_body_is_encrypted_at_rest(alice):
    notify(recipients=[alice], kind="note", subject="Notiz", body="Diagnose: geheim", dedupe_key="n:1")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM notifications_notification")
        (stored,) = cursor.fetchone()
    assert "geheim" not in stored
    assert Notification.objects.get().body == "Diagnose: geheim"


def test_marking_someone_elses_notification_is_refused_and_changes_nothing(alice, bob, case):
    (notification,) = review_note([alice], case)
    with pytest.raises(PermissionDenied):
        notification_mark_read(user=bob, notification=notification)
    notification.refresh_from_db()
    assert (notification.read_at, notification.version) == (None, 1)
    notification_mark_read(user=alice, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None and notification.version == 2

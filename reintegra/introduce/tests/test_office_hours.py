"""Office hours: sign-up without an account, capacity, e-mails, reminders, cancellation link."""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.audit.models import AccessLogEntry
from reintegra.core.exceptions import PermissionDenied
from reintegra.introduce import services
from reintegra.introduce.models import OfficeHourSession, OfficeHourSignup
from reintegra.introduce.services.office_hours import signup_token
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


def ask(session, email="gast@example.org", **kwargs):
    """Ask to sign up (the first half of the double opt-in): the pending sign-up."""
    services.signup_create(session=session, email=email, link_base="https://reintegra.example", **kwargs)
    return OfficeHourSignup.objects.get(session=session, email=email.strip().lower(), cancelled_at__isnull=True)


def sign_up(session, email="gast@example.org", **kwargs):
    """Ask and confirm: a sign-up that holds a seat."""
    signup = ask(session, email, **kwargs)
    services.signup_confirm(signup=signup)
    signup.refresh_from_db()
    return signup


def confirm_link(message):
    return re.search(r"https?://[^/\s]+(/introduce/sprechstunde/bestaetigen/\S+)", message.body).group(1)


def cancel_link(message):
    return re.search(r"https?://[^/\s]+(/introduce/sprechstunde/abmelden/\S+)", message.body).group(1)


# --- sign-up -------------------------------------------------------------------------------------


def test_public_sign_up_is_confirmed_by_e_mail_before_it_takes_a_seat(
    client, session, django_capture_on_commit_callbacks
):
    page = client.get(f"/introduce/sprechstunde/{session.pk}/")
    assert page.status_code == 200
    assert "https://meet.example.org/x" not in page.content.decode()  # the link goes only by e-mail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/introduce/sprechstunde/{session.pk}/",
            {"email": "Gast@Example.org", "name": "Gast", "question": "Wie starten wir?", "anonymous": "on"},
        )
    assert response.status_code == 302
    signup = OfficeHourSignup.objects.get()
    assert signup.email == "gast@example.org" and signup.anonymous and signup.question == "Wie starten wir?"
    # #21 item 5: pending until confirmed — no seat, no online link, no cancel link yet.
    assert signup.confirmed_at is None and signup.confirmation_sent_at is None
    session.refresh_from_db()
    assert session.seats_taken == 0
    [request_mail] = mail.outbox
    assert request_mail.to == ["gast@example.org"]
    assert "https://meet.example.org/x" not in request_mail.body
    assert "/introduce/sprechstunde/abmelden/" not in request_mail.body
    path = confirm_link(request_mail)
    asked = client.get(path)
    assert asked.status_code == 200 and "<form" in asked.content.decode()
    assert OfficeHourSignup.objects.get().confirmed_at is None  # GET (a link scanner) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 200
    signup.refresh_from_db()
    assert signup.confirmed_at is not None and signup.confirmation_sent_at is not None
    session.refresh_from_db()
    assert session.seats_taken == 1
    message = mail.outbox[1]
    assert message.to == ["gast@example.org"]
    assert session.title in message.subject
    assert "https://meet.example.org/x" in message.body
    assert "/introduce/sprechstunde/abmelden/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 200  # twice: still one seat, no second e-mail
    session.refresh_from_db()
    assert session.seats_taken == 1 and len(mail.outbox) == 2


def test_pending_sign_ups_are_seen_by_nobody_and_get_no_reminder(alice, session):
    ask(session, "offen@example.org", question="Noch nicht bestätigt")
    listed = api_for(alice).get(f"/api/v1/introduce/office-hours/{session.pk}/signups/")
    assert listed.json()["results"] == []
    assert services.office_hours_send_reminders(now=session.starts_at - timedelta(hours=2)) == 0
    services.session_delete(actor=alice, session=session)  # nobody holds a seat: it may go
    assert not OfficeHourSession.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("state", ["new", "pending", "confirmed", "cancelled"])
def test_the_answer_never_reveals_whether_an_address_is_signed_up(
    client, session, state, django_capture_on_commit_callbacks
):
    """#21 item 5: the same redirect, page and API answer in every case; only the address's
    owner learns more, by e-mail."""
    if state == "pending":
        ask(session)
    elif state in ("confirmed", "cancelled"):
        signup = sign_up(session)
        if state == "cancelled":
            services.signup_cancel(signup=signup)
    OfficeHourSignup.objects.update(confirm_requested_at=timezone.now() - timedelta(hours=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/introduce/sprechstunde/{session.pk}/", {"email": "GAST@example.org"}, follow=True)
        api = APIClient().post(
            f"/api/v1/introduce/office-hours/{session.pk}/sign-up/", {"email": "gast@example.org"}, format="json"
        )
    assert page.redirect_chain == [(f"/introduce/sprechstunde/{session.pk}/angemeldet/", 302)]
    assert page.status_code == 200
    assert api.status_code == 202
    assert api.json() == {
        "session": str(session.pk),
        "detail": "Bitte prüfen Sie Ihre E-Mails: Die Anmeldung wird mit dem Link darin bestätigt.",
    }
    # The owner of the address gets one e-mail (the page and the API within the resend interval).
    [message] = mail.outbox
    assert message.to == ["gast@example.org"]
    if state == "confirmed":
        assert "/introduce/sprechstunde/abmelden/" in message.body and "bestaetigen" not in message.body
        assert OfficeHourSignup.objects.filter(cancelled_at__isnull=True).count() == 1
    else:
        assert "/introduce/sprechstunde/bestaetigen/" in message.body
    session.refresh_from_db()
    assert session.seats_taken == (1 if state == "confirmed" else 0)


def test_an_address_gets_at_most_one_e_mail_per_interval(session, django_capture_on_commit_callbacks):
    for _round in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            ask(session)
    assert len(mail.outbox) == 1
    OfficeHourSignup.objects.update(confirm_requested_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        ask(session)
    assert len(mail.outbox) == 2


def test_sign_ups_are_rate_limited_per_address(client, session, settings):
    settings.REINTEGRA_TRUSTED_PROXY_COUNT = 1
    for number in range(10):
        response = client.post(
            f"/introduce/sprechstunde/{session.pk}/",
            {"email": f"p{number}@example.org"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
        assert response.status_code == 302
    refused = client.post(
        f"/introduce/sprechstunde/{session.pk}/", {"email": "p10@example.org"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert refused.status_code == 429
    api = APIClient().post(
        f"/api/v1/introduce/office-hours/{session.pk}/sign-up/",
        {"email": "p11@example.org"},
        format="json",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert api.status_code == 429 and "detail" in api.json()
    assert OfficeHourSignup.objects.count() == 10
    # Another client behind the same proxy is not affected.
    other = client.post(
        f"/introduce/sprechstunde/{session.pk}/", {"email": "q@example.org"}, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert other.status_code == 302


def test_an_expired_or_forged_confirmation_link_is_404(client, session, monkeypatch):
    from django.core import signing

    signup = ask(session)
    token = services.office_hours.confirm_token(signup)
    assert client.get(f"/introduce/sprechstunde/bestaetigen/{token}x/").status_code == 404
    wrong_salt = signing.dumps(str(signup.pk), salt="reintegra.introduce.office-hours.cancel")
    assert client.post(f"/introduce/sprechstunde/bestaetigen/{wrong_salt}/").status_code == 404
    later = time.time() + 49 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.post(f"/introduce/sprechstunde/bestaetigen/{token}/").status_code == 404
    assert OfficeHourSignup.objects.get().confirmed_at is None


def test_confirming_when_the_session_filled_up_meanwhile_takes_no_seat(client, session):
    late = ask(session, "late@example.org")
    sign_up(session, "a@example.org")
    sign_up(session, "b@example.org")
    token = services.office_hours.confirm_token(late)
    response = client.post(f"/introduce/sprechstunde/bestaetigen/{token}/")
    assert response.status_code == 400
    late.refresh_from_db()
    assert late.confirmed_at is None
    session.refresh_from_db()
    assert session.seats_taken == 2


def test_cancellation_link_works_without_signing_in(client, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(session)
    path = cancel_link(mail.outbox[0])
    asked = client.get(path)
    assert asked.status_code == 200 and "<form" in asked.content.decode()
    assert OfficeHourSignup.objects.get().cancelled_at is None  # GET changes nothing
    assert client.post(path).status_code == 200
    session.refresh_from_db()
    assert session.seats_taken == 0
    assert OfficeHourSignup.objects.get().cancelled_at is not None
    client.post(path)  # twice: still one seat freed, no error
    session.refresh_from_db()
    assert session.seats_taken == 0


@pytest.mark.parametrize("token", ["nonsense", "eyJ0ZXN0IjoxfQ:1abc:def"])
def test_a_forged_cancellation_token_is_404(client, session, token):
    sign_up(session)
    assert client.get(f"/introduce/sprechstunde/abmelden/{token}/").status_code == 404
    assert client.post(f"/introduce/sprechstunde/abmelden/{token}/").status_code == 404
    assert OfficeHourSignup.objects.get().cancelled_at is None


def test_a_token_for_another_purpose_is_refused(client, session):
    from django.core import signing

    signup = sign_up(session)
    wrong_salt = signing.dumps(str(signup.pk), salt="something-else")
    assert client.post(f"/introduce/sprechstunde/abmelden/{wrong_salt}/").status_code == 404
    assert client.post(f"/introduce/sprechstunde/abmelden/{signup_token(signup)}/").status_code == 200


def test_capacity_is_enforced_and_a_full_session_stores_nothing(client, session):
    sign_up(session, "a@example.org")
    sign_up(session, "b@example.org")
    with pytest.raises(ValidationError):
        ask(session, "c@example.org")
    response = client.post(f"/introduce/sprechstunde/{session.pk}/", {"email": "d@example.org"})
    assert response.status_code == 200
    assert OfficeHourSignup.objects.count() == 2
    session.refresh_from_db()
    assert session.seats_taken == 2


def test_capacity_holds_even_with_a_stale_session_object(session):
    """The seat is taken by a conditional UPDATE, not from the (possibly stale) object in memory."""
    stale = OfficeHourSession.objects.get(pk=session.pk)
    pending = ask(session, "c@example.org")  # asked before it filled up
    sign_up(session, "a@example.org")
    sign_up(session, "b@example.org")
    assert stale.seats_taken == 0
    pending.session = stale
    with pytest.raises(ValidationError):
        services.signup_confirm(signup=pending)
    assert OfficeHourSignup.objects.filter(confirmed_at__isnull=False).count() == 2


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_sign_ups(org, monkeypatch):
    monkeypatch.setattr("reintegra.introduce.services.office_hours.send_confirmation", lambda pk: None)
    monkeypatch.setattr("reintegra.introduce.services.office_hours.send_confirm_request", lambda pk: None)
    session = OfficeHourSession.objects.create(
        organisation=org, title="Voll", starts_at=timezone.now() + timedelta(days=1), location="Basel", capacity=3
    )
    pending = {number: ask(session, f"p{number}@example.org") for number in range(8)}
    results: list[str] = []
    errors: list[ValidationError] = []
    barrier = threading.Barrier(8)

    # Each thread opens a connection of the very backend the test uses. Normally Django does
    # that anyway; with `--postgres` the root conftest swaps the engine in the settings after
    # the default connection was built, so a plain new thread would miss the test database.
    wrapper_class, settings_dict = type(connections["default"]), connections["default"].settings_dict

    def attempt(number: int) -> None:
        connections["default"] = wrapper_class(settings_dict, "default")
        barrier.wait()
        try:
            for _try in range(200):
                try:
                    services.signup_confirm(signup=OfficeHourSignup.objects.get(pk=pending[number].pk))
                    results.append("ok")
                    return
                except ValidationError as exc:
                    results.append("full")
                    errors.append(exc)
                    return
                except OperationalError as exc:
                    # SQLite's shared in-memory test database reports "table is locked" at once
                    # instead of waiting like the file database's busy timeout does: wait and retry.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    session.refresh_from_db()
    assert results.count("ok") == 3 and results.count("full") == 5, errors
    assert session.seats_taken == 3
    assert OfficeHourSignup.objects.filter(session=session, confirmed_at__isnull=False).count() == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "kein-mail"}, "email"),
        ({"email": ""}, "email"),
        ({"email": "x@example.org", "question": "x" * 2001}, "question"),
        ({"email": "x@example.org", "name": "n" * 201}, "name"),
    ],
)
def test_bad_sign_up_input_shows_the_field_and_stores_nothing(client, session, data, field):
    response = client.post(f"/introduce/sprechstunde/{session.pk}/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not OfficeHourSignup.objects.exists()


def test_the_same_address_signs_up_once(session):
    sign_up(session)
    ask(session, "GAST@example.org")  # no error: nothing tells that it is signed up
    assert OfficeHourSignup.objects.count() == 1


def test_past_sessions_take_no_sign_ups(client, session):
    session.starts_at = timezone.now() - timedelta(hours=1)
    session.save()
    with pytest.raises(ValidationError):
        sign_up(session)
    page = client.get(f"/introduce/sprechstunde/{session.pk}/")
    assert '<form method="post" novalidate>' not in page.content.decode()
    assert not OfficeHourSignup.objects.exists()


# --- reminders ---------------------------------------------------------------------------------------


def test_reminders_are_sent_once_per_sign_up(session, org):
    later = OfficeHourSession.objects.create(
        organisation=org, title="Später", starts_at=timezone.now() + timedelta(days=10), location="Basel", capacity=5
    )
    sign_up(session, "a@example.org")
    cancelled = sign_up(session, "b@example.org")
    services.signup_cancel(signup=cancelled)
    sign_up(later, "c@example.org")
    now = session.starts_at - timedelta(hours=20)

    assert services.office_hours_send_reminders(now=now) == 1
    assert services.office_hours_send_reminders(now=now) == 0
    assert services.office_hours_send_reminders(now=now + timedelta(hours=1)) == 0
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "Erinnerung" in mail.outbox[0].subject or "Reminder" in mail.outbox[0].subject
    assert "/introduce/sprechstunde/abmelden/" in mail.outbox[0].body


def test_no_reminder_too_early_or_after_the_start(session):
    sign_up(session)
    assert services.office_hours_send_reminders(now=session.starts_at - timedelta(days=2)) == 0
    assert services.office_hours_send_reminders(now=session.starts_at + timedelta(minutes=1)) == 0
    assert not mail.outbox


def test_a_failed_reminder_is_released_for_the_next_run(session, monkeypatch):
    sign_up(session)
    now = session.starts_at - timedelta(hours=2)

    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("reintegra.introduce.services.office_hours.send_mail", broken)
    assert services.office_hours_send_reminders(now=now) == 0
    assert OfficeHourSignup.objects.get().reminder_sent_at is None
    monkeypatch.undo()
    assert services.office_hours_send_reminders(now=now) == 1


def test_reminder_command_runs(session):
    from io import StringIO

    from django.core.management import call_command

    sign_up(session)
    OfficeHourSession.objects.filter(pk=session.pk).update(starts_at=timezone.now() + timedelta(hours=3))
    out = StringIO()
    call_command("office_hours_remind", stdout=out)
    call_command("office_hours_remind", stdout=out)
    assert len(mail.outbox) == 1
    assert "1" in out.getvalue()


# --- sessions (staff) --------------------------------------------------------------------------------


def session_data(**overrides):
    values = {"title": "Sprechstunde", "starts_at": timezone.now() + timedelta(days=7), "capacity": 10}
    return services.SessionData(**{**values, "location": "Zürich", **overrides})


def test_session_needs_a_place_or_link_and_a_future_start(alice):
    with pytest.raises(ValidationError) as excinfo:
        services.session_create(actor=alice, data=session_data(location=""))
    assert "location" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.session_create(actor=alice, data=session_data(starts_at=timezone.now() - timedelta(days=1)))
    assert "starts_at" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.session_create(actor=alice, data=session_data(capacity=0))
    assert "capacity" in excinfo.value.message_dict
    assert not OfficeHourSession.objects.exists()


def test_capacity_cannot_drop_below_the_sign_ups(alice, session):
    sign_up(session, "a@example.org")
    sign_up(session, "b@example.org")
    session.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.session_update(
            actor=alice,
            session=session,
            data=services.SessionData.build({"capacity": 1}, base=services.SessionData.of(session)),
            version=session.version,
        )
    assert "capacity" in excinfo.value.message_dict
    services.session_update(
        actor=alice,
        session=session,
        data=services.SessionData.build({"capacity": 5}, base=services.SessionData.of(session)),
        version=session.version,
    )
    session.refresh_from_db()
    assert (session.capacity, session.seats_taken) == (5, 2)


def test_session_with_sign_ups_cannot_be_deleted(alice, session):
    sign_up(session)
    with pytest.raises(ValidationError):
        services.session_delete(actor=alice, session=session)
    assert OfficeHourSession.objects.filter(pk=session.pk).exists()


def test_only_editors_manage_sessions(bob, dora):
    for person in (bob, dora):
        with pytest.raises(PermissionDenied):
            services.session_create(actor=person, data=session_data())
    assert not OfficeHourSession.objects.exists()


# --- sign-ups seen by staff --------------------------------------------------------------------------


def test_sign_up_list_hides_anonymous_people_and_logs_the_read(alice, bob, tina, charlie, session):
    sign_up(session, "offen@example.org", name="Offen", question="Frage 1")
    sign_up(session, "anonym@example.org", name="Geheim", question="Frage 2", anonymous=True)
    listed = api_for(alice).get(f"/api/v1/introduce/office-hours/{session.pk}/signups/")
    assert listed.status_code == 200
    rows = {row["question"]: row for row in listed.json()["results"]}
    assert rows["Frage 1"]["email"] == "offen@example.org"
    assert rows["Frage 2"]["email"] is None and rows["Frage 2"]["name"] is None
    assert AccessLogEntry.objects.filter(object_type="office_hour_signups", username="alice").exists()
    assert api_for(bob).get(f"/api/v1/introduce/office-hours/{session.pk}/signups/").status_code == 403
    OfficeHourSession.objects.filter(pk=session.pk).update(host=bob)
    assert api_for(bob).get(f"/api/v1/introduce/office-hours/{session.pk}/signups/").status_code == 200
    assert api_for(charlie).get(f"/api/v1/introduce/office-hours/{session.pk}/signups/").status_code == 404


def test_session_page_shows_questions_to_editors_only(client, alice, bob, session):
    sign_up(session, "offen@example.org", question="Wie fangen wir an?")
    client.force_login(alice)
    assert "Wie fangen wir an?" in client.get(f"/introduce/office-hours/{session.pk}/").content.decode()
    client.force_login(bob)
    page = client.get(f"/introduce/office-hours/{session.pk}/")
    assert page.status_code == 200 and "Wie fangen wir an?" not in page.content.decode()


# --- public API ----------------------------------------------------------------------------------


def test_public_api_sign_up_and_cancel(api, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            f"/api/v1/introduce/office-hours/{session.pk}/sign-up/", {"email": "api@example.org"}, format="json"
        )
    assert created.status_code == 202, created.json()
    assert "id" not in created.json()
    confirm = confirm_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = api.post("/api/v1/introduce/office-hours/confirm/", {"token": confirm}, format="json")
    assert confirmed.json() == {"confirmed": True}
    assert api.post("/api/v1/introduce/office-hours/confirm/", {"token": confirm}, format="json").json() == {
        "confirmed": False
    }
    assert api.post("/api/v1/introduce/office-hours/confirm/", {"token": "x"}, format="json").status_code == 404
    assert api.post("/api/v1/introduce/office-hours/confirm/", {}, format="json").status_code == 400
    token = cancel_link(mail.outbox[1]).rstrip("/").rsplit("/", 1)[1]
    assert api.post("/api/v1/introduce/office-hours/cancel/", {"token": token}, format="json").json() == {
        "cancelled": True
    }
    assert api.post("/api/v1/introduce/office-hours/cancel/", {"token": token}, format="json").json() == {
        "cancelled": False
    }
    assert api.post("/api/v1/introduce/office-hours/cancel/", {"token": "x"}, format="json").status_code == 404
    assert api.post("/api/v1/introduce/office-hours/cancel/", {}, format="json").status_code == 400


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "email"),
        ({"email": "nope"}, "email"),
        ({"email": "a@example.org", "anonymous": "kinda"}, "anonymous"),
        ({"email": "a@example.org", "question": ["x"]}, "question"),
    ],
)
def test_public_api_sign_up_refuses_bad_input(api, session, payload, field):
    response = api.post(f"/api/v1/introduce/office-hours/{session.pk}/sign-up/", payload, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not OfficeHourSignup.objects.exists()


def test_public_api_sign_up_for_a_full_session_is_400(api, session):
    sign_up(session, "a@example.org")
    sign_up(session, "b@example.org")
    response = api.post(f"/api/v1/introduce/office-hours/{session.pk}/sign-up/", {"email": "c@x.org"}, format="json")
    assert response.status_code == 400 and "detail" in response.json()


def test_sessions_api_crud(alice, bob):
    client = api_for(alice)
    starts = (timezone.now() + timedelta(days=5)).isoformat()
    created = client.post(
        "/api/v1/introduce/office-hours/",
        {"title": "Sprechstunde", "starts_at": starts, "capacity": 5, "online_url": "https://meet.example.org/a"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["seats_left"] == 5 and body["seats_taken"] == 0
    detail = f"/api/v1/introduce/office-hours/{body['id']}/"
    assert client.patch(detail, {"seats_taken": 4, "version": 1}, format="json").json()["seats_taken"] == 0
    bad = client.post(
        "/api/v1/introduce/office-hours/", {"title": "x", "starts_at": "morgen", "capacity": 5}, format="json"
    )
    assert bad.status_code == 400 and "starts_at" in bad.json()
    no_place = client.post(
        "/api/v1/introduce/office-hours/", {"title": "x", "starts_at": starts, "capacity": 5}, format="json"
    )
    assert no_place.status_code == 400 and "location" in no_place.json()
    assert (
        api_for(bob)
        .post(
            "/api/v1/introduce/office-hours/",
            {"title": "x", "starts_at": starts, "capacity": 5, "location": "y"},
            format="json",
        )
        .status_code
        == 403
    )
    assert OfficeHourSession.objects.count() == 1

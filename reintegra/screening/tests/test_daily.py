"""The nightly work: purge (absences after two years, old declines), recompute, reminders and proposals."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from reintegra.notifications.models import Notification
from reintegra.screening.models import Absence, Employee, Invitation, ScreeningHit
from reintegra.screening.services.imports import absences_import
from reintegra.screening.services.invitations import invitation_create, invitation_respond, invitations_follow_up
from reintegra.screening.services.runs import screening_run
from reintegra.screening.tests.conftest import csv_file, day

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
TODAY = date.today()


def _setup(alice):
    absences_import(actor=alice, payload=csv_file(f"1001,Jürg,Müller,,Basel,{day(60)},{day(11)},illness,100,5").read())
    employee = Employee.objects.get()
    rule = alice.organisation.screening_rules.get(key="bem")
    return employee, rule


def test_absences_older_than_two_years_are_deleted(alice):
    employee, _rule = _setup(alice)
    Absence.objects.create(
        employee=employee, start=TODAY - timedelta(days=800), end=TODAY - timedelta(days=731), kind="illness"
    )
    Absence.objects.create(
        employee=employee, start=TODAY - timedelta(days=729), end=TODAY - timedelta(days=729), kind="illness"
    )
    call_command("screening_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Absence.objects.filter(end__lt=TODAY - timedelta(days=730)).count() == 0
    assert Absence.objects.count() == 2


def test_reminder_after_14_days_and_no_response_proposed_21_days_later(alice):
    employee, rule = _setup(alice)
    invitation = invitation_create(actor=alice, employee=employee, rule=rule, today=TODAY - timedelta(days=40))
    assert invitations_follow_up(today=TODAY - timedelta(days=27)) == {"reminders": 0, "no_response_proposed": 0}
    assert invitations_follow_up(today=TODAY - timedelta(days=26)) == {"reminders": 1, "no_response_proposed": 0}
    assert invitations_follow_up(today=TODAY - timedelta(days=26)) == {"reminders": 0, "no_response_proposed": 0}
    assert invitations_follow_up(today=TODAY - timedelta(days=6)) == {"reminders": 0, "no_response_proposed": 0}
    assert invitations_follow_up(today=TODAY - timedelta(days=5)) == {"reminders": 0, "no_response_proposed": 1}
    invitation.refresh_from_db()
    assert invitation.reminded_on == TODAY - timedelta(days=26)
    assert invitation.no_response_proposed_on == TODAY - timedelta(days=5)
    kinds = set(Notification.objects.filter(recipient=alice).values_list("kind", flat=True))
    assert kinds == {"screening_reminder", "screening_no_response"}


def test_old_declines_are_deleted_but_not_within_the_year_they_keep_someone_off_the_list(alice):
    employee, rule = _setup(alice)
    invitation = invitation_create(actor=alice, employee=employee, rule=rule)
    invitation_respond(actor=alice, invitation=invitation, answer="declined")
    call_command("screening_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Invitation.objects.count() == 1
    Invitation.objects.update(answered_on=TODAY - timedelta(days=731), invited_on=TODAY - timedelta(days=745))
    call_command("screening_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Invitation.objects.count() == 0


def test_the_run_keeps_invited_people_off_the_list(alice):
    employee, rule = _setup(alice)
    invitation_create(actor=alice, employee=employee, rule=rule)
    screening_run(organisation=alice.organisation)
    assert not ScreeningHit.objects.get(employee=employee, rule=rule).listed
    assert ScreeningHit.objects.get(employee=employee, rule__key="iv-early").listed


def test_the_list_page_has_a_fixed_number_of_queries(alice, django_assert_max_num_queries):
    from django.test import Client

    absences_import(
        actor=alice,
        payload=csv_file(*(f"{n},P{n},Q{n},,Basel,{day(60)},{day(11)},illness,100,5" for n in range(60))).read(),
    )
    client = Client()
    client.force_login(alice)
    client.get("/screening/")
    with django_assert_max_num_queries(12):
        response = client.get("/screening/")
    assert response.status_code == 200 and response.content.count(b"<tr data-rule") == 50

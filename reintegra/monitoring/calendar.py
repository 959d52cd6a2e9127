"""The personal iCalendar feed (issue #14), made with the `icalendar` library.

It holds the person's review dates (the plan's next review), due measures, aftercare follow-ups
(on the cases they manage or deputise) and the office hours they host. Events name the case
reference and link to the case; never the client's name, a measure's title or any other text
that could carry health detail. Office hours carry their title and place (no personal data).
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from reintegra.accounts.models import User
from reintegra.cases.models import CaseStatus, Evaluation
from reintegra.core.links import absolute_url
from reintegra.plans.models import Measure, MeasureStatus, Plan

PAST_DAYS = 90  # how far back the feed goes (overdue items stay visible for a while)
PRODID = "-//Reintegra//Calendar//DE"


def _mine(user: User) -> Q:
    """Cases the person manages or deputises, of their organisation (the choke point's own branches)."""
    return Q(case__organisation_id=user.organisation_id) & (Q(case__case_manager=user) | Q(case__deputy=user))


def _day_event(uid: str, day: date, summary: str, url: str, stamp: Any) -> Event:
    event = Event()
    event.add("uid", f"{uid}@reintegra")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("description", url)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_events(user: User, *, today: date | None = None) -> list[Event]:
    """The person's events, oldest first: one query per kind."""
    from reintegra.introduce.models import OfficeHourSession

    today = today or timezone.localdate()
    since = today - timedelta(days=PAST_DAYS)
    stamp = timezone.now()
    events: list[Event] = []
    for plan in (
        Plan.objects.filter(_mine(user), case__status=CaseStatus.OPEN, next_review_on__gte=since)
        .select_related("case")
        .only("id", "next_review_on", "case__id", "case__reference")
    ):
        assert plan.next_review_on is not None
        url = absolute_url(reverse("plans:reviews", args=[plan.case.pk]))
        summary = _("Review %(reference)s") % {"reference": plan.case.reference}
        events.append(_day_event(f"review-{plan.pk}-{plan.next_review_on}", plan.next_review_on, summary, url, stamp))
    for measure in (
        Measure.objects.filter(_mine(user), case__status=CaseStatus.OPEN, due_date__gte=since)
        .exclude(status__in=[MeasureStatus.DONE, MeasureStatus.CANCELLED])
        .select_related("case")
        .only("id", "due_date", "case__id", "case__reference")
    ):
        url = absolute_url(reverse("plans:plan", args=[measure.case.pk]) + f"#measure-{measure.pk}")
        summary = _("Measure due %(reference)s") % {"reference": measure.case.reference}
        events.append(_day_event(f"measure-{measure.pk}", measure.due_date, summary, url, stamp))
    for evaluation in (
        Evaluation.objects.filter(_mine(user), aftercare_needed=True, follow_up_on__gte=since)
        .select_related("case")
        .only("case__id", "case__reference", "follow_up_on")
    ):
        assert evaluation.follow_up_on is not None
        url = absolute_url(reverse("cases:detail", args=[evaluation.case.pk]) + "#phase-evaluation")
        summary = _("Aftercare follow-up %(reference)s") % {"reference": evaluation.case.reference}
        events.append(_day_event(f"follow-up-{evaluation.case.pk}", evaluation.follow_up_on, summary, url, stamp))
    for session in OfficeHourSession.objects.filter(
        organisation=user.organisation, host=user, starts_at__date__gte=since
    ):
        event = Event()
        event.add("uid", f"office-hour-{session.pk}@reintegra")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", _("Office hours: %(title)s") % {"title": session.title})
        if session.location:
            event.add("location", session.location)
        url = absolute_url(reverse("introduce:session", args=[session.pk]))
        event.add("url", url)
        event.add("description", url)
        events.append(event)
    return events


def calendar_ics(user: User, *, today: date | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Reintegra")
    for event in calendar_events(user, today=today):
        calendar.add_component(event)
    return calendar.to_ical()

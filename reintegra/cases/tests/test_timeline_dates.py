"""Timeline texts show their dates when read, in the reader's language (#15 item 5)."""

from types import SimpleNamespace

from django.utils import translation

from reintegra.cases.events import event_text


def entry(kind, **new):
    return SimpleNamespace(kind=kind, old=None, new=new, summary="stored English summary")


def test_incapacity_start_is_stored_as_iso_and_shown_in_the_readers_format():
    incapacity = entry("incapacity_added", start="2026-11-16", percent=100)
    with translation.override("de"):
        assert event_text(incapacity) == "Arbeitsunfähigkeit ab 16.11.2026 erfasst"
    with translation.override("en"):
        assert event_text(incapacity) == "Period of incapacity recorded from 16 Nov 2026"


def test_review_names_its_date():
    review = entry("review_recorded", date="2026-12-15", goals_rated=2, gas_t_score=50)
    with translation.override("de"):
        assert event_text(review) == "Überprüfung vom 15.12.2026 erfasst"
    with translation.override("en"):
        assert event_text(review) == "Review of 15 Dec 2026 recorded"

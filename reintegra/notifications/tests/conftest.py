"""A case, the shared people with e-mail addresses, and time helpers for the notification tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.cases import case_model as case  # noqa: F401  (the notification tests work below the API)
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


def with_email(user, email):
    user.email = email
    user.save(update_fields=["email"])
    return user


# The shared people (tests/support/people.py), with the e-mail addresses reminders are sent to.
@pytest.fixture
def alice(alice):
    """The case manager who owns the case (and receives its reminders)."""
    return with_email(alice, "alice@example.org")


@pytest.fixture
def bob(bob):
    return with_email(bob, "bob@example.org")


@pytest.fixture
def charlie(charlie):
    return with_email(charlie, "charlie@example.org")


def past(minutes: int = 5):
    return timezone.now() - timedelta(minutes=minutes)


def future(days: int = 3):
    return timezone.now() + timedelta(days=days)

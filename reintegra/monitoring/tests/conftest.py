"""People, cases and due records for the monitoring tests (the pattern of reintegra/cases/tests/conftest.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from reintegra.cases.models import Case, Evaluation
from reintegra.consents.models import Consent
from reintegra.plans.models import Measure, Plan
from reintegra.plans.services.due import due_items_refresh
from tests.support.cases import case_for
from tests.support.cases import case_model as case  # noqa: F401  (the monitoring tests work below the API)
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


@pytest.fixture
def today() -> date:
    return timezone.localdate()


def make_case(manager, first="Jürg", last="Müller", **kwargs) -> Case:
    return case_for(manager, first=first, last=last, **kwargs)


# These helpers write records directly, as a bulk load would: each then refreshes the case's
# due-items table (`plans.DueItem`), which the services' last step (`case_touch`) keeps.


def make_measure(case, due, *, status="active", title="Arbeitsplatzabklärung") -> Measure:
    measure = Measure.objects.create(case=case, title=title, responsible_kind="client", due_date=due, status=status)
    due_items_refresh(case_ids=[case.pk])
    return measure


def make_review(case, on) -> Plan:
    plan, _created = Plan.objects.update_or_create(
        case=case, defaults={"review_interval_weeks": 4, "next_review_on": on}
    )
    due_items_refresh(case_ids=[case.pk])
    return plan


def make_follow_up(case, on, *, needed=True) -> Evaluation:
    evaluation, _created = Evaluation.objects.update_or_create(
        case=case, defaults={"aftercare_needed": needed, "follow_up_on": on}
    )
    due_items_refresh(case_ids=[case.pk])
    return evaluation


def make_consent(case, valid_until, *, purpose="share_with_employer", withdrawn_on=None, participant=None) -> Consent:
    consent = Consent.objects.create(
        case=case,
        purpose=purpose,
        form="written",
        given_on=(valid_until or timezone.localdate()) - timedelta(days=365),
        valid_until=valid_until,
        recorded_by=case.case_manager,
        withdrawn_on=withdrawn_on,
        participant=participant,
    )
    due_items_refresh(case_ids=[case.pk])
    return consent


@pytest.fixture
def full_case(case, today):
    """A case with one item of every kind: two overdue, two due this week or later."""
    make_measure(case, today - timedelta(days=3), title="Ergonomie-Abklärung")
    make_review(case, today + timedelta(days=2))
    make_follow_up(case, today + timedelta(days=10))
    make_consent(case, today - timedelta(days=1))
    return case

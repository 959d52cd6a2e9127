"""A hand-built data set with known answers (see test_definitions.py for the sums by hand).

T is today; the period is T-199 … T, the previous period T-399 … T-200. Six BEM cases of Basel
were opened and closed in the period (c1–c6), two are still open (c7 in assessment, c8 in
intake), one was opened and closed in the previous period (c9), and one case of another unit
(Zürich, z1) is seen only by the organisation admin.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UnitFactory, UserFactory, member
from reintegra.cases.models import Case, CaseNote, CasePhase, CaseType, Evaluation, NoteKind, PhaseStatus
from reintegra.cases.services.case import case_create
from reintegra.insights.services import case_figures_rebuild
from reintegra.plans.models import Measure
from reintegra.questionnaires.models import Questionnaire, Response
from reintegra.screening.models import Absence, Employee
from tests.support.people import api_for  # noqa: F401


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def zurich(org):
    return UnitFactory(organisation=org, name="Zürich")


@pytest.fixture
def zurich_lead(org, zurich):
    return member(UserFactory(username="zlead", organisation=org), Role.TEAM_LEAD, zurich)


@pytest.fixture
def zoe(org, zurich):
    return member(
        UserFactory(username="zoe", first_name="Zoe", last_name="Zett", organisation=org), Role.CASE_MANAGER, zurich
    )


def open_case(actor, opened_on, *, case_type="bem", last="Muster"):
    kind = CaseType.objects.get(organisation=actor.organisation, key=case_type)
    return case_create(
        actor=actor, case_type=kind, client={"first_name": "Eva", "last_name": last}, opened_on=opened_on
    )


def close(case, closed_on, *, outcome="", t_score=None):
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=closed_on)
    if outcome or t_score is not None:
        Evaluation.objects.update_or_create(case=case, defaults={"outcome": outcome, "t_score": t_score})


def contact(case, on, author):
    CaseNote.objects.create(case=case, kind=NoteKind.CONTACT, text="Erstgespräch", author=author, occurred_on=on)


def wai(case, first, last, on, author):
    questionnaire = Questionnaire.objects.get(key="wai", organisation__isnull=True)
    for offset, score in ((0, first), (30, last)):
        Response.objects.create(
            case=case, questionnaire=questionnaire, answered_on=on + timedelta(days=offset),
            recorded_by=author, score=Decimal(score), answers={},
        )  # fmt: skip


def satisfied(case, on, author, **answers):
    questionnaire = Questionnaire.objects.get(key="satisfaction", organisation__isnull=True)
    Response.objects.create(case=case, questionnaire=questionnaire, answered_on=on, recorded_by=author, answers=answers)


def measure(case, *, bearer, planned, actual):
    Measure.objects.create(
        case=case, title="Massnahme", responsible_kind="client", due_date=case.opened_on + timedelta(days=30),
        planned_cost=Decimal(planned), actual_cost=Decimal(actual), cost_bearer=bearer,
    )  # fmt: skip


def absent(case, start, end):
    employee, _created = Employee.objects.get_or_create(
        organisation=case.organisation, personnel_number=str(case.client_id)[:8],
        defaults={"first_name": "Eva", "last_name": "Muster", "client": case.client},
    )  # fmt: skip
    Absence.objects.create(employee=employee, start=start, end=end, kind="illness", percent=100)


def phase_done(case, key, on):
    CasePhase.objects.filter(case=case, key=key).update(status=PhaseStatus.DONE, completed_on=on)


@pytest.fixture
def data(org, unit, alice, lead, zoe, today):
    T = lambda n: today - timedelta(days=n)  # noqa: E731
    c = {}
    # (opened, closed, outcome, T-score, first contact after days, WAI first/last, intake days)
    plan = {
        "c1": (190, 150, "rtw_full", 55.0, 2, (20, 30), 5),
        "c2": (180, 120, "rtw_partial", 50.0, 5, (25, 28), 3),
        "c3": (170, 100, "no_rtw", 40.0, 10, (30, 27), 4),
        "c4": (160, 80, "rtw_full", 60.0, 1, (22, 24), 6),
        "c5": (150, 50, "other", 45.0, 3, (30, 31), 2),
        "c6": (140, 20, "rtw_full", 65.0, None, None, None),
    }
    for name, (opened, closed, outcome, t_score, first, scores, intake) in plan.items():
        case = open_case(alice, T(opened))
        c[name] = case
        if first is not None:
            contact(case, T(opened - first), alice)
        if scores:
            wai(case, scores[0], scores[1], T(opened - 1), alice)
        if intake is not None:
            phase_done(case, "intake", T(opened - intake))
        close(case, T(closed), outcome=outcome, t_score=t_score)
    # Satisfaction: sat_informed from five cases (mean 3.4), sat_heard from two (too few).
    for name, value in zip(("c1", "c2", "c3", "c4", "c5"), (4, 3, 4, 2, 4), strict=True):
        answers = {"sat_informed": value, **({"sat_heard": 4} if name in ("c1", "c2") else {})}
        satisfied(c[name], T(plan[name][1]), alice, **answers)
    # Costs: five cases with an employer measure (1000 planned, 800 spent), one with an IV measure.
    for name in ("c1", "c2", "c3", "c4", "c5"):
        measure(c[name], bearer="employer", planned="1000", actual="800")
    measure(c["c6"], bearer="iv", planned="500", actual="600")
    # Absence (days before opening / after closing): c1 30/5, c2 20/0, c3 10/0, c4 40/2, c5 50/10.
    for name, before, after in (("c1", 30, 5), ("c2", 20, 0), ("c3", 10, 0), ("c4", 40, 2), ("c5", 50, 10)):
        opened, closed = c[name].opened_on, T(plan[name][1])
        absent(c[name], opened - timedelta(days=before + 5), opened - timedelta(days=6))
        if after:
            absent(c[name], closed + timedelta(days=10), closed + timedelta(days=9 + after))
    c["c7"] = open_case(alice, T(100))
    CasePhase.objects.filter(case=c["c7"], key="assessment").update(status=PhaseStatus.IN_PROGRESS)
    c["c8"] = open_case(alice, T(30))
    c["c9"] = open_case(alice, T(390))
    close(c["c9"], T(300), outcome="rtw_full", t_score=50.0)
    c["z1"] = open_case(zoe, T(60))
    case_figures_rebuild(organisation_id=org.pk)
    return c

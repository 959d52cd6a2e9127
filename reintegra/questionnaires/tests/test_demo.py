from decimal import Decimal

import pytest

from reintegra.accounts import demo as accounts_demo
from reintegra.cases import demo as cases_demo
from reintegra.cases.models import Case
from reintegra.questionnaires import demo
from reintegra.questionnaires.models import Questionnaire, Response, SurveyInvitation

pytestmark = pytest.mark.django_db


def test_demo_records_one_wai_and_is_idempotent(shipped):
    accounts_demo.load()
    cases_demo.load()
    lines = demo.load()
    wai_lines = [line for line in lines if line.startswith("wai")]
    assert len(wai_lines) == 1 and ": 29 (moderate)" in wai_lines[0]
    assert demo.load() == []
    response = Response.objects.get(questionnaire__key="wai")
    assert response.case.client.last_name == "Müller"
    assert response.case.phases.get(key="assessment").status == "in_progress"


def test_demo_survey_links_avoid_the_browser_flow_case(shipped):
    accounts_demo.load()
    cases_demo.load()
    lines = demo.load()
    assert sum(line.startswith("survey") for line in lines) == 3
    assert sorted(
        (i.case.client.last_name, i.status) for i in SurveyInvitation.objects.select_related("case__client")
    ) == [("Bernasconi", "declined"), ("Demir", "answered"), ("Wagner", "answered")]
    assert not SurveyInvitation.objects.filter(case__client__last_name="Müller").exists()
    assert Response.objects.get(case__client__last_name="Demir", questionnaire__key="satisfaction").score == Decimal(
        "3.63"
    )  # 29 / 8 = 3.625
    demo.load()
    assert SurveyInvitation.objects.count() == 3


def test_demo_prefers_closed_cases(shipped):
    accounts_demo.load()
    cases_demo.load()
    Case.objects.filter(client__last_name="Müller").update(status="closed")
    demo.load()
    assert list(SurveyInvitation.objects.values_list("case__client__last_name", flat=True)) == ["Müller"]


def test_demo_without_shipped_instruments_sends_nothing(db):
    """A flush by a transactional test removes the migration's rows: the demo must still load."""
    Questionnaire.objects.all().delete()
    accounts_demo.load()
    cases_demo.load()
    assert demo.load() == []
    assert not SurveyInvitation.objects.exists()

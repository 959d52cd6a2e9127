import pytest

from reintegra.accounts import demo as accounts_demo
from reintegra.cases import demo as cases_demo
from reintegra.cases.checklist import missing_items
from reintegra.cases.models import Case
from reintegra.plans import demo
from reintegra.plans.models import Goal, Measure, PlanVersion
from reintegra.plans.selectors.plan import plan_overview

pytestmark = pytest.mark.django_db


def test_demo_plans_load_once_and_show_a_draft_after_an_agreement():
    accounts_demo.load()
    cases_demo.load()
    lines = demo.load()
    assert len(lines) == 2
    assert demo.load() == []  # idempotent
    case = Case.objects.get(client__first_name="Jürg", client__last_name="Müller")
    assert Goal.objects.filter(case=case).count() == 2
    assert Measure.objects.filter(case=case).count() == 3
    assert PlanVersion.objects.filter(case=case).count() == 1
    overview = plan_overview(case)
    assert overview.is_draft and len(overview.draft_ids) == 1
    assert missing_items(case, "planning") == []


def test_demo_without_cases_says_so():
    assert all("missing" in line for line in demo.load())

import pytest

from reintegra.accounts import demo as accounts_demo
from reintegra.accounts.models import User
from reintegra.cases import demo as cases_demo
from reintegra.cases.models import Case
from reintegra.monitoring.selectors import Kind, user_items
from reintegra.network import demo as network_demo
from reintegra.network.models import Referral
from reintegra.plans import demo as plans_demo
from reintegra.plans.models import Review

pytestmark = pytest.mark.django_db


def test_demo_has_reviews_referrals_and_something_overdue_once():
    accounts_demo.load()
    cases_demo.load()
    plans_demo.load()
    network_demo.load()
    case = Case.objects.get(client__first_name="Jürg", client__last_name="Müller")
    reviews = list(Review.objects.filter(case=case).order_by("date"))
    assert len(reviews) == 2
    assert reviews[0].gas_t_score < reviews[1].gas_t_score  # the chart shows progress
    assert sorted(Referral.objects.filter(case=case).values_list("status", flat=True)) == ["sent", "started"]
    found = user_items(User.objects.get(username="anna"))
    overdue = [item for item in found.items if item.overdue]
    assert [item.kind for item in overdue] == [Kind.MEASURE]
    assert Kind.REVIEW in {item.kind for item in found.items}
    assert plans_demo.load() == []
    assert not any("referrals" in line for line in network_demo.load())
    assert Review.objects.filter(case=case).count() == 2
    assert Referral.objects.filter(case=case).count() == 2

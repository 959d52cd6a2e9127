"""The portal demo: Jürg's account, Emil on his case with consent and a measure; idempotent."""

from importlib import import_module

import pytest

from reintegra.accounts.models import User
from reintegra.cases.models import Case, Participant
from reintegra.consents.models import Consent
from reintegra.plans.models import Measure

from .conftest import web_for

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_usable():
    for _round in range(2):
        for app in ("accounts", "cases", "plans", "portal"):
            import_module(f"reintegra.{app}.demo").load()
    juerg = User.objects.get(username="juerg")
    assert juerg.check_password("reintegra-demo") and juerg.is_demo
    case = Case.objects.get(client__user=juerg)
    emil = User.objects.get(username="emil")
    assert Participant.objects.filter(case=case, user=emil).count() == 1
    assert Consent.objects.filter(case=case, purpose="share_with_employer", withdrawn_on__isnull=True).count() == 1
    assert Measure.objects.filter(case=case, responsible_participant__user=emil).count() == 1
    assert web_for(juerg).get("/portal/").status_code == 200
    html = web_for(emil).get("/portal/employer/").content.decode()
    assert case.reference in html and "Hebehilfe" in html
    # The employer sees the shared goal of the agreed plan, never the pain goal (#16).
    page = web_for(emil).get(f"/portal/employer/cases/{case.pk}/").content.decode()
    assert "Rückkehr an den Arbeitsplatz zu 50 %" in page and "Rückenschmerzen" not in page

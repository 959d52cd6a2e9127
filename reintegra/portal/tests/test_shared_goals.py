"""Participants see shared agreed goals only (title, due date), in the portal page and in their plan PDF (#16)."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reintegra.audit.models import AccessLogEntry
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.plan import plan_agree

from .conftest import LEVELS, web_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_goal(alice, case):
    return goal_create(
        actor=alice,
        case=case,
        title="Pensum 50 % im Lager",
        horizon="short",
        priority=1,
        due_date=timezone.localdate() + timedelta(weeks=8),
        indicator="drei Tage pro Woche",
        levels=LEVELS,
        shared_with_participants=True,
    )


@pytest.fixture
def agreed(alice, case, goal, shared_goal, emil_measure):
    """`goal` ("Zurück ins Lager") is not shared, `shared_goal` is; the plan is agreed."""
    return plan_agree(actor=alice, case=case, agreed_on=timezone.localdate(), form="written")


def pdf_text(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_page_shows_the_shared_goal_only(emil, case, share, agreed):
    html = web_for(emil).get(f"/portal/employer/cases/{case.pk}/").content.decode()
    assert "Pensum 50 % im Lager" in html
    assert "Zurück ins Lager" not in html and "drei Tage" not in html


def test_the_participant_plan_pdf_follows_the_same_rule(emil, case, share, agreed):
    text = pdf_text(web_for(emil).get(f"/portal/employer/cases/{case.pk}/plan.pdf"))
    assert "Pensum 50 % im Lager" in text and "Hebehilfe beschaffen" in text
    assert "Zurück ins Lager" not in text and "Bandscheibe" not in text and "drei Tage" not in text
    assert AccessLogEntry.objects.filter(username="emil", action="disclose", case_id=str(case.pk)).exists()


def test_without_consent_the_pdf_is_404(emil, case, hr, agreed):
    assert web_for(emil).get(f"/portal/employer/cases/{case.pk}/plan.pdf").status_code == 404


def test_nothing_shared_nothing_shown(alice, emil, case, share, goal, emil_measure):
    plan_agree(actor=alice, case=case, agreed_on=timezone.localdate(), form="written")
    text = pdf_text(web_for(emil).get(f"/portal/employer/cases/{case.pk}/plan.pdf"))
    assert "Zurück ins Lager" not in text


def test_the_goal_form_offers_the_checkbox_with_its_warning(alice, case):
    html = web_for(alice).get(f"/cases/{case.pk}/plan/goals/new/").content.decode()
    assert 'name="shared_with_participants"' in html and 'type="checkbox"' in html
    assert "keine Gesundheitsangaben" in html


def test_the_goal_form_saves_the_choice(alice, case):
    body = {
        "title": "Teamsitzungen wieder besuchen",
        "horizon": "short",
        "priority": "1",
        "due_date": (timezone.localdate() + timedelta(weeks=4)).strftime("%d.%m.%Y"),
        "indicator": "jede Woche",
        "weight": "1",
        "shared_with_participants": "on",
        **{f: "x" for f in ("level_plus_2", "level_plus_1", "level_0", "level_minus_1", "level_minus_2")},
    }
    response = web_for(alice).post(f"/cases/{case.pk}/plan/goals/new/", body)
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert case.goals.get(title="Teamsitzungen wieder besuchen").shared_with_participants is True

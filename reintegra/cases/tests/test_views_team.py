"""Team pages (issue #14): hand over from the case page and from the list, the deputy, new cases
for a case manager, the caseload on the start page and in the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UnitFactory, UserFactory, member
from reintegra.cases.models import Case, CaseEvent, CasePhase, CaseType
from reintegra.cases.services.common import current_phases_refresh
from reintegra.plans.services.due import due_items_refresh
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.measures import measure_create
from tests.support.cases import case_for
from tests.support.people import api_for, web_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
LEVELS = {"-2": "a", "-1": "b", "0": "c", "1": "d", "2": "e"}


def test_hand_over_from_the_case_page(alice, bob, lead):
    case = case_for(alice)
    web = web_for(lead)
    page = web.get(f"/cases/{case.pk}/")
    assert f"/cases/{case.pk}/reassign/" in page.content.decode()
    form = web.get(f"/cases/{case.pk}/reassign/")
    assert form.status_code == 200 and str(bob.pk) in form.content.decode()
    missing = web.post(f"/cases/{case.pk}/reassign/", {"case_manager": str(bob.pk), "reason": ""})
    assert missing.status_code == 400 and Case.objects.get(pk=case.pk).case_manager_id == alice.pk
    done = web.post(f"/cases/{case.pk}/reassign/", {"case_manager": str(bob.pk), "reason": "Ferien"})
    assert done.status_code == 302
    assert Case.objects.get(pk=case.pk).case_manager_id == bob.pk
    timeline = web.get(f"/cases/{case.pk}/").content.decode()
    assert "übergeben" in timeline  # "Fall von … an … übergeben"


def test_case_manager_sees_no_handover_link_and_gets_403(alice, bob):
    case = case_for(alice)
    web = web_for(alice)
    assert f"/cases/{case.pk}/reassign/" not in web.get(f"/cases/{case.pk}/").content.decode()
    assert web.get(f"/cases/{case.pk}/reassign/").status_code == 403


def test_hand_over_selected_cases_from_the_list(alice, bob, lead):
    first, second = case_for(alice), case_for(alice, first="Hans", last="Meier")
    web = web_for(lead)
    listing = web.get("/cases/").content.decode()
    assert 'form="handover-form"' in listing
    chosen = web.get("/cases/reassign/", {"cases": [str(first.pk), str(second.pk)]})
    assert chosen.status_code == 200 and first.reference in chosen.content.decode()
    done = web.post(
        "/cases/reassign/", {"cases": [str(first.pk), str(second.pk)], "case_manager": str(bob.pk), "reason": "Team"}
    )
    assert done.status_code == 302
    assert set(Case.objects.values_list("case_manager_id", flat=True)) == {bob.pk}
    assert CaseEvent.objects.filter(kind="case_reassigned").count() == 2
    assert web.post("/cases/reassign/", {"case_manager": str(bob.pk), "reason": "x"}).status_code == 400


def test_set_and_clear_the_deputy(alice, bob, employer):
    case = case_for(alice)
    web = web_for(alice)
    form = web.get(f"/cases/{case.pk}/deputy/").content.decode()
    assert str(bob.pk) in form and str(employer.pk) not in form  # staff only, never portal accounts
    assert web.post(f"/cases/{case.pk}/deputy/", {"deputy": str(bob.pk), "version": case.version}).status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert stored.deputy_id == bob.pk
    portal = web.post(f"/cases/{case.pk}/deputy/", {"deputy": str(employer.pk), "version": stored.version})
    assert portal.status_code == 400
    assert web.post(f"/cases/{case.pk}/deputy/", {"deputy": "", "version": stored.version}).status_code == 302
    assert Case.objects.get(pk=case.pk).deputy_id is None


def test_new_case_form_offers_a_lead_the_case_managers(alice, lead, org, unit):
    web = web_for(lead)
    page = web.get("/cases/new/").content.decode()
    assert 'name="case_manager"' in page and str(alice.pk) in page
    bem = CaseType.objects.get(organisation=org, key="bem")
    body = {"case_type": str(bem.pk), "first_name": "Eva", "last_name": "Frei"}
    refused = web.post("/cases/new/", body)
    assert refused.status_code == 400  # the lead is no case manager: one must be chosen
    made = web.post("/cases/new/", {**body, "case_manager": str(alice.pk)})
    assert made.status_code == 302
    assert Case.objects.get().case_manager_id == alice.pk
    # a lead who is a case manager too is the default
    member(lead, Role.CASE_MANAGER, unit)
    page = web.get("/cases/new/").content.decode()
    assert f'value="{lead.pk}" selected' in page
    # a plain case manager's form has no such field
    assert 'name="case_manager"' not in web_for(alice).get("/cases/new/").content.decode()


def test_caseload_counts_per_case_manager(alice, bob, lead, admin, org):
    zurich = UnitFactory(organisation=org, name="Zürich")
    zoe = member(UserFactory(username="zoe", organisation=org), Role.CASE_MANAGER, zurich)
    one, two = case_for(alice), case_for(alice, first="Hans", last="Meier")
    case_for(zoe, first="Zora", last="Zürich")
    CasePhase.objects.filter(case=two, key="assessment").update(status="in_progress")
    current_phases_refresh(case_ids=[two.pk])  # written directly, as a bulk load: the case row follows
    today = timezone.localdate()
    goal = goal_create(
        actor=alice, case=one, title="Ziel", horizon="short", priority=1,
        due_date=today + timedelta(days=30), indicator="i", levels=LEVELS,
    )  # fmt: skip
    measure = measure_create(
        actor=alice, case=one, title="M", goals=[goal.pk], responsible="case_manager",
        due_date=today + timedelta(days=3),
    )  # fmt: skip
    type(measure).objects.filter(pk=measure.pk).update(due_date=today - timedelta(days=2))
    due_items_refresh(case_ids=[one.pk])  # written directly, as a bulk load: the due-items table follows
    response = api_for(lead).get("/api/v1/caseload/")
    assert response.status_code == 200
    rows = {row["case_manager"]["id"]: row for row in response.json()["results"]}
    assert set(rows) == {str(alice.pk), str(bob.pk)}  # the lead's unit only
    assert rows[str(alice.pk)]["open"] == 2 and rows[str(alice.pk)]["overdue"] == 1
    assert rows[str(alice.pk)]["by_phase"]["intake"] == 2 and rows[str(alice.pk)]["by_phase"]["assessment"] == 1
    assert rows[str(bob.pk)]["open"] == 0
    everything = api_for(admin).get("/api/v1/caseload/").json()["results"]
    assert {row["case_manager"]["id"] for row in everything} == {str(alice.pk), str(bob.pk), str(zoe.pk)}
    assert api_for(alice).get("/api/v1/caseload/").status_code == 403
    home = web_for(lead).get("/").content.decode()
    assert "caseload-heading" in home and f"case_manager={alice.pk}&amp;status=open&amp;phase=assessment" in home
    assert "caseload-heading" not in web_for(alice).get("/").content.decode()

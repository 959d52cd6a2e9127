"""Plan API: agreement and versions, comparison, schedule, history, PDF, timeline, checklist."""

import io
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in a test
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.checklist import checklist_states_refresh
from reintegra.cases.models import Case, CaseEvent, CasePhase, Intake
from reintegra.plans.models import Goal, Plan, PlanVersion
from reintegra.plans.tests.conftest import GOAL, agree, api_for, measure_body

pytestmark = pytest.mark.django_db


def base(case):
    return f"/api/v1/cases/{case['id']}/"


def planning(api, case):
    phase = next(p for p in api.get(base(case)).json()["phases"] if p["key"] == "planning")
    return phase["status"], phase["missing"]


def test_agree_freezes_a_numbered_snapshot(api, case, goal, measure):
    version = agree(api, case)
    assert version["version_number"] == 1
    assert version["agreed_on"] == "2026-11-02" and version["form"] == "written"
    assert [g["id"] for g in version["goals"]] == [goal["id"]]
    assert version["goals"][0]["levels"] == GOAL["levels"]
    assert [m["id"] for m in version["measures"]] == [measure["id"]]
    assert version["currency"] == "CHF"
    assert CaseEvent.objects.filter(kind="plan_agreed").exists()
    # the frozen snapshot does not follow later changes
    api.patch(
        f"{base(case)}goals/{goal['id']}/", {"version": 1, "title": "Neu", "change_reason": "Arzt"}, format="json"
    )
    frozen = api.get(f"{base(case)}plan/versions/1/").json()
    assert frozen["goals"][0]["title"] == GOAL["title"]
    second = agree(api, case, on="2026-11-10", form="oral")
    assert second["version_number"] == 2 and second["goals"][0]["title"] == "Neu"
    listing = api.get(f"{base(case)}plan/versions/").json()
    assert [v["version_number"] for v in listing["results"]] == [2, 1]
    assert listing["results"][0]["goal_count"] == 1


def test_snapshot_is_stored_encrypted(api, case, goal):
    agree(api, case)
    with connection.cursor() as cursor:
        cursor.execute("SELECT snapshot_data FROM plans_planversion")
        raw = cursor.fetchone()[0]
    assert "Rückkehr" not in raw and "Büro" not in raw


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"agreed_on": "2026-11-02", "form": "fax"}, "form"),
        ({"agreed_on": "gestern", "form": "oral"}, "agreed_on"),
        ({"form": "oral"}, "agreed_on"),
        ({"agreed_on": "2099-01-01", "form": "oral"}, "agreed_on"),
    ],
)
def test_bad_agreement_is_400_and_stores_nothing(api, case, goal, body, field):
    response = api.post(f"{base(case)}plan/agree/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not PlanVersion.objects.exists()
    assert not Plan.objects.filter(last_version_number__gt=0).exists()


def test_agreement_needs_a_goal(api, case):
    response = api.post(f"{base(case)}plan/agree/", {"agreed_on": "2026-11-02", "form": "oral"}, format="json")
    assert response.status_code == 400 and "goals" in response.json()
    assert not PlanVersion.objects.exists()


def test_agreement_cannot_predate_the_previous_one(api, case, goal):
    agree(api, case, on="2026-11-10")
    response = api.post(f"{base(case)}plan/agree/", {"agreed_on": "2026-11-01", "form": "oral"}, format="json")
    assert response.status_code == 400 and "agreed_on" in response.json()
    assert PlanVersion.objects.count() == 1


def test_unknown_version_is_404(api, case, goal):
    assert api.get(f"{base(case)}plan/versions/1/").status_code == 404
    assert api.get(f"{base(case)}plan/compare/", {"from": 1}).status_code == 404


def test_compare_any_two_versions_with_field_changes_and_reasons(api, case, goal, measure):
    agree(api, case)
    api.patch(
        f"{base(case)}goals/{goal['id']}/",
        {
            "version": 1,
            "priority": 2,
            "levels": {**GOAL["levels"], "-2": "Kündigung droht"},
            "change_reason": "Rückfall",
        },
        format="json",
    )
    api.patch(
        f"{base(case)}measures/{measure['id']}/",
        {"version": 1, "planned_cost": "1500.00", "change_reason": "Neue Offerte"},
        format="json",
    )
    added = api.post(
        f"{base(case)}goals/", {**GOAL, "title": "Schlaf verbessern", "change_reason": "Neues Thema"}, format="json"
    ).json()
    agree(api, case, on="2026-11-20")
    result = api.get(f"{base(case)}plan/compare/", {"from": 1, "to": 2}).json()
    assert result["from"] == 1 and result["to"] == 2
    goals = result["diff"]["goals"]
    assert goals["added"] == [{"id": added["id"], "title": "Schlaf verbessern"}]
    assert goals["removed"] == []
    changed = goals["changed"][0]
    assert changed["id"] == goal["id"]
    assert changed["fields"]["priority"] == {"old": 1, "new": 2}
    assert changed["fields"]["levels.-2"] == {"old": GOAL["levels"]["-2"], "new": "Kündigung droht"}
    assert result["diff"]["measures"]["changed"][0]["fields"] == {"planned_cost": {"old": "1200.00", "new": "1500.00"}}
    reasons = {c["reason"] for c in result["changes"]}
    assert reasons == {"Rückfall", "Neue Offerte", "Neues Thema"}
    # either order, and against the current draft
    assert api.get(f"{base(case)}plan/compare/", {"from": 2, "to": 1}).json()["diff"] == result["diff"]
    current = api.get(f"{base(case)}plan/compare/", {"from": 2}).json()
    assert current["to"] is None and current["changes"] == []
    assert current["diff"]["goals"] == {"added": [], "removed": [], "changed": []}


@pytest.mark.parametrize("query", [{}, {"from": "eins"}, {"from": 1, "to": "gestern"}, {"from": 0}])
def test_bad_compare_query_is_400(api, case, goal, query):
    agree(api, case)
    assert api.get(f"{base(case)}plan/compare/", query).status_code == 400


def test_plan_get_empty_then_schedule_put(api, case):
    empty = api.get(f"{base(case)}plan/").json()
    assert empty["version"] == 0 and empty["review_interval_weeks"] is None
    assert empty["goals"] == [] and empty["measures"] == [] and empty["is_draft"] is True
    assert empty["last_version_number"] == 0
    next_review = (timezone.localdate() + timedelta(days=20)).isoformat()  # not in the past (#15)
    saved = api.put(
        f"{base(case)}plan/", {"review_interval_weeks": 4, "next_review_on": next_review, "version": 0}, format="json"
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 1 and saved.json()["review_interval_weeks"] == 4
    assert saved.json()["next_review_on"] == next_review
    stale = api.put(f"{base(case)}plan/", {"review_interval_weeks": 2, "version": 0}, format="json")
    assert stale.status_code == 409
    assert Plan.objects.get().review_interval_weeks == 4
    default_date = api.put(f"{base(case)}plan/", {"review_interval_weeks": 2, "version": 1}, format="json").json()
    expected = timezone.localdate() + timezone.timedelta(weeks=2)
    assert default_date["next_review_on"] == expected.isoformat() and default_date["version"] == 2
    assert CaseEvent.objects.filter(kind="plan_schedule_changed").count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"review_interval_weeks": 0, "version": 0}, "review_interval_weeks"),
        ({"review_interval_weeks": 60, "version": 0}, "review_interval_weeks"),
        ({"review_interval_weeks": 4}, "version"),
        ({"review_interval_weeks": 4, "next_review_on": "bald", "version": 0}, "next_review_on"),
    ],
)
def test_bad_schedule_is_400(api, case, body, field):
    response = api.put(f"{base(case)}plan/", body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Plan.objects.exists()


def test_agreement_sets_the_next_review_from_the_interval(api, case, goal):
    api.put(f"{base(case)}plan/", {"review_interval_weeks": 4, "next_review_on": None, "version": 0}, format="json")
    Plan.objects.update(next_review_on=None)
    agree(api, case, on="2026-11-02")
    assert str(Plan.objects.get().next_review_on) == "2026-11-30"


def test_draft_state_follows_changes_since_the_agreement(api, case, goal, measure):
    agree(api, case)
    plan = api.get(f"{base(case)}plan/").json()
    assert plan["is_draft"] is False and plan["changed_since_agreement"]["ids"] == []
    # book-keeping of the actual cost does not make the plan a draft again
    api.patch(
        f"{base(case)}measures/{measure['id']}/",
        {"version": 1, "actual_cost": "100.00", "change_reason": "Rechnung"},
        format="json",
    )
    assert api.get(f"{base(case)}plan/").json()["is_draft"] is False
    api.patch(
        f"{base(case)}goals/{goal['id']}/", {"version": 1, "weight": 3, "change_reason": "wichtiger"}, format="json"
    )
    plan = api.get(f"{base(case)}plan/").json()
    assert plan["is_draft"] is True and plan["changed_since_agreement"]["ids"] == [goal["id"]]


def test_history_lists_every_change_with_reason(api, case, goal):
    agree(api, case)
    api.patch(
        f"{base(case)}goals/{goal['id']}/", {"version": 1, "weight": 3, "change_reason": "wichtiger"}, format="json"
    )
    history = api.get(f"{base(case)}plan/changes/", {"object": goal["id"]}).json()["results"]
    assert [c["action"] for c in history] == ["changed", "created"]
    assert history[0]["reason"] == "wichtiger" and history[0]["diff"]["weight"] == {"old": 2, "new": 3}
    assert api.get(f"{base(case)}plan/changes/", {"object": "kaputt"}).status_code == 400


def test_pdf_has_client_goals_with_umlauts_version_and_is_logged_as_export(api, case, goal, measure):
    api.post(f"{base(case)}goals/", {**GOAL, "title": "Ärztliche Abklärung der Belastbarkeit"}, format="json")
    response = api.get(f"{base(case)}plan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Jürg Müller" in text
    assert "Rückkehr an den Arbeitsplatz zu 50 %" in text
    assert "Ärztliche Abklärung der Belastbarkeit" in text
    assert "Entwurf" in text  # not yet agreed (German is the default language)
    assert "Volle Rückkehr" in text  # a GAS level
    assert "CHF 1'200.00" in text
    assert AccessLogEntry.objects.filter(case_id=case["id"], action="export", object_type="plan_pdf").exists()
    agree(api, case)
    agreed = api.get(f"{base(case)}plan.pdf", HTTP_ACCEPT="application/pdf")
    assert agreed.status_code == 200
    agreed_text = PdfReader(io.BytesIO(agreed.content)).pages[0].extract_text()
    assert "Version 1" in agreed_text and "Entwurf" not in agreed_text


def test_pdf_in_english(api, case, goal):
    response = api.get(f"{base(case)}plan.pdf", HTTP_ACCEPT_LANGUAGE="en")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Action plan" in text and "Draft" in text


def test_timeline_svg_is_well_formed_with_escaped_umlauts(api, case, goal, measure):
    # an overdue goal: due after the case was opened (#15 plausibility), but in the past
    Case.objects.filter(pk=case["id"]).update(opened_on=timezone.localdate() - timedelta(days=400))
    api.post(
        f"{base(case)}goals/",
        {
            **GOAL,
            "title": "Übergänge & <Pausen> planen",
            "due_date": (timezone.localdate() - timedelta(days=300)).isoformat(),
        },
        format="json",
    )
    response = api.get(f"{base(case)}plan/timeline.svg")
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    raw = response.content
    raw.decode("ascii")  # every non-ASCII character is a character reference
    root = ET.fromstring(raw)  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Übergänge & <Pausen> planen" in texts
    assert "überfällig" in texts  # overdue is said in words, not only in colour
    assert "Heute" in texts


def test_other_people_get_404_on_every_plan_endpoint(api, case, goal, bob, charlie, dora):
    agree(api, case)
    paths = ["plan/", "plan/versions/", "plan/versions/1/", "plan/changes/", "plan.pdf", "plan/timeline.svg"]
    for person in (bob, charlie, dora):
        other = api_for(person)
        for path in paths:
            assert other.get(base(case) + path).status_code == 404, path
        assert other.get(f"{base(case)}plan/compare/", {"from": 1}).status_code == 404
        assert (
            other.post(
                f"{base(case)}plan/agree/", {"agreed_on": "2026-11-03", "form": "oral"}, format="json"
            ).status_code
            == 404
        )
        assert (
            other.put(f"{base(case)}plan/", {"review_interval_weeks": 2, "version": 0}, format="json").status_code
            == 404
        )
    assert PlanVersion.objects.count() == 1 and not Plan.objects.filter(review_interval_weeks=2).exists()


def test_closed_case_refuses_plan_writes(api, case, goal):
    Case.objects.filter(pk=case["id"]).update(status="closed")
    assert (
        api.post(f"{base(case)}plan/agree/", {"agreed_on": "2026-11-02", "form": "oral"}, format="json").status_code
        == 409
    )
    assert api.put(f"{base(case)}plan/", {"review_interval_weeks": 2, "version": 0}, format="json").status_code == 409
    assert not PlanVersion.objects.exists()
    assert api.get(f"{base(case)}plan.pdf").status_code == 200


def test_planning_checklist_exactly(api, case, org):
    status, missing = planning(api, case)
    assert status == "not_started"
    assert missing == ["goal_complete", "measure_with_owner", "plan_agreed"]
    goal = api.post(f"{base(case)}goals/", GOAL, format="json").json()
    status, missing = planning(api, case)
    assert status == "in_progress" and missing == ["measure_with_owner", "plan_agreed"]
    participant = api.post(f"{base(case)}participants/", {"role": "physician", "name": "Dr. Näf"}, format="json").json()
    api.post(f"{base(case)}measures/", measure_body(goal["id"], responsible=participant["id"]), format="json")
    assert planning(api, case)[1] == ["plan_agreed"]
    agree(api, case)
    assert planning(api, case)[1] == []
    done = api.post(f"{base(case)}phases/planning/complete/", {}, format="json")
    assert done.json()["status"] == "done"
    # a measure whose owner was removed no longer counts as a measure with an owner
    api.delete(f"{base(case)}participants/{participant['id']}/")
    assert planning(api, case)[1] == ["measure_with_owner"]


def test_a_goal_missing_a_level_does_not_count(api, case):
    goal = api.post(f"{base(case)}goals/", GOAL, format="json").json()
    Goal.objects.filter(pk=goal["id"]).update(level_minus_1="")
    # A write around the services must store the checklist state itself (the services' last step does).
    checklist_states_refresh(case_ids=[case["id"]])
    assert "goal_complete" in planning(api, case)[1]


def test_first_measure_alone_starts_planning(api, case, goal):
    CasePhase.objects.filter(case_id=case["id"], key="planning").update(status="not_started")
    api.post(f"{base(case)}measures/", measure_body(goal["id"]), format="json")
    assert planning(api, case)[0] == "in_progress"


def test_case_list_computes_checklists_without_extra_queries(api, case, goal, measure, django_assert_max_num_queries):
    agree(api, case)
    with django_assert_max_num_queries(20) as first:
        api.get("/api/v1/cases/")
    baseline = len(first)
    for index in range(3):
        other = api.post(
            "/api/v1/cases/",
            {"case_type": "general", "client": {"first_name": "P", "last_name": f"N{index}"}},
            format="json",
        ).json()
        g = api.post(f"/api/v1/cases/{other['id']}/goals/", GOAL, format="json").json()
        api.post(f"/api/v1/cases/{other['id']}/measures/", measure_body(g["id"]), format="json")
        agree(api, other)
    with django_assert_max_num_queries(baseline):
        cases = api.get("/api/v1/cases/").json()["results"]
    assert all(next(p for p in c["phases"] if p["key"] == "planning")["missing"] == [] for c in cases)


def test_a_case_not_admitted_takes_no_plan(api, case):
    Intake.objects.create(case_id=case["id"], decision="not_admitted", decision_reason="Kriterien nicht erfüllt")
    response = api.post(f"{base(case)}goals/", GOAL, format="json")
    assert response.status_code == 409
    assert not Goal.objects.exists()


def test_agreeing_an_unchanged_plan_again_is_a_409_plan_unchanged(api, case, goal):
    agree(api, case)
    again = api.post(f"{base(case)}plan/agree/", {"agreed_on": "2026-11-03", "form": "oral"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "plan_unchanged"
    assert [v["version_number"] for v in api.get(f"{base(case)}plan/versions/").json()["results"]] == [1]
    api.patch(
        f"{base(case)}goals/{goal['id']}/", {"version": 1, "title": "Neu", "change_reason": "Arzt"}, format="json"
    )
    assert agree(api, case, on="2026-11-04")["version_number"] == 2  # a changed plan can always be agreed


def test_racing_agreements_make_one_version(api, case, goal):
    """Sequential replays of the same agreement (what 8 parallel clicks become) leave one version."""
    answers = [
        api.post(f"{base(case)}plan/agree/", {"agreed_on": "2026-11-02", "form": "oral"}, format="json").status_code
        for _ in range(8)
    ]
    assert answers.count(201) == 1 and answers.count(409) == 7
    assert [v["version_number"] for v in api.get(f"{base(case)}plan/versions/").json()["results"]] == [1]

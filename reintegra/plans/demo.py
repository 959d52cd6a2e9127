"""Demo goals, measures, an agreed plan and reviews for the demo cases. Loaded by `load_demo` after cases.

Jürg Müller's plan was agreed some weeks ago and reviewed twice since (GAS progress on the
chart, the next review due in under two weeks); his ergonomics assessment is overdue, so the
monitoring list has something to show.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.cases.models import Case
from reintegra.plans.models import Goal, GoalStatus, Plan, PlanVersion, Review
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.measures import measure_create, measure_update
from reintegra.plans.services.plan import plan_agree, plan_schedule_save
from reintegra.plans.services.reviews import review_create

# Days before today: the agreement, then two reviews four weeks apart (the next one is due in 12 days).
AGREED_DAYS_AGO = 50
REVIEW_DAYS_AGO = (44, 16)
WORK_GOAL = "Rückkehr an den Arbeitsplatz zu 50 %"
PAIN_GOAL = "Rückenschmerzen im Alltag bewältigen"
# Ratings per review, by goal title: the return to work and the pain goal improve.
REVIEW_SCORES = (
    {WORK_GOAL: -2, PAIN_GOAL: -1},
    {WORK_GOAL: -1, PAIN_GOAL: 0},
)
REVIEW_NOTES = (
    "Erste Überprüfung: Wiedereinstieg zu 25 % läuft, Schmerzen noch häufig.",
    "Zweite Überprüfung: 40 % ab nächster Woche vereinbart, Übungsprogramm wird regelmässig gemacht.",
)

RETURN_LEVELS = {
    "-2": "Weiterhin vollständig arbeitsunfähig",
    "-1": "Arbeitet 20 % (einzelne Halbtage)",
    "0": "Arbeitet 50 %: drei Tage pro Woche je vier Stunden",
    "1": "Arbeitet 70 %",
    "2": "Arbeitet wieder im vollen Pensum",
}
PAIN_LEVELS = {
    "-2": "Schmerzen verhindern Einkäufe und Haushalt",
    "-1": "Alltag nur mit häufigen Pausen möglich",
    "0": "Alltag mit Übungsprogramm selbständig bewältigt",
    "1": "Zusätzlich 30 Minuten Spaziergang täglich",
    "2": "Wieder regelmässig im Turnverein",
}


def _case(first: str, last: str, manager: str) -> Case | None:
    return (
        Case.objects.select_related("case_manager", "client", "organisation")
        .filter(client__first_name=first, client__last_name=last, case_manager__username=manager)
        .first()
    )


def _juerg(case: Case) -> None:
    today = timezone.localdate()
    actor = case.case_manager
    work = goal_create(
        actor=actor,
        case=case,
        title=WORK_GOAL,
        horizon="short",
        priority=1,
        due_date=today + timedelta(weeks=6),
        indicator="Arbeitet an drei Tagen pro Woche je vier Stunden im Lager, ohne zusätzliche Ausfälle",
        levels=RETURN_LEVELS,
        weight=2,
        shared_with_participants=True,  # the employer may see it; the pain goal stays private (#16)
    )
    pain = goal_create(
        actor=actor,
        case=case,
        title=PAIN_GOAL,
        horizon="medium",
        priority=2,
        due_date=today + timedelta(weeks=12),
        indicator="Führt das Übungsprogramm fünfmal pro Woche durch (Protokoll)",
        levels=PAIN_LEVELS,
    )
    measure_create(
        actor=actor,
        case=case,
        title="Stufenweise Wiedereingliederung im Lager",
        goals=[work.pk],
        responsible="client",
        start_date=today - timedelta(days=14),
        due_date=today + timedelta(weeks=6),
        cost_bearer="employer",
        status="active",
        resource_person="Reto Frei (Teamleiter, unterstützt vor Ort)",
        steps=[
            {"from_date": today - timedelta(days=14), "workload_percent": 25},
            {"from_date": today + timedelta(days=7), "workload_percent": 40},
            {"from_date": today + timedelta(days=28), "workload_percent": 50},
        ],
    )
    measure_create(
        actor=actor,
        case=case,
        title="Ergonomische Arbeitsplatzabklärung",
        goals=[work.pk, pain.pk],
        responsible="case_manager",
        start_date=today - timedelta(days=20),
        due_date=today - timedelta(days=3),
        planned_cost=Decimal("850.00"),
        cost_bearer="insurer",
    )
    physio = measure_create(
        actor=actor,
        case=case,
        title="Physiotherapie mit Rückentraining",
        goals=[pain.pk],
        responsible="client",
        start_date=today - timedelta(days=10),
        due_date=today + timedelta(weeks=10),
        planned_cost=Decimal("1200.00"),
        cost_bearer="health_insurance",
        status="active",
    )
    plan_schedule_save(
        actor=actor,
        case=case,
        version=0,
        review_interval_weeks=4,
        next_review_on=today - timedelta(days=REVIEW_DAYS_AGO[0]),
        as_of=today - timedelta(days=AGREED_DAYS_AGO),  # the schedule as it was set back then
    )
    plan_agree(actor=actor, case=case, agreed_on=today - timedelta(days=AGREED_DAYS_AGO), form="written")
    physio.refresh_from_db()
    measure_update(
        actor=actor,
        measure=physio,
        version=physio.version,
        changes={"planned_cost": Decimal("1440.00")},
        change_reason="Die Ärztin hat zwölf statt zehn Sitzungen verordnet.",
    )


def _juerg_reviews(case: Case) -> bool:
    """Two past reviews of the agreed plan (through the review service). False when there is nothing to do."""
    if Review.objects.filter(case=case).exists() or not PlanVersion.objects.filter(case=case).exists():
        return False
    today = timezone.localdate()
    actor = case.case_manager
    goals = {goal.title: goal for goal in Goal.objects.filter(case=case, status=GoalStatus.ACTIVE)}
    if set(goals) != set(REVIEW_SCORES[0]):
        return False  # the demo plan was changed by hand: leave it alone
    plan = Plan.objects.get(case=case)
    first_review = today - timedelta(days=REVIEW_DAYS_AGO[0])
    if plan.review_interval_weeks and plan.next_review_on != first_review:
        plan_schedule_save(
            actor=actor,
            case=case,
            version=plan.version,
            review_interval_weeks=plan.review_interval_weeks,
            next_review_on=first_review,
            change_reason="Demo: Überprüfungsrhythmus nachgetragen.",
            as_of=today - timedelta(days=AGREED_DAYS_AGO),
        )
    for days_ago, scores, note in zip(REVIEW_DAYS_AGO, REVIEW_SCORES, REVIEW_NOTES, strict=True):
        review_create(
            actor=actor,
            case=case,
            date=today - timedelta(days=days_ago),
            ratings=[{"goal": goals[title].pk, "score": score} for title, score in scores.items()],
            note=note,
        )
    return True


def _sabine(case: Case) -> None:
    today = timezone.localdate()
    actor = case.case_manager
    goal = goal_create(
        actor=actor,
        case=case,
        title="Schulden überblicken und einen Budgetplan führen",
        horizon="medium",
        priority=1,
        due_date=today + timedelta(weeks=8),
        indicator="Ein Budgetplan liegt vor und wird monatlich mit der Beratung besprochen",
        levels={
            "-2": "Keine Übersicht, neue Betreibungen",
            "-1": "Übersicht über die Schulden, aber kein Budget",
            "0": "Budgetplan erstellt und zwei Monate eingehalten",
            "1": "Zusätzlich erste Ratenvereinbarung abgeschlossen",
            "2": "Alle Gläubiger mit Ratenvereinbarung",
        },
    )
    measure_create(
        actor=actor,
        case=case,
        title="Termine bei der Schuldenberatung",
        goals=[goal.pk],
        responsible="client",
        due_date=today + timedelta(weeks=6),
        planned_cost=Decimal("0.00"),
        cost_bearer="other",
    )


DEMO_PLANS = [
    ("Jürg", "Müller", "anna", _juerg, _juerg_reviews),
    ("Sabine", "Wagner", "olga", _sabine, None),
]


def load() -> list[str]:
    """Create the demo plans where the demo case has no goals yet, and the reviews where none exist. Idempotent."""
    lines = []
    for first, last, manager, build, review in DEMO_PLANS:
        case = _case(first, last, manager)
        if case is None:
            lines.append(f"plans   {first} {last}: demo case missing, no plan loaded")
            continue
        done = []
        if not Goal.objects.filter(case=case).exists():
            build(case)
            done.append("goals, measures and plan")
        if review is not None and review(case):
            done.append("two reviews")
        if done:
            lines.append(f"plans   {case.reference} {first} {last}: {', '.join(done)}")
    return lines

"""Demo goals, measures and an agreed plan for the demo cases. Loaded by `load_demo` after cases."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.cases.models import Case
from reintegra.plans.models import Goal
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.measures import measure_create, measure_update
from reintegra.plans.services.plan import plan_agree, plan_schedule_save

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
        title="Rückkehr an den Arbeitsplatz zu 50 %",
        horizon="short",
        priority=1,
        due_date=today + timedelta(weeks=6),
        indicator="Arbeitet an drei Tagen pro Woche je vier Stunden im Lager, ohne zusätzliche Ausfälle",
        levels=RETURN_LEVELS,
        weight=2,
    )
    pain = goal_create(
        actor=actor,
        case=case,
        title="Rückenschmerzen im Alltag bewältigen",
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
    plan_schedule_save(actor=actor, case=case, version=0, review_interval_weeks=4, next_review_on=None)
    plan_agree(actor=actor, case=case, agreed_on=today - timedelta(days=10), form="written")
    physio.refresh_from_db()
    measure_update(
        actor=actor,
        measure=physio,
        version=physio.version,
        data={"planned_cost": Decimal("1440.00")},
        change_reason="Die Ärztin hat zwölf statt zehn Sitzungen verordnet.",
    )


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


DEMO_PLANS = [("Jürg", "Müller", "anna", _juerg), ("Sabine", "Wagner", "olga", _sabine)]


def load() -> list[str]:
    """Create the demo plans where the demo case has no goals yet. Idempotent."""
    lines = []
    for first, last, manager, build in DEMO_PLANS:
        case = _case(first, last, manager)
        if case is None:
            lines.append(f"plans   {first} {last}: demo case missing, no plan loaded")
            continue
        if Goal.objects.filter(case=case).exists():
            continue
        build(case)
        lines.append(f"plans   {case.reference} {first} {last}: goals, measures and plan")
    return lines

"""A realistic team for Demo AG (issue #14): about 30 cases of anna (Basel) and ben (Zürich), the
units carla leads, spread over the phases; some reviews due this week, some overdue, a measure
overdue, and one case handed over by carla from anna to ben. Loaded by `load_demo` after cases and
plans; idempotent (each case is known by its client's name) and written in one transaction.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.assessments.services import assessment_record
from reintegra.cases.models import Case, CaseEvent, CasePhase, CaseType, PhaseStatus
from reintegra.cases.services.case import case_create
from reintegra.cases.services.intake import intake_save
from reintegra.cases.services.participants import incapacity_add
from reintegra.cases.services.phases import phase_complete
from reintegra.cases.services.reassign import case_reassign
from reintegra.plans.models import Plan
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.measures import measure_create
from reintegra.plans.services.plan import plan_agree, plan_schedule_save

STAGES = ("intake", "assessment", "planning", "monitoring", "evaluation")
# manager, case type, first name, last name, stage, next review (days from today, monitoring only)
TEAM_CASES = [
    ("anna", "bem", "Reto", "Ammann", "intake", None),
    ("anna", "bem", "Claudia", "Baumann", "intake", None),
    ("anna", "iv-early", "Luca", "Bianchi", "assessment", None),
    ("anna", "bem", "Nadine", "Brunner", "assessment", None),
    ("anna", "general", "Stefan", "Frei", "assessment", None),
    ("anna", "bem", "Andrea", "Gerber", "planning", None),
    ("anna", "iv-early", "Mehmet", "Yilmaz", "planning", None),
    ("anna", "bem", "Sandra", "Huber", "monitoring", -6),
    ("anna", "bem", "Thomas", "Kaufmann", "monitoring", 2),
    ("anna", "iv-early", "Petra", "Lehmann", "monitoring", 5),
    ("anna", "bem", "Daniel", "Meier", "monitoring", 24),
    ("anna", "general", "Silvia", "Moser", "evaluation", None),
    ("anna", "bem", "Fabian", "Schmid", "evaluation", None),
    ("anna", "bem", "Monika", "Steiner", "monitoring", -2),
    ("ben", "bem", "Patrick", "Suter", "intake", None),
    ("ben", "iv-early", "Ursula", "Vogel", "intake", None),
    ("ben", "bem", "Kevin", "Weber", "assessment", None),
    ("ben", "bem", "Jasmin", "Widmer", "assessment", None),
    ("ben", "general", "Roland", "Wyss", "planning", None),
    ("ben", "bem", "Elena", "Zimmermann", "planning", None),
    ("ben", "iv-early", "Marc", "Bühler", "monitoring", -10),
    ("ben", "bem", "Karin", "Graf", "monitoring", 1),
    ("ben", "bem", "Adrian", "Hofmann", "monitoring", 13),
    ("ben", "general", "Laura", "Keller", "monitoring", 30),
    ("ben", "bem", "Simon", "Marti", "evaluation", None),
    ("ben", "iv-early", "Ivana", "Petrović", "evaluation", None),
    ("ben", "bem", "Beat", "Roth", "monitoring", 4),
]
# carla hands this case from anna to ben (a handover in the history)
HANDOVER = ("Monika", "Steiner", "Neuverteilung im Team: Frau Keller übernimmt die Leitung eines Projekts.")
OVERRIDE = "Demo: Unterlagen liegen auf Papier vor"
LEVELS = {
    "-2": "Weiterhin vollständig arbeitsunfähig",
    "-1": "Arbeitet 20 %",
    "0": "Arbeitet 50 %",
    "1": "Arbeitet 70 %",
    "2": "Arbeitet wieder im vollen Pensum",
}
INTAKE = {
    "criteria_met": True,
    "decision": "admitted",
    "decision_reason": "Mehr als 42 Tage arbeitsunfähig innerhalb eines Jahres",
    "client_informed": True,
    "commissioning_party_disclosed": True,
    "cooperation_agreed": True,
}


def _fresh(case: Case) -> Case:
    return Case.objects.select_related("case_type", "organisation", "client", "intake").get(pk=case.pk)


def _build(manager: User, type_key: str, first: str, last: str, stage: str, review_in: int | None) -> Case:
    today = timezone.localdate()
    level = STAGES.index(stage)
    case_type = CaseType.objects.get(organisation=manager.organisation, key=type_key)
    case = case_create(
        actor=manager,
        case_type=case_type,
        client={"first_name": first, "last_name": last},
        commissioning_party={"name": "Demo AG, HR", "kind": "employer"},
        summary="Demo-Fall des Teams.",
        opened_on=today - timedelta(days=20 + 15 * level),
    )
    incapacity_add(
        actor=manager,
        case=case,
        data={"start": today - timedelta(days=60 + 10 * level), "percent": 100, "certificate": True},
    )
    if level == 0:
        return case
    case = _fresh(case)
    intake_save(actor=manager, case=case, version=case.version, data=INTAKE)  # type: ignore[arg-type]
    phase_complete(actor=manager, case=_fresh(case), key="intake", override_reason=OVERRIDE)
    assessment_record(
        actor=manager,
        case=_fresh(case),
        date=today - timedelta(days=10 * level),
        items=[{"domain": "work", "kind": "need", "text": "Schrittweiser Wiedereinstieg", "icf_code": "d850"}],
    )
    if level == 1:
        return case
    phase_complete(actor=manager, case=_fresh(case), key="assessment", override_reason=OVERRIDE)
    goal = goal_create(
        actor=manager,
        case=_fresh(case),
        title="Rückkehr an den Arbeitsplatz zu 50 %",
        horizon="short",
        priority=1,
        due_date=today + timedelta(days=60),
        indicator="Drei Tage pro Woche je vier Stunden",
        levels=LEVELS,
    )
    measure_create(
        actor=manager,
        case=_fresh(case),
        title="Arbeitsplatzabklärung",
        goals=[goal.pk],
        responsible="case_manager",
        due_date=today + timedelta(days=7 if level == 2 else 14),
    )
    if level == 2:
        return case
    plan_agree(actor=manager, case=_fresh(case), agreed_on=today - timedelta(days=20), form="written")
    phase_complete(actor=manager, case=_fresh(case), key="planning", override_reason=OVERRIDE)
    plan = Plan.objects.get(case=case)
    next_review = today + timedelta(days=review_in if review_in is not None else 21)
    plan_schedule_save(
        actor=manager,
        case=_fresh(case),
        version=plan.version,
        review_interval_weeks=4,
        next_review_on=next_review,
        as_of=today - timedelta(days=20),  # set at the agreement: an overdue review is part of the demo
    )
    if level == 3:
        _under_way(case, "monitoring")  # implementation under way, the first review still to come
        return case
    phase_complete(actor=manager, case=_fresh(case), key="monitoring", override_reason=OVERRIDE)
    _under_way(case, "evaluation")  # the evaluation is being prepared
    return case


def _under_way(case: Case, key: str) -> None:
    """Demo only: show a phase in progress before its first record (a review, the evaluation) exists."""
    CasePhase.objects.filter(case=case, key=key, status=PhaseStatus.NOT_STARTED).update(status=PhaseStatus.IN_PROGRESS)


def load() -> list[str]:
    people = {user.username: user for user in User.objects.filter(username__in=["anna", "ben", "carla"])}
    if len(people) < 3:
        return []
    known = set(
        Case.objects.filter(organisation=people["anna"].organisation).values_list(
            "client__first_name", "client__last_name"
        )
    )
    made = 0
    with transaction.atomic():
        for username, type_key, first, last, stage, review_in in TEAM_CASES:
            if (first, last) in known:
                continue
            _build(people[username], type_key, first, last, stage, review_in)
            made += 1
        first, last, reason = HANDOVER
        case = Case.objects.filter(client__first_name=first, client__last_name=last).first()
        if case is not None and not CaseEvent.objects.filter(case=case, kind="case_reassigned").exists():
            case_reassign(actor=people["carla"], case=case, to_user=people["ben"], reason=reason)
    return [f"team    {made} demo cases of anna and ben added (carla leads their units)"] if made else []

"""Demo responses: a Work Ability Index for Anna's BEM case (Jürg Müller), and satisfaction
survey links answered or declined, so that the results page has figures. Idempotent.

The survey links go to closed demo cases where there are any; otherwise to the other demo
cases (never Jürg Müller's, which the browser flow carries through evaluation and closure).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.questionnaires.engine import decimal_text
from reintegra.questionnaires.models import Questionnaire, Response, SurveyInvitation
from reintegra.questionnaires.services.responses import response_record
from reintegra.questionnaires.services.surveys import survey_answer, survey_invite

DEMO_WAI = {
    "wai_job_demands": 1.5,
    "wai_q1": 6,
    "wai_q2_physical": 2,
    "wai_q2_mental": 4,
    "wai_q3_diseases": 5,
    "wai_q4_impairment": 4,
    "wai_q5_sick_leave": 2,
    "wai_q6_prognosis": 4,
    "wai_q7a": 2,
    "wai_q7b": 3,
    "wai_q7c": 2,
}


# (client first name, last name, answers 1..4 in item order or None for declined)
DEMO_SURVEYS = [
    ("Aylin", "Demir", [4, 4, 3, 4, 3, 3, 4, 4]),
    ("Marco", "Bernasconi", None),
    ("Sabine", "Wagner", [3, 3, 4, 3, 2, 3, 4, 4]),
]
SATISFACTION_ITEMS = [
    "sat_informed",
    "sat_heard",
    "sat_decided",
    "sat_reachable",
    "sat_fitting",
    "sat_kept",
    "sat_trust",
    "sat_respect",
]
DEMO_ORGANISATIONS = ["Demo AG", "Sozialdienst Musterstadt"]


def _survey_cases() -> list[tuple[Case, list[int] | None]]:
    demo_cases = Case.objects.select_related("case_manager", "client", "organisation").filter(
        organisation__name__in=DEMO_ORGANISATIONS
    )
    closed = list(demo_cases.filter(status="closed").order_by("created_at"))
    if closed:
        patterns = [entry[2] for entry in DEMO_SURVEYS]
        return [(case, patterns[i % len(patterns)]) for i, case in enumerate(closed)]
    found = []
    for first, last, answers in DEMO_SURVEYS:
        case = demo_cases.filter(client__first_name=first, client__last_name=last).first()
        if case is not None:
            found.append((case, answers))
    return found


def load_surveys() -> list[str]:
    # A flush by a transactional test removes the shipped instruments: then there is nothing to send.
    if not Questionnaire.objects.filter(key="satisfaction", active=True).exists():
        return []
    lines = []
    for case, answers in _survey_cases():
        if SurveyInvitation.objects.filter(case=case).exists():
            continue
        invited = survey_invite(actor=case.case_manager, case=case, send_email=False)
        values = None if answers is None else dict(zip(SATISFACTION_ITEMS, answers, strict=True))
        response = survey_answer(invitation=invited.invitation, answers=values, declined=answers is None)
        shown = "declined" if response.declined else decimal_text(response.score or Decimal(0))
        lines.append(f"survey  {case.reference}: {shown}")
    return lines


def load() -> list[str]:
    lines = load_surveys()
    wai = Questionnaire.objects.filter(organisation__isnull=True, key="wai").first()
    anna = User.objects.filter(username="anna").first()
    if wai is None or anna is None:
        return lines
    case = Case.objects.filter(case_manager=anna, client__first_name="Jürg", client__last_name="Müller").first()
    if case is None or case.is_closed or Response.objects.filter(case=case, questionnaire=wai).exists():
        return lines
    response = response_record(
        actor=anna,
        case=case,
        questionnaire=wai,
        answers=DEMO_WAI,
        answered_on=timezone.localdate() - timedelta(days=3),
    )
    score = decimal_text(response.score) if response.score is not None else "-"
    return [*lines, f"wai     {case.reference}: {score} ({response.band.key if response.band else '-'})"]

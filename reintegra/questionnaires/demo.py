"""Demo responses: a Work Ability Index for Anna's BEM case (Jürg Müller). Idempotent."""

from datetime import timedelta

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.questionnaires.engine import decimal_text
from reintegra.questionnaires.models import Questionnaire, Response
from reintegra.questionnaires.services import response_record

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


def load() -> list[str]:
    wai = Questionnaire.objects.filter(organisation__isnull=True, key="wai").first()
    anna = User.objects.filter(username="anna").first()
    if wai is None or anna is None:
        return []
    case = Case.objects.filter(case_manager=anna, client__first_name="Jürg", client__last_name="Müller").first()
    if case is None or Response.objects.filter(case=case, questionnaire=wai).exists():
        return []
    response = response_record(
        actor=anna,
        case=case,
        questionnaire=wai,
        answers=DEMO_WAI,
        answered_on=timezone.localdate() - timedelta(days=3),
    )
    score = decimal_text(response.score) if response.score is not None else "-"
    return [f"wai     {case.reference}: {score} ({response.band.key if response.band else '-'})"]

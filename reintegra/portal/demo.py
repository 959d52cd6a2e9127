"""Demo data for the portals: Jürg Müller's portal account, and Emil (employer contact) on his case.

- `juerg` (password `reintegra-demo`) is the client portal account of Anna's demo case of Jürg Müller.
- Emil Brunner takes part in that case as the employer contact, the client consented to sharing
  with the employer, and Emil is responsible for one measure (an adapted workplace).
Idempotent: runs again without duplicating anything. Loaded after accounts, cases and plans.
"""

from datetime import timedelta

from django.utils import timezone

from reintegra.accounts.demo import DEMO_PASSWORD
from reintegra.accounts.models import Membership, Role, User
from reintegra.cases.models import Case, Participant
from reintegra.cases.services.participants import participant_create
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record
from reintegra.plans.models import Goal, Measure
from reintegra.plans.services.measures import measure_create

MEASURE_TITLE = "Arbeitsplatz im Lager anpassen (Hebehilfe)"


def _client_account(case: Case) -> str:
    client = case.client
    user = User.objects.filter(username="juerg").first()
    if user is None:
        user = User(username="juerg")
    user.organisation = case.organisation
    user.first_name, user.last_name = client.first_name, client.last_name
    user.email = client.email or ""
    user.is_demo = True
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.get_or_create(
        user=user, role=Role.CLIENT, unit=None, defaults={"organisation": case.organisation}
    )
    if client.user_id != user.pk:
        client.user = user
        client.save(update_fields=["user", "updated_at"])
    return f"portal  juerg: client portal account of {client} ({case.reference})"


def _employer(case: Case) -> list[str]:
    lines = []
    emil = User.objects.filter(username="emil").first()
    if emil is None:
        return ["portal  emil missing: no employer demo"]
    actor = case.case_manager
    participant = Participant.objects.filter(case=case, user=emil).first()
    if participant is None:
        participant = participant_create(
            actor=actor,
            case=case,
            data={"role": "employer_contact", "name": emil.display_name, "organisation_name": "Demo AG, HR"},
            user=emil,
        )
        lines.append(f"portal  emil: employer contact on {case.reference}")
    today = timezone.localdate()
    if not Consent.objects.filter(case=case, purpose="data_collection").exists():
        consent_record(
            actor=actor, case=case, purpose="data_collection", form="written", given_on=today - timedelta(days=30)
        )
    if not Consent.objects.filter(case=case, purpose="share_with_employer", withdrawn_on__isnull=True).exists():
        consent_record(
            actor=actor,
            case=case,
            purpose="share_with_employer",
            form="written",
            given_on=today - timedelta(days=14),
            scope="Massnahmen am Arbeitsplatz und vereinbarte Ziele",
        )
        lines.append(f"portal  {case.reference}: consent to share with the employer")
    goal = Goal.objects.filter(case=case).order_by("priority", "created_at").first()
    if goal is not None and not Measure.objects.filter(case=case, responsible_participant=participant).exists():
        measure_create(
            actor=actor,
            case=case,
            title=MEASURE_TITLE,
            goals=[goal.pk],
            responsible=str(participant.pk),
            start_date=today - timedelta(days=3),
            due_date=today + timedelta(days=10),
            cost_bearer="employer",
            status="active",
            change_reason="Arbeitgeber übernimmt die Anpassung des Arbeitsplatzes.",
        )
        lines.append(f"portal  emil: responsible for “{MEASURE_TITLE}”")
    return lines


def load() -> list[str]:
    case = (
        Case.objects.select_related("client", "case_manager", "organisation")
        .filter(client__first_name="Jürg", client__last_name="Müller", case_manager__username="anna")
        .first()
    )
    if case is None or case.is_closed:
        return ["portal  Jürg Müller's demo case missing: no portal demo"]
    return [_client_account(case), *_employer(case)]

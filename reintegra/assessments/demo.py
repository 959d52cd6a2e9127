"""Demo data: an assessment and a network map for Anna's demo case of Jürg Müller (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.assessments.models import Assessment, NetworkMap
from reintegra.assessments.services import ItemInput, NodeInput, assessment_record, network_map_save
from reintegra.cases.models import Case

ITEMS: list[ItemInput] = [
    {"domain": "health", "kind": "problem", "text": "Rückenschmerzen beim Heben und langen Sitzen.",
     "professional_rating": 3, "client_rating": 1, "icf_code": "b280"},
    {"domain": "work", "kind": "problem", "text": "Schwere Lasten im Lager sind derzeit nicht möglich.",
     "professional_rating": 2, "client_rating": 2, "icf_code": "d430"},
    {"domain": "social", "kind": "resource", "text": "Die Ehefrau unterstützt im Alltag und bei Terminen.",
     "professional_rating": 3, "client_rating": 4, "icf_code": "e310", "source_name": "Käthi Müller"},
    {"domain": "work", "kind": "resource", "text": "Langjährige Erfahrung, geschätzt im Team.",
     "professional_rating": 3, "client_rating": 3},
    {"domain": "work", "kind": "need", "text": "Möchte schrittweise an den Arbeitsplatz zurück.", "icf_code": "d850"},
]  # fmt: skip

NODES: list[NodeInput] = [
    {"name": "Käthi Müller (Ehefrau)", "sector": "family", "closeness": 1, "tie": "strong", "support": "gives"},
    {"name": "Sohn Luca", "sector": "family", "closeness": 2, "tie": "weak", "support": "receives"},
    {"name": "Nachbar Herr Jäggi", "sector": "friends", "closeness": 3, "tie": "weak", "support": "none"},
    {"name": "Turnverein", "sector": "friends", "closeness": 2, "tie": "weak", "support": "both"},
    {"name": "Teamleiter Lager", "sector": "work", "closeness": 2, "tie": "stressful", "support": "none"},
    {"name": "Kollege Beat", "sector": "work", "closeness": 1, "tie": "strong", "support": "gives"},
    {"name": "Dr. Keller (Hausärztin)", "sector": "professional", "closeness": 2, "tie": "strong", "support": "gives"},
    {"name": "Physiotherapie Rhein", "sector": "professional", "closeness": 3, "tie": "weak", "support": "gives"},
]


def load() -> list[str]:
    manager = User.objects.filter(username="anna").first()
    case = Case.objects.filter(case_manager=manager, client__first_name="Jürg", client__last_name="Müller").first()
    if manager is None or case is None or case.is_closed:
        return []
    lines = []
    if not Assessment.objects.filter(case=case).exists():
        day = timezone.localdate() - timedelta(days=3)
        assessment_record(actor=manager, case=case, date=day, items=ITEMS)
        lines.append(f"assessment {case.reference} ({len(ITEMS)} items)")
    if not NetworkMap.objects.filter(case=case).exists():
        network_map_save(actor=manager, case=case, nodes=NODES, version=0)
        lines.append(f"network   {case.reference} ({len(NODES)} persons)")
    return lines

"""Demo cases for Demo AG (Anna's and Ben's) and for Sozialdienst Musterstadt (Olga's)."""

import unicodedata
from datetime import timedelta
from typing import cast

from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.cases.inputs import CommissioningParty
from reintegra.cases.models import Case, CaseType
from reintegra.cases.services.case import case_create, case_types_ensure_shipped
from reintegra.cases.services.participants import incapacity_add

DEMO_CASES = [
    # username, case type, first name, last name, commissioning party, incapacity days ago (start, end)
    ("anna", "bem", "Jürg", "Müller", {"name": "Demo AG, HR", "kind": "employer"}, (70, 20)),
    ("anna", "iv-early", "Aylin", "Demir", {"name": "Helvetia Taggeld", "kind": "insurer"}, (40, 5)),
    ("ben", "bem", "Marco", "Bernasconi", {"name": "Demo AG, HR", "kind": "employer"}, (50, 1)),
    ("olga", "general", "Sabine", "Wagner", None, None),
]

# The clients' postal addresses and languages ("": the organisation's, German): Aylin Demir lives in
# Biel/Bienne and reads her letters, PDFs and e-mails in French.
DEMO_ADDRESSES = {
    ("Jürg", "Müller"): ("Bahnhofstrasse 12\n8001 Zürich", ""),
    ("Aylin", "Demir"): ("Rue du Marché 8\n2502 Biel/Bienne", "fr"),
    ("Marco", "Bernasconi"): ("Seestrasse 40\n8810 Horgen", ""),
    ("Sabine", "Wagner"): ("Hauptstrasse 3\n12345 Musterstadt", ""),
}


def _demo_email(first: str, last: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return f"{ascii_name.lower()}@example.org"


def load() -> list[str]:
    lines = []
    for organisation in Organisation.objects.filter(name__in=["Demo AG", "Sozialdienst Musterstadt"]):
        case_types_ensure_shipped(organisation=organisation)
    today = timezone.localdate()
    for username, type_key, first, last, party, incapacity in DEMO_CASES:
        manager = User.objects.get(username=username)
        if Case.objects.filter(client__first_name=first, client__last_name=last, case_manager=manager).exists():
            continue
        case_type = CaseType.objects.get(organisation=manager.organisation, key=type_key)
        case = case_create(
            actor=manager,
            case_type=case_type,
            client={
                "first_name": first,
                "last_name": last,
                "email": _demo_email(first, last),
                "postal_address": DEMO_ADDRESSES[(first, last)][0],
                "language": DEMO_ADDRESSES[(first, last)][1],
            },
            commissioning_party=cast(CommissioningParty | None, party),
            summary="Demo-Fall: Rückkehr an den Arbeitsplatz nach längerer Arbeitsunfähigkeit.",
        )
        if incapacity:
            incapacity_add(
                actor=manager,
                case=case,
                data={
                    "start": today - timedelta(days=incapacity[0]),
                    "end": today - timedelta(days=incapacity[1]),
                    "percent": 100,
                    "certificate": True,
                },
            )
        lines.append(f"case    {case.reference} {first} {last} ({username})")
    return lines

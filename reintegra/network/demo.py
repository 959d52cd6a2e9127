"""Demo service directory for the demo organisations, and referrals on a demo case.

Loaded by `load_demo` after accounts, cases and plans (INSTALLED_APPS order).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.cases.models import Case
from reintegra.consents.selectors import has_active_consent
from reintegra.consents.services import consent_record
from reintegra.network.demo_data import DIRECTORIES
from reintegra.network.models import Offer, Provider, Referral
from reintegra.network.services.referrals import CONSENT_PURPOSE, referral_create, referral_transition


def load() -> list[str]:
    """Create the demo providers and offers where they are missing. Idempotent."""
    lines = []
    for org_name, entries in DIRECTORIES.items():
        organisation = Organisation.objects.filter(name=org_name).first()
        if organisation is None:
            lines.append(f"network  {org_name}: organisation missing, no providers loaded")
            continue
        created = 0
        for entry in entries:
            provider, was_created = Provider.objects.get_or_create(
                organisation=organisation,
                name=entry.name,
                defaults={
                    "category": entry.category,
                    "region": entry.region,
                    "contact_person": entry.person,
                    "phone": entry.phone,
                    "email": f"kontakt@{entry.domain}",
                    "website": f"https://www.{entry.domain}",
                    "address": entry.address,
                    "description": entry.description,
                },
            )
            created += was_created
            for offer in entry.offers:
                Offer.objects.get_or_create(
                    provider=provider,
                    title=offer.title,
                    defaults={
                        "price": Decimal(offer.price) if offer.price is not None else None,
                        "unit": offer.unit,
                        "cost_note": offer.cost_note,
                    },
                )
        lines.append(f"network  {org_name}: {len(entries)} providers in the directory ({created} new)")
    lines.extend(_referrals())
    return lines


# Jürg Müller's referrals: (provider, the measure it serves, the steps after "proposed", note).
DEMO_REFERRALS = [
    (
        "Rheinknie Physiotherapie",
        "Physiotherapie mit Rückentraining",
        ["sent", "accepted", "started"],
        "Zwölf Sitzungen Rückentraining nach ärztlicher Verordnung.",
    ),
    (
        "ErgoPlus Arbeitsplatzberatung GmbH",
        "Ergonomische Arbeitsplatzabklärung",
        ["sent"],
        "Abklärung des Arbeitsplatzes im Lager, Termin mit dem Teamleiter abstimmen.",
    ),
]


def _referrals() -> list[str]:
    """Referrals on Jürg Müller's demo case in different states, with the consent sending needs."""
    case = (
        Case.objects.select_related("case_manager", "organisation")
        .filter(client__first_name="Jürg", client__last_name="Müller", case_manager__username="anna")
        .first()
    )
    if case is None:
        return ["network  Jürg Müller: demo case missing, no referrals loaded"]
    if Referral.objects.filter(case=case).exists() or case.is_closed:
        return []
    actor = case.case_manager
    today = timezone.localdate()
    if not has_active_consent(case, CONSENT_PURPOSE):
        consent_record(
            actor=actor,
            case=case,
            purpose=CONSENT_PURPOSE,
            form="written",
            given_on=today - timedelta(days=40),
            valid_until=today + timedelta(days=25),
            scope="Angaben zu Arbeitsplatz und Rückenbeschwerden an die beauftragten Fachstellen.",
        )
    made = 0
    for provider_name, measure_title, steps, note in DEMO_REFERRALS:
        provider = Provider.objects.filter(organisation=case.organisation, name=provider_name, active=True).first()
        if provider is None:
            continue
        measure_id = case.measures.filter(title=measure_title).values_list("pk", flat=True).first()
        referral = referral_create(actor=actor, case=case, provider_id=provider.pk, measure_id=measure_id, note=note)
        for step in steps:
            referral = referral_transition(actor=actor, case=case, referral=referral, to=step)
        made += 1
    return [f"network  {case.reference} Jürg Müller: {made} referrals"] if made else []

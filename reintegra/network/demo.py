"""Demo service directory for the demo organisations. Loaded by `load_demo` after accounts."""

from decimal import Decimal

from reintegra.accounts.models import Organisation
from reintegra.network.demo_data import DIRECTORIES
from reintegra.network.models import Offer, Provider


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
    return lines

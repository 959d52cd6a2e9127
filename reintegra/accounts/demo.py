"""Demo organisations and accounts (password `reintegra-demo`). Loaded only by `load_demo`."""

from reintegra.accounts.models import Membership, Organisation, Role, Unit, User
from reintegra.accounts.services import organisation_create

DEMO_PASSWORD = "reintegra-demo"  # noqa: S105 - documented demo password, never in production

# username, first name, last name, organisation, [(role, unit or None)]
DEMO_USERS: list[tuple[str, str, str, str, list[tuple[str, str | None]]]] = [
    ("anna", "Anna", "Keller", "Demo AG", [(Role.CASE_MANAGER, "Basel")]),
    ("ben", "Ben", "Müller", "Demo AG", [(Role.CASE_MANAGER, "Zürich")]),
    ("carla", "Carla", "Rossi", "Demo AG", [(Role.TEAM_LEAD, "Basel"), (Role.TEAM_LEAD, "Zürich")]),
    ("emil", "Emil", "Brunner", "Demo AG", [(Role.EMPLOYER_CONTACT, None)]),
    ("dora", "Dora", "Schmid", "Demo AG", [(Role.DATA_PROTECTION, None)]),
    ("admin", "Adrian", "Meier", "Demo AG", [(Role.ORG_ADMIN, None)]),
    ("olga", "Olga", "Schneider", "Sozialdienst Musterstadt", [(Role.CASE_MANAGER, "Beratung")]),
]
# The letterhead's address and place, set once (an admin's later change is kept).
DEMO_LETTERHEADS = {
    "Demo AG": ("Case Management\nAeschenvorstadt 12\n4051 Basel", "Basel"),
    "Sozialdienst Musterstadt": ("Rathausplatz 1\n12345 Musterstadt", "Musterstadt"),
}
DEMO_ORGANISATIONS = {
    "Demo AG": ("CHF", ["Basel", "Zürich"]),
    "Sozialdienst Musterstadt": ("EUR", ["Beratung"]),
}


def load() -> list[str]:
    """Create or refresh the demo organisations and accounts. Idempotent."""
    lines = []
    units: dict[tuple[str, str], Unit] = {}
    for org_name, (currency, unit_names) in DEMO_ORGANISATIONS.items():
        organisation = Organisation.objects.filter(name=org_name).first() or organisation_create(
            name=org_name, currency=currency
        )
        address, place = DEMO_LETTERHEADS[org_name]
        Organisation.objects.filter(pk=organisation.pk, postal_address="", place="").update(
            postal_address=address, place=place
        )
        for unit_name in unit_names:
            units[(org_name, unit_name)], _ = Unit.objects.get_or_create(organisation=organisation, name=unit_name)
    for username, first, last, org_name, roles in DEMO_USERS:
        organisation = Organisation.objects.get(name=org_name)
        user, _ = User.objects.get_or_create(username=username, defaults={"organisation": organisation})
        user.organisation = organisation
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.reintegra.invalid"
        user.is_demo = True
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        for role, unit_label in roles:
            unit = units[(org_name, unit_label)] if unit_label else None
            Membership.objects.get_or_create(user=user, role=role, unit=unit, defaults={"organisation": organisation})
        described = ", ".join(str(Role(r).label) + (f" {u}" if u else "") for r, u in roles)
        lines.append(f"{username:<8} {org_name}: {described}")
    return lines

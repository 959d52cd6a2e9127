"""The fixed cast of the synthetic data: organisations, units, case managers, case types.

Idempotent (get_or_create by name), deterministic (names from a seeded generator, lists
in a fixed order). The demo accounts (`load_demo`) are part of it: Anna (Demo AG,
Basel) manages a tenth of all generated cases, so her case list and start page are big.
"""

import io
import random
from typing import Any

from django.core.management import call_command

from reintegra.accounts.models import Membership, Organisation, Role, Unit, User
from reintegra.accounts.services import organisation_create
from reintegra.cases.models import CaseType
from reintegra.cases.services.case import case_types_ensure_shipped

from . import pools
from .common import Manager, OrgPlan

BENCH_USER = "anna"  # the case manager the harness signs in as
BENCH_ADMIN = "bench-admin"  # a superuser for the admin changelist peer
# (organisation, its share of all cases); the demo ones first.
ORG_WEIGHTS = [("Demo AG", 0.5), ("Sozialdienst Musterstadt", 0.1)] + [
    (name, 0.1) for name, _c, _u in pools.ORGANISATIONS
]
# Demo case managers and their share of their organisation's cases.
DEMO_MANAGER_SHARE = {"anna": 0.2, "ben": 0.1, "olga": 0.3}
MANAGERS_PER_UNIT = 2


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum())[:12]


def _user(username: str, organisation: Organisation, rng: random.Random, *, unit: Unit | None, role: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "organisation": organisation,
            "first_name": rng.choice(pools.FIRST_NAMES),
            "last_name": rng.choice(pools.LAST_NAMES),
            "email": f"{username}@bench.invalid",
            "is_demo": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, role=role, unit=unit, defaults={"organisation": organisation})
    return user


def ensure_cast(seed: int, *, focus: float | None = None) -> list[OrgPlan]:
    """Create (or find) everyone the generated cases refer to; return the plan per organisation.

    `focus`: the bench user's share of her organisation's cases (default 0.2).
    """
    shares = dict(DEMO_MANAGER_SHARE, **({BENCH_USER: focus} if focus is not None else {}))
    if not User.objects.filter(username=BENCH_USER).exists():
        call_command("load_demo", stdout=io.StringIO())
    rng = random.Random(seed)
    User.objects.get_or_create(username=BENCH_ADMIN, defaults={"is_staff": True, "is_superuser": True, "is_demo": True})
    currencies = {name: currency for name, currency, _units in pools.ORGANISATIONS}
    unit_names = {name: units for name, _currency, units in pools.ORGANISATIONS}
    plans = []
    for org_name, _weight in ORG_WEIGHTS:
        # Created as the product creates an organisation (with its shipped case types).
        organisation = Organisation.objects.filter(name=org_name).first() or organisation_create(
            name=org_name, currency=currencies.get(org_name, "CHF")
        )
        for unit_name in [*unit_names.get(org_name, []), *pools.DEMO_EXTRA_UNITS.get(org_name, [])]:
            Unit.objects.get_or_create(organisation=organisation, name=unit_name)
        case_types_ensure_shipped(organisation=organisation)
        units = list(Unit.objects.filter(organisation=organisation).order_by("name"))
        managers: list[Manager] = []
        weights: list[float] = []
        for user in User.objects.filter(organisation=organisation, username__in=DEMO_MANAGER_SHARE).order_by(
            "username"
        ):
            unit_id = (
                Membership.objects.filter(user=user, role=Role.CASE_MANAGER).values_list("unit_id", flat=True).first()
            )
            managers.append(Manager(user.pk, unit_id))
            weights.append(shares[user.username])
        generated = []
        for unit in units:
            for n in range(MANAGERS_PER_UNIT):
                username = f"bench-{_slug(org_name)}-{_slug(unit.name)}-{n + 1}"
                user = _user(username, organisation, rng, unit=unit, role=Role.CASE_MANAGER)
                generated.append(Manager(user.pk, unit.pk))
        _user(f"bench-{_slug(org_name)}-lead", organisation, rng, unit=None, role=Role.TEAM_LEAD)
        rest = max(1.0 - sum(weights), 0.001) / len(generated)
        managers += generated
        weights += [rest] * len(generated)
        types = [
            (t.pk, t.key, t.reference_prefix)
            for t in CaseType.objects.filter(
                organisation=organisation, key__in=["bem", "iv-early", "general"]
            ).order_by("key")
        ]
        plans.append(
            OrgPlan(
                organisation_id=organisation.pk,
                case_types=types,
                managers=managers,
                manager_weights=weights,
                deputies=[m.user_id for m in managers],
            )
        )
    return plans


def org_weights() -> list[float]:
    return [weight for _name, weight in ORG_WEIGHTS]


def counters_for(plans: list[OrgPlan]) -> dict[tuple[Any, str, int], int]:
    from reintegra.cases.models import ReferenceCounter

    rows = ReferenceCounter.objects.filter(organisation_id__in=[p.organisation_id for p in plans])
    return {(row.organisation_id, row.prefix, row.year): row.last for row in rows}

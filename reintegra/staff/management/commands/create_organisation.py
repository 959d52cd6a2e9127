"""Set up a real organisation on a fresh install (no demo data): the organisation with its shipped
case types, optionally its first units, and its first organisation admin, who is invited by e-mail."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reintegra.accounts.models import Currency, Organisation, Role, User
from reintegra.accounts.services import organisation_create, unit_create
from reintegra.staff.services.invitations import StaffData, invitation_days, staff_invite


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = (
        "Create an organisation with its shipped case types and invite its first organisation admin by e-mail "
        "(the link to set a password goes only to that address)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The organisation's name, e.g. 'Muster AG'.")
        parser.add_argument("--admin-email", required=True, help="Where the first admin's invitation goes.")
        parser.add_argument("--admin-username", default="", help="Default: the e-mail address.")
        parser.add_argument("--admin-first-name", default="")
        parser.add_argument("--admin-last-name", default="")
        parser.add_argument("--currency", default=Currency.CHF, choices=Currency.values)
        parser.add_argument(
            "--unit", action="append", default=[], dest="units", help="A first unit (repeat for several)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        email = options["admin_email"].strip()
        if Organisation.objects.filter(name__iexact=name).exists():
            raise CommandError(f"An organisation named {name!r} exists already.")
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"The e-mail address {email} is already in use by another account.")
        try:
            with transaction.atomic():
                organisation = organisation_create(name=name, currency=options["currency"])
                for unit_name in options["units"]:
                    unit_create(organisation=organisation, name=unit_name.strip())
                admin = staff_invite(
                    actor=None,
                    organisation=organisation,
                    data=StaffData(
                        username=options["admin_username"].strip() or email.lower(),
                        email=email,
                        first_name=options["admin_first_name"],
                        last_name=options["admin_last_name"],
                        roles=[{"role": Role.ORG_ADMIN, "unit": None}],
                    ),
                )
        except ValidationError as exc:
            raise CommandError(_errors(exc)) from exc
        case_types = ", ".join(organisation.case_types.order_by("key").values_list("key", flat=True))
        self.stdout.write(f"Organisation {organisation.name} (public short name: {organisation.slug}).")
        self.stdout.write(f"Case types: {case_types or '-'}.")
        if options["units"]:
            self.stdout.write(f"Units: {', '.join(options['units'])}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Invitation e-mailed to {admin.email} (username {admin.username}); the link works once and for "
                f"{invitation_days()} days. The admin then invites the staff from the page Staff (/staff/)."
            )
        )

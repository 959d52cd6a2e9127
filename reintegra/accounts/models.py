"""People and the organisations they work in."""

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from reintegra.core.models import BaseModel


class Currency(models.TextChoices):
    CHF = "CHF", "CHF"
    EUR = "EUR", "EUR"


class Organisation(BaseModel):
    """A tenant: a company, insurer, social service, hospital or counselling centre."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # Names public URLs (the anonymous first contact page `/k/<slug>/`); derived from the name when left empty.
    slug = models.SlugField(
        _("short name in public addresses"),
        max_length=60,
        unique=True,
        blank=True,
        help_text=_("Lower-case letters, digits and hyphens, e.g. demo-ag."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.CHF)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Zurich")
    case_managers_see_unit = models.BooleanField(
        _("case managers see all cases of their unit"),
        default=False,
        help_text=_("Off: case managers see the cases they manage or deputise."),
    )
    require_second_factor = models.BooleanField(_("staff must use a second factor"), default=False)
    # The letterhead of every letter (core.pdf.Letter): postal address, the place letters are dated at, logo.
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        default="",
        help_text=_("As it appears on letters, each part on its own line (e.g. street, postcode and place)."),
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, default="", help_text=_("Letters are dated here, e.g. Zürich.")
    )
    # A small PNG or JPEG (checked by staff.services.organisation.logo_check), kept in the database.
    logo = models.BinaryField(_("logo"), blank=True, null=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every way an organisation is made (services, factories, demo data, the admin) gets a
        # public slug without having to know about it; an explicit one is kept.
        if not self.slug:
            self.slug = organisation_slug_free(self.name, exclude_pk=self.pk)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)


def organisation_slug_free(name: str, *, exclude_pk: Any = None) -> str:
    """A slug for `name` that no other organisation uses yet (`demo-ag`, then `demo-ag-2`, …)."""
    base = (slugify(name) or "organisation")[:50].strip("-")
    taken = set(
        Organisation.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class Unit(BaseModel):
    """A department or site of an organisation (Abteilung, Standort)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=200)
    # A closed unit keeps its cases' history but takes no new roles (staff administration).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):  # type: ignore[django-manager-missing]  # knox ApiToken.user (untyped base)
    """A person who signs in: staff of an organisation, or a portal user (client, employer)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo account"), default=False, help_text=_("Needs no second factor."))
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Pages and e-mails in this language; empty: the browser's."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    TEAM_LEAD = "team_lead", _("Team lead")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    DATA_PROTECTION = "data_protection", _("Data protection")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    CLIENT = "client", _("Client")


STAFF_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD, Role.ORG_ADMIN, Role.DATA_PROTECTION})
PORTAL_ROLES = frozenset({Role.EMPLOYER_CONTACT, Role.CLIENT})
# The roles that work on cases: they change case records (consents, plans, invites, ...).
CASE_WORKER_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD})


class Membership(BaseModel):
    """A role a user holds in their organisation, optionally bound to one unit."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships", null=True, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            # Organisation-wide roles (unit empty) are kept unique by membership_grant.
            models.UniqueConstraint(fields=["user", "role", "unit"], name="membership_unique_role_unit")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}" + (f" ({self.unit})" if self.unit else "")


class ApiToken(AbstractAuthToken):
    """An API token of one client program (django-rest-knox: stored as a hash, expiring).

    Each sign-in through `/api/v1/auth/token/` or the token page makes a new one, named after the
    program that asked for it; it expires 12 hours after its last use and at the latest
    `REINTEGRA_API_TOKEN_MAX_DAYS` after it was made. Password change, deactivation and "sign out
    everywhere" delete all of a person's tokens.
    """

    client: "models.CharField[str, str]" = models.CharField(_("program"), max_length=100, blank=True)
    last_used_at: "models.DateTimeField[datetime | None, datetime | None]" = models.DateTimeField(
        _("last used"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

"""The service directory: providers (Anbieter, Fachstellen) and what they offer.

Each organisation keeps its own directory. Case work links to it: measures name a
provider and referrals send a client to one, so `Provider` is the stable target of
those foreign keys (they should use `on_delete=PROTECT`; providers are retired with
`active=False`, never deleted).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.core.models import BaseModel
from reintegra.network.querysets import ProviderQuerySet


class ProviderCategory(models.TextChoices):
    ERGONOMICS = "ergonomics", _("Ergonomics")
    JOB_COACHING = "job_coaching", _("Job coaching")
    PSYCHOTHERAPY = "psychotherapy", _("Psychotherapy")
    DEBT_COUNSELLING = "debt_counselling", _("Debt counselling")
    ADDICTION_COUNSELLING = "addiction_counselling", _("Addiction counselling")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    PHYSIOTHERAPY = "physiotherapy", _("Physiotherapy")
    OCCUPATIONAL_MEDICINE = "occupational_medicine", _("Occupational medicine")
    SOCIAL_COUNSELLING = "social_counselling", _("Social counselling")
    OTHER = "other", _("Other")


class Provider(BaseModel):
    """A service provider in one organisation's directory, with its contact details.

    Business data about a provider, not personal data about clients: the fields stay
    plain so that they can be searched.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=32, choices=ProviderCategory.choices)
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("For example Basel-Stadt, Zürich or Berlin.")
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
        help_text=_("Referral letters to this provider are written in this language (empty: the organisation's)."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive providers stay in the directory but get no referrals.")
    )

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="provider_unique_name")]
        indexes = [models.Index(fields=["organisation", "category"], name="provider_org_category")]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:provider_detail", args=[self.pk])


class Offer(BaseModel):
    """One service a provider offers (a course, a counselling series), with its price if known.

    Prices are in the organisation's currency (CHF or EUR).
    """

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("What the price is for, for example per hour.")
    )
    cost_note = models.CharField(
        _("cost note"),
        max_length=300,
        blank=True,
        help_text=_("For example who usually pays, or how the price is agreed."),
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.title

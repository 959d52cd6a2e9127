"""Phase 2 (Situation & Bedarf): assessments rated from two perspectives, and the network map (ecomap)."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import Case, Participant
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel

# ICF category codes (WHO): the component letter — b body functions, d activities and
# participation, e environmental factors, s body structures (personal factors have no
# codes) — followed by 3 to 5 ASCII digits: 3 = second level (b152), 4 = third level
# (b1520), 5 = fourth level (b15200). Chapter codes (b1) are too coarse to be useful for
# an item, and ICF has no codes with more digits. `[0-9]`, not `\d`: `\d` would accept
# non-ASCII digits. Input is normalised to lower case and stripped before validation;
# a qualifier suffix (d850.2) is not part of the code: the ratings carry it.
ICF_CODE_PATTERN = r"^[bdes][0-9]{3,5}$"
icf_code_validator = RegexValidator(
    ICF_CODE_PATTERN,
    _("Enter an ICF code: b, d, e or s followed by 3 to 5 digits, for example b152, d850 or e310."),
    code="invalid_icf_code",
)

RATING_MIN, RATING_MAX = 0, 4


class Domain(models.TextChoices):
    """Life and care domains of the assessment (DOMAIN.md, phase 2)."""

    WORK = "work", _("Work")
    HEALTH = "health", _("Health")
    FINANCES = "finances", _("Finances")
    HOUSING = "housing", _("Housing")
    SOCIAL = "social", _("Family and social network")
    MOBILITY = "mobility", _("Mobility")
    EDUCATION = "education", _("Education")
    LEISURE = "leisure", _("Leisure")
    OTHER = "other", _("Other")


DOMAIN_ORDER = [domain.value for domain in Domain]


class ItemKind(models.TextChoices):
    PROBLEM = "problem", _("Problem")
    RESOURCE = "resource", _("Resource")
    NEED = "need", _("Need or wish")


class RatingSource(models.TextChoices):
    """Who entered the client's rating.

    Today a case worker records it in conversation with the client (`staff`); the client
    portal will let clients enter their own (`client`). Both are the client's perspective.
    """

    STAFF = "staff", _("recorded by the case worker")
    CLIENT = "client", _("entered by the client")


class Assessment(BaseModel):
    """One assessment of a case on a date: items by domain, each rated from two perspectives."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField(_("date of the assessment"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["case", "-date", "-created_at"], name="assessment_case_date_idx")]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"Assessment {self.date} ({self.case_id})"


def _rating_field(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
    )


class AssessmentItem(BaseModel):
    """A problem, resource or need in one domain, with the professionals' and the client's rating.

    Ratings follow the ICF qualifier: 0 none … 4 complete problem; for resources 0 none …
    4 strong. Either rating may be missing. The text may hold health detail: encrypted.
    A person from the client's environment can be named as the source of the item, as
    free text or as a participant of the case.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text = EncryptedTextField(_("description"))
    icf_code = models.CharField(_("ICF code"), max_length=6, blank=True, validators=[icf_code_validator])
    professional_rating = _rating_field(_("professionals' rating"))
    client_rating = _rating_field(_("client's rating"))
    client_rating_source = models.CharField(
        _("client's rating entered"), max_length=10, choices=RatingSource.choices, blank=True
    )
    client_rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client's rating entered by"),
    )
    client_rated_at = models.DateTimeField(_("client's rating entered at"), null=True, blank=True)
    source_name = models.CharField(_("source (person)"), max_length=200, blank=True)
    source_participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_items",
        verbose_name=_("source (participant)"),
    )

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(professional_rating__isnull=True) | models.Q(professional_rating__lte=RATING_MAX),
                name="assessmentitem_professional_rating_range",
            ),
            models.CheckConstraint(
                condition=models.Q(client_rating__isnull=True) | models.Q(client_rating__lte=RATING_MAX),
                name="assessmentitem_client_rating_range",
            ),
        ]
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")

    def __str__(self) -> str:
        return f"{self.domain}/{self.kind} #{self.position}"

    @property
    def both_rated(self) -> bool:
        return self.professional_rating is not None and self.client_rating is not None

    @property
    def rating_difference(self) -> int | None:
        """How far the two perspectives lie apart (None unless both rated)."""
        if self.professional_rating is None or self.client_rating is None:
            return None
        return abs(self.professional_rating - self.client_rating)

    @property
    def perspectives_differ(self) -> bool:
        """The two ratings lie 2 or more steps apart: worth talking about."""
        difference = self.rating_difference
        return difference is not None and difference >= 2

    @property
    def source_label(self) -> str:
        if self.source_participant_id is not None and self.source_participant is not None:
            return self.source_participant.name
        return self.source_name


class Sector(models.TextChoices):
    FAMILY = "family", _("Family")
    FRIENDS = "friends", _("Friends and neighbours")
    WORK = "work", _("Work and colleagues")
    PROFESSIONAL = "professional", _("Professional helpers")


class Closeness(models.IntegerChoices):
    CLOSE = 1, _("1 – close")
    MIDDLE = 2, _("2 – middle")
    DISTANT = 3, _("3 – distant")


class Tie(models.TextChoices):
    STRONG = "strong", _("strong")
    WEAK = "weak", _("weak")
    STRESSFUL = "stressful", _("stressful")


class Support(models.TextChoices):
    GIVES = "gives", _("gives support to the client")
    RECEIVES = "receives", _("receives support from the client")
    BOTH = "both", _("both ways")
    NONE = "none", _("no support")


class NetworkMap(BaseModel):
    """The client's social and local environment (ecomap). One per case, versioned as a whole.

    A case without a map answers `version` 0; the first save (with version 0) creates it
    with version 1, and every later save must send the stored version.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="network_map")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("network map")
        verbose_name_plural = _("network maps")

    def __str__(self) -> str:
        return f"Network map {self.case_id} v{self.version}"


class NetworkNode(BaseModel):
    """A person or group in the client's environment: sector, closeness (1 = closest), tie, support.

    Names are personal data but stay plain (they are labels on the map); reading the map is logged.
    """

    network_map = models.ForeignKey(NetworkMap, on_delete=models.CASCADE, related_name="nodes")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=120)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    closeness = models.PositiveSmallIntegerField(_("closeness"), choices=Closeness.choices)
    tie = models.CharField(_("tie"), max_length=10, choices=Tie.choices)
    support = models.CharField(_("support"), max_length=10, choices=Support.choices, blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("network node")
        verbose_name_plural = _("network nodes")

    def __str__(self) -> str:
        return f"{self.name} ({self.sector}, {self.closeness})"
